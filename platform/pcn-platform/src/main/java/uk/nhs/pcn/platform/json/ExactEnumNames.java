package uk.nhs.pcn.platform.json;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Enumerations only by their exact name. Jackson's own reader, failing an exact match, tries the value trimmed,
 * so {@code "PHARMACY "} and {@code "PHARMACY\u0000"} (trimming removes every character up to the space) were
 * taken as {@code PHARMACY}. An enumeration that chooses its own JSON form ({@link JsonCreator}, {@link JsonValue})
 * keeps Jackson's reader.
 */
final class ExactEnumNames extends BeanDeserializerModifier {

    @Override
    public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
            BeanDescription description, JsonDeserializer<?> deserializer) {
        Class<?> enumType = type.getRawClass();
        if (!enumType.isEnum() || choosesItsOwnForm(enumType)) {
            return deserializer;
        }
        return new Reader(enumType, names(enumType), deserializer);
    }

    private static boolean choosesItsOwnForm(Class<?> enumType) {
        for (Method method : enumType.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonCreator.class) || method.isAnnotationPresent(JsonValue.class)) {
                return true;
            }
        }
        return false;
    }

    /** Each constant's name, or the name its {@link JsonProperty} gives it. */
    private static Set<String> names(Class<?> enumType) {
        Set<String> names = new LinkedHashSet<>();
        for (Object constant : enumType.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                Field field = enumType.getField(name);
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                names.add(property != null && !property.value().isEmpty() ? property.value() : name);
            } catch (NoSuchFieldException e) {
                names.add(name);
            }
        }
        return names;
    }

    private static final class Reader extends StdDeserializer<Object>
            implements ContextualDeserializer, ResolvableDeserializer {

        private final Set<String> names;
        private final JsonDeserializer<?> delegate;

        Reader(Class<?> enumType, Set<String> names, JsonDeserializer<?> delegate) {
            super(enumType);
            this.names = names;
            this.delegate = delegate;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING) && !names.contains(parser.getText())) {
                throw InvalidFormatException.from(parser, "not one of the names " + names, parser.getText(),
                        handledType());
            }
            return delegate.deserialize(parser, context);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            if (delegate instanceof ContextualDeserializer contextual) {
                return new Reader(handledType(), names, contextual.createContextual(context, property));
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
