package dev.earshot.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.json.Json;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns one record into posts (or deletions, edits, skipped events), recognising each record's platform format from
 * its shape unless {@link ParseParams#format()} names one, or says precisely why it cannot. It never throws on bad
 * input: every rejection is a {@link ParseResult.Invalid} with the raw record and a reason naming the format and
 * the field. A record yields at least one result; a Twitter v2 response or a Discourse page may yield several.
 */
public final class PostParser {

    /** Every format's name, as {@code parse.format} accepts it. */
    public static final List<String> FORMATS = List.of(CanonicalFormat.NAME, TwitterV11.NAME, TwitterV2Format.NAME,
            MastodonFormat.NAME, BlueskyJetstreamFormat.NAME, DiscourseFormat.NAME, CsvRowFormat.NAME);

    private final ObjectMapper mapper = Json.mapper();
    private final ParseParams params;
    private final MastodonFormat mastodon = new MastodonFormat();
    /** In the order auto-detection tries them; canonical last, as the fallback. */
    private final List<PostFormat> formats = new ArrayList<>();

    /** A parser of the core's formats: all but Twitter v1.1, whose mapping lives with twitter4j in the connectors. */
    public PostParser(ParseParams params) {
        this(params, List.of());
    }

    /** @param platformFormats formats beyond the core's, e.g. the connectors' Twitter v1.1 mapping */
    public PostParser(ParseParams params, List<PostFormat> platformFormats) {
        this.params = params;
        formats.add(new BlueskyJetstreamFormat());
        formats.addAll(platformFormats);
        formats.add(new TwitterV2Format());
        formats.add(mastodon);
        formats.add(new DiscourseFormat());
        if (params.csv() != null) {
            formats.add(new CsvRowFormat(params.csv()));
        }
        formats.add(new CanonicalFormat());
        if (!params.format().equals(ParseParams.AUTO) && forced() == null) {
            throw new IllegalArgumentException("parse.format " + params.format() + " is not available here: "
                    + (params.format().equals(TwitterV11.NAME) ? "Twitter v1.1 needs the connectors' TwitterV11Format"
                    : "no such format"));
        }
    }

    /**
     * Parses a record read at {@code readAt} (the caller's clock: the parser reads none). A post dated more than
     * {@link ParseParams#maxFutureSkew()} after that, or after the time its network received it where the record
     * says, is a dead letter.
     */
    public List<ParseResult> parse(String raw, Instant readAt) {
        return read(raw, Objects.requireNonNull(readAt, "readAt"));
    }

    /**
     * Parses a record whose read time is unknown (a test of a format's mapping, a tool reading files offline): only a
     * time the record itself gives (Jetstream's {@code time_us}) bounds its posts' dates.
     */
    public List<ParseResult> parse(String raw) {
        return read(raw, null);
    }

    private List<ParseResult> read(String raw, Instant readAt) {
        if (raw == null || raw.isBlank()) {
            return List.of(new ParseResult.Invalid(raw == null ? "" : raw, "empty record"));
        }
        boolean auto = params.format().equals(ParseParams.AUTO);
        if (MastodonFormat.isStreamingText(raw) && (auto || params.format().equals(MastodonFormat.NAME))) {
            return checked(mastodon, raw, () -> mastodon.readStreamingText(raw), readAt, null);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            return List.of(new ParseResult.Invalid(raw, "not valid JSON: " + JsonSyntax.problem(e)));
        }
        if (!tree.isObject()) {
            return List.of(new ParseResult.Invalid(raw, "expected a JSON object, found " + Fields.type(tree)));
        }
        PostFormat format = auto ? formats.stream().filter(f -> f.recognises(tree)).findFirst().orElseThrow() : forced();
        return checked(format, raw, () -> format.read(tree, raw), readAt, format.receivedAt(tree));
    }

    private PostFormat forced() {
        return formats.stream().filter(f -> f.name().equals(params.format())).findFirst().orElse(null);
    }

    /**
     * Runs a format's mapping, turning a malformed record into a dead letter and enforcing the limits.
     *
     * @param readAt when the record was read, or null when unknown
     * @param receivedAt when the network received it, or null when the record does not say
     */
    private List<ParseResult> checked(PostFormat format, String raw, Supplier<List<ParseResult>> read, Instant readAt,
                                      Instant receivedAt) {
        String prefix = format.name().equals(CanonicalFormat.NAME) ? "" : format.name() + ": ";
        List<ParseResult> results;
        try {
            results = read.get();
        } catch (MalformedRecordException e) {
            return List.of(new ParseResult.Invalid(raw, prefix + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return List.of(new ParseResult.Invalid(raw, prefix + "invalid post: " + e.getMessage()));
        }
        if (results.isEmpty()) {
            return List.of(new ParseResult.Skipped(format.name() + ": the record holds no posts"));
        }
        return results.stream().map(result -> withinLimits(result, raw, prefix, readAt, receivedAt)).toList();
    }

    private ParseResult withinLimits(ParseResult result, String raw, String prefix, Instant readAt, Instant receivedAt) {
        Post post = result instanceof ParseResult.Valid valid ? valid.post()
                : result instanceof ParseResult.Edited edited ? edited.post() : null;
        if (post != null && post.text().length() > params.maxTextChars()) {
            return new ParseResult.Invalid(raw, prefix + "field 'text' has " + post.text().length()
                    + " characters, more than the limit of " + params.maxTextChars() + " (parse.maxTextChars)");
        }
        if (post != null) {
            // The network's own receipt, where the record gives it, also bounds a replay of its old records.
            boolean receivedFirst = receivedAt != null && (readAt == null || receivedAt.isBefore(readAt));
            Instant bound = receivedFirst ? receivedAt : readAt;
            if (bound != null) {
                String reason = FutureTimestamps.violation(post, bound,
                        receivedFirst ? "its network received it" : "the time it was read", params.maxFutureSkew()).orElse(null);
                if (reason != null) {
                    return new ParseResult.Invalid(raw, prefix + reason);
                }
            }
        }
        return result;
    }
}
