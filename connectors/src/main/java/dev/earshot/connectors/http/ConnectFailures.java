package dev.earshot.connectors.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Says in words why an HTTP request failed. The JDK's HttpClient often says nothing: a refused connection is a
 * {@code ConnectException} without a message caused by a {@code ClosedChannelException}, an unknown host one caused by
 * an {@code UnresolvedAddressException}, neither with a message.
 */
public final class ConnectFailures {

    private ConnectFailures() {
    }

    /** E.g. "connection refused by 127.0.0.1:8080 (ConnectException)", "unknown host acme.zendesk.co (...)". */
    public static String describe(Throwable error, URI uri) {
        Throwable cause = AsyncFailures.cause(error);
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "unknown host " + uri.getHost() + " (" + names(cause) + ")";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection to " + hostAndPort(uri) + " within the timeout (" + names(cause) + ")";
        }
        String message = firstMessage(cause);
        if (cause instanceof ConnectException && (message == null || root instanceof ClosedChannelException)) {
            return "connection refused by " + hostAndPort(uri) + " (" + names(cause) + ")";
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** {@code https://acme.zendesk.com/api/v2/tickets.json}: without user info or query, which may hold secrets. */
    public static String shown(URI uri) {
        return uri.getScheme() + "://" + hostAndPort(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String hostAndPort(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String firstMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }

    /** "ConnectException, caused by ClosedChannelException": the blocking send wraps its exception in one alike. */
    private static String names(Throwable error) {
        StringBuilder names = new StringBuilder(error.getClass().getSimpleName());
        for (Throwable t = error; t.getCause() != null && t.getCause() != t; t = t.getCause()) {
            if (t.getCause().getClass() != t.getClass()) {
                names.append(", caused by ").append(t.getCause().getClass().getSimpleName());
            }
        }
        return names.toString();
    }
}
