package dev.earshot.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.text.CoreNlpTextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled city taxonomy against every word the demo stream uses for each topic (see the demo brief). */
class CityOperationsTaxonomyTest {

    private static final TopicMatcher MATCHER = TopicMatcher.compile(Taxonomy.bundled("city-operations"));

    private static List<String> topicsOf(String text) {
        return MATCHER.match(CoreNlpTextAnalyzer.shared().analyze(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            parking          | No parking anywhere near MG Road in Bangalore
            parking          | Where am I supposed to park?
            parking          | Someone parked across my gate again
            parking          | He parks on the footpath every single day
            parking          | The car park at the mall is full by 9am
            parking          | That parking lot is a disgrace
            parking          | Circled for an hour looking for a parking spot
            parking          | My car got towed from outside my own house
            parking          | They tow away scooters without any notice
            parking          | Ridiculous #parking situation in Indiranagar
            traffic          | The traffic this morning was unbearable
            traffic          | Stuck in a traffic jam for two hours
            traffic          | Total gridlock on the ring road
            traffic          | Congestion near Silk Board is getting worse
            traffic          | The traffic signal at the junction is broken again
            traffic          | Another evening lost #traffic
            public_transport | The bus never came
            public_transport | Buses are packed every morning
            public_transport | The metro was late again
            public_transport | Missed my train by a minute
            public_transport | The local train was so crowded I could not get in
            public_transport | Waited at the bus stop for 40 minutes
            public_transport | The metro station escalator has been dead for weeks
            public_transport | Great first ride today #metro
            public_transport | Skipped again #bus
            roads            | The pothole on our street swallowed my scooter wheel
            roads            | Potholes everywhere after the rain
            roads            | When will the road repair finish?
            roads            | Roadworks have blocked the whole lane
            roads            | A broken footpath outside the school
            roads            | The new speed breaker has no markings
            roads            | Another tyre gone #potholes
            waste            | Garbage has not been picked up for a week
            waste            | Trash piling up on the corner
            waste            | Rubbish everywhere near the market
            waste            | People litter the lake shore
            waste            | Waste collection skipped our lane again
            waste            | The garbage bin is overflowing
            waste            | Smells terrible here #garbage
            water            | No water supply since Monday
            water            | The tap water is brown
            water            | Paying for a water tanker every day
            water            | The water pipeline burst near the temple
            water            | A pipe leak flooded the basement
            water            | That leaking pipe has been reported five times
            water            | Third day without a drop #watersupply
            power            | Another power cut during exams
            power            | Power outage across the whole area
            power            | No electricity since the morning
            power            | Complete blackout in our block
            power            | Load shedding for four hours today
            power            | Again and again #powercut
            noise            | The noise from the construction site starts at 6am
            noise            | The neighbours are so noisy
            noise            | Loud music until 2am on a weeknight
            noise            | Nonstop honking outside the hospital
            noise            | A loudspeaker blaring all night
            noise            | Cannot sleep #noise
            safety           | The underpass feels unsafe at night
            safety           | Phone theft at the station is common
            safety           | My bike was stolen from the gate
            safety           | A robbery near the ATM last night
            safety           | Harassment at the bus depot has to stop
            safety           | Streetlights out on the whole stretch
            safety           | Please do something #safety
            """)
    void everyDemoWordMatchesItsTopic(String topic, String text) {
        assertThat(topicsOf(text)).contains(topic);
    }

    @Test
    void streetNamesAreNotRoadsNorParking() {
        assertThat(topicsOf("Meeting a friend on MG Road this evening")).isEmpty();
        assertThat(topicsOf("Lovely walk down Park Street in Calcutta")).isEmpty();
    }

    @Test
    void parksThatAreGreenSpacesAreNotParking() {
        assertThat(topicsOf("Spent the day at the national park")).isEmpty();
        assertThat(topicsOf("The kids loved the theme park")).isEmpty();
        assertThat(topicsOf("Sunday picnic in Cubbon Park")).isEmpty();
        assertThat(topicsOf("Parking at the national park was impossible")).containsExactly("parking");
    }

    @Test
    void demoIncidentPostMatchesParkingOnly() {
        assertThat(topicsOf("@CityCareDesk third time this week my car got towed near MG Road, Bangalore. Where"
                + " exactly are we supposed to park?? #parking")).containsExactly("parking");
    }
}
