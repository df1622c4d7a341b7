package dev.earshot.sample;

import dev.earshot.model.SentimentLabel;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a post's text from independently drawn parts (opener, topic clause, place, sentiment tail, emoji,
 * hashtags), so that no label rests on one template phrase. Negative and positive texts always carry words a
 * lexicon-based scorer knows ("terrible", "fed up", "thanks", "excellent", emoji); neutral texts are questions and
 * announcements without such words.
 */
final class TextComposer {

    private static final List<String> NEGATIVE_WORDS = List.of("terrible", "awful", "the worst", "useless",
            "ridiculous", "disgusting", "so bad", "horrible", "pathetic", "a nightmare", "a disgrace", "sooo bad",
            "soooo terrible", "TERRIBLE", "absolutely awful", "really bad", "totally useless", "just awful",
            "dreadful", "a total mess", "SO BAD", "worse than ever");
    private static final List<String> POSITIVE_WORDS = List.of("great", "excellent", "smooth", "so smooth",
            "really good", "brilliant", "fantastic", "sooo good", "GREAT", "amazing", "much better", "superb",
            "wonderful", "awesome", "really nice", "lovely", "excellent now");

    private static final List<String> NEGATIVE_SERVICE_TEMPLATES = List.of("{S}{p} is {neg}",
            "{S}{p} has been {neg} all week", "Why is {s}{p} always so bad?", "I hate {s}{p}",
            "{S}{p} is getting worse every day", "Can't believe how bad {s}{p} is", "{S}{p}? {Neg}",
            "{S}{p} is {neg} today", "Whoever runs {s}{p} should be ashamed", "{S}{p}: {neg}, as usual",
            "Honestly, {s}{p} is {neg}");
    private static final List<String> NEGATIVE_PROBLEM_TEMPLATES = List.of("{P}{p} again",
            "Dealing with {pr}{p} every single day", "Day {d} of {pr}{p}", "Who is in charge of {pr}{p}?",
            "Nobody does anything about {pr}{p}", "So sick of {pr}{p}", "{P}{p} ruined my morning",
            "Another week of {pr}{p}", "{P}{p} is a complete disaster", "Still {pr}{p}", "{P}{p} is {neg}",
            "{P}{p} for {d} days now");
    private static final List<String> POSITIVE_SERVICE_TEMPLATES = List.of("{S}{p} is {pos}",
            "{S}{p} was {pos} today", "{S}{p} is so much better now", "Loving {s}{p} lately", "Impressed with {s}{p}",
            "Big improvement in {s}{p}", "{S}{p} worked perfectly this week", "{S}{p} has been {pos} all week",
            "Credit where due: {s}{p} is {pos}", "Honestly, {s}{p} is {pos}");
    private static final List<String> POSITIVE_PROBLEM_TEMPLATES = List.of("{P}{p} finally fixed",
            "Finally fixed: {pr}{p}", "{P}{p} sorted out in a day", "Quick response on {pr}{p}",
            "Someone finally dealt with {pr}{p}", "{P}{p} is gone at last", "The council acted fast on {pr}{p}");
    private static final List<String> NEUTRAL_SERVICE_TEMPLATES = List.of("What are the timings for {s}{p}?",
            "Any update on {s}{p}?", "Who runs {s}{p}?", "{S}{p} changes from Monday",
            "Ward meeting about {s}{p} on Thursday at 6 pm", "The survey on {s}{p} closes Friday",
            "Council publishes new figures on {s}{p}", "Reading about {s}{p} in the morning paper",
            "Has {s}{p} changed its schedule?", "Who do I contact about {s}{p}?", "Is {s}{p} the same on weekends?",
            "The council discusses {s}{p} on Wednesday");
    private static final List<String> NEUTRAL_PROBLEM_TEMPLATES = List.of("Any update on {pr}{p}?",
            "Has anyone reported {pr}{p}?", "Who do I contact about {pr}{p}?",
            "Ward meeting about {pr}{p} on Thursday at 6 pm", "Council publishes new figures on {pr}{p}",
            "Is {pr}{p} usual on weekdays?", "A reporter is asking residents about {pr}{p}",
            "The local paper has a story on {pr}{p} today", "How often do you notice {pr}{p}?");

