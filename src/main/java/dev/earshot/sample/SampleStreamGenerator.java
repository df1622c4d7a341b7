package dev.earshot.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.json.Json;
import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.SentimentLabel;
import dev.earshot.sample.GeneratedPost.Role;
import dev.earshot.sample.SampleScenario.Incident;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates Earshot's bundled sample stream: four days of city-operations posts in ten cities with two designed
 * incidents, three venting customers, distractors, malformed lines and duplicates (see
 * {@code sample/README.md}). Pure: no I/O, no clock, no shared state; the same parameters give byte-identical lines.
 */
public final class SampleStreamGenerator {

    /** How far from the city centre a geotag may fall. */
    public static final double GEOTAG_RADIUS_KM = 8.0;

    /** Relative posting activity by local hour: quiet at night, peaks in the morning and the evening. */
    private static final double[] ACTIVITY_BY_LOCAL_HOUR = {
        0.25, 0.15, 0.10, 0.08, 0.08, 0.12, 0.30, 0.60, 0.90, 1.00, 0.95, 0.90,
        0.90, 0.85, 0.80, 0.85, 0.90, 1.00, 1.00, 0.95, 0.85, 0.70, 0.50, 0.35};
    private static final double CHATTER_WEIGHT = 0.03;
    /** Half-hours, so that the half-hour offset of India Standard Time falls on slot boundaries. */
    private static final long SLOT_SECONDS = 1_800;
    private static final double VOLUME_WOBBLE = 0.3;
    /** GEOTAG, PLACE, TEXT, PROFILE, then none. */
    private static final WeightedChoice LOCATION_SIGNAL_CHOICE = new WeightedChoice(new double[] {0.20, 0.15, 0.35, 0.25, 0.05});
    private static final LocationMethod[] LOCATION_SIGNALS = {LocationMethod.GEOTAG, LocationMethod.PLACE,
        LocationMethod.TEXT, LocationMethod.PROFILE, null};
    private static final List<String> SOURCES = List.of("bluesky", "mastodon", "twitter", "forum");
    private static final WeightedChoice SOURCE_CHOICE = new WeightedChoice(new double[] {0.35, 0.25, 0.25, 0.15});
    private static final WeightedChoice CITY_CHOICE = new WeightedChoice(
            SampleCity.ALL.stream().mapToDouble(SampleCity::weight).toArray());
    private static final WeightedChoice TOPIC_CHOICE = new WeightedChoice(
            TopicPhrases.ALL.stream().mapToDouble(TopicPhrases::weight).toArray());
    private static final int AUTHORS = 3_000;
    private static final double AUTHOR_WITH_CITY_PROFILE = 0.7;
    private static final List<String> VAGUE_PROFILES = List.of("Earth", "somewhere", "she/her", "he/him",
            "the internet", "wherever the coffee is", "🌍");
    private static final int CARE_THANKS = 15;
    private static final int CARE_QUESTIONS = 15;
    private static final int FRIEND_COMPLAINTS = 20;
    private static final long MAX_JITTER_MILLIS = 120_000;
    /** Duplicates arrive 1 to 4 minutes after their original's event time: late, but inside the 5-minute bound. */
    private static final long DUPLICATE_MIN_DELAY_MILLIS = 60_000;
    private static final long DUPLICATE_MAX_DELAY_MILLIS = 240_000;
    /** The fractional part of the golden ratio: successive multiples spread evenly over [0, 1). */
    private static final double GOLDEN_FRACTION = 0.6180339887498949;
    private static final long TWITTER_EPOCH_MILLIS = 1_288_834_974_657L;
    private static final String TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w#])#([A-Za-z][A-Za-z0-9_]*)");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z][A-Za-z0-9_]*)");
    private static final List<String> NOT_JSON_LINES = List.of(
            "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>",
            "ERROR upstream timeout after 30000 ms",
            "post: parking near the market is full again",
            "id=twitter:1 text=hello");

    private SampleStreamGenerator() {
    }

