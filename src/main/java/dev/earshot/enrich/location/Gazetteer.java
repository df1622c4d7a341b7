package dev.earshot.enrich.location;

import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The cities Earshot can locate posts in, indexed by normalised name ({@link PlaceNames#key}), by country and region
 * names (for context such as "Paris, Texas") and on a one-degree grid (for geotags). Immutable and thread-safe.
 */
public final class Gazetteer {

    public static final String BUNDLED_RESOURCE = "/gazetteer/cities15000.tsv.gz";

    /** A name in the gazetteer's own spelling wins over another place's alternate name unless that place is this
     *  many times more populous: "Victoria" is Victoria BC, not an old name of a bigger city. */
    private static final double NAME_OVER_ALIAS = 100;

    /** A country or region written as a code (IN, ME, ON) is also a word; see {@link #countries}. */
    private static final int MAX_CODE_LETTERS = 3;

    /** A candidate place for a key. */
    public record Candidate(Place place, NameKind kind) {

        /** Population, with names ahead of alternate names ({@link #NAME_OVER_ALIAS}). */
        public double score() {
            return Math.max(1, place.population()) * (kind == NameKind.NAME ? NAME_OVER_ALIAS : 1);
        }

        /** The candidate's first-level division, as {@link #regions} names it. */
        public Region region() {
            return new Region(place.countryCode(), place.region());
        }
    }

    /** A first-level administrative division, as places name it. */
    public record Region(String countryCode, String name) {
    }

    private final Map<String, List<Candidate>> placesByKey = new HashMap<>();
    private final Map<String, List<Candidate>> placesByCompactKey = new HashMap<>();
    private final Map<String, Set<String>> countriesByName = new HashMap<>();
    private final Map<String, Set<String>> countriesByCode = new HashMap<>();
    private final Map<String, Set<Region>> regionsByName = new HashMap<>();
    private final Map<String, Set<Region>> regionsByCode = new HashMap<>();
    private final Map<Long, Place> placesById = new HashMap<>();
    private final Map<Long, List<String>> namesById = new HashMap<>();
    private final Map<Long, List<String>> sectionsById = new HashMap<>();
    private final Map<Integer, List<Place>> grid = new HashMap<>();

    private Gazetteer(Stream<String> lines) {
        Map<String, String> regionNames = new HashMap<>();
        lines.filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            String[] c = line.split("\t", -1);
            switch (c[0]) {
                case "C" -> {
                    Set<String> names = aliases(c[4]);
                    names.add(c[3]);
                    names.add(c[1]);
                    names.add(c[2]);
                    names.forEach(name -> index(isCode(name) ? countriesByCode : countriesByName, name, c[1]));
                }
                case "R" -> {
                    Region region = new Region(c[1], c[3]);
                    regionNames.put(c[1] + "." + c[2], c[3]);
                    Set<String> names = aliases(c[4]);
                    names.add(c[3]);
                    names.forEach(name -> index(isCode(name) ? regionsByCode : regionsByName, name, region));
                }
                case "P" -> addPlace(c, regionNames);
                default -> throw new IllegalArgumentException("unknown gazetteer record type '" + c[0] + "': " + line);
            }
        });
        Comparator<Candidate> best = Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingLong(candidate -> candidate.place().geonameid());
        placesByKey.values().forEach(candidates -> candidates.sort(best));
        placesByCompactKey.values().forEach(candidates -> candidates.sort(best));
    }

    /** The gazetteer bundled with Earshot, loaded once per JVM. */
    public static Gazetteer bundled() {
        return Bundled.INSTANCE;
    }

    /** A gazetteer from lines in {@link GazetteerBuilder}'s format. */
    public static Gazetteer fromLines(Stream<String> lines) {
        return new Gazetteer(lines);
    }

    private static final class Bundled {
        static final Gazetteer INSTANCE = load();

        private static Gazetteer load() {
            try (InputStream raw = Gazetteer.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (raw == null) {
                    throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the classpath");
                }
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8))) {
                    return new Gazetteer(reader.lines());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + BUNDLED_RESOURCE, e);
            }
        }
    }

    private void addPlace(String[] c, Map<String, String> regionNames) {
        Place place = new Place(Long.parseLong(c[1]), c[2], Double.parseDouble(c[3]), Double.parseDouble(c[4]), c[5],
                regionNames.get(c[5] + "." + c[6]), Long.parseLong(c[7]));
        placesById.put(place.geonameid(), place);
        grid.computeIfAbsent(cell(latCell(place.lat()), lonCell(place.lon())), k -> new ArrayList<>()).add(place);
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        addName(place, c[2], NameKind.NAME, seen, names);
        for (String alias : aliases(c[8])) {
            addName(place, alias, isAbbreviation(alias) ? NameKind.ABBREVIATION : NameKind.ALIAS, seen, names);
        }
        namesById.put(place.geonameid(), List.copyOf(names));
        if (c.length > 9) {
            List<String> sections = new ArrayList<>();
            for (String section : aliases(c[9])) {
                addName(place, section, NameKind.SECTION, seen, sections);
            }
            sectionsById.put(place.geonameid(), List.copyOf(sections));
        }
    }

    private void addName(Place place, String name, NameKind kind, Set<String> seen, List<String> names) {
        String key = PlaceNames.key(name);
        if (key.isEmpty() || !seen.add(key)) {
            return;
        }
        names.add(name);
        Candidate candidate = new Candidate(place, kind);
        placesByKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(candidate);
        if (key.indexOf(' ') > 0) {
            placesByCompactKey.computeIfAbsent(PlaceNames.compactKey(key), k -> new ArrayList<>(1)).add(candidate);
        }
    }

    private static Set<String> aliases(String column) {
        Set<String> names = new LinkedHashSet<>();
        for (String alias : column.split("\\|")) {
            if (!alias.isBlank()) {
                names.add(alias);
            }
        }
        return names;
    }

    private static <V> void index(Map<String, Set<V>> map, String name, V value) {
        String key = PlaceNames.key(name);
        if (!key.isEmpty()) {
            map.computeIfAbsent(key, k -> new HashSet<>()).add(value);
        }
    }

    private static boolean isCode(String name) {
        return allCapitals(name, MAX_CODE_LETTERS);
    }

    private static boolean isAbbreviation(String alias) {
        return allCapitals(alias, 4);
    }

    private static boolean allCapitals(String name, int maxLetters) {
        int letters = PlaceNames.capitalLetters(name, ".");
        return letters > 0 && letters <= maxLetters;
    }

    /** Places named by a normalised key, best first (see {@link Candidate#score}); empty when none. */
    public List<Candidate> places(String key) {
        return placesByKey.getOrDefault(key, List.of());
    }

    /** Places whose multi-word name, written without spaces, is this key (#NewYork, #NewDelhi). */
    public List<Candidate> placesByCompactKey(String compactKey) {
        return placesByCompactKey.getOrDefault(compactKey, List.of());
    }

    /**
     * ISO codes of the countries a key names. Codes (IN, ME, UK) are ordinary words in lower case, so they count only
     * when {@code codesAllowed}: written in capitals, or standing alone as a whole part of a place string.
     */
    public Set<String> countries(String key, boolean codesAllowed) {
        return union(countriesByName.get(key), codesAllowed ? countriesByCode.get(key) : null);
    }

    /** Regions a key names; codes (NY, ON, NSW) as in {@link #countries}. */
    public Set<Region> regions(String key, boolean codesAllowed) {
        return union(regionsByName.get(key), codesAllowed ? regionsByCode.get(key) : null);
    }

    private static <V> Set<V> union(Set<V> names, Set<V> codes) {
        if (codes == null) {
            return names == null ? Set.of() : names;
        }
        if (names == null) {
            return codes;
        }
        Set<V> both = new HashSet<>(names);
        both.addAll(codes);
        return both;
    }

    public Optional<Place> place(long geonameid) {
        return Optional.ofNullable(placesById.get(geonameid));
    }

    /** Every place, in no particular order. */
    public Collection<Place> places() {
        return Collections.unmodifiableCollection(placesById.values());
    }

    /** The place's name and then its alternate names and abbreviations as written, one per key; empty when unknown. */
    public List<String> names(Place place) {
        return namesById.getOrDefault(place.geonameid(), List.of());
    }

    /** The names of the sections folded into the place ({@link NameKind#SECTION}), one per key; empty when none. */
    public List<String> sections(Place place) {
        return sectionsById.getOrDefault(place.geonameid(), List.of());
    }

    public int size() {
        return placesById.size();
    }

    /**
     * The place a point most likely belongs to among those within {@code radiusKm}: the best
     * {@link #proximityScore}, so a point in a suburb a few kilometres from a big city's centre goes to the city,
     * while a point at the centre of a separate town stays there.
     */
    public Optional<Place> placeAt(GeoPoint point, double radiusKm) {
        double latSpan = radiusKm / 111.0;
        double cosLat = Math.max(0.01, Math.cos(Math.toRadians(point.lat())));
        double lonSpan = Math.min(180, radiusKm / (111.0 * cosLat));
        Place best = null;
        double bestScore = -1;
        for (int latCell = latCell(point.lat() - latSpan); latCell <= latCell(point.lat() + latSpan); latCell++) {
            for (int lonStep = (int) Math.floor(point.lon() - lonSpan); lonStep <= (int) Math.floor(point.lon() + lonSpan);
                    lonStep++) {
                for (Place place : grid.getOrDefault(cell(latCell, lonCell(lonStep)), List.of())) {
                    double km = point.distanceKm(place.point());
                    double score = proximityScore(place.population(), km);
                    if (km <= radiusKm && score > bestScore) {
                        best = place;
                        bestScore = score;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A gravity score: population over squared distance, the distance offset by 1 km so a centre is not infinite. */
    static double proximityScore(long population, double km) {
        return Math.max(1, population) / ((km + 1) * (km + 1));
    }

    private static int latCell(double lat) {
        return (int) Math.floor(Math.max(-90, Math.min(89.999, lat))) + 90;
    }

    /** Wraps around the antimeridian. */
    private static int lonCell(double lon) {
        return Math.floorMod((int) Math.floor(lon) + 180, 360);
    }

    private static int cell(int latCell, int lonCell) {
        return latCell * 360 + lonCell;
    }

    /** The model's location for a place: id {@code geonames:<geonameid>}, the canonical name as the city. */
    public Location toLocation(Place place, LocationMethod method, double confidence) {
        return new Location("geonames:" + place.geonameid(), place.name(), place.region(), place.countryCode(),
                place.point(), method, confidence);
    }
}
