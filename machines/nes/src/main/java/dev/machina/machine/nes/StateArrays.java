package dev.machina.machine.nes;

import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;

/** Save-state helpers for the arrays the NES devices keep: length-checked blocks. */
public final class StateArrays {
    private StateArrays() {
    }

    /** Writes {@code a} as a length-prefixed block of little-endian 32-bit values. */
    public static void writeInts(StateWriter w, int[] a) {
        w.i32(a.length);
        for (int v : a) {
            w.i32(v);
        }
    }

    /**
     * Reads a block written by {@link #writeInts} into {@code a}.
     *
     * @throws StateException when the stored length differs from {@code a.length}
     */
    public static void readInts(StateReader r, int[] a, String what) throws StateException {
        int n = r.i32();
        if (n != a.length) {
            throw new StateException(what + ": " + n + " values stored, expected " + a.length);
        }
        for (int i = 0; i < n; i++) {
            a[i] = r.i32();
        }
    }

    /** Reads a block written by {@link StateWriter#bytes} into {@code a}, which it must fit exactly. */
    public static void readBytes(StateReader r, byte[] a) throws StateException {
        System.arraycopy(r.bytes(a.length), 0, a, 0, a.length);
    }

    /** Checks that a stored enum ordinal is in range. */
    public static int ordinal(StateReader r, int count, String what) throws StateException {
        int v = r.u8();
        if (v >= count) {
            throw new StateException(what + ": value " + v + " out of range 0.." + (count - 1));
        }
        return v;
    }
}
