package dev.earshot.cli;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.LocationParams;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.location.Place;
import dev.earshot.eval.HoldOut;
import dev.earshot.eval.LabelledCsv;
import dev.earshot.eval.NaiveProfileBaseline;
import dev.earshot.eval.ProfileOracle;
import dev.earshot.eval.TweetCoordinates;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scores profile-location resolution on geotagged airline tweets: how many profiles resolve, and how many of those
 * land near the tweet's own coordinates, next to a naive exact-name look-up; then checks that every alias of the
 * largest Indian and US cities resolves to its city and that phrases that are not places resolve to nothing.
 */
@Command(name = "location", mixinStandardHelpOptions = true,
        description = {"Measure profile-location resolution on the Twitter US Airline Sentiment tweets that have both a "
                + "geotag (tweet_coord, not [0.0, 0.0]) and a profile location (tweet_location), next to a naive "
                + "baseline; then check the aliases of the largest Indian and US cities and a list of non-places."})
final class EvalLocationCommand implements Callable<Integer> {

    /** Profile locations that name no place: each must resolve to nothing. */
    static final List<String> NON_PLACES = List.of("Earth", "Planet Earth", "everywhere", "Everywhere & Nowhere",
            "in my head", "worldwide", "Worldwide", "the internet", "Internet", "online", "home", "here", "somewhere",
            "nowhere", "the moon", "the world", "global", "cyberspace", "wherever", "heaven", "the universe");

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the airline tweets (Tweets.csv)")
    private Path data;

    @Option(names = "--gazetteer", paramLabel = "FILE", description = "a gazetteer written by `earshot gazetteer "
            + "build` to measure instead of the bundled one")
    private Path gazetteerFile;

    @Option(names = "--km", defaultValue = "50", description = "a resolved place this close to the geotag is right "
            + "(default ${DEFAULT-VALUE})")
    private double km;

    @Option(names = "--cities", defaultValue = "10", paramLabel = "N",
            description = "check the aliases of the N largest cities of each of IN and US (default ${DEFAULT-VALUE})")
    private int cities;

    @Option(names = "--show-misses", defaultValue = "0", paramLabel = "N",
            description = "print N development-half profiles that Earshot resolves to a place farther than --km from the "
                    + "geotag")
    private int showMisses;

    /** How one resolver did on the geotagged profiles. */
    record Score(int posts, int resolved, int near) {

        double resolvedShare() {
            return posts == 0 ? 0 : (double) resolved / posts;
        }

        /** Of the resolved, the share within the distance. */
        double nearShare() {
            return resolved == 0 ? 0 : (double) near / resolved;
        }
    }

    private record Geotagged(String tweetId, GeoPoint point, String profile) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<Geotagged> rows = geotaggedProfiles();
            long loadStart = System.nanoTime();
            Gazetteer gazetteer = gazetteerFile == null ? Gazetteer.bundled() : GazetteerCommand.read(gazetteerFile);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            LocationResolver resolver = new LocationResolver(gazetteer, LocationParams.defaults());
            NaiveProfileBaseline naive = new NaiveProfileBaseline(gazetteer);
            ProfileOracle oracle = new ProfileOracle(gazetteer);
            Function<String, Optional<GeoPoint>> earshot = profile -> resolver
                    .fromPlaceName(profile, LocationMethod.PROFILE).map(Location::point);
            Function<String, Optional<GeoPoint>> baseline = profile -> naive.resolve(profile).map(Place::point);