    /** The stream for these parameters; {@code generate(SampleStreamParams.defaults()).lines()} is the bundled file. */
    public static SampleStream generate(SampleStreamParams params) {
        return new Run(params).generate();
    }

    private static final class Draft {
        final int sequence;
        final SampleCity city;
        final TopicPhrases topic;
        final Instant createdAt;
        final LocationMethod signal;
        final Role role;
        final boolean metroOpening;
        SentimentLabel label;

        Draft(int sequence, SampleCity city, TopicPhrases topic, Instant createdAt, LocationMethod signal, Role role,
              boolean metroOpening, SentimentLabel label) {
            this.sequence = sequence;
            this.city = city;
            this.topic = topic;
            this.createdAt = createdAt;
            this.signal = signal;
            this.role = role;
            this.metroOpening = metroOpening;
            this.label = label;
        }
    }

    private record PoolAuthor(Author author, String source) {
    }

    /** A city's authors, drawn by activity; those with a city profile and those without kept apart too. */
    private record AuthorPool(List<PoolAuthor> all, WeightedChoice allActivity, List<PoolAuthor> withProfile,
                              WeightedChoice withProfileActivity, List<PoolAuthor> withoutProfile,
                              WeightedChoice withoutProfileActivity) {
    }

    private record Line(long sortKey, int order, String json) {
    }

    private static final class Run {
        private final SampleStreamParams params;
        private final SplittableRandom draftRandom;
        private final SplittableRandom labelRandom;
        private final SplittableRandom postRandom;
        private final SplittableRandom lineRandom;
        private final TextComposer composer;
        private final List<AuthorPool> pools;
        private final Set<String> usedIds = new HashSet<>();
        private final long periodSeconds;
        private final List<Incident> incidents;
        private int nextSequence;
        private long nextForumPost = 4_810_000;

        Run(SampleStreamParams params) {
            this.params = params;
            this.periodSeconds = params.period().toSeconds();
            this.incidents = params.incidents() ? SampleScenario.INCIDENTS : List.of();
            SplittableRandom root = new SplittableRandom(params.seed());
            SplittableRandom authorRandom = root.split();
            this.draftRandom = root.split();
            this.labelRandom = root.split();
            this.postRandom = root.split();
            this.lineRandom = root.split();
            this.composer = new TextComposer(root.split());
            this.pools = buildAuthorPools(authorRandom);
            VentingCustomers.POSTS.forEach(p -> usedIds.add(p.post().id()));
        }

        SampleStream generate() {
            List<Draft> drafts = new ArrayList<>(baselineDrafts());
            if (params.incidents()) {
                drafts.addAll(incidentExtras(drafts, SampleScenario.BENGALURU_PARKING, TopicPhrases.PARKING, false));
                drafts.addAll(incidentExtras(drafts, SampleScenario.MUMBAI_METRO_OPENING, TopicPhrases.PUBLIC_TRANSPORT,
                        true));
            }
            assignLabels(drafts);
            drafts.addAll(distractors());
            drafts.sort(Comparator.comparing((Draft d) -> d.createdAt).thenComparingInt(d -> d.sequence));

            List<GeneratedPost> posts = new ArrayList<>();
            for (Draft draft : drafts) {
                posts.add(write(draft));
            }
            posts.addAll(VentingCustomers.POSTS);
            posts.sort(Comparator.comparing((GeneratedPost p) -> p.post().createdAt())
                    .thenComparing(p -> p.post().id()));

            List<Line> lines = new ArrayList<>();
            for (GeneratedPost post : posts) {
                long createdAt = post.post().createdAt().toEpochMilli();
                lines.add(new Line(createdAt + lineRandom.nextLong(MAX_JITTER_MILLIS + 1), lines.size(),
                        Json.write(post.post())));
            }
            addDuplicates(posts, lines);
            Map<MalformedKind, Integer> malformed = addMalformed(lines);
            lines.sort(Comparator.comparingLong(Line::sortKey).thenComparingInt(Line::order));

            SampleScenario scenario = new SampleScenario(params.seed(), SampleScenario.PERIOD_START,
                    SampleScenario.PERIOD_START.plus(params.period()), incidents,
                    VentingCustomers.CUSTOMERS,
                    posts.size(), params.duplicateLines(), malformed);
            return new SampleStream(lines.stream().map(Line::json).toList(), posts, scenario);
        }

