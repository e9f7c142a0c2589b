package dev.tracerlinks.tracker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.ErrorBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (a malformed URI, headers too large) get the
 * same JSON body as every other error, instead of Jetty's HTML page.
 */
public final class JettyErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;
    private final Clock clock;

    public JettyErrorHandler(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        String sentence = "The request was refused by the HTTP server: " + HttpStatus.getMessage(code) + ".";
        byte[] body = mapper.writeValueAsBytes(ErrorBody.of(sentence, Map.of(), clock.instant()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