    private static final List<String> NEGATIVE_TAILS = List.of("Fed up.", "So frustrating.", "Absolutely furious.",
            "I hate this.", "Worst week ever.", "Disgusting.", "Useless.", "Ridiculous!", "Pathetic.", "Sick of it.",
            "Terrible service.", "Awful.", "This is so bad.", "Completely fed up!!", "Really angry now.", "Shameful.",
            "FED UP.", "WORST.", "Horrible.", "Sooo annoying.", "Disappointed again.", "Totally useless.", "Hate it.",
            "Furious.", "What a nightmare.", "So bad.", "Unacceptable.", "Terrible, just terrible.",
            "Never seen anything this bad.");
    private static final List<String> POSITIVE_TAILS = List.of("Great job!", "Thanks!", "Love it.", "Excellent work.",
            "So happy.", "Well done!", "Really appreciate it.", "Thank you!", "Brilliant.", "Good stuff.",
            "Kudos to the team.", "Big thanks to the crew.", "Happy citizen here.", "LOVE IT.", "Thanks a lot!",
            "Nice work.", "Love this city.", "Great work, team!", "Super happy.", "Thanks to everyone involved.",
            "Excellent.", "Happy days.", "Great stuff!");
    private static final List<String> NEUTRAL_TAILS = List.of("Just asking.", "Details on the council website.",
            "More details soon.", "Posting here for reference.", "Source: ward office notice.", "Timings may vary.",
            "Asking for my mother.", "Noted for this week.", "Saw it on the notice board.");

    private static final List<String> NEGATIVE_OPENERS = List.of("Ugh.", "Seriously?", "Again?!", "Come on.",
            "Here we go again.", "Not again.", "Unreal.", "Oh no.", "Ugh!!", "Day {d} and counting.");
    private static final List<String> POSITIVE_OPENERS = List.of("Yay!", "Finally!", "Good news:", "Shoutout:",
            "Big day:", "Credit where due:", "Wow!");
    private static final List<String> NEUTRAL_OPENERS = List.of("FYI:", "PSA:", "Heads up:", "Notice:", "Question:",
            "Quick question:", "Update:", "Asking around:", "Info:");

    private static final List<String> NEGATIVE_EMOJI = List.of("😡", "😤", "🤬", "😠", "👎", "😩", "🙄", ":(", ">:(",
            "😡😡", "😤😤😤", "😞");
    private static final List<String> POSITIVE_EMOJI = List.of("👏", "🙏", "😊", "🎉", "❤️", "👍", ":)", "🙌", "😍",
            "👏👏", "🙏🙏", "✨");
    private static final List<String> NEUTRAL_EMOJI = List.of("📍", "🗓️", "ℹ️", "🕘");

    private static final List<String> NEGATIVE_HASHTAGS = List.of("fail", "civicissues", "citylife");
    private static final List<String> POSITIVE_HASHTAGS = List.of("thankyou", "citylife", "smartcity");
    private static final List<String> NEUTRAL_HASHTAGS = List.of("localnews", "citylife", "community", "update");

    /** Places that do not name the city, so posts whose only location signal is elsewhere stay that way. */
    private static final List<String> GENERIC_PLACES = List.of("near my place", "on our street", "in our area",
            "near the market", "outside the office", "around here", "in our neighbourhood", "near the school",
            "by the junction", "near the hospital", "at the corner", "next to the mall", "near the temple",
            "outside my building", "in my lane", "on the main street", "near the college");