        /**
         * Each city and topic gets its expected number of posts per half-hour (by the local hour's activity, wobbled
         * by up to 15%), rounded systematically so that counts never drift: independent draws would give small
         * cells chance 2-3x spikes, which a volume detector would rightly report.
         */
        private List<Draft> baselineDrafts() {
            int slots = (int) (periodSeconds / SLOT_SECONDS);
            List<Draft> drafts = new ArrayList<>(params.baselinePosts());
            for (SampleCity city : SampleCity.ALL) {
                double[] activity = new double[slots];
                double totalActivity = 0;
                for (int slot = 0; slot < slots; slot++) {
                    activity[slot] = activityAt(city, slotStart(slot));
                    totalActivity += activity[slot];
                }
                for (int topicIndex = 0; topicIndex <= TopicPhrases.ALL.size(); topicIndex++) {
                    TopicPhrases topic = topicIndex < TopicPhrases.ALL.size() ? TopicPhrases.ALL.get(topicIndex) : null;
                    double cellPosts = params.baselinePosts() * city.weight()
                            * (topic == null ? CHATTER_WEIGHT : topic.weight());
                    double cumulative = draftRandom.nextDouble();
                    for (int slot = 0; slot < slots; slot++) {
                        double slotActivity = params.weekly() == null ? activity[slot]
                                : weeklyActivityAt(city, topic, slotStart(slot), params.weekly());
                        double expected = cellPosts * slotActivity / totalActivity
                                * (1 + VOLUME_WOBBLE * (draftRandom.nextDouble() - 0.5));
                        long count = (long) Math.floor(cumulative + expected) - (long) Math.floor(cumulative);
                        cumulative += expected;
                        for (long i = 0; i < count; i++) {
                            Instant createdAt = slotStart(slot).plusSeconds(draftRandom.nextLong(SLOT_SECONDS));
                            drafts.add(new Draft(nextSequence++, city, topic, createdAt, drawSignal(), Role.BASELINE,
                                    false, null));
                        }
                    }
                }
            }
            return drafts;
        }

        private static Instant slotStart(int slot) {
            return SampleScenario.PERIOD_START.plusSeconds(slot * SLOT_SECONDS);
        }

        /** Extra posts that lift the incident window's volume to its factor over the baseline actually drawn there. */
        private List<Draft> incidentExtras(List<Draft> baseline, Incident incident, TopicPhrases topic,
                                           boolean metroOpening) {
            long inWindow = baseline.stream()
                    .filter(d -> d.city.name().equals(incident.city()) && d.topic == topic && incident.covers(d.createdAt))
                    .count();
            long extras = Math.round(inWindow * (incident.volumeFactor() - 1));
            SampleCity city = cityNamed(incident.city());
            long windowSeconds = incident.end().getEpochSecond() - incident.start().getEpochSecond();
            List<Draft> drafts = new ArrayList<>();
            for (long i = 0; i < extras; i++) {
                Instant createdAt = incident.start().plusSeconds(draftRandom.nextLong(windowSeconds));
                drafts.add(new Draft(nextSequence++, city, topic, createdAt, drawSignal(), Role.INCIDENT_EXTRA,
                        metroOpening, null));
            }
            return drafts;
        }

