package dev.earshot.connectors.helpdesk;

import java.util.List;
import java.util.Objects;

/** Blanks out credentials, in whatever form they were sent, from any text shown to people. */
final class Redactor {

    private static final String BLANK = "***";

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4).toList();
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, BLANK);
        }
        return result;
    }
}