    private static final List<String> NEGATIVE_CHATTER = List.of("I hate Mondays", "Worst coffee of my life this morning",
            "My phone died again, so annoying", "Terrible movie last night", "Lost my keys again, awful start to the day",
            "On hold with the bank for an hour, ridiculous", "The cricket result was painful to watch",
            "My laptop crashed and I lost a whole report", "Burnt my toast and spilled my tea, horrible morning");
    private static final List<String> NEUTRAL_CHATTER = List.of("Watching the cricket score",
            "What time does the bakery open on Sundays?", "Reading a book at the library", "Meeting at 5, then dinner",
            "Anyone know a tailor nearby?", "Trying the new cafe on the corner", "Long day of meetings tomorrow",
            "Which phone plan do you all use?", "Exam results come out on Friday", "Just moved to a new flat",
            "Anyone going to the book fair this weekend?");
    private static final List<String> POSITIVE_CHATTER = List.of("Great dinner with friends tonight", "Love this weather",
            "Happy Holi everyone!", "Excellent book, highly recommend it", "Best dosa in town", "Beautiful sunset today",
            "So happy the weekend is almost here", "Amazing concert last night", "Lovely morning walk",
            "Great match today");
    private static final List<String> NEGATIVE_CHATTER_TAILS = List.of("Ugh.", "Not my day.", "Worst.",
            "So annoying.", "Hate it.");
    private static final List<String> POSITIVE_CHATTER_TAILS = List.of("Love it.", "So happy.", "Perfect.",
            "Grateful.", "Best day.");

    private static final List<String> CARE_THANKS_TEMPLATES = List.of(
            "@CityCareDesk thanks for sorting out {pr}{p} so quickly",
            "@CityCareDesk {s}{p} is {pos} now, thank you", "@CityCareDesk great work on {pr}{p}!",
            "Thank you @CityCareDesk, {pr}{p} finally fixed",
            "@CityCareDesk really appreciate the quick reply about {pr}{p}");
    private static final List<String> CARE_QUESTION_TEMPLATES = List.of("@CityCareDesk what are the timings for {s}{p}?",
            "@CityCareDesk is there an update on {pr}{p}?", "@CityCareDesk who handles {s}{p}?",
            "@CityCareDesk does {s}{p} change on weekends?", "@CityCareDesk where do I report {pr}{p}?");
    private static final List<String> FRIEND_HANDLES = List.of("SomeFriend", "priya_s", "rahul_k", "jamie_l",
            "neighbour_anil", "mike_nyc", "aisha_r", "tom_h");

    private final SplittableRandom random;

    TextComposer(SplittableRandom random) {
        this.random = random;
    }

    /** A post on one topic; names the city in the text only when {@code nameCity} is set. */
    String topicPost(TopicPhrases topic, SentimentLabel label, SampleCity city, boolean nameCity) {
        double form = random.nextDouble();
        boolean event = form < 0.35;
        String core;
        boolean coreCarriesSentiment;
        if (event) {
            core = fillNumbers(insertPlace(pick(topic.events(label)), eventPlace(city, nameCity)));
            coreCarriesSentiment = false;
        } else {
            boolean service = form < 0.70;
            String template = pick(service ? serviceTemplates(label) : problemTemplates(label));
            coreCarriesSentiment = template.contains("{neg}") || template.contains("{Neg}") || template.contains("{pos}");
            core = fill(template, topic, label, templatePlace(city, nameCity));
        }
        return assemble(label, core, coreCarriesSentiment, topic, city, nameCity, event);
    }

    /** General chatter: no topic and none of the topic words. */
    String chatter(SentimentLabel label, SampleCity city, boolean nameCity) {
        String core = pick(switch (label) {
            case NEGATIVE -> NEGATIVE_CHATTER;
            case NEUTRAL -> NEUTRAL_CHATTER;
            case POSITIVE -> POSITIVE_CHATTER;
        });
        boolean cityAsHashtag = nameCity && random.nextDouble() < 0.3;
        String place = nameCity && !cityAsHashtag ? " in " + pick(city.textSpellings()) : "";
        StringBuilder text = new StringBuilder(insertPlace(core, place));
        endSentence(text, label);
        if (label != SentimentLabel.NEUTRAL && random.nextDouble() < 0.6) {
            text.append(' ').append(pick(label == SentimentLabel.NEGATIVE ? NEGATIVE_CHATTER_TAILS : POSITIVE_CHATTER_TAILS));
        }
        appendEmoji(text, label);
        if (cityAsHashtag) {
            text.append(" #").append(pick(city.hashtags()));
        }
        return text.toString();
    }

