package dev.earshot.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.Test;

class LoggedEventsTest {

    /** Configured in log4j2-test.properties, at ERROR. */
    private static final String CONFIGURED = "dev.earshot.connectors.http";

    @Test
    void capturesWhatIsLoggedAtTheLevelOrAboveByTheLoggerAndThoseBelowIt() {
        Logger probe = LogManager.getLogger(LoggedEventsTest.class.getName() + ".probe");
        try (LoggedEvents logged = new LoggedEvents(LoggedEventsTest.class, Level.INFO)) {
            probe.debug("below");
            probe.info("at");
            probe.error("above");

            assertThat(logged.messages()).containsExactly("at", "above");
        }
        try (LoggedEvents all = new LoggedEvents(LoggedEventsTest.class, Level.DEBUG);
                LoggedEvents warnings = new LoggedEvents(LoggedEventsTest.class, Level.WARN)) {
            probe.info("below");
            probe.warn("at");

            assertThat(warnings.messages()).as("though the logger logs more").containsExactly("at");
            assertThat(all.messages()).containsExactly("below", "at");
        }
    }

    @Test
    void closingLeavesTheLoggingConfigurationAsItWas() {
        LoggerConfig configured = loggers().get(CONFIGURED);
        Map<String, ?> appenders = Map.copyOf(configured.getAppenders());
        try (LoggedEvents logged = new LoggedEvents(CONFIGURED, Level.DEBUG)) {
            LogManager.getLogger(CONFIGURED + ".Delivery").debug("captured");
            assertThat(logged.messages()).containsExactly("captured");
        }
        assertThat(loggers().get(CONFIGURED)).isSameAs(configured);
        assertThat(configured.getExplicitLevel()).isEqualTo(Level.ERROR);
        assertThat(configured.getAppenders()).isEqualTo(appenders);

        String unconfigured = LoggedEventsTest.class.getName();
        new LoggedEvents(unconfigured, Level.DEBUG).close();
        assertThat(loggers()).doesNotContainKey(unconfigured);
        assertThat(LogManager.getLogger(unconfigured).isInfoEnabled()).as("as the root logger says, at WARN").isFalse();
    }

    private static Map<String, LoggerConfig> loggers() {
        return ((LoggerContext) LogManager.getContext(false)).getConfiguration().getLoggers();
    }
}
