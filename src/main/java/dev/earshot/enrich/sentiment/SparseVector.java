package dev.earshot.enrich.sentiment;

/**
 * A feature vector that lists only its non-zero entries. An index may repeat; its values then add up, which is
 * what a dot product with a weight vector does anyway.
 */
record SparseVector(int[] indices, float[] values) {

    SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
    }

    int size() {
        return indices.length;
    }

    /** Collects entries; not thread-safe, one per vector being built. */
    static final class Builder {

        private int[] indices = new int[256];
        private float[] values = new float[256];
        private int size;

        void add(int index, float value) {
            if (size == indices.length) {
                indices = java.util.Arrays.copyOf(indices, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            indices[size] = index;
            values[size] = value;
            size++;
        }

        int size() {
            return size;
        }

        /** Multiplies the values added since {@code from} by {@code factor}. */
        void scaleFrom(int from, float factor) {
            for (int i = from; i < size; i++) {
                values[i] *= factor;
            }
        }

        SparseVector build() {
            return new SparseVector(java.util.Arrays.copyOf(indices, size), java.util.Arrays.copyOf(values, size));
        }
    }
}
