package dev.machina.core.machine;

/**
 * The emulated machine cannot go on: an unimplemented BDOS function, a CPU that hit a cycle
 * limit, a guest that jammed. The message is one line that says what and where, e.g.
 * {@code "BDOS function 15 (open file) not implemented, called from $0123"}.
 */
public class EmulationException extends Exception {
    private static final long serialVersionUID = 1L;

    public EmulationException(String message) {
        super(message);
    }

    public EmulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
