package uk.nhs.pcn.deployment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL, {@code jdbc:postgresql://host[:port]/database[?parameters]}.
 *
 * @param parameters what follows {@code ?}, or null
 */
record JdbcUrl(String host, String database, String parameters) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:]+)(?::\\d+)?/([^?]+)(?:\\?(.*))?");

    /** The parts of {@code url}; empty when it is not a PostgreSQL JDBC URL naming a database. */
    static Optional<JdbcUrl> parse(String url) {
        Matcher m = URL.matcher(url.trim());
        return m.matches() ? Optional.of(new JdbcUrl(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    boolean hasParameter(String parameter) {
        return parameters != null && parameters.contains(parameter);
    }
}
