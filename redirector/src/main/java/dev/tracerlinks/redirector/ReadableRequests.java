package dev.tracerlinks.redirector;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that read a request whose target or Host Jetty cannot parse (a NUL or a
 * broken percent escape in the path, a Host that is not a host) to its end instead of failing at
 * the first line: the target becomes {@link #UNREADABLE_TARGET}, the Host {@link #UNREADABLE_HOST},
 * and {@link RequestLimits} refuses the request with the redirector's page, in JSON when the client's
 * Accept header, now read, asks for it. Nothing of the original target or Host is kept, so nothing
 * of it can be echoed.
 */
final class ReadableRequests extends HttpConnectionFactory {
    static final String UNREADABLE_TARGET = "/.unreadable-request-target";
    static final String UNREADABLE_HOST = "unreadable-host.invalid";

    ReadableRequests(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        ReadingConnection connection = new ReadingConnection(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private static final class ReadingConnection extends HttpConnection {
        ReadingConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
        }

        @Override
        protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
            try {
                HttpURI.build(uri);
            } catch (IllegalArgumentException e) {
                return new ReadingStream(method, UNREADABLE_TARGET, version);
            }
            return new ReadingStream(method, uri, version);
        }

        private final class ReadingStream extends HttpStreamOverHTTP1 {
            ReadingStream(String method, String uri, HttpVersion version) {
                super(method, uri, version);
            }

            @Override
            public void parsedHeader(HttpField field) {
                if (field.getHeader() == HttpHeader.HOST) {
                    try {
                        new HostPortHttpField(field.getValue());
                    } catch (RuntimeException e) {
                        super.parsedHeader(new HttpField(HttpHeader.HOST, UNREADABLE_HOST));
                        return;
                    }
                }
                super.parsedHeader(field);
            }
        }
    }
}