            out.printf(Locale.ROOT, "Gazetteer %s: %,d places, loaded in %.1f s; the resolver, the naive baseline and "
                    + "the oracle all use it%n", gazetteerFile == null ? "bundled (" + Gazetteer.BUNDLED_RESOURCE + ")"
                    : gazetteerFile, gazetteer.size(), loadSeconds);
            out.printf("%s: %,d tweets with a geotag and a profile location; right = within %.0f km of the geotag.%n"
                    + "Resolved = a city; a profile that names only a region or country counts as not resolved.%n",
                    data, rows.size(), km);
            // Rules were chosen looking at the development half (even tweet_id) only.
            HoldOut.Split<Geotagged> halves = HoldOut.byIdParity(rows, Geotagged::tweetId);
            List<Geotagged> development = halves.train();
            List<Geotagged> heldOut = halves.test();
            out.printf("  %-58s %-22s %-22s %-22s%n", "method (resolved, then within of resolved)",
                    "dev: even id (" + development.size() + ")", "held out: odd (" + heldOut.size() + ")",
                    "all (" + rows.size() + ")");
            Score earshotScore = score(rows, earshot);
            Score naiveScore = score(rows, baseline);
            print(out, "Earshot LocationResolver (profile)",
                    List.of(score(development, earshot), score(heldOut, earshot), earshotScore));
            print(out, "naive: first comma part, exact name, largest population",
                    List.of(score(development, baseline), score(heldOut, baseline), naiveScore));
            long oracleNear = rows.stream().filter(row -> oracle.namesAPlaceNear(row.profile(), row.point(), km))
                    .count();
            out.printf(Locale.ROOT, "  oracle: the profile names some gazetteer place within %.0f km of the geotag: "
                    + "%,d of %,d (%.1f%%)%n", km, oracleNear, rows.size(), 100.0 * oracleNear / rows.size());
            printCalibration(out, development, heldOut, resolver);
            double gain = 100 * (earshotScore.nearShare() - naiveScore.nearShare());
            boolean meets = gain >= 15 && earshotScore.resolvedShare() >= 0.60;
            out.printf(Locale.ROOT, "  all: within-%.0f-km share %+.1f points over the naive baseline, %.1f%% resolved: "
                    + "%s the bar (+15 points, 60%% resolved)%n", km, gain, 100 * earshotScore.resolvedShare(),
                    meets ? "meets" : "MISSES");

