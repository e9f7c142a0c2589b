package dev.tracerlinks.redirector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.ErrorBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests the HTTP server refuses before any route sees them (a backslash or NUL in the path, a URI
 * or headers over the limits) get the redirector's page instead of Jetty's, which showed the URI back:
 * a fixed sentence per status, the headers every answer carries, and JSON for clients that ask for it.
 */
final class HttpServerErrorPage extends ErrorHandler {
    private final ObjectMapper mapper;
    private final Clock clock;

    HttpServerErrorPage(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        String title = HttpStatus.getMessage(code);
        String sentence = switch (code) {
            case 414 -> "The address is too long to be a tracer link.";
            case 431 -> "The request's headers are too large.";
            default -> code >= 500 ? "The redirector could not answer this request." : "The request could not be understood.";
        };
        Pages.SECURITY_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
        byte[] body;
        if (Pages.wantsJson(request.getHeaders().get(HttpHeader.ACCEPT))) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            body = mapper.writeValueAsBytes(ErrorBody.of(sentence, Map.of(), clock.instant()));
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
            body = Pages.html(title, sentence).getBytes(StandardCharsets.UTF_8);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
