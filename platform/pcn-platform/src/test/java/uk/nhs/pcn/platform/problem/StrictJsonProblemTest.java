package uk.nhs.pcn.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import uk.nhs.pcn.platform.json.StrictJson;

/**
 * The strict JSON mapper every service gets ({@link StrictJson}), as a client meets it: each refused body becomes
 * a 400 whose one error names the field (its JSON path) and the rule, with a message a person can act on.
 */
class StrictJsonProblemTest {

    enum Kind { FIRST, SECOND }

    record Inner(String name) {
    }

    record Body(String name, Integer count, Long big, BigDecimal wte, Boolean flag, LocalDate date, List<String> notes,
            Kind kind, Inner inner) {
    }

    record WithPrimitive(int count, boolean flag) {
    }

    /** As Quarkus builds it (java.time, unknown fields refused by the platform's configuration), then made strict. */
    private static final ObjectMapper MAPPER = StrictJson.configure(new ObjectMapper()
            .registerModule(new JavaTimeModule()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private static Body read(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Body.class);
    }

    /** The problem the client gets for the body: exactly one error. */
    private static Problem.FieldError refused(String json) {
        return refused(json, Body.class);
    }

    private static Problem.FieldError refused(String json, Class<?> type) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> MAPPER.readValue(json, type));
        assertThat(e).as("refused: %s", json).isNotNull();
        Problem problem = ProblemMappers.jsonProblem(e).toProblem("/test");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).hasSize(1);
        return problem.errors().get(0);
    }

    @Test
    void aWellTypedBodyIsReadAsSent() throws JsonProcessingException {
        Body body = read("""
                {"name":"Dr A Example\\twith a tab\\nand a line 😀 é","count":12,"big":-3,"wte":0.5,"flag":true,
                 "date":"2024-02-29","notes":["one","two"],"kind":"SECOND","inner":{"name":"x"}}""");
        assertThat(body.name()).isEqualTo("Dr A Example\twith a tab\nand a line 😀 é");
        assertThat(body.count()).isEqualTo(12);
        assertThat(body.wte()).isEqualByComparingTo("0.5");
        assertThat(body.flag()).isTrue();
        assertThat(body.date()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(body.kind()).isEqualTo(Kind.SECOND);
        // A decimal may be written as a JSON integer: 1 is 1.0.
        assertThat(read("{\"wte\":1}").wte()).isEqualByComparingTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\u0000", "abc\\u0000", "\\ud800", "a\\udc00b", "\\u0001", "\\u001b[31m", "\\u007f",
            "\\u0085" })
    void aStringWithACharacterThatCannotBeStoredIsRefusedNamingTheField(String text) {
        Problem.FieldError error = refused("{\"name\":\"" + text + "\"}");
        assertThat(error.field()).isEqualTo("name");
        assertThat(error.rule()).isEqualTo("text-characters");
        assertThat(error.message()).contains("'name' contains").contains("U+").contains("cannot be stored");
    }

    @Test
    void theRefusedCharacterIsNamedWithItsPositionAndTheTextIsNotRepeated() {
        Problem.FieldError error = refused("{\"name\":\"secret\\u0000\"}");
        assertThat(error.message()).contains("NUL").contains("U+0000").contains("at character 7")
                .doesNotContain("secret");
    }

    @Test
    void aRefusedCharacterInAListOrANestedObjectIsNamedByItsPath() {
        assertThat(refused("{\"notes\":[\"fine\",\"a\\u0000\"]}").field()).isEqualTo("notes[1]");
        assertThat(refused("{\"inner\":{\"name\":\"\\u0000\"}}").field()).isEqualTo("inner.name");
    }

    @ParameterizedTest
    @ValueSource(strings = { "-0.001", "0.0001", "1.5", "1.0", "1e2", "\"12\"", "\"١٢\"", "\"\"", "true" })
    void aWholeNumberComesOnlyFromAJsonInteger(String value) {
        Problem.FieldError error = refused("{\"count\":" + value + "}");
        assertThat(error.field()).isEqualTo("count");
        assertThat(error.rule()).isEqualTo("type");
        assertThat(error.message()).contains("'count' must be a whole number");
    }

    @Test
    void aWholeNumberTooLargeForItsFieldIsOutOfRange() {
        Problem.FieldError error = refused("{\"count\":99999999999}");
        assertThat(error.field()).isEqualTo("count");
        assertThat(error.rule()).isEqualTo("range");
        assertThat(error.message()).contains("2147483647");
        assertThat(refused("{\"big\":99999999999999999999}").rule()).isEqualTo("range");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"0.5\"", "\"\"", "true", "[0.5]", "{}" })
    void aDecimalComesOnlyFromAJsonNumber(String value) {
        Problem.FieldError error = refused("{\"wte\":" + value + "}");
        assertThat(error.field()).isEqualTo("wte");
        assertThat(error.message()).contains("'wte' must be a number");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"true\"", "1", "0", "\"yes\"", "\"\"" })
    void aBooleanComesOnlyFromTrueOrFalse(String value) {
        Problem.FieldError error = refused("{\"flag\":" + value + "}");
        assertThat(error.field()).isEqualTo("flag");
        assertThat(error.message()).contains("'flag' must be true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = { "20240101", "19723", "2024.5", "[2024,1,1]", "\"\"", "\"2024-02-30\"", "\"2024-1-1\"",
            "\"+12024-01-01\"", "\"-2024-01-01\"", "\"2024-01-01T00:00:00\"", "\"01/02/2024\"", "true", "{}" })
    void aDateComesOnlyAsAYyyyMmDdString(String value) {
        Problem.FieldError error = refused("{\"date\":" + value + "}");
        assertThat(error.field()).isEqualTo("date");
        assertThat(error.rule()).isEqualTo("type");
        assertThat(error.message()).contains("'date' must be a date as YYYY-MM-DD (a string)");
    }

    @ParameterizedTest
    @ValueSource(strings = { "12", "1.5", "true", "{}", "[\"a\"]" })
    void aStringComesOnlyFromAJsonString(String value) {
        Problem.FieldError error = refused("{\"name\":" + value + "}");
        assertThat(error.field()).isEqualTo("name");
        assertThat(error.message()).contains("'name' must be a string");
    }

    @Test
    void anEnumerationIsTakenByNameNeverByPosition() {
        Problem.FieldError error = refused("{\"kind\":0}");
        assertThat(error.field()).isEqualTo("kind");
        assertThat(error.message()).contains("FIRST, SECOND");
    }

    @Test
    void nullForAPrimitiveIsRefused() {
        Problem.FieldError error = refused("{\"count\":null,\"flag\":true}", WithPrimitive.class);
        assertThat(error.field()).isEqualTo("count");
    }

    @Test
    void anUnknownFieldAFieldGivenTwiceAndTextAfterTheBodyAreRefused() {
        Problem.FieldError unknown = refused("{\"nmae\":\"x\"}");
        assertThat(unknown.field()).isEqualTo("nmae");
        assertThat(unknown.rule()).isEqualTo("unknown-field");

        Problem.FieldError twice = refused("{\"name\":\"a\",\"name\":\"b\"}");
        assertThat(twice.field()).as("the field given twice").isEqualTo("name");
        assertThat(twice.message()).contains("name");

        assertThat(refused("{\"name\":\"a\"} {\"name\":\"b\"}").field()).isEqualTo("body");
    }

    @Test
    void aLongValueIsNotRepeatedInFullInTheMessage() {
        String longText = "9".repeat(5_000);
        Problem.FieldError error = refused("{\"date\":\"" + longText + "\"}");
        assertThat(error.message().length()).isLessThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"SECOND \"", "\" SECOND\"", "\"SECOND\\u0000\"", "\"second\"", "\"SECOND\\t\"" })
    void anEnumerationIsTakenOnlyByItsExactName(String value) {
        // Jackson's own reader retries a trimmed value, so "SECOND " and "SECOND\u0000" were SECOND.
        Problem.FieldError error = refused("{\"kind\":" + value + "}");
        assertThat(error.field()).isEqualTo("kind");
        assertThat(error.message()).contains("FIRST, SECOND");
    }

    @Test
    void aNumberTooLongToReadIsRefusedNamingItsField() {
        String huge = "1" + "0".repeat(1200);
        assertThat(refused("{\"count\":" + huge + "}").field()).isEqualTo("count");
        assertThat(refused("{\"wte\":" + huge + "}").field()).isEqualTo("wte");
        assertThat(refused("{\"inner\":{\"name\":\"x\"},\"big\":" + huge + ".5}").field()).isEqualTo("big");
    }

    @Test
    void theParsersLocationIsNotInTheDetail() {
        for (String json : List.of("{", "{\"name\":\"abc", "{\"name\":\"a\u0001b\"}")) {
            JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                    () -> MAPPER.readValue(json, Body.class));
            Problem problem = ProblemMappers.jsonProblem(e).toProblem("/test");
            assertThat(problem.detail()).as(json).doesNotContain("[Source").doesNotContain("REDACTED");
            assertThat(problem.errors().get(0).message()).as(json).doesNotContain("[Source");
        }
    }
}
