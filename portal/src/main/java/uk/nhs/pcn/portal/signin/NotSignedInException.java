package uk.nhs.pcn.portal.signin;

/** A page was asked for without a signed-in user; the mapper sends the browser to sign in and back. */
public class NotSignedInException extends RuntimeException {

    private final String returnTo;

    public NotSignedInException(String returnTo) {
        super("Not signed in", null, false, false);
        this.returnTo = returnTo;
    }

    public String returnTo() {
        return returnTo;
    }
}
