package dev.earshot.eval.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One NAB CSV file: a header naming its columns ({@code timestamp,value} for data, {@code timestamp,value,
 * anomaly_score,...} for a detector's results) and one row per time step.
 *
 * @param name the file's name relative to NAB's data folder, e.g. {@code realTweets/Twitter_volume_AAPL.csv}
 * @param values the chosen column, one per row
 */
public record NabSeries(String name, List<LocalDateTime> timestamps, double[] values) {

    /** NAB writes {@code 2015-02-26 21:42:53} in data files and {@code 2015-02-26 21:42:53.000000} in labels. */
    public static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    public NabSeries {
        timestamps = List.copyOf(timestamps);
        if (timestamps.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + timestamps.size() + " timestamps but " + values.length + " values");
        }
    }

    public int rows() {
        return values.length;
    }

    /** Reads the {@code timestamp} column and {@code column} of a NAB CSV file. */
    public static NabSeries read(String name, BufferedReader csv, String column) {
        try {
            String header = csv.readLine();
            if (header == null) {
                throw new IllegalArgumentException(name + ": the file is empty; expected a header such as timestamp,value");
            }
            List<String> columns = Arrays.asList(header.strip().split(","));
            int timeAt = columns.indexOf("timestamp");
            int valueAt = columns.indexOf(column);
            if (timeAt < 0 || valueAt < 0) {
                throw new IllegalArgumentException(name + ": the header '" + header + "' lacks 'timestamp' or '" + column + "'");
            }
            List<LocalDateTime> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            String line;
            while ((line = csv.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                int lineNumber = timestamps.size() + 2;
                if (fields.length != columns.size()) {
                    throw new IllegalArgumentException(name + " line " + lineNumber + ": " + fields.length
                            + " fields, the header has " + columns.size());
                }
                timestamps.add(timestamp(name + " line " + lineNumber, fields[timeAt]));
                values.add(number(name + " line " + lineNumber, column, fields[valueAt]));
            }
            return new NabSeries(name, timestamps, values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    static LocalDateTime timestamp(String where, String text) {
        try {
            return LocalDateTime.parse(text.strip(), TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": timestamp '" + text + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private static double number(String where, String column, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + column + " '" + text + "' is not a number");
        }
    }
}
