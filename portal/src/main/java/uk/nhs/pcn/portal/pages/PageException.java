package uk.nhs.pcn.portal.pages;

/** A page that cannot be shown (403, 404, ...): rendered as a proper error page, never a stack trace. */
public class PageException extends RuntimeException {

    private final int status;
    private final String title;

    public PageException(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static PageException forbidden(String message) {
        return new PageException(403, "You cannot see this page", message);
    }

    public static PageException notFound(String message) {
        return new PageException(404, "Page not found", message);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
