package dev.earshot.cli;

import dev.earshot.config.Durations;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.enrich.LanguageScope;
import dev.earshot.flink.Counters;
import dev.earshot.flink.EarshotSinks;
import dev.earshot.model.AlertKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the job's accumulators into the progress line and the end-of-run summary. */
final class RunSummary {

    private final Map<String, Object> counters;
    /** Why Flink restarted the job (or ended it), each failure in one line as said on stderr, oldest first. */
    private final List<String> restartCauses;
    /** The helpdesk sink's subtasks, each writing its own dead-letter file. */
    private final int helpdeskSubtasks;
    /** What each delivery target got and gave up on over the whole run ({@link DeliveryTally}); null: the counters'. */
    private final Map<String, DeliveryTally.Counts> deliveries;

    RunSummary(Map<String, Object> counters) {
        this(counters, List.of(), 1, null);
    }

    RunSummary(Map<String, Object> counters, List<String> restartCauses, int helpdeskSubtasks,
               Map<String, DeliveryTally.Counts> deliveries) {
        this.counters = counters;
        this.restartCauses = restartCauses;
        this.helpdeskSubtasks = helpdeskSubtasks;
        this.deliveries = deliveries;
    }

    long get(String name) {
        Object value = counters.get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    String progressLine(Duration elapsed) {
        return String.format(Locale.ROOT, "[%4ds] read %s · %s · %s enriched · %s · %s · %s", elapsed.toSeconds(),
                count(get(Counters.RECORDS_READ), "record"), count(get(Counters.DEAD_LETTERS), "dead letter"),
                count(get(Counters.POSTS_ENRICHED), "post"), count(get(Counters.WINDOW_STATS), "window stat"),
                count(alertsOpened(), "alert"), count(get(Counters.TICKETS_OPENED), "ticket")) + deliveredSoFar() + restarted();
    }

    /** " · 14 delivered, 1 dead-lettered" over every delivery target; nothing where there is none. */
    private String deliveredSoFar() {
        List<Target> targets = targets();
        return targets.isEmpty() ? "" : String.format(Locale.ROOT, " · %,d delivered, %,d dead-lettered",
                targets.stream().mapToLong(Target::delivered).sum(), targets.stream().mapToLong(Target::deadLetters).sum());
    }

    /**
     * One delivery target's messages. The unsettled ones (handed over, neither delivered nor given up yet) are the
     * current attempt's, from its counters, which hold no other attempt's messages.
     */
    private record Target(String name, long delivered, long deadLetters, long unsettled, long sentAgain) {
        long total() {
            return delivered + deadLetters + unsettled;
        }
    }

    /** The helpdesk, if any, then each alert channel: those whose sinks registered counters. */
    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        if (counters.containsKey(Counters.HELPDESK_VERSIONS)) {
            targets.add(target("helpdesk", DeliveryTally.HELPDESK, Counters.HELPDESK_VERSIONS, Counters.HELPDESK_DELIVERED,
                    Counters.HELPDESK_DEAD_LETTERS));
        }
        for (String channel : Counters.alertChannels(counters)) {
            targets.add(target(channel, DeliveryTally.channel(channel), Counters.alertMessages(channel), Counters.alertMessagesDelivered(channel),
                    Counters.alertDeadLetters(channel)));
        }
        return targets;
    }

    /** @param tallied its name in {@link #deliveries} */
    private Target target(String name, String tallied, String total, String delivered, String deadLetters) {
        long unsettled = Math.max(0, get(total) - get(delivered) - get(deadLetters));
        DeliveryTally.Counts counted = deliveries == null ? null : deliveries.getOrDefault(tallied, new DeliveryTally.Counts(0, 0));
        return counted == null ? new Target(name, get(delivered), get(deadLetters), unsettled, 0)
                : new Target(name, counted.delivered(), counted.deadLetters(), unsettled, counted.sentAgain());
    }

