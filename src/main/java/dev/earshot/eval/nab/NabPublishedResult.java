package dev.earshot.eval.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of NAB's published per-file results ({@code results/<detector>/<detector>_<profile>_scores.csv}): the
 * threshold NAB chose for the detector and profile, the file's raw score and NAB's row-level counts.
 */
public record NabPublishedResult(String detector, String profile, String file, double threshold, double rawScore,
                                 int tpRows, int tnRows, int fpRows, int fnRows) {

    private static final List<String> COLUMNS =
            List.of("detector", "profile", "file", "threshold", "raw_score", "TP", "TN", "FP", "FN");

    /** Reads rows with the header {@code detector,profile,file,threshold,raw_score,TP,TN,FP,FN[,total_count]}. */
    public static List<NabPublishedResult> read(String source, BufferedReader csv) {
        try {
            String header = csv.readLine();
            List<String> columns = header == null ? List.of() : Arrays.asList(header.strip().split(","));
            if (!columns.containsAll(COLUMNS)) {
                throw new IllegalArgumentException(source + ": the header '" + header + "' lacks one of " + COLUMNS);
            }
            int[] at = COLUMNS.stream().mapToInt(columns::indexOf).toArray();
            List<NabPublishedResult> results = new ArrayList<>();
            String line;
            while ((line = csv.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != columns.size()) {
                    throw new IllegalArgumentException(source + " line " + (results.size() + 2) + ": " + f.length
                            + " fields, the header has " + columns.size());
                }
                try {
                    results.add(new NabPublishedResult(f[at[0]], f[at[1]], f[at[2]], Double.parseDouble(f[at[3]]),
                            Double.parseDouble(f[at[4]]), Integer.parseInt(f[at[5]]), Integer.parseInt(f[at[6]]),
                            Integer.parseInt(f[at[7]]), Integer.parseInt(f[at[8]])));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + (results.size() + 2) + ": " + e.getMessage());
                }
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }
}
