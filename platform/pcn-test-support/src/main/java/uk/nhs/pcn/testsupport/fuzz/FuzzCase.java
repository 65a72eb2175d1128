package uk.nhs.pcn.testsupport.fuzz;

import java.util.Set;

/**
 * One request of a fuzz run and what it must get.
 *
 * @param kind the family of mutation, for the report: "wrong type", "text", "date", "token", ...
 * @param mutation what was done, stable across runs of the same seed, e.g. {@code closeDate = 20240101 (number)}
 * @param value the value sent, abbreviated for the report (empty when the mutation says it all)
 * @param field the body field, path or query parameter at fault, which a 400's errors must name; null for none
 * @param pathAndQuery the request target, already percent-encoded
 * @param contentType the Content-Type header, or null to send none
 * @param body the body bytes, or null to send none
 * @param authorization the Authorization header, or null to send none
 * @param expected the statuses a wrong token must get; null when the token is valid (any refusal but 401)
 * @param mustRefuse whether the request breaks the document (or the platform's rules) and so must get a 4xx and
 *        change nothing; otherwise it is odd but allowed, and is only held to "no 5xx, problem+json 4xx"
 */
record FuzzCase(ApiOperation operation, String kind, String mutation, String value, String field,
        String pathAndQuery, String contentType, byte[] body, String authorization, Set<Integer> expected,
        boolean mustRefuse) {
}