    /**
     * Flink keeps the counts of the current execution attempt only: after a restart on a failure they start again at
     * the checkpoint restored, so that they fall back (a dead letter of the failed attempt is gone from them, as it is
     * from the outputs, which commit on checkpoints).
     */
    private String restarted() {
        return get(Counters.RESTARTS) == 0 ? "" : String.format(Locale.ROOT, " · restarted after a failure (%s): "
                + "counts since the checkpoint it resumed from", timesRestarted());
    }

    private String timesRestarted() {
        long restarts = get(Counters.RESTARTS);
        return restarts == 1 ? "once" : String.format(Locale.ROOT, "%,d times", restarts);
    }

    /** @param languages {@code enrich.languages}, which the posts left out were outside of */
    String finalReport(Duration elapsed, Path outputDir, LanguageScope languages) {
        return finalReport(elapsed, outputDir, languages, null, false);
    }

    /**
     * @param interruptedBy the signal that stopped the run before the end of its input, or null
     * @param resumed whether the run resumed from saved state: Flink saves no counts, so they start at the resume,
     *     while the files it appended to also hold what the runs before it wrote
     */
    String finalReport(Duration elapsed, Path outputDir, LanguageScope languages, String interruptedBy, boolean resumed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        String alertsByKind = Arrays.stream(AlertKind.values())
                .map(kind -> kind.name() + " " + get(Counters.alertsOpened(kind)))
                .collect(Collectors.joining(" · "));
        String unreadableHint = get(Counters.RECORDS_UNREADABLE) == 0 ? "" : System.lineSeparator() + String.format(
                Locale.ROOT, "                  %,d of them unreadable input (stage read: bytes that are not UTF-8 "
                        + "text, in a file or a Kafka value, or a damaged file): each reason says where and how to fix it", get(Counters.RECORDS_UNREADABLE));
        return String.join(System.lineSeparator(),
                (interruptedBy == null ? "Earshot finished" : "Earshot INTERRUPTED by " + interruptedBy
                        + " (the outputs are those of the input read so far)" + System.lineSeparator() + "Earshot stopped")
                        + String.format(Locale.ROOT, " in %.1f s: %s", seconds, readUncounted()
                                ? "the input was read through before the checkpoint the restart resumed from, and not counted since"
                                : counters.containsKey(ReadStageCounts.READ_BEFORE_THE_RESTART)
                                ? String.format(Locale.ROOT, "%s since the %srestart (%,d read before it%s, when last counted)",
                                        count(get(Counters.RECORDS_READ), "record"), get(Counters.RESTARTS) == 1 ? "" : "last ",
                                        get(ReadStageCounts.READ_BEFORE_THE_RESTART), get(ReadStageCounts.COUNTED_IN_ATTEMPT) == 0
                                                ? "" : " since restart " + get(ReadStageCounts.COUNTED_IN_ATTEMPT))
                                : get(ReadStageCounts.FROM_BEFORE_THE_RESTART) != 0
                                ? count(get(Counters.RECORDS_READ), "record") + " as counted " + readStageCountedWhen()
                                        + ", when last counted"
                                : count(get(Counters.RECORDS_READ), "record") + ", " + rate(get(Counters.RECORDS_READ) / seconds) + " records/s")
                        + (resumed ? System.lineSeparator() + "  counts since the resume; the files also hold what earlier runs "
                                + "wrote" : "")
                        + (get(Counters.RESTARTS) == 0 ? "" : System.lineSeparator() + String.format(Locale.ROOT,
                                "  Flink restarted the job after a failure (%s, recovery.attempts): the counts are since the "
                                        + "checkpoint it resumed from; the files also hold what was committed before it%s%s",
                                timesRestarted(), deliveries == null || targets().isEmpty() ? ""
                                        : " (the deliveries count the whole run, from the files that record them)",
                                get(ReadStageCounts.FROM_BEFORE_THE_RESTART) == 0 ? "" : System.lineSeparator()
                                        + "  the input was read through before that checkpoint: the records read are as "
                                        + "counted " + readStageCountedWhen())
                                + restartCauses()),
                recordsLine(),
                postsLine(languages),
                String.format(Locale.ROOT, "  edits           %,d applied, %,d stale dropped (not newer than the version "
                                + "passed), %,d withheld as deleted; %s edited", get(Counters.EDITS_APPLIED),
                        get(Counters.STALE_EDITS), get(Counters.DELETED_EDITS_WITHHELD),
                        count(get(Counters.TICKET_POSTS_EDITED), "ticket post")),
                String.format(Locale.ROOT, "  deletions       %,d passed on (%,d of posts not seen, for what earlier runs "
                                + "stored); %s removed  -> %s", get(Counters.DELETIONS_APPLIED),
                        get(Counters.DELETIONS_OF_UNSEEN_POSTS), count(get(Counters.TICKET_POSTS_REMOVED), "ticket post"),
                        file(outputDir, EarshotSinks.DELETIONS)),
                String.format(Locale.ROOT, "  dead letters    %,d: %,d rejected when read + %,d too late for their windows"
                                + " + %,d at stage enrich or taxonomy  -> %s", get(Counters.DEAD_LETTERS),
                        get(Counters.ITEMS_REJECTED), get(Counters.LATE_POSTS),
                        get(Counters.DEAD_LETTERS) - get(Counters.ITEMS_REJECTED) - get(Counters.LATE_POSTS),
                        file(outputDir, EarshotSinks.DEAD_LETTERS))
                        + lateHint() + unreadableHint,
                String.format(Locale.ROOT, "  alerts          %s: %s  -> %s", count(alertsOpened(), "incident"), alertsByKind,
                        file(outputDir, EarshotSinks.ALERTS)),
                String.format(Locale.ROOT, "  tickets         %,d opened, %s, %,d closed (%s)  -> %s",
                        get(Counters.TICKETS_OPENED), count(get(Counters.TICKET_UPDATES), "update"), get(Counters.TICKETS_CLOSED),
                        count(get(Counters.TICKETS_OPENED) + get(Counters.TICKET_UPDATES) + get(Counters.TICKETS_CLOSED), "version"),
                        file(outputDir, EarshotSinks.TICKETS)),
                String.format(Locale.ROOT, "  window stats    %,d  -> %s", get(Counters.WINDOW_STATS),
                        file(outputDir, EarshotSinks.STATS)))
                + deliveryLines(outputDir, resumed);
    }

