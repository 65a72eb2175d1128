package uk.nhs.pcn.platform.paging;

import uk.nhs.pcn.platform.api.QueryParams;
import uk.nhs.pcn.platform.problem.ProblemException;

/** A validated page request: {@code page} from 0, {@code size} from 1 to {@value #MAX_SIZE}. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    /** From the {@code page} and {@code size} query parameters as sent (either may be absent). */
    public static PageRequest parse(String page, String size) {
        return of(QueryParams.integer("page", page), QueryParams.integer("size", size));
    }

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw ProblemException.invalid("page", "min", "'page' must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.invalid("size", "range", "'size' must be between 1 and " + MAX_SIZE);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw ProblemException.invalid("page", "range", "'page' is beyond any listing: page × size must be at "
                    + "most " + Integer.MAX_VALUE);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }
}
