// Runs the integration guide's sample redirect handler, unchanged, against a real tracker-api.
// The guide leaves redirect(), renderErrorPage() and getSessionId() to the host framework;
// this harness supplies them in a subclass and prints what the handler decided as JSON.
// usage: node harness.js <handler-file> <api-base-url> <api-key> <tracking-id>
const fs = require('fs');
const [handlerFile, apiBaseUrl, apiKey, trackingId] = process.argv.slice(2);
const LinkRedirectHandler = new Function(fs.readFileSync(handlerFile, 'utf8') + '\nreturn LinkRedirectHandler;')();

class Harness extends LinkRedirectHandler {
  redirect(url) { return { outcome: 'redirect', location: url }; }
  renderErrorPage(message) { return { outcome: 'error', message }; }
  getSessionId(request) { return 'sess_harness'; }
}

const request = {
  url: `/track/${trackingId}?utm_source=email&utm_medium=application`,
  headers: {
    'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
    'referer': 'https://mail.google.com/mail/u/0/',
    'x-forwarded-for': '203.0.113.9, 10.0.0.1',
  },
  connection: { remoteAddress: '10.0.0.1' },
};

const originalError = console.error;
console.error = (...args) => originalError('[handler]', ...args);
new Harness(apiBaseUrl, apiKey).handleRedirect(trackingId, request)
  .then(result => process.stdout.write(JSON.stringify(result)));
