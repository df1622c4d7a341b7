package dev.earshot.eval;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (gold class, predicted class) pairs over a fixed list of classes, and the usual scores read from
 * them. A class that is never predicted has precision 0, and one that never occurs has recall 0 (as
 * scikit-learn's {@code zero_division=0}), so that macro-F1 punishes a model that ignores a class.
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final long[][] counts;

    public ConfusionMatrix(List<String> classes) {
        if (classes.isEmpty() || classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("classes must be distinct and not empty, were " + classes);
        }
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    /** Records one prediction. */
    public void add(String gold, String predicted) {
        counts[index(gold)][index(predicted)]++;
    }

    public List<String> classes() {
        return classes;
    }

    public long count(String gold, String predicted) {
        return counts[index(gold)][index(predicted)];
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }

    /** The share of predictions that are right; 0 when there are none. */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        long total = total();
        return total == 0 ? 0 : (double) right / total;
    }

    /** Of the posts predicted as this class, the share that are. */
    public double precision(String label) {
        int c = index(label);
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /** Of the posts of this class, the share predicted as it. */
    public double recall(String label) {
        int c = index(label);
        long gold = 0;
        for (long count : counts[c]) {
            gold += count;
        }
        return gold == 0 ? 0 : (double) counts[c][c] / gold;
    }

    public double f1(String label) {
        double precision = precision(label);
        double recall = recall(label);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** The unweighted mean of the classes' F1, so that a rare class counts as much as a common one. */
    public double macroF1() {
        return macroF1(classes);
    }

    /**
     * The unweighted mean F1 of some of the classes: e.g. the gold labels only, when one predicted class stands for
     * "no answer" and has no F1 of its own worth averaging.
     */
    public double macroF1(Collection<String> labels) {
        return labels.stream().mapToDouble(this::f1).average().orElse(0);
    }

    /** The matrix as text: one row per gold class, one column per predicted class. */
    public String table() {
        int width = Math.max(9, classes.stream().mapToInt(String::length).max().orElse(0) + 1);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + (width + 5) + "s", "gold \\ predicted"));
        classes.forEach(label -> out.append(String.format(Locale.ROOT, "%" + width + "s", label)));
        out.append('\n');
        for (int i = 0; i < classes.size(); i++) {
            out.append(String.format(Locale.ROOT, "%-" + (width + 5) + "s", classes.get(i)));
            for (long count : counts[i]) {
                out.append(String.format(Locale.ROOT, "%," + width + "d", count));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private int index(String label) {
        int index = classes.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("unknown class '" + label + "'; known: " + classes);
        }
        return index;
    }
}
