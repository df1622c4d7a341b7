package dev.earshot.connectors.http;

import java.util.concurrent.CompletionException;

/** What went wrong in a {@code CompletableFuture} stage, which wraps the failure of an earlier stage. */
public final class AsyncFailures {

    private AsyncFailures() {
    }

    /** @return the failure a {@link CompletionException} wraps, or {@code error} itself */
    public static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
