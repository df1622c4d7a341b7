package dev.earshot.enrich.topics;

import java.util.List;

/**
 * A taxonomy the user wrote cannot be used. Each problem names the topic, the key and the fix; all problems
 * found are reported at once so that a user fixes the file in one pass.
 */
public final class TaxonomyException extends IllegalArgumentException {

    private final List<String> problems;

    TaxonomyException(List<String> problems) {
        super(problems.size() == 1
                ? problems.get(0)
                : problems.size() + " problems in the taxonomy:\n- " + String.join("\n- ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
