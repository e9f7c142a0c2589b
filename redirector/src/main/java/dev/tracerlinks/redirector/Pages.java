package dev.tracerlinks.redirector;

import dev.tracerlinks.model.ErrorBody;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/** The redirector's own answers when it cannot redirect: small HTML pages, or JSON when asked for. */
final class Pages {
    /** Headers on every answer of the redirector: redirects, its own pages, and errors of the HTTP server. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Robots-Tag", "noindex, nofollow",
            "X-Content-Type-Options", "nosniff");

    private Pages() {
    }

    static void error(Context ctx, int status, String title, String sentence, String token, Instant now) {
        SECURITY_HEADERS.forEach(ctx::header);
        ctx.status(status);
        if (wantsJson(ctx.header("Accept"))) {
            ctx.json(ErrorBody.of(sentence, token == null ? Map.of() : Map.of("tracking_id", token), now));
            return;
        }
        ctx.html(html(title, sentence));
    }

    static String html(String title, String sentence) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
                <title>%s</title></head>
                <body><h1>%s</h1><p>%s</p></body></html>
                """.formatted(escape(title), escape(title), escape(sentence));
    }

    /** JSON only for clients that ask for it and do not prefer HTML (browsers list text/html first). */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        int json = accept.indexOf("application/json");
        int html = accept.indexOf("text/html");
        return json >= 0 && (html < 0 || json < html);
    }

    /** Every piece of text that reaches a page passes through here, whatever its origin. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
