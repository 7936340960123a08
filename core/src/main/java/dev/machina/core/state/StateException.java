package dev.machina.core.state;

/** A save state that cannot be written or loaded; the message says what and where. */
public class StateException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong and where (file, chunk, byte offset) */
    public StateException(String message) {
        super(message);
    }

    /** @param message one line: what is wrong and where */
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