            boolean aliasesOk = printAliases(out, gazetteer, resolver);
            boolean nonPlacesOk = printNonPlaces(out, resolver);
            out.printf("%nChecks: aliases %s, non-places %s%n", aliasesOk ? "all resolve to their city" : "SOME FAIL",
                    nonPlacesOk ? "all resolve to nothing" : "SOME RESOLVE");
            printMisses(out, development, resolver);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("earshot: " + e.getMessage());
            return 2;
        }
    }

    private List<Geotagged> geotaggedProfiles() throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + ": no such file");
        }
        List<Map<String, String>> rows;
        try (Reader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            rows = LabelledCsv.readColumns(in, List.of("tweet_id", "tweet_coord", "tweet_location"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data " + data + ": " + e.getMessage(), e);
        }
        List<Geotagged> geotagged = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String profile = row.get("tweet_location");
            Optional<GeoPoint> point;
            try {
                point = TweetCoordinates.parse(row.get("tweet_coord"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--data " + data + ": tweet " + row.get("tweet_id") + ": "
                        + e.getMessage(), e);
            }
            if (point.isPresent() && !profile.isBlank()) {
                geotagged.add(new Geotagged(row.get("tweet_id"), point.get(), profile));
            }
        }
        if (geotagged.isEmpty()) {
            throw new IllegalArgumentException("--data " + data + ": no tweet has both tweet_coord and tweet_location");
        }
        return geotagged;
    }

    private Score score(List<Geotagged> rows, Function<String, Optional<GeoPoint>> resolve) {
        int resolved = 0;
        int near = 0;
        for (Geotagged row : rows) {
            Optional<GeoPoint> point = resolve.apply(row.profile());
            if (point.isPresent()) {
                resolved++;
                if (point.get().distanceKm(row.point()) <= km) {
                    near++;
                }
            }
        }
        return new Score(rows.size(), resolved, near);
    }

    private static void print(PrintWriter out, String method, List<Score> scores) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-58s", method));
        for (Score score : scores) {
            line.append(String.format(Locale.ROOT, " %5.1f%% %5.1f%% %-8s", 100 * score.resolvedShare(),
                    100 * score.nearShare(), "(" + score.near() + "/" + score.resolved() + ")"));
        }
        out.println(line);
    }

    /** Per confidence the resolver gave, how often the geotag was within the distance: is the confidence honest? */
    private void printCalibration(PrintWriter out, List<Geotagged> development, List<Geotagged> heldOut,
            LocationResolver resolver) {
        out.printf("  calibration: confidence -> within %.0f km of resolved, dev | held out%n", km);
        Map<Double, int[]> counts = new java.util.TreeMap<>(Comparator.reverseOrder());
        for (int half = 0; half < 2; half++) {
            for (Geotagged row : half == 0 ? development : heldOut) {
                Optional<Location> location = resolver.fromPlaceName(row.profile(), LocationMethod.PROFILE);
                if (location.isPresent()) {
                    int[] c = counts.computeIfAbsent(Math.round(location.get().confidence() * 100) / 100.0,
                            k -> new int[4]);
                    c[2 * half]++;
                    c[2 * half + 1] += location.get().point().distanceKm(row.point()) <= km ? 1 : 0;
                }
            }
        }
        counts.forEach((confidence, c) -> out.printf(Locale.ROOT, "    %.2f  %5.1f%% (%d/%d) | %5.1f%% (%d/%d)%n",
                confidence, c[0] == 0 ? 0 : 100.0 * c[1] / c[0], c[1], c[0], c[2] == 0 ? 0 : 100.0 * c[3] / c[2],
                c[3], c[2]));
    }

    /** Every name of the largest cities, resolved as a profile location on its own; true when all find their city. */
    private boolean printAliases(PrintWriter out, Gazetteer gazetteer, LocationResolver resolver) {
        int names = 0;
        int wrong = 0;
        out.printf("%nAliases of the %d largest cities of India and the United States, each resolved alone:%n", cities);
        for (String country : List.of("IN", "US")) {
            List<Place> largest = gazetteer.places().stream().filter(place -> place.countryCode().equals(country))
                    .sorted(Comparator.comparingLong(Place::population).reversed()).limit(cities).toList();
            for (Place city : largest) {
                List<String> lines = new ArrayList<>();
                for (String name : gazetteer.names(city)) {
                    names++;
                    Optional<Location> location = resolver.fromPlaceName(name, LocationMethod.PROFILE);
                    boolean right = location.isPresent() && location.get().id().equals("geonames:" + city.geonameid());
                    if (!right) {
                        wrong++;
                    }
                    lines.add(name + " -> " + location.map(found -> found.city() + ", " + found.country()
                            + (right ? "" : " (" + found.id() + ")")).orElse("nothing") + (right ? "" : "  WRONG"));
                }
                out.printf(Locale.ROOT, "  %s, %s (geonames:%d, %,d people), %d names:%n", city.name(), country,
                        city.geonameid(), city.population(), lines.size());
                lines.forEach(line -> out.println("    " + line));
            }
        }
        out.printf("  %,d names, %,d resolve elsewhere or to nothing%n", names, wrong);
        return wrong == 0;
    }

    private static boolean printNonPlaces(PrintWriter out, LocationResolver resolver) {
        out.println("\nNon-places, each must resolve to nothing:");
        int wrong = 0;
        for (String phrase : NON_PLACES) {
            Optional<Location> location = resolver.fromPlaceName(phrase, LocationMethod.PROFILE);
            wrong += location.isPresent() ? 1 : 0;
            out.printf("  %-24s -> %s%n", "\"" + phrase + "\"",
                    location.map(found -> found.city() + ", " + found.country() + "  WRONG").orElse("nothing"));
        }
        out.printf("  %d of %d resolve to a place%n", wrong, NON_PLACES.size());
        return wrong == 0;
    }

    private void printMisses(PrintWriter out, List<Geotagged> rows, LocationResolver resolver) {
        if (showMisses <= 0) {
            return;
        }
        out.printf("%nProfiles resolved farther than %.0f km from the geotag (first %d):%n", km, showMisses);
        rows.stream().map(row -> Map.entry(row, resolver.fromPlaceName(row.profile(), LocationMethod.PROFILE)))
                .filter(entry -> entry.getValue().isPresent()
                        && entry.getValue().get().point().distanceKm(entry.getKey().point()) > km)
                .limit(showMisses)
                .forEach(entry -> out.printf(Locale.ROOT, "  \"%s\" -> %s, %s, %s (%.0f km)%n",
                        entry.getKey().profile().replace('\n', ' '), entry.getValue().get().city(),
                        entry.getValue().get().region(), entry.getValue().get().country(),
                        entry.getValue().get().point().distanceKm(entry.getKey().point())));
    }
}
