package dev.earshot.enrich.location;

import dev.earshot.enrich.location.Gazetteer.Candidate;
import dev.earshot.enrich.location.Gazetteer.Region;
import dev.earshot.enrich.location.Words.Word;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the city a post is about or from, trusting in this order: the geotag ({@link LocationMethod#GEOTAG}), the
 * platform's place name (PLACE), a city named in the text (TEXT), the author's profile location (PROFILE).
 *
 * <p>Names are resolved by population, narrowed by a country or region written beside them ("Paris, Texas",
 * "Portland, ME", "London, Ontario"); a name whose context contradicts every candidate resolves to nothing. A place's
 * own name beats another place's alternate name or section unless that place is 100 times more populous (see
 * {@link Gazetteer.Candidate#score}): "Venice" is Venice, Italy, and "Puno" (a GeoNames alternate name of Pune) is
 * Puno, Peru. In a place string, a city written beside one of its sections or alternate names decides it:
 * "Venice, Los Angeles" and "Lincoln Park, Chicago" are those cities, as are "Venice, CA" and "Puno, India".
 *
 * <p>Text is read conservatively: a name counts only when capitalised (or as a hashtag, #Bengaluru), one-word names
 * need four letters, an alternate name needs a city of {@link LocationParams#textAliasMinPopulation} people, and
 * names that are also ordinary words or people's names (gazetteer/ambiguous-names.txt: "Nice", "Reading", "Police",
 * "Metro", "Victoria") count only with a country or region after a comma. The same list guards profile locations
 * without context; the platform's place names are trusted as places.
 *
 * <p>Abbreviations: only those people write for a city as a whole and that are not words: NYC, LA, SF and DC (in
 * the gazetteer as aliases). In text they must be written in capitals; in a place string they may stand alone in any
 * case ("nyc"). Airport codes (BLR, BOM, DEL, MAA) are not used: many are words or names (DEL, BOS, SEA, MAN).
 * Country codes (IN, US, UK) and region codes (NY, ME, ON) count as context when written in capitals or when they are
 * a whole part of a place string ("london, uk").
 *
 * <p>Non-places ("Earth", "everywhere", "worldwide", "the internet": gazetteer/non-places.txt) and names of countries
 * or regions alone ("India", "Karnataka", "USA", "New Jersey", "Upstate New York") resolve to nothing: Earshot
 * locates posts at city level, and a town that merely shares a region's name is a guess. A region's name stays its
 * namesake city only when that city lies in it ("New York") or is major ("Charlotte").
 *
 * <p>Profiles: places listed one after another ("NYC | LA", "Atlanta, GA & St Augustine, FL") are not each other's
 * context, the first that resolves wins; a city named inside a longer part ("Floridian from Cincinnati") must be a
 * major city or be confirmed by a region or country. The confidence says how strong the evidence was (see
 * {@code Evidence}), calibrated on the development half of geotagged airline tweets.
 */
public final class LocationResolver {

    private static final int MAX_NAME_WORDS = 3;
    private static final int MIN_TEXT_NAME_LETTERS = 4;
    private static final int MIN_ALIAS_LETTERS_IN_TEXT = 5;
    /** A runner-up with at least this share of the winner's score makes the choice ambiguous. */
    private static final double RIVAL_SHARE = 0.2;
    /**
     * A city this big is what its name means even where a region or country has the same name (Charlotte NC, not
     * the parish of St Vincent), and the only kind found inside a longer profile part without a region or country to
     * confirm it ("All Over The World" is not Over, Cambridgeshire): small towns' names are ordinary words.
     */
    private static final long MAJOR_CITY_POPULATION = 100_000;
    /** Words that turn a region's name into part of the region ("Upstate New York"), not its namesake city. */
    private static final Set<String> DIRECTIONS = Set.of("upstate", "downstate", "northern", "southern", "eastern",
            "western", "central", "north", "south", "east", "west", "rural", "coastal");
    /** Separate places listed one after another ("NYC | LA"): one is not the other's context. */
    private static final Pattern PLACE_LIST = Pattern.compile("[;|/\\n\u2022\u00b7&]| [-\u2013\u2014] ");
    /** A place and its context ("Portland, ME", "Hyderabad (India)"). */
    private static final Pattern PLACE_PARTS = Pattern.compile("[,()]");

    private static final Set<String> AMBIGUOUS_NAMES = readList("/gazetteer/ambiguous-names.txt");

    /** The parts a place string is read in: its list items, each split into a place and its context. */
    public static List<String> placeParts(String text) {
        return Arrays.stream(PLACE_LIST.split(text)).flatMap(PLACE_PARTS::splitAsStream).toList();
    }
    private static final Set<String> NON_PLACES = readList("/gazetteer/non-places.txt");

    private final Gazetteer gazetteer;
    private final LocationParams params;

    public LocationResolver(Gazetteer gazetteer, LocationParams params) {
        this.gazetteer = gazetteer;
        this.params = params;
    }

    /** The bundled gazetteer with default parameters. */
    public static LocationResolver withDefaults() {
        return new LocationResolver(Gazetteer.bundled(), LocationParams.defaults());
    }

    public Optional<Location> resolve(Post post) {
        Optional<Location> location = Optional.empty();
        if (post.geo() != null) {
            location = fromGeotag(post.geo());
        }
        if (location.isEmpty() && post.place() != null) {
            location = fromPlaceName(post.place(), LocationMethod.PLACE);
        }
        if (location.isEmpty()) {
            location = fromText(post.text());
        }
        if (location.isEmpty() && post.author().profileLocation() != null) {
            location = fromPlaceName(post.author().profileLocation(), LocationMethod.PROFILE);
        }
        return location;
    }

    public Optional<Location> fromGeotag(GeoPoint point) {
        return gazetteer.placeAt(point, params.geotagRadiusKm())
                .map(place -> gazetteer.toLocation(place, LocationMethod.GEOTAG, params.geotagConfidence()));
    }

    /**
     * A place string: the platform's place ({@link LocationMethod#PLACE}) or a profile location
     * ({@link LocationMethod#PROFILE}), e.g. "Bengaluru, India", "Manhattan, NY", "this place called NYC".
     * The first part that names a city consistent with the other parts wins.
     */
    public Optional<Location> fromPlaceName(String text, LocationMethod method) {
        if (text.isBlank() || NON_PLACES.contains(PlaceNames.key(text))) {
            return Optional.empty();
        }
        boolean guarded = method != LocationMethod.PLACE;
        List<String> keys = new ArrayList<>();
        List<List<Word>> words = new ArrayList<>();
        List<Context> contexts = new ArrayList<>();
        List<Integer> listItems = new ArrayList<>();
        String[] items = PLACE_LIST.split(text);
        for (int item = 0; item < items.length; item++) {
            for (String part : PLACE_PARTS.split(items[item])) {
                String key = PlaceNames.key(part);
                if (!key.isEmpty()) {
                    keys.add(key);
                    words.add(Words.of(part));
                    contexts.add(contextOfPart(key, words.get(words.size() - 1)));
                    listItems.add(item);
                }
            }
        }
        List<List<Candidate>> named = keys.stream().map(key -> wholePartCandidates(key, gazetteer.places(key))).toList();
        List<Set<Place>> namedPlaces = named.stream()
                .map(candidates -> candidates.stream().map(Candidate::place).collect(Collectors.toSet())).toList();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (NON_PLACES.contains(key)) {
                continue;
            }
            // "Venice, Los Angeles", "Chinatown, NYC": a city named beside its section (or alias) is its context.
            Set<Place> besides = placesNamedBeside(namedPlaces, listItems, i);
            List<Candidate> inCityBeside = named.get(i).stream()
                    .filter(candidate -> besides.contains(candidate.place())).toList();
            if (!inCityBeside.isEmpty()) {
                Choice choice = choose(inCityBeside, Context.NONE);
                return Optional.of(toLocation(choice, method, guarded ? Evidence.WHOLE_PART_IN_CONTEXT.factor : 1));
            }
            Context context = Context.unionOfOthers(contexts, listItems, i);
            if (guarded && AMBIGUOUS_NAMES.contains(key) && context.isEmpty()) {
                continue;
            }
            // With a region or country beside it, "Portland" may be Portland, ME, though Portland is also a parish.
            List<Candidate> candidates = context.isEmpty() ? wholePartCandidates(key, placeCandidates(key, true))
                    : named.get(i);
            Choice choice = choose(candidates, context);
            if (choice != null) {
                Evidence evidence = context.isEmpty() ? Evidence.WHOLE_PART : Evidence.WHOLE_PART_IN_CONTEXT;
                return Optional.of(toLocation(choice, method, guarded ? evidence.factor : 1));
            }
        }
        // Inside a part, the context is the part's own (the TX of "Gainesville GA") and other parts that are wholly
        // a region or country: "Jersey bred, Atlanta resident" names two places, neither the other's context.
        List<Context> wholeContexts = keys.stream().map(key -> new Context(gazetteer.countries(key, true),
                gazetteer.regions(key, true))).toList();
        for (int part = 0; part < words.size(); part++) {
            List<Word> partWords = words.get(part);
            if (namesRegionOrCountry(keys.get(part))) {
                continue; // "New Mexico", "Maryland": a region, not the town inside its name
            }
            Context around = Context.unionOfOthers(wholeContexts, listItems, part).and(contexts.get(part));
            for (int i = 0; i < partWords.size(); i++) {
                Mention mention = mentionAt(partWords, i, false, guarded);
                if (mention == null || (guarded && i > 0 && namesRegionOrCountry(mention.key())
                        && DIRECTIONS.contains(partWords.get(i - 1).key()))) {
                    continue; // "Upstate New York" is the state
                }
                Context context = around.and(mention.context());
                List<Candidate> candidates = guarded ? mention.candidates().stream()
                        .filter(candidate -> candidate.place().population() >= MAJOR_CITY_POPULATION
                                || (!context.isEmpty() && context.allows(candidate.place())))
                        .toList() : mention.candidates();
                Choice choice = choose(candidates, context);
                if (choice != null) {
                    return Optional.of(toLocation(choice, method, guarded ? Evidence.INSIDE_PART.factor : 1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * How a profile names its city. The factors multiply {@link LocationParams#profileConfidence}; they are the share
     * of such profiles whose geotag lay within 50 km of the city, relative to a whole part confirmed by a region or
     * country, measured on the development half (even tweet ids) of the geotagged airline tweets: 45% ("Austin, TX"),
     * 38% ("Seattle"), 40% (a name inside a longer part, which must be a major city or confirmed). Many posters
     * travel, so even the best evidence is right only about half the time.
     */
    private enum Evidence {
        /** "Austin, TX", "Bengaluru, India". */
        WHOLE_PART_IN_CONTEXT(1),
        /** "Seattle", "NYC". */
        WHOLE_PART(0.85),
        /** "Floridian from Cincinnati", "SF Bay Area". */
        INSIDE_PART(0.85);

        final double factor;

        Evidence(double factor) {
            this.factor = factor;
        }
    }

    /** A whole part of two letters names a place only as an abbreviation (LA, SF), not as a code or word. */
    private static List<Candidate> wholePartCandidates(String key, List<Candidate> candidates) {
        return candidates.stream()
                .filter(candidate -> key.length() >= 3 || candidate.kind() == NameKind.ABBREVIATION)
                .toList();
    }

    /** The places the other parts of part {@code i}'s list item name as a whole. */
    private static Set<Place> placesNamedBeside(List<Set<Place>> namedPlaces, List<Integer> listItems, int i) {
        Set<Place> besides = new HashSet<>();
        for (int other = 0; other < namedPlaces.size(); other++) {
            if (other != i && listItems.get(other).equals(listItems.get(i))) {
                besides.addAll(namedPlaces.get(other));
            }
        }
        return besides;
    }

    /**
     * True when a place string naming only this resolves to nothing: an ordinary word or a generic section name
     * ("Nice", "Uptown", "Chinatown"; gazetteer/ambiguous-names.txt) counts only beside a country, region or city.
     */
    public static boolean needsContext(String name) {
        return AMBIGUOUS_NAMES.contains(PlaceNames.key(name));
    }

    private boolean namesRegionOrCountry(String key) {
        return !gazetteer.countries(key, false).isEmpty() || !gazetteer.regions(key, false).isEmpty();
    }

    /** Cities named in a post's text; when it names several, the most mentioned (then the biggest), less confident. */
    public Optional<Location> fromText(String text) {
        List<Word> words = Words.of(text);
        Map<Place, Integer> mentions = new LinkedHashMap<>();
        Map<Place, Choice> choices = new HashMap<>();
        int i = 0;
        while (i < words.size()) {
            Mention mention = mentionAt(words, i, true, true);
            if (mention == null) {
                i++;
                continue;
            }
            Choice choice = choose(mention.candidates(), mention.context());
            if (choice != null) {
                mentions.merge(choice.place(), 1, Integer::sum);
                choices.putIfAbsent(choice.place(), choice);
            }
            i = mention.end();
        }
        return mentions.entrySet().stream()
                .max((a, b) -> a.getValue().equals(b.getValue())
                        ? Long.compare(a.getKey().population(), b.getKey().population())
                        : Integer.compare(a.getValue(), b.getValue()))
                .map(best -> {
                    Choice choice = choices.get(best.getKey());
                    return toLocation(choice, LocationMethod.TEXT, mentions.size() > 1 ? params.ambiguityFactor() : 1);
                });
    }

    private record Mention(String key, int end, List<Candidate> candidates, Context context) {
    }

    /**
     * The longest name (up to three words) starting at word {@code start}, with the country or region after a comma.
     * In text ({@code inText}) names must be capitalised; in a place string only one-word names must be.
     */
    private Mention mentionAt(List<Word> words, int start, boolean inText, boolean guarded) {
        Word first = words.get(start);
        if (first.hashtag()) {
            List<Candidate> candidates = new ArrayList<>(placeCandidates(first.key(), false));
            candidates.addAll(gazetteer.placesByCompactKey(first.key()));
            return accept(first.key(), candidates, List.of(first), Context.NONE, inText, guarded, start + 1);
        }
        for (int n = Math.min(MAX_NAME_WORDS, words.size() - start); n >= 1; n--) {
            List<Word> span = words.subList(start, start + n);
            if (span.stream().skip(1).anyMatch(word -> word.afterBreak() || word.hashtag())) {
                continue;
            }
            Word last = span.get(n - 1);
            boolean capitalised = first.capitalised() && last.capitalised();
            if ((inText || n == 1) && !capitalised) {
                continue;
            }
            String prefix = span.subList(0, n - 1).stream().map(word -> word.key() + " ").collect(Collectors.joining());
            Context context = contextAfter(words, start + n);
            for (String key : new LinkedHashSet<>(List.of(prefix + last.keyWithoutPossessive(), prefix + last.key()))) {
                Mention mention = accept(key, placeCandidates(key, false), span, context, inText, guarded, start + n);
                if (mention != null) {
                    return mention;
                }
            }
        }
        return null;
    }

    private Mention accept(String key, List<Candidate> candidates, List<Word> span, Context context, boolean inText,
            boolean guarded, int end) {
        if (candidates.isEmpty() || NON_PLACES.contains(key)
                || (guarded && AMBIGUOUS_NAMES.contains(key) && context.isEmpty())) {
            return null;
        }
        boolean writtenInCapitals = span.stream().allMatch(Word::allCapitals);
        boolean shortWord = span.size() == 1 && key.length() < (inText ? MIN_TEXT_NAME_LETTERS : 3);
        List<Candidate> usable = candidates.stream().filter(candidate -> switch (candidate.kind()) {
            case ABBREVIATION -> writtenInCapitals;
            case ALIAS, SECTION -> !shortWord && (!inText || (key.length() >= MIN_ALIAS_LETTERS_IN_TEXT
                    && candidate.place().population() >= params.textAliasMinPopulation()));
            case NAME -> !shortWord;
        }).toList();
        return usable.isEmpty() ? null : new Mention(key, end, usable, context);
    }

    /**
     * A country's or region's name stands for a city only when it is the name of a city in that country or region
     * (Singapore, New York), not a town elsewhere ("Mexico", Philippines; "Maryland", an old name of an Australian
     * town) or another name of the capital. {@code codesAllowed}: the key is a whole part of a place string, where
     * "USA" or "NJ" is a code, not a word. A major city keeps its own name (Charlotte), and the city abbreviations
     * people write (LA, not Louisiana) keep theirs.
     */
    private List<Candidate> placeCandidates(String key, boolean codesAllowed) {
        List<Candidate> candidates = gazetteer.places(key);
        if (candidates.isEmpty()) {
            return candidates;
        }
        Set<String> countries = gazetteer.countries(key, codesAllowed);
        Set<Region> regions = gazetteer.regions(key, codesAllowed);
        if (countries.isEmpty() && regions.isEmpty()) {
            return candidates;
        }
        return candidates.stream().filter(candidate -> regions.contains(candidate.region())
                || (candidate.kind() == NameKind.NAME && countries.contains(candidate.place().countryCode()))
                || (candidate.kind() == NameKind.NAME && candidate.place().population() >= MAJOR_CITY_POPULATION)
                || candidate.kind() == NameKind.ABBREVIATION)
                .toList();
    }

    private record Choice(Place place, boolean ambiguous) {
    }

    private Choice choose(List<Candidate> candidates, Context context) {
        List<Candidate> consistent = context.isEmpty() ? candidates
                : candidates.stream().filter(candidate -> context.allows(candidate.place())).toList();
        if (consistent.isEmpty()) {
            return null;
        }
        Candidate best = consistent.get(0);
        boolean ambiguous = consistent.stream().skip(1)
                .anyMatch(other -> !other.place().equals(best.place())
                        && other.score() >= RIVAL_SHARE * best.score());
        return new Choice(best.place(), ambiguous);
    }

    private Location toLocation(Choice choice, LocationMethod method, double factor) {
        double base = switch (method) {
            case GEOTAG -> params.geotagConfidence();
            case PLACE -> params.placeConfidence();
            case TEXT -> params.textConfidence();
            case PROFILE -> params.profileConfidence();
        };
        double confidence = base * factor * (choice.ambiguous() ? params.ambiguityFactor() : 1);
        return gazetteer.toLocation(choice.place(), method, confidence);
    }

    /** Countries and regions written beside a name; a candidate must lie in one of them. */
    private record Context(Set<String> countries, Set<Region> regions) {

        static final Context NONE = new Context(Set.of(), Set.of());

        boolean isEmpty() {
            return countries.isEmpty() && regions.isEmpty();
        }

        boolean allows(Place place) {
            return countries.contains(place.countryCode())
                    || regions.contains(new Region(place.countryCode(), place.region()));
        }

        Context and(Context other) {
            if (other.isEmpty()) {
                return this;
            }
            Set<String> allCountries = new HashSet<>(countries);
            allCountries.addAll(other.countries);
            Set<Region> allRegions = new HashSet<>(regions);
            allRegions.addAll(other.regions);
            return new Context(allCountries, allRegions);
        }

        /** The contexts of the other parts of part {@code i}'s list item. */
        static Context unionOfOthers(List<Context> contexts, List<Integer> listItems, int i) {
            Context union = NONE;
            for (int other = 0; other < contexts.size(); other++) {
                if (other != i && listItems.get(other).equals(listItems.get(i))) {
                    union = union.and(contexts.get(other));
                }
            }
            return union;
        }
    }

    /** A whole part ("India", "uk", "New York") or any run of up to three of its words ("Ontario Canada", "CA"). */
    private Context contextOfPart(String key, List<Word> words) {
        Context context = new Context(gazetteer.countries(key, true), gazetteer.regions(key, true));
        for (int i = 0; i < words.size(); i++) {
            context = context.and(contextAt(words, i, words.size()));
        }
        return context;
    }

    /** The country or region after a comma following a name ("Paris, Texas"), or none. */
    private Context contextAfter(List<Word> words, int start) {
        if (start >= words.size() || !words.get(start).afterComma()) {
            return Context.NONE;
        }
        return contextAt(words, start, Math.min(words.size(), start + MAX_NAME_WORDS));
    }

    private Context contextAt(List<Word> words, int start, int limit) {
        StringBuilder key = new StringBuilder();
        boolean capitals = true;
        for (int end = start; end < Math.min(limit, start + MAX_NAME_WORDS); end++) {
            Word word = words.get(end);
            if (end > start && (word.afterBreak() || word.hashtag())) {
                break;
            }
            key.append(end > start ? " " : "").append(word.key());
            capitals &= word.allCapitals();
            if (DIRECTIONS.contains(key.toString()) || AMBIGUOUS_NAMES.contains(key.toString())) {
                continue; // "North Minneapolis", "SF Bay Area": not Cameroon's North Region or Somalia's Bay
            }
            Set<String> countries = gazetteer.countries(key.toString(), capitals);
            Set<Region> regions = gazetteer.regions(key.toString(), capitals);
            if (!countries.isEmpty() || !regions.isEmpty()) {
                return new Context(countries, regions);
            }
        }
        return Context.NONE;
    }

    private static Set<String> readList(String resource) {
        try (InputStream in = LocationResolver.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(PlaceNames::key).collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
