package dev.earshot.cli;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.LocationParams;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.location.NameKind;
import dev.earshot.enrich.location.Place;
import dev.earshot.enrich.location.PlaceNames;
import dev.earshot.eval.HoldOut;
import dev.earshot.eval.NaiveProfileBaseline;
import dev.earshot.eval.ProfileOracle;
import dev.earshot.eval.TweetCoordinates;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
            long beyondOracle = rows.stream().filter(row -> !oracle.namesAPlaceNear(row.profile(), row.point(), km)
                    && (isNear(earshot, row) || isNear(baseline, row))).count();
            int atLeastResolved = (int) Math.ceil(0.60 * rows.size());
            out.printf(Locale.ROOT, "  bound: %d profiles right for a resolver but not for the oracle (must be 0); "
                    + "resolving >= 60%% (%d) caps the within share at %.1f%%, the bar needs %.1f%%%n", beyondOracle,
                    atLeastResolved, 100.0 * Math.min(oracleNear, atLeastResolved) / atLeastResolved,
                    100 * naiveScore.nearShare() + 15);
            printCalibration(out, development, heldOut, resolver);
            double gain = 100 * (earshotScore.nearShare() - naiveScore.nearShare());
            boolean meets = gain >= 15 && earshotScore.resolvedShare() >= 0.60;
            out.printf(Locale.ROOT, "  all: within-%.0f-km share %+.1f points over the naive baseline, %.1f%% resolved: "
                    + "%s the bar (+15 points, 60%% resolved)%n", km, gain, 100 * earshotScore.resolvedShare(),
                    meets ? "meets" : "MISSES");

            NameChecks names = printAliases(out, gazetteer, resolver);
            boolean nonPlacesOk = printNonPlaces(out, resolver);
            out.printf("%nChecks: aliases %s, sections %s, non-places %s%n", names.aliasesOk()
                    ? "all resolve alone to their city" : "SOME FAIL alone (" + names.aliasesElsewhere().size()
                    + " of " + names.aliases() + ": " + String.join(", ", names.aliasesElsewhere()) + ")",
                    names.sectionsWrong() == 0 ? "all resolve to their city where they must"
                            : names.sectionsWrong() + " of " + names.sections() + " FAIL",
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
        List<Map<String, String>> rows = DataFile.readColumns(data, List.of("tweet_id", "tweet_coord", "tweet_location"));
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

    private boolean isNear(Function<String, Optional<GeoPoint>> resolve, Geotagged row) {
        return resolve.apply(row.profile()).filter(point -> point.distanceKm(row.point()) <= km).isPresent();
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

    /** What the alias and section checks found; see {@link #printAliases}. */
    record NameChecks(int aliases, List<String> aliasesElsewhere, int aliasesWrongInContext, int sections,
            int sectionsWrong) {

        boolean aliasesOk() {
            return aliasesElsewhere.isEmpty();
        }
    }

    /**
     * The names of the largest cities, each resolved as a profile location. Aliases (the city's own GeoNames name,
     * alternate names and abbreviations) must each resolve alone to the city: that is the bar. An alias that is
     * another place's own name ("Puno") is shown with the reason, and must at least resolve beside the city's region.
     * Sections ("Hollywood", "Lincoln Park") are places inside the city: beside the city's name ("Hollywood, Los
     * Angeles") they must resolve to it, and beside its region too unless another place of that name lies in the
     * region; alone only when no other place has the name and it is not a word that needs context ("Uptown").
     */
    private NameChecks printAliases(PrintWriter out, Gazetteer gazetteer, LocationResolver resolver) {
        int aliases = 0;
        List<String> aliasesElsewhere = new ArrayList<>();
        int aliasesWrongInContext = 0;
        int sections = 0;
        int sectionsWrong = 0;
        out.printf("%nNames of the %d largest cities of India and the United States, each resolved as a profile "
                + "location:%n", cities);
        for (String country : List.of("IN", "US")) {
            List<Place> largest = gazetteer.places().stream().filter(place -> place.countryCode().equals(country))
                    .sorted(Comparator.comparingLong(Place::population).reversed()).limit(cities).toList();
            for (Place city : largest) {
                String around = city.region() != null ? city.region() : city.countryCode();
                List<String> lines = new ArrayList<>();
                for (String name : gazetteer.names(city)) {
                    aliases++;
                    Optional<Location> alone = resolver.fromPlaceName(name, LocationMethod.PROFILE);
                    if (isCity(alone, city)) {
                        lines.add(name + " -> " + city.name());
                        continue;
                    }
                    aliasesElsewhere.add(name);
                    boolean ownName = isAnotherPlacesOwnName(gazetteer, name, city);
                    String inRegion = name + ", " + around;
                    boolean rightInRegion = isCity(resolver.fromPlaceName(inRegion, LocationMethod.PROFILE), city);
                    aliasesWrongInContext += rightInRegion ? 0 : 1;
                    lines.add(name + " -> " + describe(alone, city) + (ownName ? " (that place's own name)" : "")
                            + "  NOT ITS CITY; \"" + inRegion + "\" -> " + (rightInRegion ? city.name() : "WRONG"));
                }
                List<String> sectionLines = new ArrayList<>();
                for (String section : gazetteer.sections(city)) {
                    sections++;
                    boolean alone = isOnlyPlaceNamed(gazetteer, section, city)
                            && !LocationResolver.needsContext(section);
                    boolean inRegion = !isNamedInRegion(gazetteer, section, city);
                    List<String> forms = new ArrayList<>();
                    forms.add(section);
                    forms.add(section + ", " + around);
                    forms.add(section + ", " + city.name());
                    List<String> results = new ArrayList<>();
                    boolean wrong = false;
                    for (int i = 0; i < forms.size(); i++) {
                        Optional<Location> found = resolver.fromPlaceName(forms.get(i), LocationMethod.PROFILE);
                        boolean required = i == 2 || (i == 1 && inRegion) || (i == 0 && alone);
                        boolean right = isCity(found, city);
                        wrong |= required && !right;
                        results.add(i == 0 ? describe(found, city) + (alone ? "" : " (shared or generic)")
                                : (right ? city.name() : describe(found, city)) + (required && !right ? " WRONG" : ""));
                    }
                    sectionsWrong += wrong ? 1 : 0;
                    sectionLines.add(section + " -> " + results.get(0) + "; beside " + around + " -> "
                            + results.get(1) + "; beside " + city.name() + " -> " + results.get(2));
                }
                out.printf(Locale.ROOT, "  %s, %s (geonames:%d, %,d people), %d names, %d sections:%n", city.name(),
                        country, city.geonameid(), city.population(), lines.size(), sectionLines.size());
                lines.forEach(line -> out.println("    " + line));
                sectionLines.forEach(line -> out.println("    section " + line));
            }
        }
        out.printf("  aliases: %,d names, %,d resolve alone elsewhere or to nothing%s, %d of those also beside the "
                + "city's region%n", aliases, aliasesElsewhere.size(),
                aliasesElsewhere.isEmpty() ? "" : " " + aliasesElsewhere, aliasesWrongInContext);
        out.printf("  sections: %,d names, %,d miss their city where they must (beside the city; beside its region "
                + "unless another place there has the name; alone when no other place has it)%n", sections,
                sectionsWrong);
        return new NameChecks(aliases, aliasesElsewhere, aliasesWrongInContext, sections, sectionsWrong);
    }

    private static boolean isCity(Optional<Location> location, Place city) {
        return location.isPresent() && location.get().id().equals("geonames:" + city.geonameid());
    }

    private static String describe(Optional<Location> location, Place city) {
        return location.map(found -> isCity(location, city) ? city.name()
                : found.city() + ", " + found.country() + " (" + found.id() + ")").orElse("nothing");
    }

    private static boolean isAnotherPlacesOwnName(Gazetteer gazetteer, String name, Place city) {
        return gazetteer.places(PlaceNames.key(name)).stream()
                .anyMatch(c -> c.kind() == NameKind.NAME && !c.place().equals(city));
    }

    private static boolean isOnlyPlaceNamed(Gazetteer gazetteer, String name, Place city) {
        return gazetteer.places(PlaceNames.key(name)).stream().allMatch(c -> c.place().equals(city));
    }

    private static boolean isNamedInRegion(Gazetteer gazetteer, String name, Place city) {
        return gazetteer.places(PlaceNames.key(name)).stream().anyMatch(c -> !c.place().equals(city)
                && c.place().countryCode().equals(city.countryCode())
                && Objects.equals(c.place().region(), city.region()));
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
