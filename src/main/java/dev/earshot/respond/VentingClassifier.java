package dev.earshot.respond;

import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Post;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a post is a customer venting at one of our accounts: negative AND addressed to the account,
 * by a reply to it, a mention in {@link Post#mentions()} or an @handle in the text. Positive thanks, neutral
 * questions and negative posts that address none of our accounts are not venting. Thread-safe.
 */
public final class VentingClassifier {

    /** An @handle in text; the match stops at a second @ so that Mastodon's @user@instance yields the user. */
    private static final Pattern TEXT_HANDLE =
            Pattern.compile("(?<![\\p{L}\\p{N}_@])@([\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_])?)");

    private final HandoffRules rules;
    private final PhraseMatcher complaintCues;
    private final PhraseMatcher urgentWords;

    public VentingClassifier(HandoffRules rules) {
        this.rules = rules;
        this.complaintCues = new PhraseMatcher(rules.complaintCues());
        this.urgentWords = new PhraseMatcher(rules.urgentWords());
    }

    public Assessment assess(EnrichedPost enriched) {
        Post post = enriched.post();
        Sentiment sentiment = enriched.sentiment();
        String score = String.format(Locale.ROOT, "%.2f", sentiment.score());
        boolean negative = rules.negativeBelow() == null
                ? sentiment.label() == SentimentLabel.NEGATIVE
                : sentiment.score() < rules.negativeBelow();
        List<String> cues = complaintCues.find(post.text());
        List<String> urgent = urgentWords.find(post.text());

        List<String> reasons = new ArrayList<>();
        String ownAccount = rules.accountFor(post.author().handle());
        String account = ownAccount == null ? addressedAccount(post) : null;
        if (ownAccount != null) {
            reasons.add("not venting: written by our own account @" + ownAccount);
        } else if (account == null) {
            reasons.add("not venting: " + describe(negative, sentiment) + " (" + score
                    + ") but addresses none of our accounts " + handles(rules.accounts()));
        } else if (!negative) {
            reasons.add("not venting: " + describe(false, sentiment) + " (" + score + ") although it addresses @" + account);
        } else {
            reasons.add("negative (" + score + ") and addresses @" + account);
        }
        if (!cues.isEmpty()) {
            reasons.add("complaint cue: " + quoted(cues));
        }
        return new Assessment(account, negative, account != null && negative, cues, urgent, reasons);
    }

    /** A reply to an account comes first, as the most direct way of addressing it; then mentions, then the text. */
    private String addressedAccount(Post post) {
        String account = rules.accountFor(withoutInstance(post.replyToHandle()));
        for (int i = 0; account == null && i < post.mentions().size(); i++) {
            account = rules.accountFor(withoutInstance(post.mentions().get(i)));
        }
        Matcher handle = TEXT_HANDLE.matcher(post.text());
        while (account == null && handle.find()) {
            account = rules.accountFor(handle.group(1));
        }
        return account;
    }

    /** "@CityCareDesk@mastodon.social" and "CityCareDesk" name the same account. */
    private static String withoutInstance(String handle) {
        if (handle == null) {
            return null;
        }
        String bare = handle.startsWith("@") ? handle.substring(1) : handle;
        int instance = bare.indexOf('@');
        return instance < 0 ? bare : bare.substring(0, instance);
    }

    private static String describe(boolean negative, Sentiment sentiment) {
        if (negative) {
            return "negative";
        }
        return sentiment.label() == SentimentLabel.POSITIVE ? "positive" : "neutral";
    }

    private static String handles(List<String> accounts) {
        return String.join(", ", accounts.stream().map(account -> "@" + account).toList());
    }

    private static String quoted(List<String> phrases) {
        return String.join(", ", phrases.stream().map(phrase -> "'" + phrase + "'").toList());
    }
}
