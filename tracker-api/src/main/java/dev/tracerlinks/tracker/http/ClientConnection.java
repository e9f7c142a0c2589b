package dev.tracerlinks.tracker.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Whether the client of a request is still there, for work that takes seconds (a PDF rewrite). Jetty
 * does not read from a connection while its request is being handled, so it would only notice a
 * client that left when it writes the answer; here the connection is watched for readability
 * meanwhile. A closed connection reads as end-of-stream. Bytes of a next request (HTTP/1.1 pipelining,
 * which browsers and curl do not do after a POST) cannot be given back once read, so the answer then
 * closes the connection and the client sends that request again.
 */
public final class ClientConnection {
    private final Context ctx;
    private final EndPoint endPoint;
    private final AtomicBoolean readable = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    private boolean watching;

    private ClientConnection(Context ctx, EndPoint endPoint) {
        this.ctx = ctx;
        this.endPoint = endPoint;
    }

    /** Runs {@code work} with a test for "the client has gone"; call after the request body has been read. */
    public static <T> T watch(Context ctx, Function<BooleanSupplier, T> work) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return work.apply(() -> false);
        }
        ClientConnection connection = new ClientConnection(ctx, request.getConnectionMetaData().getConnection().getEndPoint());
        connection.register();
        try {
            return work.apply(connection::isGone);
        } finally {
            connection.unregister();
        }
    }

    private void register() {
        watching = endPoint.tryFillInterested(Callback.from(() -> readable.set(true), failure -> readable.set(true)));
    }

    /** Hands the connection back to Jetty, which registers its own read interest once the answer is sent. */
    private void unregister() {
        if (watching && endPoint.isFillInterested() && endPoint instanceof AbstractEndPoint abstractEndPoint) {
            abstractEndPoint.getFillInterest().onFail(new CancellationException("request handled"));
        }
    }

    private boolean isGone() {
        if (gone.get() || !endPoint.isOpen()) {
            return true;
        }
        if (watching && readable.getAndSet(false)) {
            ByteBuffer one = BufferUtil.allocate(1);
            try {
                int read = endPoint.fill(one);
                if (read < 0) {
                    gone.set(true);
                    return true;
                }
                if (read > 0) {
                    ctx.header("Connection", "close");
                    watching = false;
                    return false;
                }
            } catch (IOException e) {
                gone.set(true);
                return true;
            }
            register();
        }
        return false;
    }
}
