package org.mbccds.hooks;

/**
 * A request we refuse, with the HTTP status and a message that names what is wrong (never the data itself).
 */
public class HookError extends RuntimeException {
    private final int status;

    public HookError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static HookError badRequest(String message) {
        return new HookError(400, message);
    }
}
