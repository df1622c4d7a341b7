package dev.earshot.sample;

import dev.earshot.model.SentimentLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * The phrases of one topic. Every phrase holds at least one of the topic's words from the demo world and no word of
 * another topic, so whatever the composer picks, the post belongs to exactly one topic.
 *
 * @param id the topic id
 * @param weight the topic's share of the baseline volume
 * @param services things that can be good or bad ("the metro"), used with "is great" / "is terrible"
 * @param problems nuisances in plain words ("the traffic jam"), used with "finally fixed", "again" or "any update on"
 * @param grievances nuisances in loaded words ("the traffic chaos"), used only in negative posts
 * @param negativeEvents, positiveEvents, neutralEvents whole clauses for one sentiment
 * @param hashtags the topic's hashtags, without the #
 */
record TopicPhrases(
        String id,
        double weight,
        List<String> services,
        List<String> problems,
        List<String> grievances,
        List<String> negativeEvents,
        List<String> positiveEvents,
        List<String> neutralEvents,
        List<String> hashtags) {

    static final TopicPhrases PARKING = new TopicPhrases("parking", 0.20,
            List.of("the parking lot", "the car park", "street parking", "paid parking", "the new parking lot",
                    "the multi-level car park", "two-wheeler parking", "visitor parking", "the parking lot behind the mall",
                    "bike parking", "parking near the market", "the parking app"),
            List.of("cars parked on the footpath", "double parking", "the tow away drive", "cars getting towed",
                    "the parking queue at the mall", "parking on both sides of the lane"),
            List.of("the parking mess", "the lack of parking", "illegal parking", "the parking shortage",
                    "the parking chaos"),
            List.of("Someone parked across my gate again", "Circled for {m} minutes and not a single parking spot",
                    "My scooter got towed while I was buying groceries", "They towed my car from outside my own house",
                    "Cars parked on both sides and nobody can even walk", "Paid for parking and still got towed",
                    "The tow away van is out again grabbing every car", "Delivery vans parked in the only parking spot",
                    "Zero parking spots left at the market"),
            List.of("Found a parking spot in two minutes", "The new car park has so much space",
                    "The parking lot now has clear signs and lights", "Parked right outside the clinic today",
                    "The parking app shows free spots in real time", "Valet parking at the market is a lifesaver",
                    "Plenty of parking at the new mall"),
            List.of("Is the parking lot near the market open on Sundays?", "Parking rates change from Monday",
                    "New parking spot markings go live next week", "Where can I park a van overnight?",
                    "The car park on level 2 closes at 10 pm tonight",
                    "Is street parking allowed after 9 pm here?",
                    "Resident parking permits can be renewed online from today",
                    "How much is parking at the mall for {h} hours?"),
            List.of("parking"));

    static final TopicPhrases TRAFFIC = new TopicPhrases("traffic", 0.17,
            List.of("traffic", "the traffic signal", "rush hour traffic", "evening traffic", "morning traffic",
                    "the new traffic signal", "traffic at the junction", "traffic management", "the traffic police",
                    "traffic near the flyover", "the traffic signal timing"),
            List.of("the traffic jam", "the gridlock", "the congestion", "traffic congestion",
                    "the gridlock at the junction", "the daily traffic jam", "the congestion near the flyover"),
            List.of("the traffic chaos", "the endless gridlock", "the insane traffic jam"),
            List.of("Stuck in a traffic jam for {m} minutes", "Two hours of gridlock for a 5 km ride",
                    "The traffic signal has been dead for a week", "Total gridlock again, not moving at all",
                    "Congestion everywhere, missed my meeting", "Every traffic signal on this stretch is out of sync",
                    "{h} hours in traffic today"),
            List.of("Traffic was surprisingly light this morning", "The new traffic signal timing works wonders",
                    "Zero congestion on the way home today", "Reached the office in 20 minutes, traffic moving nicely",
                    "The traffic police cleared the jam in minutes", "The gridlock at the junction is finally gone"),
            List.of("Traffic diversion near the stadium from 6 pm", "Is there a traffic jam on the highway right now?",
                    "Traffic signal timings change from Monday", "Congestion charge rules change next month",
                    "Any traffic updates for the airport route?",
                    "Traffic police announce one-way rules for the festival weekend",
                    "How is the traffic towards the airport at {h} pm?"),
            List.of("traffic"));

    static final TopicPhrases PUBLIC_TRANSPORT = new TopicPhrases("public_transport", 0.15,
            List.of("the bus", "the buses", "the metro", "the local train", "the bus stop", "the metro station",
                    "the morning train", "the night bus", "the airport bus", "the metro line", "the train service",
                    "the bus route", "the metro ride"),
            List.of("the bus bunching", "the crowd on the local train", "the queue at the metro station",
                    "the gap between buses", "the long wait for the bus"),
            List.of("the overcrowded metro", "the late buses", "the cancelled trains", "the metro delays",
                    "the packed local train", "the missing night bus"),
            List.of("Waited {m} minutes at the bus stop and three buses skipped it",
                    "The metro was packed like sardines again", "Local train cancelled without any announcement",
                    "The lift at the metro station has been out for a month", "Train late again, late for work",
                    "The bus driver drove past the bus stop without stopping",
                    "No bus for {m} minutes in the morning rush"),
            List.of("The new metro line is a game changer", "The bus arrived right on time",
                    "The metro ride was smooth and clean", "The local train was on time all week",
                    "The new buses are so comfortable", "The bus stop finally has a shelter",
                    "Metro every 4 minutes now"),
            List.of("Metro timings change from Monday", "Does the 500D bus still stop near the mall?",
                    "Which train goes to the airport after 10 pm?", "Bus route 42 moves to the east gate from tomorrow",
                    "Metro station exit B closes for maintenance this weekend", "How often do buses run on Sundays?",
                    "Is the last metro at {h} or at midnight?"),
            List.of("metro", "bus"));

    static final TopicPhrases ROADS = new TopicPhrases("roads", 0.10,
            List.of("road repair work", "the roadworks", "the new speed breaker", "the road repair crew",
                    "the roadworks on the flyover", "the speed breaker outside the school", "the roadworks near the junction",
                    "road repair on our lane", "the road repair schedule"),
            List.of("the potholes", "this pothole", "potholes", "the pothole near the school",
                    "the roadworks on our lane", "the unmarked speed breaker"),
            List.of("the crater-sized potholes", "the endless roadworks", "the broken footpath"),
            List.of("Hit a massive pothole and bent my wheel", "Broken footpath, my grandmother tripped today",
                    "The roadworks have blocked half the lane for a month",
                    "An unmarked speed breaker nearly threw me off the bike", "Potholes the size of craters",
                    "Road repair started and then abandoned", "{h} new potholes on my way to work"),
            List.of("Potholes finally fixed overnight", "The road repair crew did a fantastic job",
                    "The roadworks finished ahead of time", "The new speed breaker outside the school is well marked",
                    "Smooth ride now that the potholes are gone", "Road repair done in just two days"),
            List.of("Roadworks on the flyover from Monday to Friday", "Road repair scheduled for the east side next week",
                    "Where do I report a pothole?", "Is there a map of the planned roadworks?",
                    "New speed breaker installed near the school gate", "Road repair crews work nights this week",
                    "{h} potholes on the list for this week"),
            List.of("potholes"));

    static final TopicPhrases WASTE = new TopicPhrases("waste", 0.10,
            List.of("waste collection", "garbage pickup", "the garbage bin", "the rubbish bins", "the garbage truck",
                    "waste collection in our lane", "the trash cans", "the new garbage bins", "rubbish collection"),
            List.of("the garbage", "the trash", "the rubbish", "the litter", "litter on the pavement",
                    "the garbage heap", "the trash pile", "rubbish on the pavement"),
            List.of("the stinking garbage", "the overflowing garbage bin", "the filthy trash pile"),
            List.of("Garbage piling up for {h} days", "The garbage bin is overflowing and stinks",
                    "Nobody has collected the trash since last week", "Rubbish dumped right outside the school",
                    "Litter everywhere after the weekend market", "Waste collection skipped our street again"),
            List.of("Garbage collected on time every day this week", "The new garbage bins are clean and sturdy",
                    "Volunteers cleared all the litter from the lake front", "Waste collection is so regular now",
                    "The streets are spotless after the trash drive", "Rubbish cleared within an hour of reporting"),
            List.of("Waste collection moves to mornings from next week",
                    "Which day is the garbage truck coming this week?", "New garbage bin for recyclables arrives Tuesday",
                    "Where do bulky rubbish items go?", "Rubbish collection timings for the holiday",
                    "Is trash pickup at {h} am or later?"),
            List.of("garbage"));

    static final TopicPhrases WATER = new TopicPhrases("water", 0.08,
            List.of("the water supply", "tap water", "the water tanker", "the water pipeline", "our water supply",
                    "the water tanker service", "the new water pipeline", "the water supply schedule"),
            List.of("the pipe leak", "the leaking pipe", "the water supply cuts", "the pipe leak outside our gate"),
            List.of("the dirty tap water", "the late water tanker", "the water supply mess"),
            List.of("No water supply for {h} days", "The water tanker never showed up", "Tap water is brown again",
                    "A leaking pipe has flooded the lane for a week", "Paying double for a water tanker",
                    "The pipe leak outside our gate is still gushing"),
            List.of("Water supply restored in record time", "The new water pipeline is working well",
                    "Tap water pressure is much better now", "The pipe leak was fixed within an hour",
                    "The water tanker came on time", "Round-the-clock water supply at last"),
            List.of("Water supply timings change from Monday", "When does the water tanker come on Sundays?",
                    "The water pipeline work starts next week in Ward 8", "Is tap water here drinkable?",
                    "Scheduled water supply shutdown on Thursday from 10 am to 4 pm", "How do I book a water tanker?",
                    "Water supply is from {h} am to 9 am this week"),
            List.of("watersupply"));

    static final TopicPhrases POWER = new TopicPhrases("power", 0.07,
            List.of("electricity", "the electricity supply", "the electricity board", "the electricity bill",
                    "electricity in our block", "the electricity helpline"),
            List.of("the power cut", "the power outage", "the blackout", "load shedding", "the power cuts",
                    "the evening blackout", "the daily power cut"),
            List.of("the endless power cuts", "the useless electricity board", "the blackout chaos"),
            List.of("Third power cut today", "{h} hours of blackout in this heat",
                    "Electricity gone again, work from home impossible", "Load shedding every evening, kids cannot study",
                    "The power outage ruined all the food in the fridge", "The electricity bill doubled for no reason"),
            List.of("Electricity restored in 20 minutes", "Not a single power cut all week",
                    "The electricity board fixed the transformer fast", "Load shedding is finally over",
                    "The blackout was sorted within the hour"),
            List.of("Scheduled power cut from 10 am to 2 pm in Ward 12",
                    "Is there a power outage on the east side right now?", "The load shedding schedule for this week is out",
                    "How do I report a power cut after midnight?", "Electricity meter readings happen this Thursday",
                    "Planned power outage for maintenance on Saturday morning",
                    "Power cut from {h} pm in Ward 3, says the notice"),
            List.of("powercut"));

    static final TopicPhrases NOISE = new TopicPhrases("noise", 0.06,
            List.of("the noise rules", "the noise limits", "the honking ban", "noise control",
                    "the noise helpline", "the new noise rules"),
            List.of("the noise", "the loud music", "the honking", "the loudspeaker", "the construction noise",
                    "the noise at night", "all the honking", "the loudspeaker at the corner"),
            List.of("the noisy bar", "the noisy neighbours", "the deafening honking"),
            List.of("Loud music until 3 am again", "Constant honking outside my window",
                    "The loudspeaker at the corner has been blaring all day", "Construction noise starting at 6 am",
                    "The noisy bar next door never closes", "Honking for {m} minutes straight"),
            List.of("The noise at night has dropped so much", "A quiet evening at last, barely any honking",
                    "The honking ban is working great", "Police turned down the loud music within minutes",
                    "The new noise rules are excellent"),
            List.of("Noise limits for festivals start at 10 pm", "Who do I call about loud music after midnight?",
                    "Is there a noise helpline number?", "Construction noise is permitted from 8 am to 6 pm",
                    "Does the loudspeaker rule apply to weddings?", "New noise rules come into effect next month",
                    "Loudspeaker permits end at {h} pm from this week"),
            List.of("noise"));

    static final TopicPhrases SAFETY = new TopicPhrases("safety", 0.04,
            List.of("the harassment helpline", "the theft reporting desk", "the theft patrols",
                    "the streetlights out hotline", "the robbery squad"),
            List.of("the streetlights out on our lane", "the streetlights out near the school",
                    "the streetlights out on 5th Cross", "bike theft", "phone theft"),
            List.of("the chain robbery", "the harassment", "the unsafe underpass", "the stolen bikes",
                    "the unsafe crossing"),
            List.of("My bike was stolen from outside the gym", "Second phone theft on this street this week",
                    "Streetlights out for a month and the lane feels unsafe", "Harassment outside the college again",
                    "Chain robbery in broad daylight", "The underpass is so unsafe after dark"),
            List.of("Police recovered my stolen bike", "Theft cases are down since the new patrols",
                    "The unsafe underpass now has lights and guards", "Police caught the robbery gang",
                    "The harassment helpline responded in minutes"),
            List.of("Police will hold a meeting on bike theft on Friday", "Where do I file a report for a stolen phone?",
                    "Harassment helpline number: 1091", "Which police desk handles theft reports here?",
                    "Streetlights out on 5th Cross, reported to the ward office",
                    "Robbery prevention talk at the community hall on Sunday"),
            List.of("safety"));

    /** Every topic in a fixed order; their weights sum to 0.97, the rest is chatter without a topic. */
    static final List<TopicPhrases> ALL = List.of(PARKING, TRAFFIC, PUBLIC_TRANSPORT, ROADS, WASTE, WATER, POWER,
            NOISE, SAFETY);

    /** The Mumbai Metro line opening (incident 2): public transport phrases about the opening day. */
    static final TopicPhrases METRO_OPENING = new TopicPhrases("public_transport", 0,
            List.of("the new metro line", "the new metro station", "opening day on the new metro line"),
            List.of("the opening day crowds at the metro station", "the queues for the new metro"),
            List.of("the chaotic crowds at the new metro station"),
            List.of("Opening day crowds at the metro station", "Waited an hour to get into the new metro station"),
            List.of("First ride on the new Metro line", "The new metro line is finally open",
                    "Took the new metro to work today", "The new metro station looks gorgeous",
                    "Opening day on the new metro line, proud moment", "The new metro line cut my commute in half"),
            List.of("The new metro line opens today", "Metro line opening: trains every 8 minutes from 6:30 am",
                    "Which metro station on the new line is closest to the airport?",
                    "Queues at the metro station for the opening day", "Is the new metro line running till midnight?",
                    "Metro fare on the new line is 10 to 50 rupees"),
            List.of("metro"));

    TopicPhrases {
        services = List.copyOf(services);
        problems = List.copyOf(problems);
        grievances = List.copyOf(grievances);
        negativeEvents = List.copyOf(negativeEvents);
        positiveEvents = List.copyOf(positiveEvents);
        neutralEvents = List.copyOf(neutralEvents);
        hashtags = List.copyOf(hashtags);
    }

    /** The nuisances a post of this sentiment may name: loaded words only in negative posts. */
    List<String> nuisances(SentimentLabel label) {
        if (label != SentimentLabel.NEGATIVE) {
            return problems;
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(grievances);
        return all;
    }

    List<String> events(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> negativeEvents;
            case NEUTRAL -> neutralEvents;
            case POSITIVE -> positiveEvents;
        };
    }
}
