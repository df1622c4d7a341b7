package dev.earshot.flink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Earshot's series as Flink's real Prometheus reporter serves them, scraped over and over while a job runs: a task's
 * metrics are gone from the endpoint once it finishes, so each series keeps the largest value any scrape saw.
 */
final class PrometheusScrapes implements AutoCloseable {

    /** One series: its metric name and labels. */
    record Series(String name, Map<String, String> labels) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final Map<Series, Double> largest = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<HttpRequest> requests;
    private final Thread scraper;
    private volatile boolean running = true;

    /**
     * Starts scraping {@code http://localhost:port/metrics} on each port of the range the reporter was given (it binds
     * the first one free) every {@code every}.
     */
    PrometheusScrapes(int firstPort, int lastPort, Duration every) {
        requests = IntStream.rangeClosed(firstPort, lastPort).mapToObj(port -> HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build()).toList();
        scraper = new Thread(() -> {
            while (running) {
                requests.forEach(this::scrapeOnce);
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "prometheus scrapes");
        scraper.setDaemon(true);
        scraper.start();
    }

    /** Every series whose name starts with {@code prefix}, with the largest value seen. */
    Map<Series, Double> seen(String prefix) {
        Map<Series, Double> matching = new TreeMap<>((a, b) -> (a.name() + a.labels()).compareTo(b.name() + b.labels()));
        largest.forEach((series, value) -> {
            if (series.name().startsWith(prefix)) {
                matching.put(series, value);
            }
        });
        return matching;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        scraper.interrupt();
        scraper.join();
    }

    private void scrapeOnce(HttpRequest request) {
        try {
            String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            body.lines().map(SAMPLE::matcher).filter(Matcher::matches).forEach(sample -> {
                Map<String, String> labels = new TreeMap<>();
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                largest.merge(new Series(sample.group(1), labels), Double.parseDouble(sample.group(3)), Math::max);
            });
        } catch (IOException e) {
            // Not the reporter's port, or it is not serving yet or any more: the next scrape tries again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
