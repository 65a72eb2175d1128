package uk.nhs.pcn.platform.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import uk.nhs.pcn.platform.api.TextCharacters;

/**
 * Reads every JSON string of a request as Jackson does, then refuses one holding a character that cannot be stored
 * ({@link TextCharacters}): a NUL would otherwise reach PostgreSQL and fail the request with a 500.
 */
class StoredTextDeserializer extends StringDeserializer {

    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = super.deserialize(parser, context);
        int index = TextCharacters.firstRefused(text);
        if (index >= 0) {
            throw new RefusedTextException(parser, TextCharacters.describe(text, index));
        }
        return text;
    }
}