    /**
     * What reached the people the job delivers to, per target, where one is configured: a helpdesk or channel that
     * was down for the whole run shows here, not only in its dead-letter file.
     */
    String deliveryLines(Path outputDir, boolean resumed) {
        StringBuilder lines = new StringBuilder();
        List<Target> targets = targets();
        List<Target> channels = targets;
        if (counters.containsKey(Counters.HELPDESK_VERSIONS)) {
            String letters = helpdeskSubtasks == 1 ? file(outputDir, EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK))
                    : file(outputDir, EarshotSinks.deliveryDeadLettersName(EarshotSinks.HELPDESK) + "-*");
            lines.append(System.lineSeparator()).append("  helpdesk        ").append(delivered(targets.get(0), "ticket version", letters));
            channels = targets.subList(1, targets.size());
        }
        if (!channels.isEmpty()) {
            String letters = file(outputDir, EarshotSinks.deliveryDeadLettersName(EarshotSinks.ALERT_DELIVERY));
            lines.append(System.lineSeparator()).append("  alert channels  ").append(channels.stream()
                    .map(channel -> channel.name() + " " + delivered(channel, "message", null) + sentAgain(channel, resumed)
                            + heldBack(channel.name()))
                    .collect(Collectors.joining(" · ")));
            long deadLetters = channels.stream().mapToLong(Target::deadLetters).sum();
            lines.append(deadLetters == 0 ? "" : "  -> " + letters);
        }
        return lines.toString();
    }

    /** "8 of 11 ticket versions delivered, 3 dead letters  -> file"; those neither are still being delivered. */
    private static String delivered(Target target, String noun, String letters) {
        return String.format(Locale.ROOT, "%,d of %s delivered", target.delivered(), count(target.total(), noun))
                + (target.deadLetters() == 0 ? "" : ", " + count(target.deadLetters(), "dead letter"))
                + (target.unsettled() == 0 ? "" : String.format(Locale.ROOT, ", %,d still being delivered when counted",
                        target.unsettled()))
                + (target.deadLetters() == 0 || letters == null ? "" : "  -> " + letters);
    }

    /**
     * ", 1 sent again after the restart": a replay sent again a message delivered after the checkpoint it started from
     * (or, resumed, after the earlier run's last one), which an incoming webhook's channel then shows twice.
     */
    private String sentAgain(Target channel, boolean resumed) {
        long restarts = get(Counters.RESTARTS);
        String after = resumed ? (restarts == 0 ? "the resume" : "the resume or a restart")
                : restarts > 1 ? "the restarts" : "the restart";
        return channel.sentAgain() == 0 ? "" : String.format(Locale.ROOT, ", %,d sent again after %s", channel.sentAgain(), after);
    }

    /**
     * ", 2 updates held back by the quiet period" (maxPerIncident within quietPeriod); nothing when none was. Counted
     * by the attempt's counters, not from files as deliveries are: a held-back update leaves no line anywhere.
     */
    private String heldBack(String channel) {
        long held = get(Counters.alertUpdatesHeldBack(channel));
        return held == 0 ? "" : ", " + count(held, "update") + " held back by the quiet period"
                + (get(Counters.RESTARTS) == 0 ? "" : " (since the last restart)");
    }

    /** "restart 1 of 3 after: Sink: files (1/2): IOException: No space left on device", one line each. */
    private String restartCauses() {
        StringBuilder lines = new StringBuilder();
        for (String cause : restartCauses) {
            lines.append(System.lineSeparator()).append("    ").append(cause);
        }
        return lines.toString();
    }

    /**
     * Each valid post is in one of the buckets: a duplicate (also a repost bringing a newer version, which is counted
     * with the edits too), withheld because its deletion came first, outside the languages, enriched, or, where its
     * enrichment failed, a dead letter of stage {@code enrich}.
     */
    private String postsLine(LanguageScope languages) {
        long failed = get(Counters.POSTS_NOT_ENRICHED);
        return String.format(Locale.ROOT, "  posts read      %,d valid: %s processed once, %,d withheld as deleted, %,d "
                        + "outside enrich.languages (%s), %,d enriched%s", get(Counters.POSTS_VALID),
                count(get(Counters.DUPLICATES), "duplicate"), get(Counters.DELETED_POSTS_WITHHELD),
                get(Counters.POSTS_OUTSIDE_LANGUAGES), languages, get(Counters.POSTS_ENRICHED),
                failed == 0 ? "" : String.format(Locale.ROOT, ", %,d failed enrichment (dead letters)", failed));
    }

    /**
     * What the records held: one record may hold several posts (an X v2 response's {@code data} array, a Discourse
     * page), or none (a platform event that is no post), so the records read are reconciled with their items.
     */
    private String recordsLine() {
        if (readUncounted()) {
            return "  records read    not counted: the input was read through before the checkpoint the restart resumed from";
        }
        long items = get(Counters.POSTS_VALID) + get(Counters.POSTS_EDITED) + get(Counters.POSTS_DELETED)
                + get(Counters.RECORDS_SKIPPED) + get(Counters.ITEMS_REJECTED);
        long skipped = get(Counters.RECORDS_SKIPPED);
        return String.format(Locale.ROOT, "  records read    %,d%s holding %s: %s + %s + %s + %,d %s + %,d rejected (dead "
                        + "letters)", get(Counters.RECORDS_READ), counters.containsKey(ReadStageCounts.READ_BEFORE_THE_RESTART)
                        ? " since the " + (get(Counters.RESTARTS) == 1 ? "" : "last ") + "restart" : "", count(items, "item"), count(get(Counters.POSTS_VALID), "post"),
                count(get(Counters.POSTS_EDITED), "edit"), count(get(Counters.POSTS_DELETED), "deletion"), skipped,
                skipped == 1 ? "event that is not a post" : "events that are not posts", get(Counters.ITEMS_REJECTED));
    }

    /**
     * The {@code stream.outOfOrderness} that would have kept the late posts, leaving out those too far behind for
     * any (see {@link Counters#IMPLAUSIBLY_LATE}): one post dated 1970 must not make the advice 20,000 days.
     */
    private String lateHint() {
        long implausible = get(Counters.IMPLAUSIBLY_LATE_POSTS);
        String indent = System.lineSeparator() + "                  ";
        String advice = get(Counters.LATE_POSTS) == implausible ? "" : indent + String.format(Locale.ROOT,
                "the most out of order was %s behind the newest post read before it: for a file not in time "
                        + "order, sort it by time or set stream.outOfOrderness to at least %s",
                inDaysHoursMinutes(Duration.ofMillis(get(Counters.MOST_LATE_ADVISABLE_MILLIS))),
                Durations.format(roundedUp(Duration.ofMillis(get(Counters.MOST_LATE_ADVISABLE_MILLIS)))));
        return advice + (implausible == 0 ? "" : indent + String.format(Locale.ROOT,
                "%,d of them more than %s behind (the most %s): a post that far behind usually has a wrong createdAt, "
                        + "and a file that far out of order needs sorting; no stream.outOfOrderness should wait for them",
                implausible, Durations.format(Counters.IMPLAUSIBLY_LATE),
                inDaysHoursMinutes(Duration.ofMillis(get(Counters.MOST_LATE_MILLIS)))));
    }

    /** "1 record", "2 records". */
    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** Whole records a second, or a tenth where a short file would show 0. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond < 10 ? "%.1f" : "%,.0f", perSecond);
    }

    static String inDaysHoursMinutes(Duration duration) {
        String text = (duration.toDaysPart() > 0 ? " " + duration.toDaysPart() + "d" : "")
                + (duration.toHoursPart() > 0 ? " " + duration.toHoursPart() + "h" : "")
                + (duration.toMinutesPart() > 0 ? " " + duration.toMinutesPart() + "m" : "");
        return text.isEmpty() ? duration.toSeconds() + "s" : text.substring(1);
    }

    /** Up to the next whole minute, hour or day, as a person would write it in earshot.yaml. */
    static Duration roundedUp(Duration duration) {
        Duration unit = duration.compareTo(Duration.ofHours(1)) <= 0 ? Duration.ofMinutes(1)
                : duration.compareTo(Duration.ofDays(1)) <= 0 ? Duration.ofHours(1) : Duration.ofDays(1);
        long units = (duration.toMillis() + unit.toMillis() - 1) / unit.toMillis();
        return unit.multipliedBy(Math.max(units, 1));
    }

    /**
     * Whether the restart resumed from a checkpoint taken after the input was read through, and no count of the
     * reading was seen before it ({@link ReadStageCounts}): the job then has no count of the records at all.
     */
    private boolean readUncounted() {
        return get(Counters.RESTARTS) > 0 && !counters.containsKey(Counters.RECORDS_READ);
    }

    /** When the read stage's counts from before the last restart were taken ({@link ReadStageCounts}). */
    private String readStageCountedWhen() {
        long attempt = get(ReadStageCounts.COUNTED_IN_ATTEMPT);
        return attempt > 0 ? "since restart " + attempt : get(Counters.RESTARTS) == 1 ? "before the restart" : "before the first restart";
    }

    private long alertsOpened() {
        return Arrays.stream(AlertKind.values()).mapToLong(kind -> get(Counters.alertsOpened(kind))).sum();
    }

    /** Where a file output is, or where else the outputs went when the run wrote no files. */
    private static String file(Path dir, String name) {
        return dir == null ? "(see output.to)" : JsonLinesFileSink.fileOf(dir, name).toString();
    }
}
