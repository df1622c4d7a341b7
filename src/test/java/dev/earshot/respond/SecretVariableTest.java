package dev.earshot.respond;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretVariableTest {

    @Test
    void aVariableNameIsLettersDigitsAndUnderscoresNotStartingWithADigit() {
        assertThat(SecretVariable.isName("ZENDESK_API_TOKEN")).isTrue();
        assertThat(SecretVariable.isName("_token2")).isTrue();
        assertThat(SecretVariable.isName("2TOKEN")).isFalse();
        assertThat(SecretVariable.isName("https://hooks.slack.com/services/T0/B0/x")).isFalse();
        assertThat(SecretVariable.isName("")).isFalse();
        assertThat(SecretVariable.isName(null)).isFalse();
    }

    @Test
    void theProblemSaysWhatIsWrongWithoutRepeatingIt() {
        assertThat(SecretVariable.problem("SLACK_URL")).isEmpty();
        assertThat(SecretVariable.problem(null)).isEqualTo("; it is missing");
        assertThat(SecretVariable.problem(" ")).isEqualTo("; it is missing");
        assertThat(SecretVariable.problem("xoxb-1-2-secret")).startsWith("; what is there is not a variable name")
                .doesNotContain("xoxb-1-2-secret");
    }
}
