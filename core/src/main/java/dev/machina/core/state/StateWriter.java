package dev.machina.core.state;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Serialises one device's state chunk: little-endian fixed-width fields. */
public final class StateWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes one byte (low 8 bits). */
    public StateWriter u8(int v) {
        out.write(v);
        return this;
    }

    /** Writes a boolean as one byte, 0 or 1. */
    public StateWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    /** Writes 16 bits, little-endian. */
    public StateWriter u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    /** Writes 32 bits, little-endian. */
    public StateWriter i32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
        return this;
    }

    /** Writes 64 bits, little-endian. */
    public StateWriter i64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    /** Writes a length (32-bit) and the bytes. */
    public StateWriter bytes(byte[] b) {
        i32(b.length);
        out.writeBytes(b);
        return this;
    }

    /** Writes a length (32-bit) and the segment's bytes (e.g. RAM). */
    public StateWriter segment(MemorySegment s) {
        return bytes(s.toArray(ValueLayout.JAVA_BYTE));
    }

    /** Writes a UTF-8 string with a 32-bit length. */
    public StateWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