        /**
         * Labels follow a golden-ratio sequence per city and topic in time order, so that every window holds close
         * to the designed shares: the only unusual windows are the designed incidents.
         */
        private void assignLabels(List<Draft> drafts) {
            int keys = SampleCity.ALL.size() * (TopicPhrases.ALL.size() + 1);
            List<List<Draft>> byKey = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                byKey.add(new ArrayList<>());
            }
            for (Draft draft : drafts) {
                int topicIndex = draft.topic == null ? TopicPhrases.ALL.size() : TopicPhrases.ALL.indexOf(draft.topic);
                byKey.get(SampleCity.ALL.indexOf(draft.city) * (TopicPhrases.ALL.size() + 1) + topicIndex).add(draft);
            }
            for (List<Draft> series : byKey) {
                series.sort(Comparator.comparing((Draft d) -> d.createdAt).thenComparingInt(d -> d.sequence));
                double position = labelRandom.nextDouble();
                for (Draft draft : series) {
                    position = (position + GOLDEN_FRACTION) % 1.0;
                    draft.label = labelAt(position, draft);
                }
            }
        }

        private SentimentLabel labelAt(double position, Draft draft) {
            double negative = 0.25;
            double neutral = 0.45;
            for (Incident incident : incidents) {
                if (draft.topic != null && draft.topic.id().equals(incident.topic())
                        && draft.city.name().equals(incident.city()) && incident.covers(draft.createdAt)) {
                    negative = incident.negativeShare();
                    // the rest keeps the baseline's 45:30 neutral-to-positive ratio, except the opening is cheerful
                    neutral = incident == SampleScenario.MUMBAI_METRO_OPENING ? 0.37 : (1 - negative) * 0.45 / 0.75;
                }
            }
            if (position < negative) {
                return SentimentLabel.NEGATIVE;
            }
            return position < negative + neutral ? SentimentLabel.NEUTRAL : SentimentLabel.POSITIVE;
        }

        private List<Draft> distractors() {
            List<Draft> drafts = new ArrayList<>();
            int[] counts = {CARE_THANKS, CARE_QUESTIONS, FRIEND_COMPLAINTS};
            Role[] roles = {Role.CARE_THANKS, Role.CARE_QUESTION, Role.FRIEND_COMPLAINT};
            SentimentLabel[] labels = {SentimentLabel.POSITIVE, SentimentLabel.NEUTRAL, SentimentLabel.NEGATIVE};
            for (int kind = 0; kind < roles.length; kind++) {
                for (int i = 0; i < counts[kind]; i++) {
                    SampleCity city = SampleCity.ALL.get(CITY_CHOICE.draw(draftRandom));
                    TopicPhrases topic = TopicPhrases.ALL.get(TOPIC_CHOICE.draw(draftRandom));
                    drafts.add(new Draft(nextSequence++, city, topic, diurnalInstant(city), drawSignal(), roles[kind],
                            false, labels[kind]));
                }
            }
            return drafts;
        }

        private GeneratedPost write(Draft draft) {
            PoolAuthor poolAuthor = pickAuthor(draft.city, draft.signal);
            boolean nameCity = draft.signal == LocationMethod.TEXT;
            String text = switch (draft.role) {
                case CARE_THANKS -> composer.careThanks(draft.topic, draft.city, nameCity);
                case CARE_QUESTION -> composer.careQuestion(draft.topic, draft.city, nameCity);
                case FRIEND_COMPLAINT -> composer.friendComplaint(draft.topic, draft.city, nameCity);
                default -> draft.topic == null
                        ? composer.chatter(draft.label, draft.city, nameCity)
                        : composer.topicPost(draft.metroOpening ? TopicPhrases.METRO_OPENING : draft.topic,
                                draft.label, draft.city, nameCity);
            };
            GeoPoint geo = draft.signal == LocationMethod.GEOTAG ? pointNear(draft.city.centre()) : null;
            String place = draft.signal == LocationMethod.PLACE ? pick(postRandom, draft.city.platformPlaces()) : null;
            String id = newId(poolAuthor.source(), draft.createdAt);
            Post post = new Post(id, poolAuthor.source(), draft.createdAt, text, "en", poolAuthor.author(), geo, place,
                    null, null, null, urlOf(id, poolAuthor.author()), tags(HASHTAG, text), tags(MENTION, text));
            return new GeneratedPost(post, draft.city.name(), draft.topic == null ? null : draft.topic.id(),
                    draft.label, draft.signal, draft.role);
        }

