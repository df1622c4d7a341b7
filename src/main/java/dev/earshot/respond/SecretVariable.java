package dev.earshot.respond;

import java.util.regex.Pattern;

/**
 * The configuration names the environment variables that hold credentials, never the credentials themselves. A
 * user who writes the token, the URL or the e-mail in place of the variable's name gets a message that says so
 * without repeating what was written, since it may be the secret.
 */
public final class SecretVariable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SecretVariable() {
    }

    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /**
     * Why {@code text} is not a variable's name, to follow "must name the environment variable that holds ...":
     * empty when it is one.
     */
    public static String problem(String text) {
        if (isName(text)) {
            return "";
        }
        return text == null || text.isBlank() ? "; it is missing"
                : "; what is there is not a variable name (letters, digits and '_'): put the value in the environment "
                        + "and name the variable here (what was written is not shown, in case it is the secret)";
    }
}
