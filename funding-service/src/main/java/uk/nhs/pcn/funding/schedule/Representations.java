package uk.nhs.pcn.funding.schedule;

import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON, or CSV for finance systems when the caller's Accept header prefers it. */
final class Representations {

    static final MediaType CSV = MediaType.valueOf(ScheduleCsv.MEDIA_TYPE);

    private Representations() {
    }

    static boolean wantsCsv(HttpHeaders headers) {
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

    static <T> Response respond(HttpHeaders headers, T view, java.util.function.Function<T, String> csv,
            Supplier<String> fileName) {
        if (wantsCsv(headers)) {
            return Response.ok(csv.apply(view), CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + fileName.get() + "\"").build();
        }
        return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
