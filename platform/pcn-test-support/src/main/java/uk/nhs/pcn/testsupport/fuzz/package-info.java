/**
 * A generated fuzz test of a service's write API, driven by its own OpenAPI document: {@link
 * uk.nhs.pcn.testsupport.fuzz.RequestFuzzer} plans thousands of bad requests from the document (wrong types, missing
 * and unknown fields, boundary numbers, impossible dates, NUL bytes and unpaired surrogates, huge text, malformed
 * JSON, wrong content types, bad path and query values, broken files and forms, wrong tokens), sends them, and fails
 * once with every finding: a 5xx, a bad request accepted, a 4xx that is not problem+json or does not name the field,
 * a wrong token answered other than 401/403, internals quoted in a detail, or the database changed by refused
 * requests. A service's test seeds what must exist (codes, ids, sample files) and calls {@code run()}.
 */
package uk.nhs.pcn.testsupport.fuzz;
