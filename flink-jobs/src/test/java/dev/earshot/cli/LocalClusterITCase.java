package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * The MiniCluster of a local run binds its REST API to a port the system picks as it binds: a port another process
 * holds cannot fail its start, as a port picked free beforehand and taken in between did. The API keeps answering
 * after the job ends, until the cluster is closed.
 */
class LocalClusterITCase {

    @Test
    void aPortAnotherProcessHoldsDoesNotFailTheStartAndTheApiAnswersUntilClosed() throws Exception {
        InetAddress localhost = InetAddress.getByName(LocalCluster.LOCALHOST);
        URI rest;
        try (ServerSocket taken = new ServerSocket(0, 50, localhost)) {
            LocalCluster cluster = new LocalCluster();
            try (cluster) {
                // The port the former code had picked free, taken since by another process.
                Configuration settings = new Configuration();
                settings.set(RestOptions.BIND_PORT, Integer.toString(taken.getLocalPort()));
                StreamExecutionEnvironment env = cluster.environment(settings);
                env.fromSequence(1, 10).sinkTo(new DiscardingSink<>());

                JobClient job = env.executeAsync("short");
                rest = cluster.restAddress();
                assertThat(job.getJobExecutionResult()).succeedsWithin(1, TimeUnit.MINUTES);
                Thread.sleep(2_000); // time enough for Flink's shutdown of the cluster as the job ends, were it not held

                assertThat(rest.getHost()).isEqualTo(LocalCluster.LOCALHOST);
                assertThat(rest.getPort()).isPositive().isNotEqualTo(taken.getLocalPort());
                assertThat(answers(rest)).as("REST API after the job ended, before the cluster is closed").isTrue();
            }
            assertThat(answers(rest)).as("REST API once the cluster is closed").isFalse();
        }
        assertThatThrownBy(new LocalCluster()::restAddress).isInstanceOf(IllegalStateException.class)
                .hasMessage("no job was submitted to the local cluster yet");
    }

    private static boolean answers(URI rest) {
        try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
