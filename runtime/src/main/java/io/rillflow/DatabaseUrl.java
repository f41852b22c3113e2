package io.rillflow;

import java.net.URI;
import java.net.URISyntaxException;

/** Accepts both JDBC URLs and the {@code postgres://user:password@host:port/db} form that DATABASE_URL uses. */
final class DatabaseUrl {
    private DatabaseUrl() {}

    static String toJdbc(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("Unsupported database URL \"" + redact(url) + "\": expected"
                    + " jdbc:postgresql://host:port/db or postgres://user:password@host:port/db");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Malformed database URL \"" + redact(url) + "\": " + e.getReason(), e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The database URL \"" + redact(url) + "\" names no host");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            appendParam(query, "user", colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                appendParam(query, "password", userInfo.substring(colon + 1));
            }
        }
        if (query.length() > 0) {
            jdbc.append('?').append(query);
        }
        return jdbc.toString();
    }

    private static void appendParam(StringBuilder query, String name, String rawValue) {
        if (query.length() > 0) {
            query.append('&');
        }
        // userinfo is percent-encoded the same way as a query value, so it passes on unchanged.
        query.append(name).append('=').append(rawValue);
    }

    /** {@code url} with any password (in the user info or a {@code password=} parameter) replaced by {@code ***}. */
    static String redact(String url) {
        return url.replaceAll("://([^:/@]*):[^@/]*@", "://$1:***@").replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
    }
}
