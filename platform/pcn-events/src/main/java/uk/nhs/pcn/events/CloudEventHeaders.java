package uk.nhs.pcn.events;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Kafka header names for CloudEvents 1.0 binary content mode (Kafka protocol binding): each context
 * attribute is a header prefixed {@code ce_}; the body is the JSON payload, its media type in {@code content-type}.
 * Attribute names, extensions included, are lower-case letters and digits, at most 20 characters.
 */
public final class CloudEventHeaders {

    public static final String PREFIX = "ce_";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    /** A URI-reference naming the publishing service, e.g. {@code /pcn/registry-service}. */
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    /** RFC 3339, see {@link #time(OffsetDateTime)}. */
    public static final String TIME = "ce_time";
    /** An absolute URI: the {@code $id} of the payload's JSON Schema ({@link EventSchemas#id(String)}). */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension attribute shared by the events of one business action (e.g. a practice moving network). */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Maps to the CloudEvents {@code datacontenttype} attribute in binary mode. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * The {@code ce_time} value: RFC 3339 in UTC with the seconds always written (ISO_OFFSET_DATE_TIME leaves out
     * a zero second, which RFC 3339 does not allow), e.g. {@code 2024-06-01T09:30:00Z}.
     */
    public static String time(OffsetDateTime time) {
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }
}
