package dev.earshot.flink;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/**
 * Earshot's metrics of one job as a metric reporter received them (Flink's {@link InMemoryReporter}, which keeps
 * them after the job ends), named as the Prometheus reporter names them: {@code flink_} and the group's logical
 * scope, with characters outside {@code [a-zA-Z0-9:_]} replaced by {@code _}, then the metric name. A key-value
 * group such as {@code kind} is a label, written here as {@code {kind="PEER_OUTLIER"}}.
 */
final class ReportedMetrics {

    static final String PREFIX = "flink_taskmanager_job_task_operator_earshot_";
    private static final Pattern NOT_IN_PROMETHEUS_NAMES = Pattern.compile("[^a-zA-Z0-9:_]");

    private ReportedMetrics() {
    }

    /** Each counter summed over operators and subtasks, as {@code sum by (name, kind)} would in PromQL. */
    static Map<String, Long> counters(InMemoryReporter reporter, JobID job) {
        Map<String, Long> sums = new TreeMap<>();
        forEach(reporter, job, (name, metric) -> {
            if (metric instanceof Counter counter) {
                sums.merge(name, counter.getCount(), Long::sum);
            }
        });
        return sums;
    }

    /** Each gauge's greatest value over operators and subtasks, as {@code max by (name)}. */
    static Map<String, Long> gaugeMaxima(InMemoryReporter reporter, JobID job) {
        Map<String, Long> maxima = new TreeMap<>();
        forEach(reporter, job, (name, metric) -> {
            if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number value) {
                maxima.merge(name, value.longValue(), Math::max);
            }
        });
        return maxima;
    }

    private static void forEach(InMemoryReporter reporter, JobID job, BiConsumer<String, Metric> action) {
        reporter.getMetricsByGroup().forEach((group, metrics) -> {
            if (job.toString().equals(group.getAllVariables().get("<job_id>"))) {
                metrics.forEach((name, metric) -> {
                    String scoped = prometheusName(group, name);
                    if (scoped.startsWith(PREFIX)) {
                        String kind = group.getAllVariables().get("<" + JobCounter.KIND + ">");
                        action.accept(kind == null ? scoped : scoped + "{kind=\"" + kind + "\"}", metric);
                    }
                });
            }
        });
    }

    private static String prometheusName(MetricGroup group, String name) {
        return "flink_" + ((AbstractMetricGroup<?>) group).getLogicalScope(
                part -> NOT_IN_PROMETHEUS_NAMES.matcher(part).replaceAll("_"), '_') + "_" + name;
    }
}