    /** A positive thank-you to the care account: a distractor that must not become a ticket. */
    String careThanks(TopicPhrases topic, SampleCity city, boolean nameCity) {
        StringBuilder text = new StringBuilder(fill(pick(CARE_THANKS_TEMPLATES), topic, SentimentLabel.POSITIVE,
                templatePlace(city, nameCity)));
        endSentence(text, SentimentLabel.POSITIVE);
        text.append(' ').append(pick(POSITIVE_EMOJI));
        appendCityHashtagIfUnnamed(text, city, nameCity);
        return text.toString();
    }

    /** A neutral question to the care account: a distractor that must not become a ticket. */
    String careQuestion(TopicPhrases topic, SampleCity city, boolean nameCity) {
        String template = topic == TopicPhrases.PUBLIC_TRANSPORT && random.nextBoolean()
                ? "@CityCareDesk when does the new bus route start{p}?"
                : pick(CARE_QUESTION_TEMPLATES);
        StringBuilder text = new StringBuilder(fill(template, topic, SentimentLabel.NEUTRAL,
                templatePlace(city, nameCity)));
        appendCityHashtagIfUnnamed(text, city, nameCity);
        return text.toString();
    }

    /** A negative post addressed to a friend only: a distractor that must not become a ticket. */
    String friendComplaint(TopicPhrases topic, SampleCity city, boolean nameCity) {
        return "@" + pick(FRIEND_HANDLES) + " " + topicPost(topic, SentimentLabel.NEGATIVE, city, nameCity);
    }

    private String assemble(SentimentLabel label, String core, boolean coreCarriesSentiment, TopicPhrases topic,
                            SampleCity city, boolean nameCity, boolean event) {
        StringBuilder text = new StringBuilder();
        if (random.nextDouble() < 0.3) {
            text.append(fillNumbers(pick(openers(label)))).append(' ');
        }
        String shouted = label == SentimentLabel.NEGATIVE && random.nextDouble() < 0.08 ? shoutOneWord(core) : core;
        text.append(shouted);
        endSentence(text, label);
        double tailChance = switch (label) {
            case NEUTRAL -> 0.25;
            case NEGATIVE, POSITIVE -> coreCarriesSentiment ? 0.6 : 1.0;
        };
        if (random.nextDouble() < tailChance) {
            text.append(' ').append(pick(tails(label)));
        }
        appendEmoji(text, label);
        if (!appendCityHashtagIfUnnamed(text, city, nameCity) && nameCity && event && random.nextDouble() < 0.15) {
            text.append(" #").append(pick(city.hashtags()));
        }
        if (random.nextDouble() < 0.25) {
            text.append(" #").append(pick(topic.hashtags()));
        }
        if (random.nextDouble() < 0.08) {
            text.append(" #").append(pick(switch (label) {
                case NEGATIVE -> NEGATIVE_HASHTAGS;
                case NEUTRAL -> NEUTRAL_HASHTAGS;
                case POSITIVE -> POSITIVE_HASHTAGS;
            }));
        }
        return text.toString();
    }

    private void endSentence(StringBuilder text, SentimentLabel label) {
        char last = text.charAt(text.length() - 1);
        if (last == '?' || last == '!' || last == '.') {
            return;
        }
        text.append(pick(switch (label) {
            case NEGATIVE -> List.of(".", "!", "!!!", "...", "!!", ".");
            case NEUTRAL -> List.of(".");
            case POSITIVE -> List.of(".", "!", "!", "!!");
        }));
    }

    private void appendEmoji(StringBuilder text, SentimentLabel label) {
        double chance = switch (label) {
            case NEGATIVE -> 0.45;
            case NEUTRAL -> 0.08;
            case POSITIVE -> 0.5;
        };
        if (random.nextDouble() < chance) {
            text.append(' ').append(pick(switch (label) {
                case NEGATIVE -> NEGATIVE_EMOJI;
                case NEUTRAL -> NEUTRAL_EMOJI;
                case POSITIVE -> POSITIVE_EMOJI;
            }));
        }
    }

