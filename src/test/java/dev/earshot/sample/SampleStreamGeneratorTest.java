package dev.earshot.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.json.Json;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.SentimentLabel;
import dev.earshot.sample.GeneratedPost.Role;
import dev.earshot.sample.SampleScenario.Incident;
import dev.earshot.sample.SampleScenario.VentingCustomer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleStreamGeneratorTest {

    /** The topic words of the demo world (COMMON brief), written out independently of the generator's phrases. */
    private static final Map<String, Pattern> TOPIC_WORDS = new LinkedHashMap<>();

    static {
        TOPIC_WORDS.put("parking", words("parking", "parks?", "parked", "car parks?", "towed", "tow away"));
        TOPIC_WORDS.put("traffic", words("traffic", "gridlock", "congestion"));
        TOPIC_WORDS.put("public_transport", words("bus", "buses", "metros?", "trains?", "local trains?"));
        TOPIC_WORDS.put("roads", words("potholes?", "road repairs?", "roadworks", "broken footpaths?",
                "speed breakers?"));
        TOPIC_WORDS.put("waste", words("garbage", "trash", "rubbish", "litter", "waste collection"));
        TOPIC_WORDS.put("water", words("water supply", "tap water", "water tankers?", "water pipelines?",
                "pipe leaks?", "leaking pipes?", "watersupply"));
        TOPIC_WORDS.put("power", words("power cuts?", "power outages?", "electricity", "blackouts?",
                "load shedding", "powercut"));
        TOPIC_WORDS.put("noise", words("noise", "noisy", "loud music", "honking", "loudspeakers?"));
        TOPIC_WORDS.put("safety", words("unsafe", "theft", "stolen", "robbery", "harassment", "streetlights out",
                "safety"));
    }

    private static SampleStream stream;
    private static List<GeneratedPost> posts;

    @BeforeAll
    static void generate() {
        stream = SampleStreamGenerator.generate(SampleStreamParams.defaults());
        posts = stream.posts();
    }

    @Test
    void theSameSeedGivesIdenticalLinesAndAnotherSeedDoesNot() {
        SampleStream again = SampleStreamGenerator.generate(SampleStreamParams.defaults());
        SampleStreamParams defaults = SampleStreamParams.defaults();
        SampleStream other = SampleStreamGenerator.generate(new SampleStreamParams(defaults.seed() + 1,
                defaults.baselinePosts(), defaults.malformedRecords(), defaults.duplicateLines()));

        assertThat(again.lines()).isEqualTo(stream.lines());
        assertThat(other.lines()).isNotEqualTo(stream.lines());
    }

    @Test
    void theQuietWeekSpansSevenDaysAtTheBundledPaceWithNoIncidentAnywhere() {
        SampleStream week = SampleStreamGenerator.generate(SampleStreamParams.quietWeek());
        List<GeneratedPost> weekPosts = week.posts();

        assertThat(week.scenario().incidents()).isEmpty();
        assertThat(week.scenario().end()).isEqualTo(SampleScenario.PERIOD_START.plus(Duration.ofDays(7)));
        assertThat(weekPosts).noneMatch(p -> p.role() == Role.INCIDENT_EXTRA);
        assertThat(weekPosts.get(weekPosts.size() - 1).post().createdAt()).isAfter(Instant.parse("2026-03-08T20:00:00Z"));
        double perDayBundled = posts.stream().filter(p -> p.role() == Role.BASELINE).count() / 4.0;
        double perDayWeek = weekPosts.stream().filter(p -> p.role() == Role.BASELINE).count() / 7.0;
        assertThat(perDayWeek).isCloseTo(perDayBundled, within(perDayBundled * 0.02));
        // Where the bundled stream has its parking incident, the quiet week has the usual quarter of negative posts.
        Incident parking = SampleScenario.BENGALURU_PARKING;
        List<GeneratedPost> cell = weekPosts.stream().filter(p -> p.city().equals(parking.city())
                && parking.topic().equals(p.topic()) && parking.covers(p.post().createdAt())).toList();
        double negativeShare = cell.stream().filter(p -> p.intendedSentiment() == SentimentLabel.NEGATIVE).count()
                / (double) cell.size();
        assertThat(negativeShare).isCloseTo(0.25, within(0.08));
    }

    @Test
    void aWeeklyPatternMakesSaturdaysLaterWithMoreLeisureAndLessCommutePosts() {
        List<GeneratedPost> week = SampleStreamGenerator.generate(new SampleStreamParams(7, 28_000, 0, 0, 7, false,
                WeeklyPattern.defaults())).posts().stream().filter(p -> p.role() == Role.BASELINE).toList();
        // Local Tuesday to Friday and local Saturday lie wholly inside the week in every city's time zone.
        Map<String, double[]> byGroup = new HashMap<>(); // group -> {posts per weekday, posts on Saturday}
        double[] earlyMorning = new double[2]; // posts 06:00-09:00 local of topics without a weekend factor
        for (GeneratedPost post : week) {
            LocalDateTime local = post.post().createdAt()
                    .atZone(SampleStreamGenerator.cityNamed(post.city()).zone()).toLocalDateTime();
            DayOfWeek day = local.getDayOfWeek();
            boolean saturday = day == DayOfWeek.SATURDAY;
            if (!saturday && (day.getValue() < 2 || day.getValue() > 5)) {
                continue;
            }
            String topic = post.topic() == null ? "" : post.topic();
            String group = WeeklyPattern.LEISURE_TOPICS.contains(topic) ? "leisure"
                    : WeeklyPattern.COMMUTE_TOPICS.contains(topic) ? "commute" : "other";
            byGroup.computeIfAbsent(group, g -> new double[2])[saturday ? 1 : 0] += saturday ? 1 : 0.25;
            if (group.equals("other") && local.getHour() >= 6 && local.getHour() < 9) {
                earlyMorning[saturday ? 1 : 0] += saturday ? 1 : 0.25;
            }
        }

        assertThat(byGroup.get("leisure")[1] / byGroup.get("leisure")[0]).isCloseTo(1.8, within(0.15));
        assertThat(byGroup.get("commute")[1] / byGroup.get("commute")[0]).isCloseTo(0.6, within(0.06));
        assertThat(byGroup.get("other")[1] / byGroup.get("other")[0]).isCloseTo(1.0, within(0.08));
        assertThat(earlyMorning[1]).as("mornings start later").isLessThan(0.5 * earlyMorning[0]);
        assertThatThrownBy(() -> new WeeklyPattern(2, 0, 0.6)).hasMessageContaining("leisureFactor");
        assertThatThrownBy(() -> new WeeklyPattern(9, 1.8, 0.6)).hasMessageContaining("morningShift");
    }

    @Test
    void theBundledResourceIsTheStreamOfTheDocumentedSeed() throws IOException {
        List<String> bundled = new ArrayList<>();
        try (InputStream resource = getClass().getResourceAsStream("/sample/posts.jsonl.gz")) {
            assertThat(resource).as("sample/posts.jsonl.gz on the classpath").isNotNull();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8))) {
                reader.lines().forEach(bundled::add);
            }
        }

        assertThat(SampleStreamParams.defaults().seed()).isEqualTo(SampleStreamParams.BUNDLED_SEED);
        assertThat(bundled).hasSize(stream.lines().size());
        assertThat(bundled).as("regenerate the resource: see sample/README.md").isEqualTo(stream.lines());
    }

    @Test
    void validLinesAreTheGeneratedPostsAndTheRestAreTheScenariosMalformedRecordsAndDuplicates() {
        Map<String, Post> byId = new HashMap<>();
        int validLines = 0;
        int duplicates = 0;
        int malformed = 0;
        for (String line : stream.lines()) {
            Post post = readSanePost(line);
            if (post == null) {
                malformed++;
                continue;
            }
            validLines++;
            Post earlier = byId.putIfAbsent(post.id(), post);
            if (earlier != null) {
                assertThat(Json.write(earlier)).as("a duplicate repeats its original exactly").isEqualTo(line);
                duplicates++;
            }
        }

        SampleScenario scenario = stream.scenario();
        assertThat(malformed).isEqualTo(scenario.malformedRecords()).isBetween(25, 35);
        assertThat(duplicates).isEqualTo(scenario.duplicateLines()).isEqualTo(60);
        assertThat(byId).hasSize(scenario.validPosts()).hasSize(posts.size());
        assertThat(validLines).isEqualTo(posts.size() + duplicates);
        assertThat(posts.size()).isBetween(23_500, 24_500);
        for (GeneratedPost generated : posts) {
            assertThat(byId.get(generated.post().id())).isEqualTo(generated.post());
        }
        assertThat(scenario.malformedByKind()).containsOnlyKeys(MalformedKind.values());
        assertThat(scenario.malformedByKind().values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(3));
        assertThat(stream.lines()).anySatisfy(line -> assertThat(line.length()).isGreaterThan(10_000));
        assertThat(stream.lines()).anySatisfy(line -> assertThat(line).startsWith("["));
    }

    @Test
    void noLineIsMoreThanTheWatermarkBoundBehindTheLatestEventTimeBeforeIt() {
        Instant latest = Instant.MIN;
        int outOfOrder = 0;
        for (String line : stream.lines()) {
            Post post = readSanePost(line);
            if (post == null) {
                continue;
            }
            if (post.createdAt().isBefore(latest)) {
                outOfOrder++;
                assertThat(Duration.between(post.createdAt(), latest)).isLessThan(SampleScenario.MAX_LATENESS);
            } else {
                latest = post.createdAt();
            }
        }
        assertThat(outOfOrder).as("lines out of event-time order").isGreaterThan(1_000);
    }

    @Test
    void postsSpanThePeriodWithUniqueIdsInTheirSourcesStyle() {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> bySource = new HashMap<>();
        for (GeneratedPost generated : posts) {
            Post post = generated.post();
            assertThat(ids.add(post.id())).as("unique id %s", post.id()).isTrue();
            assertThat(post.createdAt()).isBetween(SampleScenario.PERIOD_START, SampleScenario.PERIOD_END);
            assertThat(post.lang()).isEqualTo("en");
            assertThat(post.author().id()).matches("user\\d{5}");
            String nativeId = post.id().substring(post.source().length() + 1);
            assertThat(post.id()).startsWith(post.source() + ":");
            switch (post.source()) {
                case "twitter" -> assertThat(nativeId).matches("\\d{19}");
                case "mastodon" -> assertThat(nativeId).matches("\\d{18}");
                case "bluesky" -> assertThat(nativeId).matches("[2-7a-z]{13}");
                case "forum" -> assertThat(nativeId).matches("\\d+");
                default -> throw new AssertionError("unexpected source " + post.source());
            }
            bySource.merge(post.source(), 1, Integer::sum);
        }
        assertThat(share(bySource.get("bluesky"))).isCloseTo(0.35, within(0.03));
        assertThat(share(bySource.get("mastodon"))).isCloseTo(0.25, within(0.03));
        assertThat(share(bySource.get("twitter"))).isCloseTo(0.25, within(0.03));
        assertThat(share(bySource.get("forum"))).isCloseTo(0.15, within(0.03));
    }

    @Test
    void authorsVaryAndFollowersAreHeavyTailed() {
        Map<String, Long> followers = new HashMap<>();
        posts.forEach(p -> followers.put(p.post().author().id(), p.post().author().followers()));
        List<Long> sorted = followers.values().stream().sorted().toList();

        assertThat(followers.size()).isBetween(2_500, 3_003);
        assertThat(sorted.get(sorted.size() - 1)).isGreaterThan(200 * sorted.get(sorted.size() / 2));
    }

    @Test
    void hashtagsAndMentionsAreThoseOfTheText() {
        for (GeneratedPost generated : posts) {
            Post post = generated.post();
            long hashes = post.text().chars().filter(c -> c == '#').count();
            long ats = post.text().chars().filter(c -> c == '@').count();
            assertThat(post.hashtags()).hasSize((int) hashes)
                    .allSatisfy(tag -> assertThat(post.text()).contains("#" + tag));
            assertThat(post.mentions()).hasSize((int) ats)
                    .allSatisfy(handle -> assertThat(post.text()).contains("@" + handle));
        }
    }

    @Test
    void cityAndTopicVolumesFollowTheirWeights() {
        List<GeneratedPost> baseline = posts.stream().filter(p -> p.role() == Role.BASELINE).toList();
        for (SampleCity city : SampleCity.ALL) {
            long count = baseline.stream().filter(p -> p.city().equals(city.name())).count();
            assertThat((double) count / baseline.size()).as(city.name()).isCloseTo(city.weight(), within(0.01));
        }
        Map<String, Double> topicWeights = Map.of("parking", 0.20, "traffic", 0.17, "public_transport", 0.15,
                "roads", 0.10, "waste", 0.10, "water", 0.08, "power", 0.07, "noise", 0.06, "safety", 0.04);
        topicWeights.forEach((topic, weight) -> {
            long count = baseline.stream().filter(p -> topic.equals(p.topic())).count();
            assertThat((double) count / baseline.size()).as(topic).isCloseTo(weight, within(0.01));
        });
        long chatter = baseline.stream().filter(p -> p.topic() == null).count();
        assertThat((double) chatter / baseline.size()).isCloseTo(0.03, within(0.005));
    }

    @Test
    void everyCityIsQuietAtLocalNightAndBusyInTheLocalDay() {
        for (SampleCity city : SampleCity.ALL) {
            int[] byLocalHour = new int[24];
            posts.stream().filter(p -> p.city().equals(city.name()) && p.role() == Role.BASELINE)
                    .forEach(p -> byLocalHour[p.post().createdAt().atZone(city.zone()).getHour()]++);
            int night = byLocalHour[2] + byLocalHour[3] + byLocalHour[4];
            int day = byLocalHour[9] + byLocalHour[10] + byLocalHour[11];
            assertThat(night * 5).as(city.name() + " by local hour " + Arrays.toString(byLocalHour))
                    .isLessThan(day);
        }
    }

    @Test
    void theBaselineSentimentMixIsTheSameInEveryCityAndTopic() {
        List<GeneratedPost> ordinary = posts.stream()
                .filter(p -> p.role() == Role.BASELINE && !inAnIncident(p)).toList();
        assertThat(negativeShare(ordinary)).isCloseTo(0.25, within(0.005));
        assertThat(labelShare(ordinary, SentimentLabel.NEUTRAL)).isCloseTo(0.45, within(0.005));
        for (SampleCity city : SampleCity.ALL) {
            for (String topic : TOPIC_WORDS.keySet()) {
                List<GeneratedPost> cell = ordinary.stream()
                        .filter(p -> p.city().equals(city.name()) && topic.equals(p.topic())).toList();
                // the labels' low-discrepancy sequence keeps even small cells within about two posts of the mix
                double tolerance = 0.01 + 2.0 / cell.size();
                assertThat(negativeShare(cell)).as(city.name() + " " + topic).isCloseTo(0.25, within(tolerance));
                assertThat(labelShare(cell, SentimentLabel.POSITIVE)).as(city.name() + " " + topic)
                        .isCloseTo(0.30, within(tolerance));
            }
        }
    }

    @Test
    void bengaluruParkingTurnsNegativeWithoutAVolumeSurge() {
        Incident incident = SampleScenario.BENGALURU_PARKING;
        List<GeneratedPost> during = matching(incident, incident.start(), incident.end());
        double volume = during.size() / averageOnOtherDays(incident);

        assertThat(negativeShare(during)).isCloseTo(0.75, within(0.04));
        assertThat(volume).isBetween(1.15, 1.5);
        for (SampleCity city : SampleCity.ALL) {
            if (!city.name().equals(incident.city())) {
                List<GeneratedPost> peers = posts.stream().filter(p -> p.city().equals(city.name())
                        && "parking".equals(p.topic()) && incident.covers(p.post().createdAt())).toList();
                assertThat(negativeShare(peers)).as(city.name()).isLessThan(0.4);
            }
        }
        List<GeneratedPost> before = matching(incident, SampleScenario.PERIOD_START, incident.start());
        assertThat(negativeShare(before)).isCloseTo(0.25, within(0.03));
    }

    @Test
    void theMumbaiMetroOpeningIsAFiveFoldSurgeThatStaysPositive() {
        Incident incident = SampleScenario.MUMBAI_METRO_OPENING;
        List<GeneratedPost> during = matching(incident, incident.start(), incident.end());
        double volume = during.size() / averageOnOtherDays(incident);

        assertThat(volume).isBetween(4.0, 6.0);
        assertThat(negativeShare(during)).isLessThanOrEqualTo(0.2);
        assertThat(labelShare(during, SentimentLabel.POSITIVE)).isGreaterThan(0.4);
    }

    /** What a detector with 2 h windows sliding by 30 min sees outside the incidents: nothing. */
    @Test
    void noOtherWindowIsUnusual() {
        Duration window = Duration.ofHours(2);
        Duration slide = Duration.ofMinutes(30);
        List<String> unusual = new ArrayList<>();
        for (SampleCity city : SampleCity.ALL) {
            for (String topic : TOPIC_WORDS.keySet()) {
                List<GeneratedPost> cell = posts.stream()
                        .filter(p -> p.city().equals(city.name()) && topic.equals(p.topic())).toList();
                for (Instant start = SampleScenario.PERIOD_START; !start.plus(window).isAfter(SampleScenario.PERIOD_END);
                        start = start.plus(slide)) {
                    Instant from = start;
                    Instant to = start.plus(window);
                    List<GeneratedPost> inWindow = cell.stream().filter(p -> !p.post().createdAt().isBefore(from)
                            && p.post().createdAt().isBefore(to)).toList();
                    double otherDays = sameWindowOnOtherDays(cell, from, to);
                    boolean incident = overlapsIncident(city, topic, from, to);
                    if (!incident && inWindow.size() >= 12 && negativeShare(inWindow) > 0.45) {
                        unusual.add(city.name() + " " + topic + " " + from + " negative " + negativeShare(inWindow));
                    }
                    if (!incident && inWindow.size() >= 15 && inWindow.size() > 2.5 * Math.max(otherDays, 1)) {
                        unusual.add(city.name() + " " + topic + " " + from + " volume " + inWindow.size()
                                + " vs " + otherDays);
                    }
                }
            }
        }
        assertThat(unusual).isEmpty();
    }

    @Test
    void everyTopicPostHasOneOfItsWordsAndNoneOfAnotherTopics() {
        for (GeneratedPost generated : posts) {
            String text = generated.post().text();
            for (Map.Entry<String, Pattern> topic : TOPIC_WORDS.entrySet()) {
                boolean own = topic.getKey().equals(generated.topic());
                assertThat(topic.getValue().matcher(text).find())
                        .as("%s post (%s) %s %s words: %s", generated.topic(), generated.role(),
                                own ? "has" : "has no", topic.getKey(), text)
                        .isEqualTo(own);
            }
        }
    }

    @Test
    void locationSignalsAreAsDesignedAndOnlyThoseGiven() {
        Map<String, Integer> bySignal = new HashMap<>();
        int bengaluru = 0;
        int bangalore = 0;
        for (GeneratedPost generated : posts) {
            Post post = generated.post();
            SampleCity city = SampleStreamGenerator.cityNamed(generated.city());
            LocationMethod signal = generated.locationSignal();
            bySignal.merge(signal == null ? "none" : signal.name(), 1, Integer::sum);
            boolean named = city.textSpellings().stream().anyMatch(post.text()::contains);
            String profile = post.author().profileLocation();
            boolean cityProfile = profile != null && city.profileLocations().contains(profile);
            assertThat(named).as("names the city: %s", post.text()).isEqualTo(signal == LocationMethod.TEXT);
            assertThat(post.geo() != null).isEqualTo(signal == LocationMethod.GEOTAG);
            assertThat(post.place() != null).isEqualTo(signal == LocationMethod.PLACE);
            if (signal == LocationMethod.GEOTAG) {
                assertThat(post.geo().distanceKm(city.centre())).isLessThanOrEqualTo(8.01);
            }
            if (signal == LocationMethod.PLACE) {
                assertThat(city.platformPlaces()).contains(post.place());
            }
            if (signal == LocationMethod.PROFILE) {
                assertThat(cityProfile).isTrue();
            }
            if (signal == null) {
                assertThat(cityProfile).isFalse();
            }
            if (generated.city().equals("Bengaluru") && signal == LocationMethod.TEXT) {
                bengaluru += post.text().contains("Bengaluru") ? 1 : 0;
                bangalore += post.text().contains("Bangalore") ? 1 : 0;
            }
        }
        assertThat(share(bySignal.get("GEOTAG"))).isCloseTo(0.20, within(0.015));
        assertThat(share(bySignal.get("PLACE"))).isCloseTo(0.15, within(0.015));
        assertThat(share(bySignal.get("TEXT"))).isCloseTo(0.35, within(0.015));
        assertThat(share(bySignal.get("PROFILE"))).isCloseTo(0.25, within(0.015));
        assertThat(share(bySignal.get("none"))).isCloseTo(0.05, within(0.01));
        assertThat(bengaluru).isGreaterThan(200);
        assertThat(bangalore).isGreaterThan(200);
        assertThat((double) bengaluru / (bengaluru + bangalore)).isBetween(0.4, 0.6);
    }

    @Test
    void threeVentingCustomersAddressTheCareAccountOverSeveralNegativePosts() {
        List<VentingCustomer> customers = stream.scenario().ventingCustomers();
        assertThat(customers).extracting(VentingCustomer::city).containsExactly("Bengaluru", "Mumbai", "London");
        assertThat(customers).extracting(c -> c.postIds().size()).containsExactly(4, 3, 3);
        for (VentingCustomer customer : customers) {
            List<Post> theirs = posts.stream().map(GeneratedPost::post)
                    .filter(p -> p.author().id().equals(customer.authorId())).toList();
            assertThat(theirs).extracting(Post::id).containsExactlyElementsOf(customer.postIds());
            assertThat(theirs).allSatisfy(p -> assertThat(p.mentions().contains(SampleScenario.CARE_HANDLE)
                    || SampleScenario.CARE_HANDLE.equals(p.replyToHandle())).isTrue());
            assertThat(posts.stream().filter(p -> customer.postIds().contains(p.post().id())))
                    .allSatisfy(p -> {
                        assertThat(p.intendedSentiment()).isEqualTo(SentimentLabel.NEGATIVE);
                        assertThat(p.topic()).isEqualTo(customer.topic());
                    });
        }

        List<Post> towed = postsOf(customers.get(0));
        Incident parking = SampleScenario.BENGALURU_PARKING;
        assertThat(towed).allSatisfy(p -> assertThat(parking.covers(p.createdAt())).isTrue());
        assertThat(Duration.between(towed.get(0).createdAt(), towed.get(3).createdAt()))
                .isBetween(Duration.ofHours(4), Duration.ofHours(6));
        for (int i = 1; i < towed.size(); i++) {
            assertThat(towed.get(i).conversationId()).isEqualTo(towed.get(0).id());
            assertThat(towed.get(i).replyToId()).isEqualTo(towed.get(i - 1).id());
            assertThat(towed.get(i).replyToHandle()).isEqualTo(SampleScenario.CARE_HANDLE);
        }
        assertThat(towed.get(3).text()).contains("FURIOUS");
        assertThat(postsOf(customers.get(1))).allSatisfy(p -> assertThat(p.createdAt().toString()).startsWith("2026-03-03"));
        List<Post> noise = postsOf(customers.get(2));
        assertThat(noise).allSatisfy(p -> assertThat(p.createdAt().toString()).startsWith("2026-03-05T"));
        assertThat(noise.get(2).text()).contains("still no response");
    }

    @Test
    void onlyTheVentingCustomersAndTheDistractorsMentionTheCareAccount() {
        Predicate<GeneratedPost> addressesCare = p -> p.post().mentions().contains(SampleScenario.CARE_HANDLE)
                || SampleScenario.CARE_HANDLE.equals(p.post().replyToHandle());
        Map<Role, Long> addressing = new HashMap<>();
        posts.stream().filter(addressesCare).forEach(p -> addressing.merge(p.role(), 1L, Long::sum));

        assertThat(addressing).containsOnlyKeys(Role.VENTING, Role.CARE_THANKS, Role.CARE_QUESTION);
        assertThat(addressing.get(Role.VENTING)).isEqualTo(10);
        assertThat(addressing.get(Role.CARE_THANKS)).isEqualTo(15);
        assertThat(addressing.get(Role.CARE_QUESTION)).isEqualTo(15);
        assertThat(posts).filteredOn(p -> p.role() == Role.CARE_THANKS)
                .allSatisfy(p -> assertThat(p.intendedSentiment()).isEqualTo(SentimentLabel.POSITIVE));
        assertThat(posts).filteredOn(p -> p.role() == Role.CARE_QUESTION)
                .allSatisfy(p -> assertThat(p.post().text()).contains("?"));
        List<GeneratedPost> friendly = posts.stream().filter(p -> p.role() == Role.FRIEND_COMPLAINT).toList();
        assertThat(friendly).hasSize(20).allSatisfy(p -> {
            assertThat(p.intendedSentiment()).isEqualTo(SentimentLabel.NEGATIVE);
            assertThat(p.post().mentions()).hasSize(1).doesNotContain(SampleScenario.CARE_HANDLE);
        });
        assertThat(posts).filteredOn(p -> p.role() == Role.BASELINE || p.role() == Role.INCIDENT_EXTRA)
                .allSatisfy(p -> assertThat(p.post().mentions()).isEmpty());
    }

    @Test
    void theIntendedLabelsNeverReachTheJson() {
        assertThat(stream.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf("NEGATIVE", "POSITIVE",
                "NEUTRAL", "intended", "BASELINE"));
    }

    @Test
    void paramsRejectValuesOutsideTheirRanges() {
        assertThatThrownBy(() -> new SampleStreamParams(1, 10, 30, 0)).hasMessageContaining("baselinePosts");
        assertThatThrownBy(() -> new SampleStreamParams(1, 24_000, -1, 0)).hasMessageContaining("malformedRecords");
        assertThatThrownBy(() -> new SampleStreamParams(1, 24_000, 30, 5_000)).hasMessageContaining("duplicateLines");
    }

    private static Post readSanePost(String line) {
        try {
            Post post = Json.read(line, Post.class);
            boolean sane = post.text().length() <= 10_000
                    && !post.createdAt().isBefore(SampleScenario.PERIOD_START.minus(Duration.ofDays(1)));
            return sane ? post : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<Post> postsOf(VentingCustomer customer) {
        return posts.stream().map(GeneratedPost::post).filter(p -> p.author().id().equals(customer.authorId()))
                .toList();
    }

    private static List<GeneratedPost> matching(Incident incident, Instant from, Instant to) {
        return posts.stream().filter(p -> p.city().equals(incident.city()) && incident.topic().equals(p.topic())
                && !p.post().createdAt().isBefore(from) && p.post().createdAt().isBefore(to)).toList();
    }

    /** The incident's posts in the same clock hours on the other three days, on average. */
    private static double averageOnOtherDays(Incident incident) {
        return sameWindowOnOtherDays(matching(incident, SampleScenario.PERIOD_START, SampleScenario.PERIOD_END),
                incident.start(), incident.end());
    }

    /** The mean count of posts in the same clock window on the other days of the period. */
    private static double sameWindowOnOtherDays(List<GeneratedPost> cell, Instant from, Instant to) {
        int days = 0;
        long count = 0;
        for (int shift = -3; shift <= 3; shift++) {
            Instant shiftedFrom = from.plus(Duration.ofDays(shift));
            Instant shiftedTo = to.plus(Duration.ofDays(shift));
            if (shift == 0 || shiftedFrom.isBefore(SampleScenario.PERIOD_START)
                    || shiftedTo.isAfter(SampleScenario.PERIOD_END)) {
                continue;
            }
            days++;
            count += cell.stream().filter(p -> !p.post().createdAt().isBefore(shiftedFrom)
                    && p.post().createdAt().isBefore(shiftedTo)).count();
        }
        return count / (double) days;
    }

    private static boolean inAnIncident(GeneratedPost post) {
        return List.of(SampleScenario.BENGALURU_PARKING, SampleScenario.MUMBAI_METRO_OPENING).stream()
                .anyMatch(i -> i.city().equals(post.city()) && i.topic().equals(post.topic())
                        && i.covers(post.post().createdAt()));
    }

    private static boolean overlapsIncident(SampleCity city, String topic, Instant from, Instant to) {
        return List.of(SampleScenario.BENGALURU_PARKING, SampleScenario.MUMBAI_METRO_OPENING).stream()
                .anyMatch(i -> i.city().equals(city.name()) && i.topic().equals(topic)
                        && from.isBefore(i.end()) && to.isAfter(i.start()));
    }

    private static double negativeShare(List<GeneratedPost> sample) {
        return labelShare(sample, SentimentLabel.NEGATIVE);
    }

    private static double labelShare(List<GeneratedPost> sample, SentimentLabel label) {
        assertThat(sample).as("a sample to take a share of").isNotEmpty();
        return sample.stream().filter(p -> p.intendedSentiment() == label).count() / (double) sample.size();
    }

    private static double share(int count) {
        return count / (double) posts.size();
    }

    private static Pattern words(String... alternatives) {
        return Pattern.compile("(?<![\\w-])(" + String.join("|", alternatives) + ")(?![\\w-])", Pattern.CASE_INSENSITIVE);
    }
}