        private void addDuplicates(List<GeneratedPost> posts, List<Line> lines) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                if (posts.get(i).role() == Role.BASELINE) {
                    candidates.add(i);
                }
            }
            for (int i = 0; i < params.duplicateLines(); i++) {
                int swap = i + lineRandom.nextInt(candidates.size() - i);
                Integer chosen = candidates.set(swap, candidates.get(i));
                candidates.set(i, chosen);
                Post post = posts.get(chosen).post();
                long delay = DUPLICATE_MIN_DELAY_MILLIS
                        + lineRandom.nextLong(DUPLICATE_MAX_DELAY_MILLIS - DUPLICATE_MIN_DELAY_MILLIS + 1);
                lines.add(new Line(post.createdAt().toEpochMilli() + delay, lines.size(), Json.write(post)));
            }
        }

        private Map<MalformedKind, Integer> addMalformed(List<Line> lines) {
            Map<MalformedKind, Integer> counts = new EnumMap<>(MalformedKind.class);
            MalformedKind[] kinds = MalformedKind.values();
            for (int i = 0; i < params.malformedRecords(); i++) {
                MalformedKind kind = kinds[i % kinds.length];
                int ofKind = counts.merge(kind, 1, Integer::sum);
                SampleCity city = pick(lineRandom, SampleCity.ALL);
                TopicPhrases topic = pick(lineRandom, TopicPhrases.ALL);
                Draft draft = new Draft(nextSequence++, city, topic, diurnalInstant(city), LocationMethod.PROFILE,
                        Role.BASELINE, false, SentimentLabel.NEGATIVE);
                Post post = write(draft).post();
                lines.add(new Line(post.createdAt().toEpochMilli() + lineRandom.nextLong(MAX_JITTER_MILLIS + 1),
                        lines.size(), malformedLine(kind, ofKind, post)));
            }
            return counts;
        }

        private String malformedLine(MalformedKind kind, int ofKind, Post post) {
            String json = Json.write(post);
            return switch (kind) {
                case NOT_JSON -> NOT_JSON_LINES.get((ofKind - 1) % NOT_JSON_LINES.size());
                case TRUNCATED_JSON -> json.substring(0, (int) (json.length() * (0.3 + 0.5 * lineRandom.nextDouble())));
                case MISSING_ID -> edit(json, node -> node.remove("id"));
                case MISSING_CREATED_AT -> edit(json, node -> node.remove("createdAt"));
                case EMPTY_TEXT -> edit(json, node -> node.put("text", ""));
                case WRONG_TYPES -> switch ((ofKind - 1) % 3) {
                    case 0 -> edit(json, node -> ((ObjectNode) node.get("author")).put("followers", "lots"));
                    case 1 -> edit(json, node -> node.put("createdAt", 12345));
                    // not "text": 42, which Jackson reads as the text "42"
                    default -> edit(json, node -> node.put("hashtags", "parking"));
                };
                case OVERSIZED_TEXT -> {
                    StringBuilder text = new StringBuilder();
                    while (text.length() <= 10_000) {
                        text.append(post.text()).append(' ');
                    }
                    yield edit(json, node -> node.put("text", text.toString().strip()));
                }
                case JSON_ARRAY -> "[" + json + "]";
            };
        }

        private static String edit(String json, Consumer<ObjectNode> change) {
            try {
                ObjectNode node = (ObjectNode) Json.mapper().readTree(json);
                change.accept(node);
                return Json.write(node);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot edit a post's own JSON", e);
            }
        }

        /** A random instant of the period, more likely in the city's busy local hours. */
        private Instant diurnalInstant(SampleCity city) {
            while (true) {
                Instant candidate = SampleScenario.PERIOD_START.plusSeconds(draftRandom.nextLong(periodSeconds));
                if (draftRandom.nextDouble() < activityAt(city, candidate)) {
                    return candidate;
                }
            }
        }

        private LocationMethod drawSignal() {
            return LOCATION_SIGNALS[LOCATION_SIGNAL_CHOICE.draw(draftRandom)];
        }

        private PoolAuthor pickAuthor(SampleCity city, LocationMethod signal) {
            AuthorPool pool = pools.get(SampleCity.ALL.indexOf(city));
            if (signal == LocationMethod.PROFILE) {
                return pool.withProfile().get(pool.withProfileActivity().draw(postRandom));
            }
            if (signal == null) {
                return pool.withoutProfile().get(pool.withoutProfileActivity().draw(postRandom));
            }
            return pool.all().get(pool.allActivity().draw(postRandom));
        }

        /** A uniformly random point of the disc around the centre, rounded to about a metre. */
        private GeoPoint pointNear(GeoPoint centre) {
            double distanceKm = GEOTAG_RADIUS_KM * Math.sqrt(postRandom.nextDouble());
            double bearing = 2 * Math.PI * postRandom.nextDouble();
            double lat = centre.lat() + distanceKm * Math.cos(bearing) / 111.32;
            double lon = centre.lon() + distanceKm * Math.sin(bearing) / (111.32 * Math.cos(Math.toRadians(centre.lat())));
            return new GeoPoint(Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5);
        }

        /** A native id in the source's own style, unique in the stream. */
        private String newId(String source, Instant createdAt) {
            while (true) {
                long millis = createdAt.toEpochMilli() + postRandom.nextInt(1000);
                String nativeId = switch (source) {
                    case "twitter" -> twitterId(millis, postRandom.nextInt(1 << 22));
                    case "mastodon" -> mastodonId(millis, postRandom.nextInt(1 << 16));
                    case "bluesky" -> blueskyTid(millis * 1000 + postRandom.nextInt(1000), postRandom.nextInt(1024));
                    default -> Long.toString(nextForumPost += 1 + postRandom.nextInt(6));
                };
                String id = source + ":" + nativeId;
                if (usedIds.add(id)) {
                    return id;
                }
            }
        }

        private List<AuthorPool> buildAuthorPools(SplittableRandom random) {
            Set<Integer> usedNumbers = new HashSet<>(VentingCustomers.AUTHOR_NUMBERS);
            List<AuthorPool> result = new ArrayList<>();
            for (SampleCity city : SampleCity.ALL) {
                int size = (int) Math.round(AUTHORS * city.weight());
                List<PoolAuthor> all = new ArrayList<>();
                List<Double> activity = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    int number;
                    do {
                        number = 10_000 + random.nextInt(90_000);
                    } while (!usedNumbers.add(number));
                    String profile = random.nextDouble() < AUTHOR_WITH_CITY_PROFILE
                            ? pick(random, city.profileLocations())
                            : random.nextBoolean() ? null : pick(random, VAGUE_PROFILES);
                    Author author = new Author("user" + number, "user" + number, followers(random), profile);
                    all.add(new PoolAuthor(author, SOURCES.get(SOURCE_CHOICE.draw(random))));
                    // Pareto-distributed activity: a few authors post a lot, most post once or twice
                    activity.add(Math.min(200, Math.pow(1 - random.nextDouble(), -1 / 1.5)));
                }
                List<PoolAuthor> withProfile = new ArrayList<>();
                List<Double> withProfileActivity = new ArrayList<>();
                List<PoolAuthor> withoutProfile = new ArrayList<>();
                List<Double> withoutProfileActivity = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    String profile = all.get(i).author().profileLocation();
                    boolean hasCityProfile = profile != null && city.profileLocations().contains(profile);
                    (hasCityProfile ? withProfile : withoutProfile).add(all.get(i));
                    (hasCityProfile ? withProfileActivity : withoutProfileActivity).add(activity.get(i));
                }
                result.add(new AuthorPool(all, choice(activity), withProfile, choice(withProfileActivity),
                        withoutProfile, choice(withoutProfileActivity)));
            }
            return result;
        }

        /** Heavy-tailed (Pareto, alpha 1.1) follower counts: most have dozens, a few have hundreds of thousands. */
        private static long followers(SplittableRandom random) {
            if (random.nextDouble() < 0.05) {
                return random.nextInt(15);
            }
            return (long) Math.min(5_000_000, 15 * Math.pow(1 - random.nextDouble(), -1 / 1.1));
        }
    }

    static SampleCity cityNamed(String name) {
        return SampleCity.ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample city named " + name));
    }

    static String blueskyTid(long micros, int clockId) {
        long value = (micros << 10) | clockId;
        char[] tid = new char[13];
        for (int i = 12; i >= 0; i--) {
            tid[i] = TID_ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(tid);
    }

    static String twitterId(long millis, int sequence) {
        return Long.toString(((millis - TWITTER_EPOCH_MILLIS) << 22) | sequence);
    }

    static String mastodonId(long millis, int sequence) {
        return Long.toString((millis << 16) | sequence);
    }

    private static List<String> tags(Pattern pattern, String text) {
        List<String> tags = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            tags.add(matcher.group(1));
        }
        return tags;
    }

    /**
     * Where a support agent would open the post. The accounts are invented, so the links use reserved
     * {@code .example} hosts (RFC 2606) shaped like each network's own, never a real site.
     */
    static String urlOf(String id, Author author) {
        String nativeId = id.substring(id.indexOf(':') + 1);
        return switch (id.substring(0, id.indexOf(':'))) {
            case "bluesky" -> "https://bsky.example/profile/" + author.handle() + "/post/" + nativeId;
            case "mastodon" -> "https://mastodon.example/@" + author.handle() + "/" + nativeId;
            case "twitter" -> "https://x.example/" + author.handle() + "/status/" + nativeId;
            default -> "https://forum.example/p/" + nativeId;
        };
    }

    static List<String> hashtagsOf(String text) {
        return tags(HASHTAG, text);
    }

    static List<String> mentionsOf(String text) {
        return tags(MENTION, text);
    }

    /** An index drawn with probability proportional to its weight. */
    private static double activityAt(SampleCity city, Instant instant) {
        ZoneOffset offset = city.zone().getRules().getOffset(instant);
        return ACTIVITY_BY_LOCAL_HOUR[instant.atOffset(offset).getHour()];
    }

    /** The activity of a topic in a city at an instant, with weekends (in the city's own time) as the pattern says. */
    private static double weeklyActivityAt(SampleCity city, TopicPhrases topic, Instant instant, WeeklyPattern weekly) {
        ZoneOffset offset = city.zone().getRules().getOffset(instant);
        LocalDateTime local = instant.atOffset(offset).toLocalDateTime();
        if (!WeeklyPattern.isWeekend(local.getDayOfWeek())) {
            return ACTIVITY_BY_LOCAL_HOUR[local.getHour()];
        }
        int hour = Math.floorMod(local.getHour() - weekly.morningShift(), ACTIVITY_BY_LOCAL_HOUR.length);
        return ACTIVITY_BY_LOCAL_HOUR[hour] * weekly.weekendFactor(topic == null ? null : topic.id());
    }

    private static final class WeightedChoice {
        private final double[] cumulative;

        WeightedChoice(double[] weights) {
            cumulative = new double[weights.length];
            double total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += weights[i];
                cumulative[i] = total;
            }
        }

        int draw(SplittableRandom random) {
            double target = random.nextDouble() * cumulative[cumulative.length - 1];
            int index = Arrays.binarySearch(cumulative, target);
            return Math.min(cumulative.length - 1, index >= 0 ? index + 1 : -index - 1);
        }
    }

    private static <T> T pick(SplittableRandom random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static WeightedChoice choice(List<Double> weights) {
        return new WeightedChoice(weights.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
