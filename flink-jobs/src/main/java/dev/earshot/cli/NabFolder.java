package dev.earshot.cli;

import dev.earshot.eval.nab.NabLabels;
import dev.earshot.eval.nab.NabPublishedResult;
import dev.earshot.eval.nab.NabSeries;
import dev.earshot.eval.nab.NabWindow;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder laid out like the Numenta Anomaly Benchmark: series under {@code data/} (e.g.
 * {@code data/realTweets/*.csv}), their windows in {@code labels/combined_windows*.json}, and optionally NAB's
 * published per-file results ({@code nab_published_results*.csv}) beside them.
 */
record NabFolder(Path root, List<Labelled> series, List<NabPublishedResult> published) {

    /** A series with its windows as row indices. */
    record Labelled(NabSeries series, List<NabWindow> windows) {
    }

    static NabFolder read(Path root) throws IOException {
        Path data = root.resolve("data");
        Path labels = root.resolve("labels");
        if (!Files.isDirectory(data) || !Files.isDirectory(labels)) {
            throw new IllegalArgumentException("--nab " + root + ": expected NAB's layout, data/<corpus>/*.csv and "
                    + "labels/combined_windows*.json");
        }
        Map<String, List<NabWindow.TimeWindow>> windows = new HashMap<>();
        for (Path file : list(labels, "combined_windows", ".json")) {
            windows.putAll(NabLabels.readWindows(file.toString(), Files.readString(file)));
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("--nab " + root + ": no windows in labels/combined_windows*.json");
        }
        List<Labelled> series = new ArrayList<>();
        List<Path> csvFiles;
        try (Stream<Path> files = Files.walk(data)) {
            csvFiles = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : csvFiles) {
            String name = data.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            List<NabWindow.TimeWindow> limits = windows.get(name);
            if (limits == null) {
                throw new IllegalArgumentException(file + ": no windows for '" + name
                        + "' in labels/combined_windows*.json; label the series or move it out of data/");
            }
            NabSeries values;
            try (BufferedReader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values = NabSeries.read(name, csv, "value");
            }
            series.add(new Labelled(values, NabWindow.locate(name, values.timestamps(), limits)));
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("--nab " + root + ": no .csv series under data/");
        }
        List<NabPublishedResult> published = new ArrayList<>();
        for (Path file : list(root, "nab_published_results", ".csv")) {
            try (BufferedReader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                published.addAll(NabPublishedResult.read(file.toString(), csv));
            }
        }
        return new NabFolder(root, List.copyOf(series), List.copyOf(published));
    }

    private static List<Path> list(Path folder, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix) && Files.isRegularFile(f);
            }).sorted().toList();
        }
    }
}
