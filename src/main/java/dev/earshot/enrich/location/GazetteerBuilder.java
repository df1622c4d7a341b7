package dev.earshot.enrich.location;

import dev.earshot.model.GeoPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns GeoNames dumps into Earshot's bundled gazetteer (pure: lines in, lines out).
 *
 * <p>Output, tab-separated, one record per line, in this order:
 * <pre>
 * C  iso2  iso3  country name  aliases
 * R  iso2  admin1 code  region name  aliases
 * P  geonameid  name  lat  lon  iso2  admin1 code  population  aliases  sections
 * </pre>
 * Aliases and sections are separated by {@code |}. Lines starting with {@code #} are comments. Files written before
 * the sections column (nine columns on P lines) still load; their sections are among the aliases.
 *
 * <p>What is kept and why:
 * <ul>
 * <li>Cities with at least {@code minPopulation} people, and every national capital (GeoNames' cities15000 rule).</li>
 * <li>Alternate names usable in Latin-script social text: Latin letters only, written with a capital (GeoNames'
 * all-lower-case entries are transliteration keys like "bnglwr"), no digits, at most four words. All-capital names
 * of up to four letters are airport and other codes that collide with words (BOM, DEL, MAA), so they are dropped;
 * the few abbreviations people write for a city (NYC, LA, SF, DC) are added by hand.</li>
 * <li>Sections of a city (feature code PPLX, e.g. Pune's "Shivaji Nagar", London's "Canary Wharf") and New York's
 * boroughs and New Delhi are folded into their city as sections: Earshot locates posts at city level, and a geotag
 * in Brooklyn or a mention of New Delhi belongs to the same aggregate as New York City or Delhi. They are kept apart
 * from the aliases because a section is a place inside the city, not another name of it, and its name is often
 * another place's own ("Hollywood", "Venice").</li>
 * </ul>
 */
public final class GazetteerBuilder {

    public static final long DEFAULT_MIN_POPULATION = 15_000;

    /** A section is folded into the city that a geotag at its centre would resolve to, within this distance. */
    private static final double SECTION_PARENT_RADIUS_KM = 25;

    private static final int MAX_ALIAS_WORDS = 4;
    private static final int MAX_ALIAS_LENGTH = 40;

    /** Names people use that GeoNames lacks, or lists only as codes (which the alias filter drops). */
    private static final Map<Long, List<String>> EXTRA_ALIASES = Map.of(
            5128581L, List.of("NYC", "New York", "New York City"),
            1277333L, List.of("Bangalore", "Bengaluru"),
            1275339L, List.of("Bombay"),
            1264527L, List.of("Madras"),
            1275004L, List.of("Calcutta"),
            1273294L, List.of("New Delhi"),
            5368361L, List.of("LA"),
            5391959L, List.of("SF"),
            4140963L, List.of("DC", "Washington"));

    /** Parts of a city that GeoNames lists as separate places but people treat as the city. */
    private static final Map<Long, Long> FOLDED_INTO = Map.of(
            5125771L, 5128581L, // Manhattan -> New York City
            5110302L, 5128581L, // Brooklyn
            5133273L, 5128581L, // Queens
            5110266L, 5128581L, // The Bronx
            5139568L, 5128581L, // Staten Island
            1261481L, 1273294L); // New Delhi -> Delhi

    private static final Map<String, List<String>> COUNTRY_ALIASES = Map.of(
            "US", List.of("USA", "U.S.", "U.S.A.", "United States of America", "America"),
            "GB", List.of("UK", "U.K.", "Great Britain", "Britain"),
            "AE", List.of("UAE", "U.A.E."),
            "NL", List.of("Holland", "The Netherlands"),
            "KR", List.of("Korea"),
            "CZ", List.of("Czech Republic"),
            "RU", List.of("Russian Federation"));

    /** Postal abbreviations where GeoNames' admin1 codes are numeric (US codes are already the postal ones). */
    private static final Map<String, String> REGION_ABBREVIATIONS = Map.ofEntries(
            Map.entry("CA.01", "AB"), Map.entry("CA.02", "BC"), Map.entry("CA.03", "MB"), Map.entry("CA.04", "NB"),
            Map.entry("CA.05", "NL"), Map.entry("CA.07", "NS"), Map.entry("CA.08", "ON"), Map.entry("CA.09", "PE"),
            Map.entry("CA.10", "QC"), Map.entry("CA.11", "SK"), Map.entry("CA.12", "YT"), Map.entry("CA.13", "NT"),
            Map.entry("CA.14", "NU"), Map.entry("AU.01", "ACT"), Map.entry("AU.02", "NSW"), Map.entry("AU.03", "NT"),
            Map.entry("AU.04", "QLD"), Map.entry("AU.05", "SA"), Map.entry("AU.06", "TAS"), Map.entry("AU.07", "VIC"),
            Map.entry("AU.08", "WA"));

    private final long minPopulation;

    public GazetteerBuilder(long minPopulation) {
        if (minPopulation < 0) {
            throw new IllegalArgumentException("minPopulation must be >= 0, was " + minPopulation
                    + "; use " + DEFAULT_MIN_POPULATION + " for the bundled gazetteer");
        }
        this.minPopulation = minPopulation;
    }

    public static GazetteerBuilder defaults() {
        return new GazetteerBuilder(DEFAULT_MIN_POPULATION);
    }

    /**
     * @param cityLines GeoNames {@code cities*.txt} rows (19 tab-separated columns)
     * @param admin1Lines GeoNames {@code admin1CodesASCII.txt} rows
     * @param countryInfoLines GeoNames {@code countryInfo.txt} rows ({@code #} comments allowed)
     * @return the gazetteer's lines, deterministic for the same input
     */
    public List<String> build(Stream<String> cityLines, Stream<String> admin1Lines, Stream<String> countryInfoLines) {
        List<String> out = new ArrayList<>();
        out.add("# Earshot gazetteer, derived from GeoNames (https://www.geonames.org/), CC BY 4.0."
                + " Cities >= " + minPopulation + " people and capitals; see gazetteer/ATTRIBUTION.md.");
        countryInfoLines.filter(GazetteerBuilder::isData).map(line -> line.split("\t", -1))
                .sorted(Comparator.comparing(columns -> columns[0]))
                .forEach(columns -> out.add(String.join("\t", "C", columns[0], columns[1], columns[4],
                        String.join("|", COUNTRY_ALIASES.getOrDefault(columns[0], List.of())))));
        admin1Lines.filter(GazetteerBuilder::isData).map(line -> line.split("\t", -1))
                .sorted(Comparator.comparing(columns -> columns[0]))
                .forEach(columns -> out.add(regionLine(columns)));
        foldSections(readCities(cityLines)).stream()
                .sorted(Comparator.comparingLong(City::geonameid))
                .forEach(city -> out.add(city.line()));
        return out;
    }

    private static boolean isData(String line) {
        return !line.isBlank() && !line.startsWith("#");
    }

    private static String regionLine(String[] columns) {
        String code = columns[0];
        int dot = code.indexOf('.');
        String country = code.substring(0, dot);
        String admin1 = code.substring(dot + 1);
        Set<String> aliases = new LinkedHashSet<>();
        if (!columns[2].equals(columns[1])) {
            aliases.add(columns[2]);
        }
        if (country.equals("US")) {
            aliases.add(admin1);
        }
        if (REGION_ABBREVIATIONS.containsKey(code)) {
            aliases.add(REGION_ABBREVIATIONS.get(code));
        }
        return String.join("\t", "R", country, admin1, columns[1], String.join("|", aliases));
    }

    private List<City> readCities(Stream<String> cityLines) {
        List<City> cities = new ArrayList<>();
        cityLines.filter(line -> !line.isBlank()).forEach(line -> {
            String[] c = line.split("\t", -1);
            if (c.length != 19) {
                throw new IllegalArgumentException("a GeoNames city row has 19 columns, this one has " + c.length
                        + ": " + line);
            }
            long population = c[14].isEmpty() ? 0 : Long.parseLong(c[14]);
            if (population < minPopulation && !c[7].equals("PPLC")) {
                return;
            }
            long id = Long.parseLong(c[0]);
            City city = new City(id, c[1], Double.parseDouble(c[4]), Double.parseDouble(c[5]), c[7], c[8], c[10],
                    population, new LinkedHashMap<>(), new LinkedHashMap<>());
            city.addAlias(c[2]);
            for (String alternate : c[3].split(",")) {
                if (isUsableAlias(alternate)) {
                    city.addAlias(alternate);
                }
            }
            EXTRA_ALIASES.getOrDefault(id, List.of()).forEach(city::addAlias);
            cities.add(city);
        });
        return cities;
    }

    static boolean isUsableAlias(String alternate) {
        String name = alternate.strip();
        if (name.length() < 2 || name.length() > MAX_ALIAS_LENGTH || name.contains(" - ") || name.contains("|")
                || !Character.isUpperCase(name.codePointAt(0))) {
            return false;
        }
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetter(c)) {
                if (Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                    return false;
                }
                letters++;
                upper += Character.isUpperCase(c) ? 1 : 0;
            } else if (Character.isDigit(c)) {
                return false;
            }
        }
        boolean code = letters <= 4 && upper == letters;
        return !code && PlaceNames.key(name).split(" ").length <= MAX_ALIAS_WORDS;
    }

    /** Sections of cities and the curated parts of cities become sections of their city. */
    private static List<City> foldSections(List<City> cities) {
        Map<Long, City> byId = new HashMap<>();
        cities.forEach(city -> byId.put(city.geonameid(), city));
        List<City> kept = new ArrayList<>();
        List<City> sections = new ArrayList<>();
        for (City city : cities) {
            City curatedParent = byId.get(FOLDED_INTO.get(city.geonameid()));
            if (curatedParent != null) {
                curatedParent.addSection(city.name());
                city.aliases().values().forEach(curatedParent::addSection);
            } else if (city.featureCode().equals("PPLX")) {
                sections.add(city);
            } else {
                kept.add(city);
            }
        }
        List<City> wholeCities = List.copyOf(kept);
        for (City section : sections) {
            City parent = parentOf(section, wholeCities);
            if (parent == null) {
                kept.add(section);
            } else {
                // Only the section's own name: sections' alternate names are noisy ("Middletown", "Evergreen").
                parent.addSection(section.name());
            }
        }
        return kept;
    }

    /** The city a geotag at the section's centre resolves to, if it is bigger than the section. */
    private static City parentOf(City section, List<City> wholeCities) {
        City best = null;
        double bestScore = 0;
        for (City city : wholeCities) {
            if (!city.country().equals(section.country()) || city.population() <= section.population()) {
                continue;
            }
            double km = section.point().distanceKm(city.point());
            double score = Gazetteer.proximityScore(city.population(), km);
            if (km <= SECTION_PARENT_RADIUS_KM && score > bestScore) {
                best = city;
                bestScore = score;
            }
        }
        return best;
    }

    private record City(long geonameid, String name, double lat, double lon, String featureCode, String country,
            String admin1, long population, Map<String, String> aliases, Map<String, String> sections) {

        GeoPoint point() {
            return new GeoPoint(lat, lon);
        }

        /** Keeps the first spelling of each key; the name's own key is never an alias. */
        void addAlias(String alias) {
            String key = PlaceNames.key(alias);
            if (!key.isEmpty() && !key.equals(PlaceNames.key(name))) {
                aliases.putIfAbsent(key, alias.strip());
            }
        }

        /** Called after every alias is added: a key that is the city's own name or alias is not a section too. */
        void addSection(String section) {
            String key = PlaceNames.key(section);
            if (!key.isEmpty() && !key.equals(PlaceNames.key(name)) && !aliases.containsKey(key)) {
                sections.putIfAbsent(key, section.strip());
            }
        }

        String line() {
            return String.join("\t", "P", Long.toString(geonameid), name, Double.toString(lat), Double.toString(lon),
                    country, admin1, Long.toString(population), String.join("|", aliases.values()),
                    String.join("|", sections.values()));
        }
    }
}
