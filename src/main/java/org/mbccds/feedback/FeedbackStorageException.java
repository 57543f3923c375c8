package org.mbccds.feedback;

/** The database could not take the feedback; nothing of the request was stored and the client may send it again. */
public class FeedbackStorageException extends RuntimeException {
    public FeedbackStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
