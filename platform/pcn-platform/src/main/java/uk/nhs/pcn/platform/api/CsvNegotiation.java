package uk.nhs.pcn.platform.api;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Answers JSON, or CSV as a download when the client asks for {@code text/csv} (a spreadsheet's import, say). */
public final class CsvNegotiation {

    public static final String MEDIA_TYPE = "text/csv";
    static final MediaType CSV = MediaType.valueOf(MEDIA_TYPE);

    private CsvNegotiation() {
    }

    /** Whether the Accept header prefers CSV over JSON (a wildcard alone means JSON). */
    public static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(CSV) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    public static <T> Response respond(HttpHeaders headers, T view, Function<T, String> csv, Supplier<String> fileName) {
        if (wantsCsv(headers)) {
            return Response.ok(csv.apply(view), CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + fileName.get() + "\"").build();
        }
        return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