    /** A place for a template: the city by name (or its hashtag, added later), a generic place, or nothing. */
    private String templatePlace(SampleCity city, boolean nameCity) {
        double form = random.nextDouble();
        if (nameCity && form < 0.4) {
            return " in " + pick(city.textSpellings());
        }
        if (nameCity && form < 0.7) {
            return " near " + pick(city.neighbourhoods()) + " in " + pick(city.textSpellings());
        }
        return random.nextBoolean() ? "" : " " + pick(GENERIC_PLACES);
    }

    /** Events are concrete already, so they only get the city when it must be named. */
    private String eventPlace(SampleCity city, boolean nameCity) {
        if (!nameCity || random.nextDouble() < 0.3) {
            return "";
        }
        return random.nextBoolean()
                ? " in " + pick(city.textSpellings())
                : " near " + pick(city.neighbourhoods()) + " in " + pick(city.textSpellings());
    }

    /** Puts the place before the clause's closing punctuation, if any. */
    private static String insertPlace(String clause, String place) {
        int end = clause.length();
        while (end > 0 && "?!.".indexOf(clause.charAt(end - 1)) >= 0) {
            end--;
        }
        return clause.substring(0, end) + place + clause.substring(end);
    }

    private String fill(String template, TopicPhrases topic, SentimentLabel label, String place) {
        String service = pick(topic.services());
        String problem = pick(topic.nuisances(label));
        String negative = pick(NEGATIVE_WORDS);
        return fillNumbers(template
                .replace("{S}", capitalise(service))
                .replace("{s}", service)
                .replace("{P}", capitalise(problem))
                .replace("{pr}", problem)
                .replace("{p}", place)
                .replace("{neg}", negative)
                .replace("{Neg}", capitalise(negative))
                .replace("{pos}", pick(POSITIVE_WORDS)));
    }

    private String fillNumbers(String text) {
        return text
                .replace("{d}", Integer.toString(2 + random.nextInt(8)))
                .replace("{h}", Integer.toString(2 + random.nextInt(8)))
                .replace("{m}", Integer.toString(20 + 5 * random.nextInt(15)));
    }

    private String shoutOneWord(String core) {
        String[] words = core.split(" ");
        int start = random.nextInt(words.length);
        for (int i = 0; i < words.length; i++) {
            int index = (start + i) % words.length;
            if (words[index].length() >= 4 && words[index].chars().allMatch(Character::isLetter)) {
                words[index] = words[index].toUpperCase(Locale.ROOT);
                return String.join(" ", words);
            }
        }
        return core;
    }

    /** A post whose location signal is the text must name its city: as a hashtag when the words did not. */
    private boolean appendCityHashtagIfUnnamed(StringBuilder text, SampleCity city, boolean nameCity) {
        String written = text.toString();
        if (!nameCity || city.textSpellings().stream().anyMatch(written::contains)) {
            return false;
        }
        text.append(" #").append(pick(city.hashtags()));
        return true;
    }

    private static List<String> serviceTemplates(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> NEGATIVE_SERVICE_TEMPLATES;
            case NEUTRAL -> NEUTRAL_SERVICE_TEMPLATES;
            case POSITIVE -> POSITIVE_SERVICE_TEMPLATES;
        };
    }

    private static List<String> problemTemplates(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> NEGATIVE_PROBLEM_TEMPLATES;
            case NEUTRAL -> NEUTRAL_PROBLEM_TEMPLATES;
            case POSITIVE -> POSITIVE_PROBLEM_TEMPLATES;
        };
    }

    private static List<String> openers(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> NEGATIVE_OPENERS;
            case NEUTRAL -> NEUTRAL_OPENERS;
            case POSITIVE -> POSITIVE_OPENERS;
        };
    }

    private static List<String> tails(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> NEGATIVE_TAILS;
            case NEUTRAL -> NEUTRAL_TAILS;
            case POSITIVE -> POSITIVE_TAILS;
        };
    }

    private static String capitalise(String phrase) {
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
