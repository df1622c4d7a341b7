package dev.earshot.connectors;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What a logger (and those below it) logs at a level or above while this is open, for a test to read as the operator
 * would. Closing it leaves the logging configuration as it found it: a logger configured before keeps its level and
 * appenders, one configured for the capture alone is removed.
 */
public final class LoggedEvents implements AutoCloseable {

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final String logger;
    private final AbstractAppender appender;
    /** The logger's own configuration before, or null where it had none and inherited its parent's. */
    private final LoggerConfig configuredBefore;
    private final Level explicitLevelBefore;

    public LoggedEvents(Class<?> logging, Level atLeast) {
        this(logging.getName(), atLeast);
    }

    public LoggedEvents(String logger, Level atLeast) {
        this.logger = logger;
        appender = new AbstractAppender("logged-events-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        Configuration configuration = context().getConfiguration();
        configuredBefore = configuration.getLoggers().get(logger);
        explicitLevelBefore = configuredBefore == null ? null : configuredBefore.getExplicitLevel();
        Level levelBefore = configuration.getLoggerConfig(logger).getLevel();
        // lets through what it did before and what is captured, so that the rest of the test's log stays as it was
        Level level = atLeast.isLessSpecificThan(levelBefore) ? atLeast : levelBefore;
        LoggerConfig config = configuredBefore;
        if (config == null) {
            config = new LoggerConfig(logger, level, true);
            configuration.addLogger(logger, config);
        } else {
            config.setLevel(level);
        }
        config.addAppender(appender, atLeast, null);
        context().updateLoggers();
    }

    public List<LogEvent> events() {
        return events;
    }

    /** The messages, formatted, in the order they were logged. */
    public List<String> messages() {
        return events.stream().map(event -> event.getMessage().getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        Configuration configuration = context().getConfiguration();
        if (configuredBefore == null) {
            configuration.removeLogger(logger);
        } else {
            configuredBefore.removeAppender(appender.getName());
            configuredBefore.setLevel(explicitLevelBefore);
        }
        context().updateLoggers();
        appender.stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
