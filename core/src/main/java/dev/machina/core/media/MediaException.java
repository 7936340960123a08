package dev.machina.core.media;

/**
 * Bad input media (a truncated or oversized ROM, a wrong header, an unknown mapper, a missing
 * file). The message is one line that says what is wrong and where, e.g.
 * {@code "game.nes: iNES header says 2 PRG banks (32768 bytes) but the file has 16400 bytes"}.
 */
public class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
