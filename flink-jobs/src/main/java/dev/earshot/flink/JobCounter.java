package dev.earshot.flink;

import dev.earshot.model.AlertKind;
import java.util.Locale;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One of the job's counts, kept twice: as the accumulator named in {@link Counters}, which the run summary and the
 * progress line read, and as a metric counter in the operator's {@code earshot} metric group, which Flink's metric
 * reporters export (accumulators they do not). With the Prometheus reporter, {@code dead-letters} counted by the
 * parse operator is {@code flink_taskmanager_job_task_operator_earshot_deadLetters{operator_name="parse and
 * validate",...}}. Register it in {@code open()}.
 */
final class JobCounter {

    /** The metric group, under each operator's, that holds Earshot's own metrics. */
    static final String METRIC_GROUP = "earshot";
    /** The metric of the incidents opened, with the alert kind as a label. */
    static final String ALERTS_OPENED = "alertsOpened";
    static final String KIND = "kind";

    private final LongCounter accumulator;
    private final Counter metric;

    private JobCounter(LongCounter accumulator, Counter metric) {
        this.accumulator = accumulator;
        this.metric = metric;
    }

    /**
     * Also registers {@link Counters#RESTARTS} in the operator, once: each operator that counts says its attempt, so
     * that the job's restarts are known when the operator that reads the input had finished before the checkpoint
     * the restart resumed from (Flink then does not start it again, and it counts nothing).
     *
     * @param name one of the names in {@link Counters}; the metric is its camel-case form ({@link #metricName})
     */
    static JobCounter register(RuntimeContext context, String name) {
        if (context.getAccumulator(Counters.RESTARTS) == null) {
            context.addAccumulator(Counters.RESTARTS, new LongMaximum(context.getTaskInfo().getAttemptNumber()));
        }
        return new JobCounter(context.getLongCounter(name), metrics(context).counter(metricName(name)));
    }

    /** Incidents opened of one kind: {@code earshot_kind_alertsOpened{kind="PEER_OUTLIER"}} in Prometheus. */
    static JobCounter alertsOpened(RuntimeContext context, AlertKind kind) {
        return new JobCounter(context.getLongCounter(Counters.alertsOpened(kind)),
                metrics(context).addGroup(KIND, kind.name()).counter(ALERTS_OPENED));
    }

    static MetricGroup metrics(RuntimeContext context) {
        return context.getMetricGroup().addGroup(METRIC_GROUP);
    }

    /** {@code dead-letters} -> {@code deadLetters}: the metric of an accumulator, in the style of Flink's own. */
    static String metricName(String accumulatorName) {
        String[] words = accumulatorName.split("-");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(words[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(words[i].substring(1));
        }
        return name.toString();
    }

    void increment() {
        accumulator.add(1);
        metric.inc();
    }
}
