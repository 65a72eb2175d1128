package uk.nhs.pcn.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import uk.nhs.pcn.platform.api.TextCharacters;

/**
 * A JSON string holds a character the platform refuses ({@link TextCharacters}); Jackson adds the JSON path as the
 * exception travels up, and the problem mapper names the field with the rule {@value TextCharacters#RULE}.
 */
public class RefusedTextException extends MismatchedInputException {

    private final String refused;

    RefusedTextException(JsonParser parser, String refused) {
        super(parser, "The string contains " + refused + ", which cannot be stored", String.class);
        this.refused = refused;
    }

    /** The character and where it is, e.g. {@code "a NUL character (U+0000) at character 6"}. */
    public String refused() {
        return refused;
    }
}
