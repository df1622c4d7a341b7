package dev.earshot.cli;

import dev.earshot.eval.LabelledText;
import dev.earshot.parse.ParseParams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import picocli.CommandLine.Option;

/**
 * {@code --max-text-chars} of the sentiment commands. The job's parse stage rejects longer texts
 * (parse.maxTextChars), so a model never meets them; CoreNLP's analysis of one such text can take minutes and all the
 * memory, and would stall a measurement or a training.
 */
final class TextLengthLimit {

    @Option(names = "--max-text-chars", paramLabel = "N", description = "skip labelled posts longer than this, as the "
            + "job's parse stage rejects them: give your parse.maxTextChars (default: ${DEFAULT-VALUE}, the job's)")
    private int maxChars = ParseParams.defaults().maxTextChars();

    /**
     * The positions of the rows the job would accept, that is whose text is at most {@code maxChars} long; says on
     * {@code out} how many were left out, and why.
     */
    List<Integer> acceptedRows(Path file, List<LabelledText> rows, PrintWriter out) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("--max-text-chars must be at least 1, was " + maxChars);
        }
        List<Integer> kept = IntStream.range(0, rows.size()).filter(row -> rows.get(row).text().length() <= maxChars)
                .boxed().toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("--data " + file + ": every labelled post is longer than "
                    + String.format(Locale.ROOT, "%,d", maxChars) + " characters, which the job's parse stage rejects "
                    + "(parse.maxTextChars, --max-text-chars); is the text column right, and are quotes closed?");
        }
        if (kept.size() < rows.size()) {
            out.printf(Locale.ROOT, "%s: skipped %s longer than %,d characters, as the job's parse stage rejects them "
                    + "(parse.maxTextChars, --max-text-chars)%n", file,
                    RunSummary.count(rows.size() - kept.size(), "labelled post"), maxChars);
        }
        return kept;
    }
}
