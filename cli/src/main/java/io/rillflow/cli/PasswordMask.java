package io.rillflow.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps database passwords out of everything the command prints: the password of each URL it was given is replaced
 * wherever it appears (a driver message may quote it), and so is any password in a URL-shaped text.
 */
final class PasswordMask {
    private static final Pattern USER_INFO = Pattern.compile("://([^:/@\\s]*):([^@/\\s]*)@");
    // Up to the next parameter, blank, or the ": " that ends a URL quoted in a message.
    private static final Pattern PARAMETER = Pattern.compile("(?i)([?&;]password=)(.*?)(?=[&;\\s]|:\\s|:?$)");
    private static final String HIDDEN = "***";

    private final Set<String> secrets = new LinkedHashSet<>();

    /** Remembers the password of {@code url}, in both its encoded and decoded forms. */
    void remember(String url) {
        for (Pattern pattern : new Pattern[] {USER_INFO, PARAMETER}) {
            Matcher m = pattern.matcher(url);
            while (m.find()) {
                String raw = m.group(2);
                if (!raw.isEmpty()) {
                    secrets.add(raw);
                    secrets.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** {@code text} with every remembered password and every URL password replaced by {@code ***}. */
    String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("://$1:" + HIDDEN + "@");
        masked = PARAMETER.matcher(masked).replaceAll("$1" + HIDDEN);
        for (String secret : secrets) {
            masked = masked.replace(secret, HIDDEN);
        }
        return masked;
    }
}
