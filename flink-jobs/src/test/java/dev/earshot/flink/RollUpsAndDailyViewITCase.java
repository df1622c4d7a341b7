package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.Post;
import dev.earshot.model.StatsView;
import dev.earshot.model.TermCount;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.minicluster.MiniCluster;
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
 * Roll-ups and the daily view on a small stream built here: two days of parking posts geotagged in five cities of
 * three regions and two countries, one author posting in two Karnataka cities. The roll-ups must add up their
 * cities, count that author once, and the daily view must count each city's day exactly.
 */
class RollUpsAndDailyViewITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Instant DAY1 = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant DAY2 = DAY1.plus(Duration.ofDays(1));

    record City(String id, String region, double lat, double lon, int postsPerDay) {
    }

    static final List<City> CITIES = List.of(
            new City("geonames:1277333", "region:IN:Karnataka", 12.97194, 77.59369, 40),
            new City("geonames:1262321", "region:IN:Karnataka", 12.29791, 76.63925, 20),
            new City("geonames:1259229", "region:IN:Maharashtra", 18.51957, 73.85535, 30),
            new City("geonames:1275339", "region:IN:Maharashtra", 19.07283, 72.88261, 25),
            new City("geonames:5809844", "region:US:Washington", 47.60621, -122.33207, 15));

    static final String TRAVELLER = "traveller";

    @TempDir
    static Path work;

    static List<TopicLocationStats> stats;

    @BeforeAll
    static void runTheJob(@InjectMiniCluster MiniCluster cluster) throws Exception {
        record Timed(Instant at, String line) {
        }
        List<Timed> posts = new ArrayList<>();
        for (Instant day : List.of(DAY1, DAY2)) {
            for (City city : CITIES) {
                Duration gap = Duration.ofDays(1).dividedBy(city.postsPerDay());
                for (int i = 0; i < city.postsPerDay(); i++) {
                    Instant at = day.plus(gap.multipliedBy(i)).plusSeconds(37L * CITIES.indexOf(city));
                    // The traveller writes the first post of each day in Bengaluru and in Mysore.
                    String author = i == 0 && city.region().endsWith("Karnataka") ? TRAVELLER : city.id() + "-" + i;
                    String text = i % 3 == 0 && city.id().equals("geonames:1277333")
                            ? "Towed again! Parking here is a nightmare, the towing fines are outrageous"
                            : i % 2 == 0 ? "Parking near the station is terrible and full again"
                            : "Parking near the market was easy today, great new meters";
                    String id = city.id().substring(9) + "-" + day.toString().substring(0, 10) + "-" + i;
                    posts.add(new Timed(at, Json.write(new Post("forum:" + id, "forum", at, text, "en",
                            new Author(author, author, i * 10L, null), new GeoPoint(city.lat(), city.lon()), null, null,
                            null, null, null, null, null))));
                }
            }
        }
        posts.sort(Comparator.comparing(Timed::at));
        Path input = work.resolve("posts.jsonl");
        Files.write(input, posts.stream().map(Timed::line).toList());
        Path output = work.resolve("output");

        // the extension's cluster: it is the context environment only inside each test
        StreamExecutionEnvironment env = new TestStreamEnvironment(cluster, 2);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(input, "test"), EarshotSinks.jsonLines(output)).build(env);
        env.execute("roll-ups and daily view");

        try (var lines = Files.lines(JsonLinesFileSink.fileOf(output, EarshotSinks.STATS))) {
            // A window fires once per version; with no late posts each has one, but keep the last to be safe.
            Map<String, TopicLocationStats> latest = new LinkedHashMap<>();
            lines.map(line -> Json.read(line, TopicLocationStats.class)).forEach(s -> latest.put(
                    s.view() + "|" + s.topic() + "|" + s.locationId() + "|" + s.windowStart() + "|" + s.windowEnd(), s));
            stats = List.copyOf(latest.values());
        }
    }

    @Test
    void theDailyViewCountsEachCityDayExactlyAndItsRollUpsAddUp() {
        for (Instant day : List.of(DAY1, DAY2)) {
            for (City city : CITIES) {
                TopicLocationStats cityDay = daily(city.id(), day);
                assertThat(cityDay.posts()).as(city.id()).isEqualTo(city.postsPerDay());
                assertThat(cityDay.level()).isEqualTo(LocationLevel.CITY);
                assertThat(cityDay.windowEnd()).isEqualTo(day.plus(Duration.ofDays(1)));
            }
            TopicLocationStats karnataka = daily("region:IN:Karnataka", day);
            assertThat(karnataka.level()).isEqualTo(LocationLevel.REGION);
            assertThat(karnataka.locationName()).isEqualTo("Karnataka");
            assertThat(karnataka.posts()).isEqualTo(60);
            assertThat(karnataka.negative())
                    .isEqualTo(daily("geonames:1277333", day).negative() + daily("geonames:1262321", day).negative());
            // 60 posts by 59 authors: the traveller posted in both cities and counts once.
            assertThat(karnataka.uniqueAuthors()).isEqualTo(59);
            assertThat(daily("region:IN:Maharashtra", day).posts()).isEqualTo(55);
            assertThat(daily("country:IN", day).posts()).isEqualTo(115);
            assertThat(daily("country:IN", day).locationName()).isEqualTo("India");
            assertThat(daily("country:US", day).posts()).isEqualTo(15);
            assertThat(daily("all", day).posts()).isEqualTo(130);
            assertThat(daily("all", day).level()).isEqualTo(LocationLevel.GLOBAL);
            assertThat(daily("all", day).negative()).isEqualTo(CITIES.stream().mapToLong(c -> daily(c.id(), day).negative()).sum());
        }
    }

    @Test
    void everySlidingRollUpIsTheSumOfItsCitiesInTheSameWindow() {
        Map<String, List<TopicLocationStats>> cityWindowsByRegionAndEnd = stats.stream()
                .filter(s -> s.view() == StatsView.SLIDING && s.level() == LocationLevel.CITY)
                .collect(Collectors.groupingBy(s -> regionOf(s.locationId()) + "|" + s.windowEnd()));
        List<TopicLocationStats> regions = stats.stream()
                .filter(s -> s.view() == StatsView.SLIDING && s.level() == LocationLevel.REGION).toList();

        assertThat(regions).hasSize(cityWindowsByRegionAndEnd.size());
        for (TopicLocationStats region : regions) {
            List<TopicLocationStats> cities = cityWindowsByRegionAndEnd.get(region.locationId() + "|" + region.windowEnd());
            assertThat(region.posts()).isEqualTo(cities.stream().mapToLong(TopicLocationStats::posts).sum());
            assertThat(region.negative()).isEqualTo(cities.stream().mapToLong(TopicLocationStats::negative).sum());
            assertThat(region.positive()).isEqualTo(cities.stream().mapToLong(TopicLocationStats::positive).sum());
            assertThat(region.windowEnd().toEpochMilli() - region.windowStart().toEpochMilli())
                    .isEqualTo(Duration.ofHours(2).toMillis());
        }
        long globalWindows = stats.stream().filter(s -> s.view() == StatsView.SLIDING && s.level() == LocationLevel.GLOBAL).count();
        Set<Instant> windowEnds = new HashSet<>();
        stats.stream().filter(s -> s.view() == StatsView.SLIDING).forEach(s -> windowEnds.add(s.windowEnd()));
        assertThat(globalWindows).isEqualTo(windowEnds.size());
    }

    @Test
    void topTermsShowWhatPeopleWroteWithoutTheTopicsOwnWords() {
        List<TermCount> bengaluru = daily("geonames:1277333", DAY1).topTerms();
        List<TermCount> mysore = daily("geonames:1262321", DAY1).topTerms();

        // 14 of Bengaluru's 40 posts of the day were about towing; none in Mysore.
        assertThat(bengaluru).extracting(TermCount::term).contains("tow").doesNotContain("parking", "park");
        assertThat(bengaluru).filteredOn(term -> term.term().equals("tow")).singleElement()
                .extracting(TermCount::posts).isEqualTo(14L);
        assertThat(mysore).extracting(TermCount::term).doesNotContain("tow").contains("station", "market");
        assertThat(bengaluru).hasSizeLessThanOrEqualTo(10);
    }

    private static TopicLocationStats daily(String locationId, Instant day) {
        return stats.stream()
                .filter(s -> s.view() == StatsView.DAILY && s.locationId().equals(locationId) && s.windowStart().equals(day))
                .findFirst().orElseThrow(() -> new AssertionError("no daily stats for " + locationId + " on " + day));
    }

    private static String regionOf(String cityId) {
        return CITIES.stream().filter(c -> c.id().equals(cityId)).findFirst().orElseThrow().region();
    }
}
