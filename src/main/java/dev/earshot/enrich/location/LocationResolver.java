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
 * "Portland, ME", "London, Ontario"); a name whose context contradicts every candidate resolves to nothing.
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
 * or regions alone ("India", "Karnataka") resolve to nothing: Earshot locates posts at city level.
 */
public final class LocationResolver {

    private static final int MAX_NAME_WORDS = 3;
    private static final int MIN_TEXT_NAME_LETTERS = 4;
    private static final int MIN_ALIAS_LETTERS_IN_TEXT = 5;
    /** A runner-up with at least this share of the winner's score makes the choice ambiguous. */
    private static final double RIVAL_SHARE = 0.2;
    private static final Pattern PLACE_PARTS = Pattern.compile("[,;|/()\\n\u2022\u00b7]| [-\u2013\u2014] ");

    private static final Set<String> AMBIGUOUS_NAMES = readList("/gazetteer/ambiguous-names.txt");
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
        for (String part : PLACE_PARTS.split(text)) {
            String key = PlaceNames.key(part);
            if (!key.isEmpty()) {
                keys.add(key);
                words.add(Words.of(part));
                contexts.add(contextOfPart(key, words.get(words.size() - 1)));
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Context context = Context.unionExcept(contexts, i);
            if (NON_PLACES.contains(key) || (guarded && AMBIGUOUS_NAMES.contains(key) && context.isEmpty())) {
                continue;
            }
            List<Candidate> candidates = placeCandidates(key).stream()
                    .filter(candidate -> key.length() >= 3 || candidate.kind() == NameKind.ABBREVIATION)
                    .toList();
            Choice choice = choose(candidates, context);
            if (choice != null) {
                return Optional.of(toLocation(choice, method, 1));
            }
        }
        Context all = Context.unionExcept(contexts, -1);
        for (List<Word> partWords : words) {
            for (int i = 0; i < partWords.size(); i++) {
                Mention mention = mentionAt(partWords, i, false, guarded);
                if (mention != null) {
                    Choice choice = choose(mention.candidates(), all.and(mention.context()));
                    if (choice != null) {
                        return Optional.of(toLocation(choice, method, 1));
                    }
                }
            }
        }
        return Optional.empty();
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

    private record Mention(int end, List<Candidate> candidates, Context context) {
    }

    /**
     * The longest name (up to three words) starting at word {@code start}, with the country or region after a comma.
     * In text ({@code inText}) names must be capitalised; in a place string only one-word names must be.
     */
    private Mention mentionAt(List<Word> words, int start, boolean inText, boolean guarded) {
        Word first = words.get(start);
        if (first.hashtag()) {
            List<Candidate> candidates = new ArrayList<>(placeCandidates(first.key()));
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
                Mention mention = accept(key, placeCandidates(key), span, context, inText, guarded, start + n);
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
            case ALIAS -> !shortWord && (!inText || (key.length() >= MIN_ALIAS_LETTERS_IN_TEXT
                    && candidate.place().population() >= params.textAliasMinPopulation()));
            case NAME -> !shortWord;
        }).toList();
        return usable.isEmpty() ? null : new Mention(end, usable, context);
    }

    /**
     * A country's name stands for a city only when it is the name of a city in that country (Singapore), not a town
     * elsewhere ("Mexico", Philippines) or another name of the capital.
     */
    private List<Candidate> placeCandidates(String key) {
        List<Candidate> candidates = gazetteer.places(key);
        Set<String> countries = candidates.isEmpty() ? Set.of() : gazetteer.countries(key, false);
        if (countries.isEmpty()) {
            return candidates;
        }
        return candidates.stream().filter(candidate -> candidate.kind() == NameKind.NAME
                && countries.contains(candidate.place().countryCode())).toList();
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

        static Context unionExcept(List<Context> contexts, int skipped) {
            Context union = NONE;
            for (int i = 0; i < contexts.size(); i++) {
                if (i != skipped) {
                    union = union.and(contexts.get(i));
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
