package dev.earshot.sample;

import dev.earshot.model.Author;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.SentimentLabel;
import dev.earshot.sample.GeneratedPost.Role;
import dev.earshot.sample.SampleScenario.VentingCustomer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The three citizens venting at @CityCareDesk. Written by hand and independent of the seed, so that their ids and
 * handles are the same in every generated stream.
 */
final class VentingCustomers {

    static final Set<Integer> AUTHOR_NUMBERS = Set.of(77001, 77002, 77003);

    private static final Author BENGALURU_DRIVER = new Author("user77001", "user77001", 212, "Bangalore, India");
    private static final Author MUMBAI_RESIDENT = new Author("user77002", "user77002", 87, "Mumbai, India");
    private static final Author LONDON_RESIDENT = new Author("user77003", "user77003", 1_340, "London, UK");

    /** Every venting post, in time order per customer. */
    static final List<GeneratedPost> POSTS;
    static final List<VentingCustomer> CUSTOMERS;

    static {
        List<GeneratedPost> posts = new ArrayList<>();
        List<VentingCustomer> customers = new ArrayList<>();

        // (a) Bengaluru, parking, during incident 1: a reply chain on twitter, annoyed to furious
        List<String> towed = new ArrayList<>();
        String first = twitter(posts, towed, "2026-03-04T04:40:12Z", null, null,
                "@CityCareDesk my car was towed from outside my own building on MG Road, Bangalore. No notice, no "
                        + "sign. Where do I even get it back? Really annoyed. #parking", LocationMethod.TEXT);
        String second = twitter(posts, towed, "2026-03-04T05:55:40Z", first, first,
                "@CityCareDesk still no reply. Two hours at the tow yard and they say there is no record of my car "
                        + "being towed. This is ridiculous 😤", LocationMethod.PROFILE);
        String third = twitter(posts, towed, "2026-03-04T07:48:05Z", first, second,
                "@CityCareDesk third message, still no response. Paid the fine just to get my car back and the "
                        + "parking spot had no board at all. Terrible service. Fed up!!", LocationMethod.PROFILE);
        twitter(posts, towed, "2026-03-04T09:36:30Z", first, third,
                "Five hours and zero response. You towed my car from a legal parking spot and nobody takes "
                        + "responsibility. I am FURIOUS. Worst service in Bengaluru 😡😡 #parking", LocationMethod.TEXT);
        customers.add(new VentingCustomer(BENGALURU_DRIVER.id(), BENGALURU_DRIVER.handle(), "Bengaluru", "parking",
                towed));

        // (b) Mumbai, water supply, over the day of 2026-03-03: separate posts on mastodon
        List<String> water = new ArrayList<>();
        mastodon(posts, water, "2026-03-03T02:35:00Z",
                "@CityCareDesk no water supply in our building in Andheri East, Mumbai since last night. Can someone "
                        + "check? This is really bad.", LocationMethod.TEXT);
        mastodon(posts, water, "2026-03-03T11:10:00Z",
                "@CityCareDesk still no water supply, and the water tanker you promised never came. Awful. Three "
                        + "families on our floor are stuck.", LocationMethod.PROFILE);
        mastodon(posts, water, "2026-03-03T16:45:00Z",
                "@CityCareDesk day two without tap water. Complaint number 4471, no callback, no water tanker. "
                        + "Absolutely disgusting service 😡 #watersupply", LocationMethod.PROFILE);
        customers.add(new VentingCustomer(MUMBAI_RESIDENT.id(), MUMBAI_RESIDENT.handle(), "Mumbai", "water", water));

        // (c) London, noise, over the evening of 2026-03-05: separate posts on bluesky
        List<String> noise = new ArrayList<>();
        bluesky(posts, noise, "2026-03-05T19:05:00Z",
                "@CityCareDesk the bar on our street in Hackney, London has had loud music blasting since 6pm, on a "
                        + "weeknight. So annoying.", LocationMethod.TEXT);
        bluesky(posts, noise, "2026-03-05T21:10:00Z",
                "@CityCareDesk the noise is even worse now, speakers out on the pavement. Can't sleep, the kids "
                        + "can't sleep. Terrible.", LocationMethod.PROFILE);
        bluesky(posts, noise, "2026-03-05T23:25:00Z",
                "@CityCareDesk 11:25pm and still no response. Still loud music, still nobody came. Fed up and "
                        + "furious 😤 #noise", LocationMethod.PROFILE);
        customers.add(new VentingCustomer(LONDON_RESIDENT.id(), LONDON_RESIDENT.handle(), "London", "noise", noise));

        POSTS = List.copyOf(posts);
        CUSTOMERS = List.copyOf(customers);
    }

    private VentingCustomers() {
    }

    /**
     * A tweet of the towed-car thread. Replies carry the thread's root as conversation and answer the previous
     * post; the last one no longer names @CityCareDesk in its text, only as the handle it replies to.
     */
    private static String twitter(List<GeneratedPost> posts, List<String> ids, String createdAt, String conversationId,
                                  String replyToId, String text, LocationMethod signal) {
        Instant instant = Instant.parse(createdAt);
        String id = "twitter:" + SampleStreamGenerator.twitterId(instant.toEpochMilli(), 0x2A5B1 + ids.size());
        Post post = new Post(id, "twitter", instant, text, "en", BENGALURU_DRIVER, null, null,
                conversationId == null ? id : conversationId, replyToId,
                replyToId == null ? null : SampleScenario.CARE_HANDLE, SampleStreamGenerator.urlOf(id, BENGALURU_DRIVER),
                SampleStreamGenerator.hashtagsOf(text), SampleStreamGenerator.mentionsOf(text));
        return add(posts, ids, post, "Bengaluru", "parking", signal);
    }

    private static void mastodon(List<GeneratedPost> posts, List<String> ids, String createdAt, String text,
                                 LocationMethod signal) {
        Instant instant = Instant.parse(createdAt);
        String id = "mastodon:" + SampleStreamGenerator.mastodonId(instant.toEpochMilli(), 0x1D3 + ids.size());
        add(posts, ids, standalone(id, "mastodon", instant, text, MUMBAI_RESIDENT), "Mumbai", "water", signal);
    }

    private static void bluesky(List<GeneratedPost> posts, List<String> ids, String createdAt, String text,
                                LocationMethod signal) {
        Instant instant = Instant.parse(createdAt);
        String id = "bluesky:" + SampleStreamGenerator.blueskyTid(instant.toEpochMilli() * 1000, 17 + ids.size());
        add(posts, ids, standalone(id, "bluesky", instant, text, LONDON_RESIDENT), "London", "noise", signal);
    }

    private static Post standalone(String id, String source, Instant createdAt, String text, Author author) {
        return new Post(id, source, createdAt, text, "en", author, null, null, null, null, null,
                SampleStreamGenerator.urlOf(id, author),
                SampleStreamGenerator.hashtagsOf(text), SampleStreamGenerator.mentionsOf(text));
    }

    private static String add(List<GeneratedPost> posts, List<String> ids, Post post, String city, String topic,
                              LocationMethod signal) {
        posts.add(new GeneratedPost(post, city, topic, SentimentLabel.NEGATIVE, signal, Role.VENTING));
        ids.add(post.id());
        return post.id();
    }
}
