package dev.tracerlinks.redirector;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Enumeration;

/**
 * The redirector's size limits on a request: its URI and its headers. A tracer link is a few dozen
 * characters and a browser sends a few kilobytes of headers, so 8 KiB of either is abuse. Checked
 * here rather than by Jetty so the refusal is the redirector's own page (JSON when asked for);
 * Jetty's limit, 64 KiB, only stops what would not be worth reading at all.
 */
final class RequestLimits {
    static final int MAX_URI_BYTES = 8 * 1024;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int SERVER_HEADER_BYTES = 64 * 1024;

    private RequestLimits() {
    }

    static void check(Context ctx) {
        if (ctx.path().equals(ReadableRequests.UNREADABLE_TARGET)) {
            throw new HttpResponseException(400, "The address could not be read");
        }
        if (ReadableRequests.UNREADABLE_HOST.equals(ctx.req().getServerName())) {
            throw new HttpResponseException(400, "The Host header could not be read");
        }
        String query = ctx.queryString();
        if (ctx.path().length() + (query == null ? 0 : query.length() + 1) > MAX_URI_BYTES) {
            throw new HttpResponseException(414, "URI too long");
        }
        int headerBytes = 0;
        for (Enumeration<String> names = ctx.req().getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = ctx.req().getHeaders(name); values.hasMoreElements(); ) {
                headerBytes += name.length() + values.nextElement().length() + 4;
            }
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            throw new HttpResponseException(431, "Request headers too large");
        }
    }
}
