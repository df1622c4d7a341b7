package dev.earshot.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Seeded shuffles and train/test splits, the same on every run and machine for a seed. */
public final class HoldOut {

    /** The rows the model learns from and the rows it is scored on, disjoint. */
    public record Split<T>(List<T> train, List<T> test) {
    }

    private HoldOut() {
    }

    /** The rows in a pseudo-random order fixed by the seed ({@link Collections#shuffle} with {@link Random}). */
    public static <T> List<T> shuffled(List<T> rows, long seed) {
        List<T> copy = new ArrayList<>(rows);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    /** The first {@code trainShare} of the seeded shuffle to train on, the rest to test on. */
    public static <T> Split<T> split(List<T> rows, double trainShare, long seed) {
        if (!(trainShare > 0 && trainShare < 1)) {
            throw new IllegalArgumentException("trainShare must be in (0, 1), was " + trainShare);
        }
        List<T> order = shuffled(rows, seed);
        int cut = (int) Math.round(order.size() * trainShare);
        return new Split<>(List.copyOf(order.subList(0, cut)), List.copyOf(order.subList(cut, order.size())));
    }

    /**
     * Rows whose numeric id is even to develop on, odd to test on: a split anyone can reproduce from the data alone,
     * and that keeps repeated rows of one id on one side.
     */
    public static <T> Split<T> byIdParity(List<T> rows, Function<T, String> id) {
        List<T> even = new ArrayList<>();
        List<T> odd = new ArrayList<>();
        for (T row : rows) {
            String value = id.apply(row).trim();
            char last = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
            if (!Character.isDigit(last)) {
                throw new IllegalArgumentException("id '" + value + "' does not end in a digit, so it has no parity");
            }
            ((last - '0') % 2 == 0 ? even : odd).add(row);
        }
        return new Split<>(List.copyOf(even), List.copyOf(odd));
    }
}
