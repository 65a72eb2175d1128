package uk.nhs.pcn.platform.json;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * A date only as the string {@code YYYY-MM-DD} (four ASCII digits of year), and only a day the calendar has.
 * Jackson's own reader also takes a number as a count of days since 1970 ({@code 20240101} is the year 57385), an
 * array {@code [2024,1,1]}, an empty string as no date, and years beyond four digits; each of those is refused here.
 */
class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {

    private static final long serialVersionUID = 1L;

    private static final Pattern FORMAT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    static final String EXPECTED = "a date as YYYY-MM-DD (a string)";

    IsoDateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser.currentToken(), parser,
                    "must be " + EXPECTED);
        }
        String text = parser.getText();
        if (FORMAT.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // a day the calendar lacks, e.g. 2024-02-30: refused below like any other malformed date
            }
        }
        return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "must be " + EXPECTED);
    }
}
