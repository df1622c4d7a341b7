package dev.earshot.sample;

import dev.earshot.model.GeoPoint;
import java.time.ZoneId;
import java.util.List;

/**
 * One city of the demo world and the ways its posts name it.
 *
 * @param name the canonical city name used in the scenario facts
 * @param zone the local time zone that drives the city's daily rhythm
 * @param centre the real city centre; geotags fall within {@value SampleStreamGenerator#GEOTAG_RADIUS_KM} km of it
 * @param weight the city's share of the baseline volume
 * @param textSpellings how texts name the city (a spelling listed twice is drawn twice as often)
 * @param hashtags the city hashtags texts use, without the #
 * @param platformPlaces the platform place names of geotagged-by-place posts
 * @param profileLocations what the city's authors write in their profile's location field
 * @param neighbourhoods localities used as "near X in City"; none contains a topic word (no "Park", no "Station")
 */
public record SampleCity(
        String name,
        ZoneId zone,
        GeoPoint centre,
        double weight,
        List<String> textSpellings,
        List<String> hashtags,
        List<String> platformPlaces,
        List<String> profileLocations,
        List<String> neighbourhoods) {

    public static final SampleCity BENGALURU = new SampleCity("Bengaluru", ZoneId.of("Asia/Kolkata"),
            new GeoPoint(12.9716, 77.5946), 0.18,
            List.of("Bengaluru", "Bangalore"), List.of("Bengaluru", "Bangalore"),
            List.of("Bengaluru, India"),
            List.of("Bangalore, India", "Bengaluru", "Bengaluru, Karnataka", "Bangalore", "Namma Bengaluru"),
            List.of("MG Road", "Koramangala", "Indiranagar", "Whitefield", "HSR Layout", "Jayanagar", "Brigade Road",
                    "Marathahalli", "Hebbal", "Silk Board"));
    public static final SampleCity MUMBAI = new SampleCity("Mumbai", ZoneId.of("Asia/Kolkata"),
            new GeoPoint(19.0760, 72.8777), 0.15,
            List.of("Mumbai", "Mumbai", "Bombay"), List.of("Mumbai", "Mumbai", "Bombay"),
            List.of("Mumbai, India"),
            List.of("Mumbai", "Mumbai, India", "Bombay", "Mumbai, Maharashtra"),
            List.of("Andheri", "Bandra", "Dadar", "Powai", "Colaba", "Lower Parel", "Ghatkopar", "Juhu", "Linking Road",
                    "Borivali"));
    public static final SampleCity DELHI = new SampleCity("Delhi", ZoneId.of("Asia/Kolkata"),
            new GeoPoint(28.6139, 77.2090), 0.13,
            List.of("Delhi"), List.of("Delhi"),
            List.of("Delhi, India"),
            List.of("Delhi NCR", "New Delhi", "Delhi, India", "Delhi"),
            List.of("Connaught Place", "Karol Bagh", "Lajpat Nagar", "Saket", "Dwarka", "Chandni Chowk",
                    "Rajouri Garden", "Hauz Khas"));
    public static final SampleCity LONDON = new SampleCity("London", ZoneId.of("Europe/London"),
            new GeoPoint(51.5074, -0.1278), 0.10,
            List.of("London"), List.of("London"),
            List.of("London, England"),
            List.of("London, UK", "London", "London, England"),
            List.of("Camden", "Brixton", "Hackney", "Shoreditch", "Oxford Street", "Islington", "Peckham",
                    "Clapham"));
    public static final SampleCity NEW_YORK_CITY = new SampleCity("New York City", ZoneId.of("America/New_York"),
            new GeoPoint(40.7128, -74.0060), 0.10,
            List.of("NYC", "NYC", "New York", "New York City"), List.of("NYC"),
            List.of("New York, NY"),
            List.of("NYC", "New York, NY", "New York City", "New York"),
            List.of("Brooklyn", "Queens", "Harlem", "the Bronx", "Astoria", "Williamsburg", "Midtown",
                    "the Upper West Side"));
    public static final SampleCity CHENNAI = new SampleCity("Chennai", ZoneId.of("Asia/Kolkata"),
            new GeoPoint(13.0827, 80.2707), 0.08,
            List.of("Chennai", "Chennai", "Madras"), List.of("Chennai", "Chennai", "Madras"),
            List.of("Chennai, India"),
            List.of("Chennai", "Chennai, India", "Madras"),
            List.of("T Nagar", "Anna Nagar", "Adyar", "Velachery", "Mylapore", "Mount Road", "Tambaram", "Guindy"));
    public static final SampleCity HYDERABAD = new SampleCity("Hyderabad", ZoneId.of("Asia/Kolkata"),
            new GeoPoint(17.3850, 78.4867), 0.08,
            List.of("Hyderabad"), List.of("Hyderabad"),
            List.of("Hyderabad, India"),
            List.of("Hyderabad", "Hyderabad, Telangana", "Hyderabad, India"),
            List.of("Banjara Hills", "Gachibowli", "Hitech City", "Madhapur", "Secunderabad", "Kukatpally",
                    "Jubilee Hills", "Ameerpet"));
    public static final SampleCity KOLKATA = new SampleCity("Kolkata", ZoneId.of("Asia/Kolkata"),
            new GeoPoint(22.5726, 88.3639), 0.07,
            List.of("Kolkata", "Kolkata", "Calcutta"), List.of("Kolkata", "Kolkata", "Calcutta"),
            List.of("Kolkata, India"),
            List.of("Kolkata", "Calcutta", "Kolkata, India"),
            List.of("Salt Lake", "Howrah", "Esplanade", "Gariahat", "New Town", "Ballygunge", "Behala", "Dum Dum"));
    public static final SampleCity PUNE = new SampleCity("Pune", ZoneId.of("Asia/Kolkata"),
            new GeoPoint(18.5204, 73.8567), 0.06,
            List.of("Pune"), List.of("Pune"),
            List.of("Pune, India"),
            List.of("Pune", "Pune, India", "Pune, Maharashtra"),
            List.of("Kothrud", "Hinjewadi", "Baner", "Viman Nagar", "Shivajinagar", "FC Road", "Hadapsar", "Aundh"));
    public static final SampleCity SINGAPORE = new SampleCity("Singapore", ZoneId.of("Asia/Singapore"),
            new GeoPoint(1.3521, 103.8198), 0.05,
            List.of("Singapore"), List.of("Singapore"),
            List.of("Singapore"),
            List.of("Singapore", "Singapore, SG"),
            List.of("Orchard Road", "Tampines", "Jurong", "Woodlands", "Bedok", "Toa Payoh", "Ang Mo Kio", "Bugis"));

    /** Every city, in a fixed order (the order drawing uses, so it is part of the seed's meaning). */
    public static final List<SampleCity> ALL = List.of(BENGALURU, MUMBAI, DELHI, LONDON, NEW_YORK_CITY, CHENNAI,
            HYDERABAD, KOLKATA, PUNE, SINGAPORE);

    public SampleCity {
        textSpellings = List.copyOf(textSpellings);
        hashtags = List.copyOf(hashtags);
        platformPlaces = List.copyOf(platformPlaces);
        profileLocations = List.copyOf(profileLocations);
        neighbourhoods = List.copyOf(neighbourhoods);
    }
}
