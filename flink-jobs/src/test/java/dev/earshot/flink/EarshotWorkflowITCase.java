package dev.earshot.flink;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketStatus;
import dev.earshot.sample.SampleScenario;
import dev.earshot.sample.SampleStreamGenerator;
import dev.earshot.sample.SampleStreamParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow on the bundled sample stream, at parallelism 2 on a MiniCluster, with the job's real file
 * sinks: the stream's known incidents, venting customers and malformed records must come out exactly.
 */
class EarshotWorkflowITCase {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    static final int PROMETHEUS_PORT = LocalPorts.free();
    /** A range, as a cluster's configuration gives it: the port picked free may be taken by the time Flink binds it. */
    static final int PROMETHEUS_PORTS = 5;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(withPrometheusReporter(REPORTER.addToConfiguration(new Configuration()))).build());

    @TempDir
    static Path work;

    static SampleScenario scenario;
    static JobExecutionResult result;
    static List<Alert> alerts;
    static List<HandoffTicket> ticketVersions;
    static List<DeadLetter> deadLetters;
    static Map<PrometheusScrapes.Series, Double> scraped;

    @BeforeAll
    static void runTheBundledStream(@InjectMiniCluster MiniCluster cluster) throws Exception {
        scenario = SampleStreamGenerator.generate(SampleStreamParams.defaults()).scenario();
        Path input = BundledSample.copyTo(work);
        Path output = work.resolve("output");
        // The extension's cluster, with the metric reporter: it is the context environment only inside each test.
        StreamExecutionEnvironment env = new TestStreamEnvironment(cluster, 2);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "sample"), EarshotSinks.jsonLines(output)).build(env);

        try (PrometheusScrapes scrapes = new PrometheusScrapes(PROMETHEUS_PORT, PROMETHEUS_PORT + PROMETHEUS_PORTS - 1, Duration.ofMillis(100))) {
            result = env.execute("earshot workflow test");
            scraped = scrapes.seen(ReportedMetrics.PREFIX);
        }

        alerts = read(output, EarshotSinks.ALERTS, Alert.class);
        ticketVersions = read(output, EarshotSinks.TICKETS, HandoffTicket.class);
        deadLetters = read(output, EarshotSinks.DEAD_LETTERS, DeadLetter.class);
    }

    @Test
    void everyMalformedRecordIsADeadLetterWithItsReasonAndNothingElseIs() {
        assertThat(deadLetters).hasSize(scenario.malformedRecords());
        assertThat(deadLetters).allSatisfy(letter -> {
            assertThat(letter.raw()).isNotNull();
            assertThat(letter.reason()).isNotBlank();
            assertThat(letter.stage()).isEqualTo("parse");
        });
        Set<String> reasons = deadLetters.stream().map(DeadLetter::reason).collect(toSet());
        assertThat(reasons).anyMatch(r -> r.startsWith("not valid JSON"))
                .anyMatch(r -> r.equals("missing required field 'id'"))
                .anyMatch(r -> r.equals("missing required field 'createdAt'"))
                .anyMatch(r -> r.equals("field 'text' is empty"))
                .anyMatch(r -> r.contains("more than the limit of 10000"))
                .anyMatch(r -> r.contains("has the wrong type") || r.contains("must be a string"))
                .anyMatch(r -> r.startsWith("expected a JSON object"));
    }

    @Test
    void everyValidPostIsEnrichedOnceDuplicatesIncluded() {
        assertThat(counter(Counters.DUPLICATES)).isEqualTo(scenario.duplicateLines());
        assertThat(counter(Counters.POSTS_ENRICHED)).isEqualTo(scenario.validPosts());
        assertThat(counter(Counters.RECORDS_READ))
                .isEqualTo(scenario.validPosts() + scenario.duplicateLines() + scenario.malformedRecords());
        assertThat(counter(Counters.ITEMS_REJECTED)).isEqualTo(scenario.malformedRecords());
    }

    @Test
    void everyCountIsAlsoAMetricCounterThatMetricReportersExport() {
        Map<String, Long> metrics = ReportedMetrics.counters(REPORTER, result.getJobID());
        // Every accumulator but the largest lateness (maxima; the one over all late posts is exported as a gauge) and
        // the restarts (an attempt number; Flink exports its own numRestarts), under its metric's name.
        Map<String, Long> expected = new TreeMap<>();
        result.getAllAccumulatorResults().keySet().stream()
                .filter(name -> !name.equals(Counters.MOST_LATE_MILLIS) && !name.equals(Counters.MOST_LATE_ADVISABLE_MILLIS)
                        && !name.equals(Counters.RESTARTS))
                .forEach(name -> expected.put(ReportedMetrics.PREFIX + JobCounter.metricName(name), counter(name)));
        for (AlertKind kind : AlertKind.values()) {
            expected.remove(ReportedMetrics.PREFIX + JobCounter.metricName(Counters.alertsOpened(kind)));
            expected.put(ReportedMetrics.PREFIX + "kind_alertsOpened{kind=\"" + kind + "\"}", counter(Counters.alertsOpened(kind)));
        }

        assertThat(metrics).isEqualTo(expected);
        assertThat(metrics).as("the stream's malformed records, duplicates, posts, tickets and incidents")
                .containsEntry("flink_taskmanager_job_task_operator_earshot_deadLetters", (long) scenario.malformedRecords())
                .containsEntry("flink_taskmanager_job_task_operator_earshot_duplicates", (long) scenario.duplicateLines())
                .containsEntry("flink_taskmanager_job_task_operator_earshot_postsEnriched", (long) scenario.validPosts())
                .containsEntry("flink_taskmanager_job_task_operator_earshot_ticketsOpened", (long) scenario.ventingCustomers().size())
                .containsEntry("flink_taskmanager_job_task_operator_earshot_kind_alertsOpened{kind=\"PEER_OUTLIER\"}", 1L)
                .containsEntry("flink_taskmanager_job_task_operator_earshot_kind_alertsOpened{kind=\"VOLUME_SURGE\"}", 1L);
    }

    @Test
    void flinksPrometheusReporterServesTheSameSeriesWithTheLabelsTheDocsQuery() {
        Map<String, Long> counters = ReportedMetrics.counters(REPORTER, result.getJobID());
        Set<String> names = new TreeSet<>(counters.keySet());
        names.addAll(ReportedMetrics.gaugeMaxima(REPORTER, result.getJobID()).keySet());
        // As ReportedMetrics names them (the kind label is part of the name), each series' largest value summed over subtasks.
        Map<String, Double> summedOverSubtasks = scraped.entrySet().stream().collect(toMap(
                entry -> entry.getKey().name() + (entry.getKey().labels().containsKey("kind")
                        ? "{kind=\"" + entry.getKey().labels().get("kind") + "\"}" : ""),
                Map.Entry::getValue, Double::sum));

        assertThat(summedOverSubtasks.keySet()).as("scraped while the job ran, every 100 ms").isEqualTo(names);
        assertThat(scraped.keySet()).allSatisfy(series -> assertThat(series.labels())
                .containsEntry("job_name", "earshot_workflow_test")
                .containsKeys("operator_name", "subtask_index", "task_name", "tm_id"));
        assertThat(scraped.keySet()).as("the operators docker/README.md lists, as Prometheus labels")
                .anyMatch(series -> series.labels().get("operator_name").equals("parse_and_validate"))
                .anyMatch(series -> series.labels().get("operator_name").equals("enrich"));
        counters.forEach((name, total) -> assertThat(summedOverSubtasks.get(name))
                .as("%s scraped before its task finished, at most the job's total", name).isLessThanOrEqualTo(total));
        assertThat(summedOverSubtasks).as("counts that grow through the whole run, seen growing")
                .hasEntrySatisfying(ReportedMetrics.PREFIX + "recordsRead", read -> assertThat(read).isPositive())
                .hasEntrySatisfying(ReportedMetrics.PREFIX + "postsEnriched", enriched -> assertThat(enriched).isPositive());
    }

    @Test
    void alertsAreExactlyTheKnownIncidentsAndNothingElsewhere() {
        Set<String> expected = scenario.incidents().stream()
                .flatMap(incident -> incident.expectedAlerts().stream()
                        .map(kind -> kind + " " + incident.topic() + " " + incident.city()))
                .collect(toSet());

        Set<String> raised = alerts.stream().map(a -> a.kind() + " " + a.topic() + " " + a.locationName()).collect(toSet());

        assertThat(raised).isEqualTo(expected);
    }

    @Test
    void bangaloreParkingIsAboutThreeTimesMoreNegativeThanOtherCities() {
        Alert peer = opened(AlertKind.PEER_OUTLIER);

        assertThat(peer.topic()).isEqualTo("parking");
        assertThat(peer.locationId()).isEqualTo("geonames:1277333");
        assertThat(peer.ratio()).isBetween(2.0, 4.5);
        assertThat(peer.ratioLower()).isGreaterThanOrEqualTo(1.5).isLessThan(peer.ratio());
        assertThat(peer.observed()).isGreaterThan(peer.expected());
        assertThat(peer.summary()).contains("Parking posts in Bengaluru", "more negative than in other cities");
        assertThat(SampleScenario.BENGALURU_PARKING.covers(peer.windowEnd().minusSeconds(1))).isTrue();
    }

    @Test
    void theMetroOpeningIsAVolumeSurgeDuringItsHours() {
        Alert surge = opened(AlertKind.VOLUME_SURGE);

        assertThat(surge.topic()).isEqualTo("public_transport");
        assertThat(surge.locationName()).isEqualTo("Mumbai");
        assertThat(surge.ratio()).isGreaterThanOrEqualTo(3.0);
        assertThat(SampleScenario.MUMBAI_METRO_OPENING.covers(surge.windowEnd().minusSeconds(1))).isTrue();
    }

    @Test
    void eachIncidentKeepsOneIdFromOpenToResolved() {
        Map<String, List<Alert>> byIncident = alerts.stream()
                .collect(groupingBy(a -> a.kind() + " " + a.topic() + " " + a.locationId(), LinkedHashMap::new,
                        java.util.stream.Collectors.toList()));

        byIncident.forEach((incident, versions) -> {
            assertThat(versions.stream().map(Alert::id).distinct()).as(incident).hasSize(1);
            assertThat(versions).as(incident).filteredOn(a -> a.status() == AlertStatus.OPEN).hasSize(1);
            assertThat(versions).as(incident).filteredOn(a -> a.status() == AlertStatus.RESOLVED).hasSizeLessThanOrEqualTo(1);
        });
    }

    @Test
    void oneTicketPerVentingConversationWithItsPostsInOrder() {
        Map<String, HandoffTicket> latest = new LinkedHashMap<>();
        ticketVersions.forEach(ticket -> latest.merge(ticket.id(), ticket,
                (a, b) -> a.posts().size() >= b.posts().size() ? a : b));

        assertThat(latest.values()).extracting(t -> t.customer().id())
                .containsExactlyInAnyOrderElementsOf(scenario.ventingCustomers().stream()
                        .map(SampleScenario.VentingCustomer::authorId).toList());
        assertThat(ticketVersions).filteredOn(t -> t.status() == TicketStatus.OPEN).hasSize(scenario.ventingCustomers().size());
        for (SampleScenario.VentingCustomer customer : scenario.ventingCustomers()) {
            HandoffTicket ticket = latest.values().stream()
                    .filter(t -> t.customer().id().equals(customer.authorId())).findFirst().orElseThrow();
            assertThat(ticket.posts()).extracting(TicketPost::id).containsExactlyElementsOf(customer.postIds());
            assertThat(ticket.topics()).contains(customer.topic());
            assertThat(ticket.location().city()).isEqualTo(customer.city());
            assertThat(ticket.sentimentTrajectory()).hasSameSizeAs(customer.postIds());
            assertThat(ticket.reasons()).isNotEmpty();
        }
    }

    @Test
    void theBangaloreCustomerIsLinkedToTheParkingIncident() {
        Set<String> incidentIds = alerts.stream()
                .filter(a -> a.topic().equals("parking") && a.locationId().equals("geonames:1277333"))
                .map(Alert::id).collect(toSet());
        HandoffTicket bangalore = ticketVersions.stream()
                .filter(t -> t.location() != null && t.location().city().equals("Bengaluru"))
                .reduce((first, second) -> second).orElseThrow();

        assertThat(bangalore.linkedAlertIds()).isNotEmpty();
        assertThat(incidentIds).containsAll(bangalore.linkedAlertIds());
    }

    private static Alert opened(AlertKind kind) {
        return alerts.stream().filter(a -> a.kind() == kind && a.status() == AlertStatus.OPEN).findFirst().orElseThrow();
    }

    private static long counter(String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static <T> List<T> read(Path dir, String name, Class<T> type) throws IOException {
        try (var lines = Files.lines(JsonLinesFileSink.fileOf(dir, name))) {
            return lines.map(line -> Json.read(line, type)).toList();
        }
    }

    /** Flink's Prometheus reporter, as docker/compose.yaml configures it, on a port of this test's own. */
    private static Configuration withPrometheusReporter(Configuration configuration) {
        configuration.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        configuration.setString("metrics.reporter.prom.port", PROMETHEUS_PORT + "-" + (PROMETHEUS_PORT + PROMETHEUS_PORTS - 1));
        return configuration;
    }
}
