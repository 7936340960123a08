package dev.machina.machine.nes.validate;

import java.util.function.IntUnaryOperator;

/**
 * The result protocol of blargg's NES test ROMs (the readme that ships with them, also the
 * NESdev wiki "Emulator tests"): at $6001-$6003 the signature $DE $B0 $61 says the status is
 * valid; $6000 is $80 while the test runs, $81 when it asks for the reset button, otherwise the
 * result code (0 = passed); $6004 on holds a zero-terminated text.
 *
 * @param state the decoded state
 * @param code  the result code 0..$7F when {@code state} is {@link State#DONE}, else the raw byte
 * @param text  the text at $6004 (up to {@value #MAX_TEXT} bytes, non-ASCII shown as '?')
 */
public record BlarggStatus(State state, int code, String text) {
    /** Longest text read. */
    public static final int MAX_TEXT = 4096;

    /** What the status byte says. */
    public enum State {
        /** The signature is not (yet) present. */
        NO_SIGNATURE,
        /** $80: the test is running. */
        RUNNING,
        /** $81: the test asks for a reset (press it at least 100 ms later). */
        NEEDS_RESET,
        /** $00-$7F: finished with result {@code code}. */
        DONE
    }

    /** True when finished with code 0. */
    public boolean passed() {
        return state == State.DONE && code == 0;
    }

    /**
     * Reads the status through CPU reads.
     *
     * @param cpuRead reads CPU address ($6000-$7FFF) -&gt; 0..255
     */
    public static BlarggStatus read(IntUnaryOperator cpuRead) {
        if (cpuRead.applyAsInt(0x6001) != 0xDE || cpuRead.applyAsInt(0x6002) != 0xB0
                || cpuRead.applyAsInt(0x6003) != 0x61) {
            return new BlarggStatus(State.NO_SIGNATURE, 0, "");
        }
        int status = cpuRead.applyAsInt(0x6000) & 0xFF;
        StringBuilder text = new StringBuilder();
        for (int a = 0x6004; a < 0x6004 + MAX_TEXT && a <= 0x7FFF; a++) {
            int c = cpuRead.applyAsInt(a) & 0xFF;
            if (c == 0) {
                break;
            }
            text.append(c == '\n' || (c >= 0x20 && c < 0x7F) ? (char) c : '?');
        }
        State state = status == 0x80 ? State.RUNNING : status == 0x81 ? State.NEEDS_RESET
                : status < 0x80 ? State.DONE : State.RUNNING;
        return new BlarggStatus(state, status, text.toString());
    }
}
