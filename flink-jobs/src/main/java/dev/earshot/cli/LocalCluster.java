package dev.earshot.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The MiniCluster a local run's job runs on, made and started by Flink's own local executor as for any local
 * environment, with two differences. Its REST API binds a port the system picks as it binds (a port picked free
 * beforehand could be taken by another process before Flink binds it, failing the run's start), and this learns the
 * port from the cluster. And the cluster keeps answering after its job ends, which otherwise takes it down at once,
 * until this is closed (at most {@link #HELD_AT_MOST}): a job that failed for good says why in its exception history.
 * One instance runs one job.
 */
final class LocalCluster implements AutoCloseable {

    static final String LOCALHOST = "127.0.0.1";
    /** Long enough to read the exception history after the job's end; a cluster nobody closes still goes then. */
    private static final Duration HELD_AT_MOST = Duration.ofSeconds(10);

    /** How long a cluster that runs takes to say where its REST API is. */
    private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(2);

    private final CompletableFuture<MiniCluster> made = new CompletableFuture<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    /**
     * An environment whose job runs on this cluster, with Flink's REST API on this machine only, saying what it knows
     * of a job afresh every second.
     *
     * @param settings those of the local environment Flink would make
     */
    StreamExecutionEnvironment environment(ReadableConfig settings) {
        Configuration local = Configuration.fromMap(settings.toMap());
        local.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        local.set(DeploymentOptions.ATTACHED, true);
        local.set(RestOptions.BIND_ADDRESS, LOCALHOST);
        local.set(RestOptions.BIND_PORT, "0");
        local.set(WebOptions.REFRESH_INTERVAL, Duration.ofSeconds(1));
        PipelineExecutor executor = LocalExecutor.createWithFactory(local, HeldMiniCluster::new);
        PipelineExecutorFactory factory = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return LocalExecutor.NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return executor;
            }
        };
        PipelineExecutorServiceLoader executors = new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                return factory;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(LocalExecutor.NAME);
            }
        };
        return new StreamExecutionEnvironment(executors, local, StreamExecutionEnvironment.class.getClassLoader());
    }

    /** Where the cluster serves Flink's REST API, once a job was submitted to it. */
    URI restAddress() throws InterruptedException, ExecutionException, TimeoutException {
        MiniCluster cluster = made.getNow(null);
        if (cluster == null) {
            throw new IllegalStateException("no job was submitted to the local cluster yet");
        }
        return cluster.getRestAddress().get(ANSWERS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Shuts the cluster down, if a job started it, and waits for that. */
    @Override
    public void close() throws InterruptedException {
        released.complete(null);
        MiniCluster cluster = made.getNow(null);
        if (cluster == null) {
            return;
        }
        try {
            cluster.closeAsync().get(HELD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notShutDown) {
            // The run is over and said so: a cluster slow to go goes with the JVM.
        }
    }

    /** A MiniCluster whose shutdown once it runs waits until the cluster is released. */
    private final class HeldMiniCluster extends MiniCluster {

        private volatile boolean started;

        HeldMiniCluster(MiniClusterConfiguration configuration) {
            super(configuration);
            made.complete(this);
        }

        @Override
        public void start() throws Exception {
            super.start();
            started = true;
        }

        /** A start that fails shuts down at once; Flink's shutdown as the job ends waits for the release. */
        @Override
        public CompletableFuture<Void> closeAsync() {
            if (!started) {
                return super.closeAsync();
            }
            return released.completeOnTimeout(null, HELD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS)
                    .thenCompose(ignored -> super.closeAsync());
        }
    }
}
