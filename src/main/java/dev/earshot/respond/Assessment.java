package dev.earshot.respond;

import java.util.List;

/**
 * What {@link VentingClassifier} decided about one post, with the reasons an agent reads.
 *
 * @param account the configured spelling of our account the post addresses, or null when it addresses none
 * @param negative the post's sentiment is below the rules' threshold or labelled NEGATIVE
 * @param venting negative and addressed to one of our accounts: the post opens or reopens a ticket
 * @param complaintCues the complaint cues found in the text (evidence for the agent; they do not decide venting)
 * @param urgentWords the urgent words found in the text; they set the ticket's priority, not the decision
 * @param reasons the venting decision and the complaint cues in words, e.g. "negative (-0.62) and addresses @CityCareDesk"
 */
public record Assessment(
        String account,
        boolean negative,
        boolean venting,
        List<String> complaintCues,
        List<String> urgentWords,
        List<String> reasons) {

    public Assessment {
        if (venting && (account == null || !negative)) {
            throw new IllegalArgumentException("a venting post is negative and addresses an account");
        }
        complaintCues = complaintCues == null ? List.of() : List.copyOf(complaintCues);
        urgentWords = urgentWords == null ? List.of() : List.copyOf(urgentWords);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean addressed() {
        return account != null;
    }
}
