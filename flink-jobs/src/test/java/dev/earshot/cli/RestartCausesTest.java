package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.junit.jupiter.api.Test;

class RestartCausesTest {

    private static final String WRAPPED = """
            java.io.IOException: cannot install index template earshot-alerts at http://localhost:9200: Connection refused
            \tat dev.earshot.connectors.elasticsearch.IndexTemplates.install(IndexTemplates.java:61)
            \tSuppressed: java.lang.IllegalStateException: closed twice
            \t\tat dev.earshot.connectors.elasticsearch.Client.close(Client.java:12)
            \tCaused by: java.lang.UnsupportedOperationException: a suppressed exception's cause
            Caused by: org.apache.http.ConnectionClosedException: closed
            \tat org.apache.http.impl.nio.client.InternalIODispatch.onClosed(InternalIODispatch.java:71)
            Caused by: java.net.ConnectException: Connection refused
            line two of the message
            \t... 16 more
            """;

    @Test
    void theFirstLineIsTheCauseWithTheInnermostWhereItSaysMore() {
        assertThat(RestartCauses.cause(WRAPPED, "java.io.IOException")).isEqualTo("IOException: cannot install index "
                + "template earshot-alerts at http://localhost:9200: Connection refused; caused by ConnectException: "
                + "Connection refused");
    }

    @Test
    void anInnermostCauseTheFirstLineAlreadyQuotesIsNotRepeated() {
        String trace = "java.lang.RuntimeException: java.net.SocketTimeoutException: Read timed out\n"
                + "\tat dev.earshot.X.y(X.java:1)\nCaused by: java.net.SocketTimeoutException: Read timed out\n";

        assertThat(RestartCauses.cause(trace, "java.lang.RuntimeException"))
                .isEqualTo("RuntimeException: java.net.SocketTimeoutException: Read timed out");
        assertThat(RestartCauses.cause("java.lang.OutOfMemoryError: Java heap space\n\tat a.B.c(B.java:1)\n", null))
                .isEqualTo("OutOfMemoryError: Java heap space");
        assertThat(RestartCauses.cause("java.lang.NullPointerException\n\tat a.B.c(B.java:1)\n", null))
                .isEqualTo("NullPointerException");
        assertThat(RestartCauses.cause(null, "org.apache.flink.util.FlinkException")).isEqualTo("FlinkException");
    }

    @Test
    void aRestartIsNumberedAgainstTheAttemptsAndTheFailureAfterTheLastIsFinal() {
        RestartCauses.Failure failure = new RestartCauses.Failure(Instant.EPOCH, "Sink: alerts (1/2)",
                "IOException: disk full", WRAPPED);

        assertThat(RestartCauses.line(failure, 2, 3)).isEqualTo("earshot: the job restarts after a failure (restart 2 of "
                + "3, recovery.attempts): Sink: alerts (1/2): IOException: disk full");
        assertThat(RestartCauses.line(failure, 4, 3))
                .isEqualTo("earshot: the job failed for good after 3 restarts: Sink: alerts (1/2): IOException: disk full");
        // The summary numbers them as stderr did: within the row, and the last one as the end.
        assertThat(RestartCauses.summaryLine(failure, 2, 3)).isEqualTo("restart 2 of 3 after: Sink: alerts (1/2): IOException: disk full");
        assertThat(RestartCauses.summaryLine(failure, 4, 3)).isEqualTo("failed for good after: Sink: alerts (1/2): IOException: disk full");
    }

    @Test
    void theFailureThatEndsTheJobIsSaidAsItsTasksFailureNotAsTheJobExceptionAroundIt() {
        String suppressed = "org.apache.flink.runtime.JobException: Recovery is suppressed by "
                + "ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=5000, currentRestartAttempt=2)\n"
                + "\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(X.java:1)\n"
                + "Caused by: " + WRAPPED;
        var later = new JobExceptionsInfoWithHistory.ExceptionInfo("java.lang.IllegalStateException",
                "java.lang.IllegalStateException: closed\n", 2_000, Map.of(), "Sink: files (2/2) - execution #1", null, null);
        var first = new JobExceptionsInfoWithHistory.ExceptionInfo("java.io.IOException", WRAPPED, 1_000, Map.of(),
                "Sink: alerts (1/2) - execution #1", null, null);
        var ending = new JobExceptionsInfoWithHistory.RootExceptionInfo("org.apache.flink.runtime.JobException",
                suppressed, 3_000, Map.of(), null, null, null, List.of(later, first));

        RestartCauses.Failure failure = RestartCauses.failure(ending);

        assertThat(failure.describe()).isEqualTo("Sink: alerts (1/2): IOException: cannot install index template "
                + "earshot-alerts at http://localhost:9200: Connection refused; caused by ConnectException: Connection refused");
        assertThat(failure.at()).isEqualTo(Instant.ofEpochMilli(3_000));
        assertThat(failure.stackTrace()).as("--verbose shows the whole record").isEqualTo(suppressed);
        // A global failure no task took part in is said as recorded.
        var global = new JobExceptionsInfoWithHistory.RootExceptionInfo("org.apache.flink.util.FlinkException",
                "org.apache.flink.util.FlinkException: checkpoint coordinator failed\n", 4_000, Map.of(), null, null,
                null, List.of());
        assertThat(RestartCauses.failure(global).describe()).isEqualTo("FlinkException: checkpoint coordinator failed");
    }
}
