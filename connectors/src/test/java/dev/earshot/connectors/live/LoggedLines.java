package dev.earshot.connectors.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The lines a class logs at WARN and above while this is open, as the operator reads them. */
final class LoggedLines implements AutoCloseable {

    final List<String> lines = new CopyOnWriteArrayList<>();
    private final String logger;
    private final AbstractAppender appender;

    LoggedLines(Class<?> logging) {
        logger = logging.getName();
        appender = new AbstractAppender("logged-lines", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig config = new LoggerConfig(logger, null, true);
        config.addAppender(appender, null, null);
        context.getConfiguration().addLogger(logger, config);
        context.updateLoggers();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(logger);
        context.updateLoggers();
        appender.stop();
    }
}
