package dev.earshot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void anEmptyFileMeansTheDefaults() {
        assertThat(ConfigLoader.parse("", "earshot.yaml")).isEqualTo(EarshotConfig.defaults());
        assertThat(ConfigLoader.parse("# nothing\n", "earshot.yaml")).isEqualTo(EarshotConfig.defaults());
    }

    @Test
    void givenKeysOverrideTheDefaultsAndTheRestStay() {
        EarshotConfig config = ConfigLoader.parse("""
                parallelism: 4
                aggregate:
                  windowSize: 1h
                  windowSlide: 15m
                stream:
                  dedupTtl: 7d
                """, "earshot.yaml");

        assertThat(config.parallelism()).isEqualTo(4);
        assertThat(config.aggregate().windowSize()).isEqualTo(Duration.ofHours(1));
        assertThat(config.aggregate().windowSlide()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.stream().dedupTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.stream().outOfOrderness()).isEqualTo(EarshotConfig.defaults().stream().outOfOrderness());
        assertThat(config.parse()).isEqualTo(EarshotConfig.defaults().parse());
    }

    @Test
    void anUnknownKeyNamesTheKeyAndTheKnownOnes() {
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate:\n  windowSise: 1h\n", "earshot.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("earshot.yaml")
                .hasMessageContaining("unknown key 'aggregate.windowSise'")
                .hasMessageContaining("windowSize");
    }

    @Test
    void aBadValueNamesTheKeyAndTheFix() {
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate:\n  windowSize: soon\n", "earshot.yaml"))
                .hasMessageContaining("aggregate.windowSize").hasMessageContaining("30m, 2h");
        assertThatThrownBy(() -> ConfigLoader.parse("parallelism: 0\n", "earshot.yaml"))
                .hasMessageContaining("parallelism must be between 1 and 512");
        assertThatThrownBy(() -> ConfigLoader.parse("parallelism: two\n", "earshot.yaml"))
                .hasMessageContaining("key 'parallelism' must be a whole number, such as 2, was two");
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate:\n  windowSize: 1h\n  windowSlide: 25m\n", "earshot.yaml"))
                .hasMessageContaining("whole multiple");
    }

    @Test
    void aReplaySpeedupMustBePositiveAndOnlyForFiles() {
        assertThat(ConfigLoader.parse("input:\n  speedup: 60\n", "earshot.yaml").input().speedup()).isEqualTo(60.0);
        assertThatThrownBy(() -> ConfigLoader.parse("input:\n  speedup: 0\n", "earshot.yaml"))
                .hasMessageContaining("input.speedup must be a positive number").hasMessageContaining("e.g. 60");
        assertThatThrownBy(() -> ConfigLoader.parse("input:\n  kind: bluesky\n  speedup: 10\n", "earshot.yaml"))
                .hasMessageContaining("input.speedup applies to replayed files only");
        assertThat(EarshotConfig.defaults().withOverrides("posts.jsonl", null, null).withSpeedup(30.0).input())
                .satisfies(input -> {
                    assertThat(input.path()).isEqualTo("posts.jsonl");
                    assertThat(input.speedup()).isEqualTo(30.0);
                });
    }

    @Test
    void theXInputTakesItsDefaultsAndNamesABadKey() {
        assertThat(ConfigLoader.parse("input:\n  kind: x\n", "earshot.yaml").input().x())
                .isEqualTo(dev.earshot.connectors.live.XOptions.defaults());
        assertThat(ConfigLoader.parse("""
                input:
                  kind: x
                  x: { tokenEnv: CITY_X_TOKEN, backfillMinutes: 5, idleTimeout: 90s }
                """, "earshot.yaml").input().x()).satisfies(x -> {
                    assertThat(x.base()).hasToString("https://api.x.com");
                    assertThat(x.tokenEnv()).isEqualTo("CITY_X_TOKEN");
                    assertThat(x.backfillMinutes()).isEqualTo(5);
                    assertThat(x.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
                });
        assertThatThrownBy(() -> ConfigLoader.parse("input:\n  kind: x\n  x: { backfillMinutes: 10 }\n", "earshot.yaml"))
                .hasMessageContaining("input.x.backfillMinutes must be 0 (no backfill) to 5");
        assertThatThrownBy(() -> ConfigLoader.parse("input:\n  kind: x\n  x: { bearerToken: AAAA }\n", "earshot.yaml"))
                .hasMessageContaining("unknown key 'input.x.bearerToken'").hasMessageContaining("tokenEnv");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate: [\n", "earshot.yaml"))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.parse("detect: { peer: { minPosts: 20 }\n", "earshot.yaml"))
                .hasMessage("earshot.yaml: not valid YAML at line 2, column 1: expected ',' or '}', but got <stream end>"
                        + " (while parsing a flow mapping that starts at line 1, column 9): close each { with } and each"
                        + " [ with ], indent with spaces (not tabs), and quote a value that holds ': ' or starts with #");
    }

    @Test
    void anUnknownKeyNearAKnownOneNamesIt() {
        assertThatThrownBy(() -> ConfigLoader.parse("Detect: {}\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: unknown key 'Detect'. Did you mean 'detect'? Known keys there: ");
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate:\n  windowSise: 1h\n", "earshot.yaml"))
                .hasMessageContaining("unknown key 'aggregate.windowSise'. Did you mean 'windowSize'?");
        assertThatThrownBy(() -> ConfigLoader.parse("topics: []\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: unknown key 'topics'. Known keys there: ");
    }

    @Test
    void aValueRejectedByAStageNamesItsSection() {
        assertThatThrownBy(() -> ConfigLoader.parse("detect:\n  peer:\n    minRatio: -1\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: detect.peer: minRatio");
    }

    @Test
    void thePeerFalseDiscoveryRateAndPriorCapAreKeysWithCheckedValues() {
        EarshotConfig config = ConfigLoader.parse("detect:\n  peer:\n    q: 0.05\n    maxPriorPosts: 10\n", "earshot.yaml");

        assertThat(config.detect().peer().q()).isEqualTo(0.05);
        assertThat(config.detect().peer().maxPriorPosts()).isEqualTo(10);
        assertThatThrownBy(() -> ConfigLoader.parse("detect:\n  peer:\n    q: 1.5\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: detect.peer: q must be in (0, 1)");
        assertThatThrownBy(() -> ConfigLoader.parse("detect:\n  peer:\n    z: 3.29\n", "earshot.yaml"))
                .hasMessageContaining("unknown key 'detect.peer.z'").hasMessageContaining("maxPriorPosts");
    }

    @Test
    void rollUpsTheDailyViewAndTopTermsAreConfiguredAndChecked() {
        EarshotConfig config = ConfigLoader.parse("aggregate: { rollups: false, dailyWindow: 6h, topTerms: 5 }\n", "earshot.yaml");

        assertThat(config.aggregate().rollups()).isFalse();
        assertThat(config.aggregate().dailyView()).isTrue();
        assertThat(config.aggregate().dailyWindow()).isEqualTo(Duration.ofHours(6));
        assertThat(config.aggregate().topTerms()).isEqualTo(5);
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate: { dailyWindow: 5h }\n", "earshot.yaml"))
                .hasMessageContaining("aggregate.dailyWindow").hasMessageContaining("divide a day");
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate: { topTerms: 500 }\n", "earshot.yaml"))
                .hasMessageContaining("aggregate.topTerms must be between 0 (none) and 50");
    }

    @Test
    void theSeasonalSurgeSectionIsReadAndCheckedAgainstTheWindow() {
        EarshotConfig config = ConfigLoader.parse("detect:\n  surge: { enabled: false, history: 14d }\n", "earshot.yaml");
        assertThat(config.detect().surge().enabled()).isFalse();
        assertThat(config.detect().surge().history()).isEqualTo(Duration.ofDays(14));

        assertThatThrownBy(() -> ConfigLoader.parse("detect:\n  surge:\n    history: 5h\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: detect.surge: history must be at least one day");
        assertThatThrownBy(() -> ConfigLoader.parse("aggregate: { windowSize: 36h }\n", "earshot.yaml"))
                .hasMessageContaining("detect.surge.enabled")
                .hasMessageContaining("set detect.surge.enabled: false");
        assertThat(ConfigLoader.parse("aggregate: { windowSize: 36h }\ndetect: { surge: { enabled: false } }\n",
                "earshot.yaml").aggregate().windowSize()).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void theWeeklySurgeTestIsOnByDefaultAndNeedsAWeekOfHistory() {
        assertThat(EarshotConfig.defaults().detect().surge().weekly()).isTrue();
        assertThat(ConfigLoader.parse("detect:\n  surge: { weekly: false, history: 3d }\n", "earshot.yaml")
                .detect().surge().weekly()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse("detect:\n  surge: { history: 3d }\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: detect.surge: weekly compares with the same time a week earlier")
                .hasMessageContaining("weekly to false");
    }

    @Test
    void theDefaultsPrintAsYamlThatReadsBackToTheDefaults() {
        String yaml = ConfigLoader.defaultsAsYaml();

        assertThat(yaml).contains("windowSize: \"2h\"", "windowSlide: \"30m\"", "lookBack: \"7d\"");
        assertThat(ConfigLoader.parse(yaml, "defaults.yaml")).isEqualTo(EarshotConfig.defaults());
    }

    @Test
    void respondSectionsNeedOnlyTheirRequiredKeys() {
        EarshotConfig config = ConfigLoader.parse("""
                respond:
                  alerts:
                    channels:
                      - {name: ops-slack, type: slack, urlEnv: SLACK_URL, topics: [parking]}
                  helpdesk: {kind: zendesk, url: https://acme.zendesk.com, emailEnv: ZD_EMAIL, tokenEnv: ZD_TOKEN, maxAttempts: 3}
                """, "earshot.yaml");

        assertThat(config.respond().alerts().channels()).singleElement()
                .satisfies(channel -> assertThat(channel.topics()).containsExactly("parking"));
        var helpdesk = config.respond().helpdesk().toSettings();
        assertThat(helpdesk.maxAttempts()).isEqualTo(3);
        assertThat(helpdesk.maxInFlight()).as("a default").isEqualTo(8);
        assertThat(helpdesk.reopen()).as("a default").isTrue();
    }

    @Test
    void helpdeskReopeningCanBeTurnedOffAndANonBooleanNamesTheKey() {
        String helpdesk = "respond:\n  helpdesk: {kind: freshdesk, url: https://acme.freshdesk.com, tokenEnv: FD_KEY, reopen: %s}\n";
        assertThat(ConfigLoader.parse(helpdesk.formatted("false"), "earshot.yaml").respond().helpdesk().toSettings().reopen())
                .isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse(helpdesk.formatted("sometimes"), "earshot.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("respond.helpdesk.reopen");
    }

    @Test
    void aSlackApiChannelReadsFromYamlAndABadOneNamesTheKeyAndTheFix() {
        EarshotConfig config = ConfigLoader.parse("""
                respond:
                  alerts:
                    channels:
                      - {name: care-slack, type: slack-api, tokenEnv: EARSHOT_SLACK_BOT_TOKEN, slackChannel: C0123456789,
                         topics: [parking], minSeverity: 4, dashboardUrl: https://kibana.example.com}
                """, "earshot.yaml");
        assertThat(config.respond().alerts().channels()).singleElement().satisfies(channel -> {
            assertThat(channel.type()).isEqualTo(dev.earshot.respond.alerts.ChannelType.SLACK_API);
            assertThat(channel.apiUrl()).isEqualTo("https://slack.com/api");
        });

        assertThatThrownBy(() -> ConfigLoader.parse("""
                respond:
                  alerts:
                    channels:
                      - {name: care-slack, type: slack-api, tokenEnv: EARSHOT_SLACK_BOT_TOKEN, slackChannel: "#care"}
                """, "earshot.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slackChannel must be the Slack channel's ID");
        assertThatThrownBy(() -> ConfigLoader.parse("""
                respond:
                  alerts:
                    channels:
                      - {name: care-slack, type: slack-api, tokenEnv: EARSHOT_SLACK_BOT_TOKEN, channel: C0123456789}
                """, "earshot.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("channel 'care-slack': a slack-api channel needs "
                        + "slackChannel: the ID of the Slack channel to post to, e.g. C0123456789");
    }

    @Test
    void aBadHelpdeskValueNamesItsKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("respond:\n  helpdesk: {kind: zendesk, url: ftp://x}\n", "earshot.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("respond.helpdesk.url");
        assertThatThrownBy(() -> ConfigLoader.parse("respond:\n  helpdesk: {kind: jira, url: https://x}\n", "earshot.yaml"))
                .hasMessageContaining("respond.helpdesk.kind must be one of zendesk, freshdesk, webhook");
    }

    @Test
    void theFutureSkewLimitIsReadAndMustBePositive() {
        assertThat(ConfigLoader.defaultsAsYaml()).contains("maxFutureSkew: \"15m\"");
        assertThat(ConfigLoader.parse("parse:\n  maxFutureSkew: 2h\n", "earshot.yaml").parse().maxFutureSkew())
                .isEqualTo(Duration.ofHours(2));
        assertThat(ConfigLoader.parse("parse:\n  maxFutureSkew: 2h\n  csv: { text: text, createdAt: tweet_created }\n",
                "earshot.yaml").parse().maxFutureSkew()).as("with CSV columns").isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> ConfigLoader.parse("parse:\n  maxFutureSkew: 0s\n", "earshot.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("earshot.yaml: parse.maxFutureSkew must be a positive duration such as 15m, was 0s");
    }

    @Test
    void enrichLanguagesIsEnglishByDefaultAndAnEmptyListOrANonCodeStopsStartUp() {
        assertThat(EarshotConfig.defaults().enrich().languages()).containsExactly("en");
        assertThat(ConfigLoader.defaultsAsYaml()).contains("languages:\n  - \"en\"");
        assertThat(ConfigLoader.parse("enrich:\n  languages: [EN, por]\n", "earshot.yaml").enrich().languageScope())
                .hasToString("en, pt");
        assertThat(ConfigLoader.parse("enrich:\n  languages: [en, pt]\n", "earshot.yaml").enrich().languageScope().includes("pt-BR"))
                .isTrue();
        assertThat(ConfigLoader.parse("enrich:\n  languages: ['*']\n", "earshot.yaml").enrich().languageScope().includes("ja"))
                .isTrue();

        assertThatThrownBy(() -> ConfigLoader.parse("enrich:\n  languages: []\n", "earshot.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("earshot.yaml: enrich.languages must list at least one language, was []; e.g. [en], or [\"*\"] "
                        + "to read posts in every language");
        assertThatThrownBy(() -> ConfigLoader.parse("enrich:\n  languages:\n", "earshot.yaml"))
                .hasMessage("earshot.yaml: enrich.languages must list at least one language, was empty; e.g. [en], or "
                        + "[\"*\"] to read posts in every language");
        assertThatThrownBy(() -> ConfigLoader.parse("enrich:\n  languages: [en, english]\n", "earshot.yaml"))
                .hasMessage("earshot.yaml: enrich.languages lists 'english', which is not a language code: write codes of "
                        + "2 or 3 letters such as en or pt (en also covers en-GB and en-US), or [\"*\"] for every language");
        assertThatThrownBy(() -> ConfigLoader.parse("enrich:\n  languages: [en, '*']\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: enrich.languages lists \"*\" (every language) with [en, *]");
        assertThatThrownBy(() -> ConfigLoader.parse("enrich:\n  languages: en\n", "earshot.yaml"))
                .hasMessageStartingWith("earshot.yaml: key 'enrich.languages' must be a list, such as [a, b]")
                .hasMessageEndingWith(", was en");
    }
}
