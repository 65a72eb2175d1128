package uk.nhs.pcn.platform.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A number longer than {@value #MAX_DIGITS} characters is refused naming its field. Jackson's own limit is checked
 * while the parser reads the token, outside any field, so its error could only name the body. The platform lets
 * the parser take numbers of up to {@value #PARSER_MAX_LENGTH} characters (cheap to convert, should a body be read
 * as a tree first) and refuses a longer one than {@value #MAX_DIGITS} here, where the field is known.
 */
final class NumberLength extends BeanDeserializerModifier {

    static final int MAX_DIGITS = 1000;
    static final int PARSER_MAX_LENGTH = 10_000;

    static StreamReadConstraints parserConstraints(StreamReadConstraints current) {
        return current.rebuild().maxNumberLength(PARSER_MAX_LENGTH).build();
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
            JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        boolean numeric = Number.class.isAssignableFrom(type) || type == int.class || type == long.class
                || type == short.class || type == byte.class || type == double.class || type == float.class
                || type == BigDecimal.class || type == BigInteger.class;
        return numeric ? new Reader(type, deserializer) : deserializer;
    }

    private static final class Reader extends StdDeserializer<Object>
            implements ContextualDeserializer, ResolvableDeserializer {

        private final JsonDeserializer<?> delegate;

        Reader(Class<?> type, JsonDeserializer<?> delegate) {
            super(type);
            this.delegate = delegate;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if ((parser.hasToken(JsonToken.VALUE_NUMBER_INT) || parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT))
                    && parser.getTextLength() > MAX_DIGITS) {
                throw InvalidFormatException.from(parser, "a number of " + parser.getTextLength()
                        + " characters; this service reads numbers of up to " + MAX_DIGITS, "(a number of "
                        + parser.getTextLength() + " characters)", handledType());
            }
            return delegate.deserialize(parser, context);
        }

        @Override
        public Object getNullValue(DeserializationContext context) throws JsonMappingException {
            return delegate.getNullValue(context);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            if (delegate instanceof ContextualDeserializer contextual) {
                return new Reader(handledType(), contextual.createContextual(context, property));
            }
            return this;
        }

        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            if (delegate instanceof ResolvableDeserializer resolvable) {
                resolvable.resolve(context);
            }
        }
    }
}
