package uk.nhs.pcn.platform.json;

import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Makes the JSON mapper every service gets (Quarkus's, used for request and response bodies) strict: a value is
 * taken only in the JSON type its field has, never converted from another, so a mistaken client gets a 400 naming
 * the field instead of a silently different record.
 * <ul>
 * <li>whole numbers only from JSON integers: not {@code 1.5} or {@code -0.001} (which would be stored as 0), not
 * {@code "12"} or {@code "١٢"} (Arabic-Indic digits, stored as 12), not {@code true};</li>
 * <li>decimals (WTE, money, populations) from JSON numbers only, never strings;</li>
 * <li>booleans only from {@code true} and {@code false};</li>
 * <li>strings only from JSON strings, only with characters that can be stored ({@link StoredTextDeserializer});</li>
 * <li>dates only as {@code "YYYY-MM-DD"} ({@link IsoDateDeserializer}): never a number of days;</li>
 * <li>enumerations only by their exact name ({@link ExactEnumNames}), not by position, not trimmed; no
 * {@code null} for a primitive; a field given twice, or anything
 * after the JSON value, is refused; unknown fields are refused ({@code quarkus.jackson.fail-on-unknown-properties},
 * set for every service in the platform's configuration).</li>
 * </ul>
 * Events are read by their own mapper ({@code uk.nhs.pcn.events.EventJson}), not this one.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** Last, so that the date reader registered here replaces the one of Jackson's java.time module. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /** Applies the strict reading rules to a mapper (Quarkus's, or a plain one in a test); returns it. */
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: Quarkus hands us the mapper, not a builder
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // Dates outside java.time's own reader too (it takes numbers as day counts when lenient).
        mapper.setDefaultLeniency(false);

        mapper.registerModule(new SimpleModule("pcn-strict-json")
                .addDeserializer(String.class, new StoredTextDeserializer())
                .addDeserializer(LocalDate.class, new IsoDateDeserializer())
                .setDeserializerModifier(new ExactEnumNames()));
        mapper.registerModule(new SimpleModule("pcn-number-length").setDeserializerModifier(new NumberLength()));
        mapper.getFactory().setStreamReadConstraints(
                NumberLength.parserConstraints(mapper.getFactory().streamReadConstraints()));
        return mapper;
    }
}
