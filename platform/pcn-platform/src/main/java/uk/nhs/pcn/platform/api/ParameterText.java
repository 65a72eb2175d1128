package uk.nhs.pcn.platform.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * Refuses a query or path parameter holding a character that cannot be stored ({@link TextCharacters}), e.g.
 * {@code ?fileName=a%00b}, with a 400 naming the parameter, before any resource sees it. Runs after the security
 * checks (Quarkus's, then the {@code Priorities.AUTHORIZATION} filters), so a caller without the right still gets
 * 403.
 */
public class ParameterText {

    @ServerRequestFilter(priority = Priorities.USER)
    public void refuseUnstorableCharacters(UriInfo uri) {
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            int index = TextCharacters.firstRefused(name);
            if (index >= 0) {
                throw ProblemException.invalid("query", TextCharacters.RULE,
                        TextCharacters.message("query", TextCharacters.describe(name, index)));
            }
            for (String value : parameter.getValue()) {
                TextCharacters.require(name, value);
            }
        }
    }
}
