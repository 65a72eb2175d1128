package uk.nhs.pcn.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fuzzer's judgement, without a service: which generated requests break the document and so must be refused,
 * and which answers fall short.
 */
class RequestFuzzerPlanTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "PCN test-service"},
             "paths": {
               "/api/v1/networks/{code}/close": {"post": {"operationId": "closeNetwork",
                 "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "requestBody": {"required": true, "content": {"application/json":
                     {"schema": {"$ref": "#/components/schemas/Close"}}}},
                 "security": [{"bearerAuth": ["commissioner"]}]}},
               "/api/v1/practices/{code}/list-sizes": {"post": {"operationId": "recordListSize",
                 "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "requestBody": {"required": true, "content": {"application/json":
                     {"schema": {"$ref": "#/components/schemas/ListSize"}}}},
                 "security": [{"bearerAuth": ["commissioner"]}]}},
               "/api/v1/networks/{code}/claims/{month}": {"post": {"operationId": "claim",
                 "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}},
                                {"name": "month", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "security": [{"bearerAuth": ["pcn-manager", "commissioner"]}]}}},
             "components": {"schemas": {
               "LocalDate": {"type": "string", "format": "date", "examples": ["2022-03-10"]},
               "Close": {"type": "object", "required": ["closeDate"],
                         "properties": {"closeDate": {"$ref": "#/components/schemas/LocalDate"},
                                        "reason": {"type": "string", "maxLength": 20}}},
               "ListSize": {"type": "object", "required": ["asAt", "registeredPatients"],
                 "properties": {"asAt": {"$ref": "#/components/schemas/LocalDate"},
                   "registeredPatients": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 1000000},
                   "weightedPopulation": {"type": "number", "multipleOf": 0.01, "minimum": 0},
                   "practiceCode": {"type": "string", "pattern": "^[A-Z][0-9]{5}$"}}}}}}
            """;

    private final ApiDocument document = ApiDocument.parse(DOCUMENT);
    private final Schemas schemas = new Schemas(document);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDocumentsWriteOperationsAreReadWithTheirRolesAndBodies() {
        List<ApiOperation> operations = document.writeOperations();
        assertThat(operations).extracting(ApiOperation::id)
                .containsExactly("claim", "closeNetwork", "recordListSize");
        assertThat(operations.get(0).roles()).containsExactly("pcn-manager", "commissioner");
        assertThat(operations.get(0).takesBody()).isFalse();
        assertThat(operations.get(1).takesJson()).isTrue();
    }

    @Test
    void bodiesThatBreakTheSchemaOrCannotBeStoredAreFound() throws Exception {
        JsonNode close = schemas.resolve(json.readTree("{\"$ref\": \"#/components/schemas/Close\"}"));
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": \"2024-02-29\"}"))).isEmpty();
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": \"2024-02-30\"}")))
                .containsExactly("closeDate: not a date as YYYY-MM-DD");
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": 20240101}")))
                .containsExactly("closeDate: type integer where string is required");
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": \"2024-1-1\"}"))).hasSize(1);
        assertThat(schemas.violations(close, json.readTree("{}"))).containsExactly("closeDate: required");
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": \"2024-01-01\", \"x\": 1}")))
                .containsExactly("x: unknown field");
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": \"2024-01-01\", \"reason\": \"a\\u0000\"}")))
                .containsExactly("reason: contains a NUL character");
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": \"2024-01-01\", \"reason\": \"\\ud800\"}")))
                .containsExactly("reason: contains an unpaired surrogate");
        assertThat(schemas.violations(close, json.readTree("{\"closeDate\": \"2024-01-01\", \"reason\": \"🙂\"}")))
                .isEmpty();

        JsonNode listSize = schemas.resolve(json.readTree("{\"$ref\": \"#/components/schemas/ListSize\"}"));
        String valid = "\"asAt\": \"2024-01-01\", ";
        assertThat(schemas.violations(listSize, json.readTree("{" + valid + "\"registeredPatients\": 0}"))).isEmpty();
        assertThat(schemas.violations(listSize, json.readTree("{" + valid + "\"registeredPatients\": -0.001}")))
                .anyMatch(v -> v.contains("type number where integer"));
        assertThat(schemas.violations(listSize, json.readTree("{" + valid + "\"registeredPatients\": \"١٢\"}")))
                .anyMatch(v -> v.contains("type string"));
        assertThat(schemas.violations(listSize, json.readTree("{" + valid + "\"registeredPatients\": 12, "
                + "\"weightedPopulation\": 0.005}"))).containsExactly("weightedPopulation: not a multiple of 0.01");
        assertThat(schemas.violations(listSize, json.readTree("{" + valid + "\"registeredPatients\": 12, "
                + "\"practiceCode\": \"a12345\"}"))).containsExactly("practiceCode: does not match ^[A-Z][0-9]{5}$");
    }

    @Test
    void generatedValidValuesKeepTheSchema() throws Exception {
        Random random = new Random(1);
        JsonNode listSize = schemas.resolve(json.readTree("{\"$ref\": \"#/components/schemas/ListSize\"}"));
        JsonNode body = schemas.valid(listSize, "body", random);
        assertThat(schemas.violations(listSize, body)).isEmpty();
        assertThat(body.path("asAt").asText()).isEqualTo("2022-03-10");
        for (String pattern : List.of("^U[0-9]{5}$", "^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$",
                "^[0-9]{4}-(0[1-9]|1[0-2])$", "^[A-Za-z0-9][A-Za-z0-9 ._/-]*$", "\\S", "^[0-9+() -]*$")) {
            for (int i = 0; i < 20; i++) {
                assertThat(RegexSample.of(pattern, random)).containsPattern(pattern);
            }
        }
    }

    @Test
    void eachMutationIsJudgedFromTheRequestAsSent() {
        Map<String, FuzzCase> close = plan("closeNetwork", op -> op.path("code", "U00801"));
        assertThat(close.get("closeDate = 20240101 (number)").mustRefuse()).isTrue();
        assertThat(close.get("closeDate = 20240101 (number)").field()).isEqualTo("closeDate");
        assertThat(close.get("closeDate = \"2024-02-30\"").mustRefuse()).isTrue();
        assertThat(close.get("closeDate = \"0000-01-01\"").mustRefuse()).isFalse();
        assertThat(close.get("closeDate left out").mustRefuse()).isTrue();
        assertThat(close.get("reason = null").mustRefuse()).isFalse();
        assertThat(close.get("reason = NUL byte inside").mustRefuse()).isTrue();
        assertThat(close.get("reason = C0 control characters").mustRefuse()).isFalse();
        assertThat(close.get("reason = unpaired high surrogate").mustRefuse()).isTrue();
        assertThat(close.get("\"unexpectedField\" added").mustRefuse()).isTrue();
        assertThat(close.get("trailing garbage").mustRefuse()).isTrue();
        assertThat(close.get("byte-order mark").mustRefuse()).isFalse();
        assertThat(close.get("no Content-Type").mustRefuse()).isTrue();
        assertThat(close.get("application/json; charset=utf-8").mustRefuse()).isFalse();
        assertThat(close.get("code = blank (%20)").mustRefuse()).isTrue();
        assertThat(close.get("code = blank (%20)").pathAndQuery()).isEqualTo("/api/v1/networks/%20/close");
        assertThat(close.get("code = lower case").mustRefuse()).isFalse();
        assertThat(close.get("expired token").expected()).containsExactly(401);
        assertThat(close.get("role viewer").expected()).containsExactly(403);
        assertThat(close.get("role viewer").field()).isNull();

        Map<String, FuzzCase> listSize = plan("recordListSize", op -> op.path("code", "A83005"));
        assertThat(listSize.get("registeredPatients = 0").mustRefuse()).isFalse();
        assertThat(listSize.get("registeredPatients = -0.001").mustRefuse()).isTrue();
        assertThat(listSize.get("registeredPatients = 0.0001").mustRefuse()).isTrue();
        assertThat(listSize.get("registeredPatients = \"١٢\" (Arabic-Indic digits)").mustRefuse()).isTrue();
        assertThat(listSize.get("registeredPatients = 2147483649").mustRefuse()).isTrue();
        assertThat(listSize.get("weightedPopulation = 1E+308").mustRefuse()).isFalse();
        assertThat(listSize.get("practiceCode = lower case").mustRefuse()).isTrue();

        Map<String, FuzzCase> claim = plan("claim", op -> op.path("code", "U00801").path("month", "2024-06"));
        assertThat(claim.get("month = month 0000-01").mustRefuse()).isTrue();
        assertThat(claim.get("month = month 2024-13").pathAndQuery()).isEqualTo("/api/v1/networks/U00801/claims/2024-13");
        assertThat(claim.get("code = unpaired surrogate (%ED%A0%80)").mustRefuse()).isTrue();
        assertThat(claim).doesNotContainKey("no Content-Type");
    }

    @Test
    void unpairedSurrogatesAreSentAsJsonEscapesAndPercentEncodedAsTheirBytes() {
        String body = CasePlanner.write(json.createObjectNode().put("name", "x\ud800y\u0000é"));
        assertThat(body).isEqualTo("{\"name\":\"x\\uD800y\\u0000\\u00E9\"}");
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(body.length());
        assertThat(CasePlanner.encode("a b\ud800١")).isEqualTo("a%20b%ED%A0%80%D9%A1");
    }

    @Test
    void answersThatFallShortAreNamed() {
        FuzzCase refused = plan("closeNetwork", op -> op.path("code", "U00801")).get("closeDate = 20240101 (number)");
        String problem = "{\"type\":\"https://pcn.nhs.uk/problems/invalid-request\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"'closeDate' must be a date\",\"errors\":[{\"field\":\"closeDate\","
                + "\"rule\":\"type\",\"message\":\"'closeDate' must be a date\"}]}";
        assertThat(failures(refused, 400, "application/problem+json", problem)).isEmpty();
        assertThat(failures(refused, 200, "application/json", "{}")).containsExactly("accepted (200)");
        assertThat(failures(refused, 500, "application/problem+json", problem.replace("400", "500")))
                .containsExactly("500 server error");
        assertThat(failures(refused, 400, "application/json", problem))
                .containsExactly("400 is not application/problem+json (Content-Type: application/json)");
        assertThat(failures(refused, 400, "application/problem+json", problem.replace("\"field\":\"closeDate\"",
                "\"field\":\"body\""))).containsExactly("400 does not name the field closeDate");
        assertThat(failures(refused, 400, "application/problem+json", problem.replace("must be a date\",\"errors",
                "Cannot deserialize value of type `java.time.LocalDate` from Integer\",\"errors")))
                .containsExactly("detail quotes internals (java.time.L)");
        assertThat(failures(refused, 414, null, "")).containsExactly("414 is not application/problem+json "
                + "(Content-Type: none)");

        FuzzCase viewer = plan("closeNetwork", op -> op.path("code", "U00801")).get("role viewer");
        assertThat(failures(viewer, 400, "application/problem+json", problem))
                .containsExactly("token answered 400, not 403");
        assertThat(failures(viewer, 413, "application/problem+json", problem.replace("400", "413"))).isEmpty();
    }

    private List<String> failures(FuzzCase c, int status, String contentType, String body) {
        return ResponseCheck.check(c, status, contentType, body.getBytes(StandardCharsets.UTF_8)).stream()
                .map(ResponseCheck.Failure::kind).toList();
    }

    private Map<String, FuzzCase> plan(String id, java.util.function.Consumer<OperationSeed> seeding) {
        ApiOperation op = document.writeOperations().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
        OperationSeed seed = new OperationSeed();
        seeding.accept(seed);
        Random random = new Random(7);
        FuzzTokens tokens = new FuzzTokens(new FuzzTokens.Scope(List.of("U00801"), List.of()),
                new FuzzTokens.Scope(List.of("U00802"), List.of()), RequestFuzzer.SCOPED_ROLES, RequestFuzzer.ROLES);
        Target target = new Target(op, schemas, seed, random);
        List<FuzzCase> cases = new CasePlanner(schemas, tokens, random).systematic(target);
        assertThat(cases).extracting(FuzzCase::kind).isNotEmpty();
        Set<String> kinds = cases.stream().map(FuzzCase::kind).collect(Collectors.toSet());
        assertThat(kinds).contains("token", "path parameter");
        return cases.stream().collect(Collectors.toMap(FuzzCase::mutation, Function.identity(), (a, b) -> a));
    }
}
