package dev.machina.core.state;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Reads one device's state chunk written by {@link StateWriter}; every underflow is a {@link StateException}. */
public final class StateReader {
    private final String where;
    private final byte[] data;
    private int pos;

    /**
     * @param where names the chunk for error messages, e.g. {@code "chunk maincpu"}
     */
    public StateReader(String where, byte[] data) {
        this.where = where;
        this.data = data;
    }

    private void need(int n) throws StateException {
        if (n < 0 || data.length - pos < n) {
            throw new StateException(where + ": truncated at byte " + pos + " (needs " + n + " more, has " + (data.length - pos) + ")");
        }
    }

    /** One byte, 0..255. */
    public int u8() throws StateException {
        need(1);
        return data[pos++] & 0xFF;
    }

    /** A boolean byte; anything but 0 or 1 is an error. */
    public boolean bool() throws StateException {
        int v = u8();
        if (v > 1) {
            throw new StateException(where + ": byte " + (pos - 1) + " is " + v + ", expected a boolean 0 or 1");
        }
        return v == 1;
    }

    /** 16 bits little-endian, 0..65535. */
    public int u16() throws StateException {
        need(2);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** 32 bits little-endian. */
    public int i32() throws StateException {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (data[pos + i] & 0xFF) << (8 * i);
        }
        pos += 4;
        return v;
    }

    /** 64 bits little-endian. */
    public long i64() throws StateException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (data[pos + i] & 0xFF) << (8 * i);
        }
        pos += 8;
        return v;
    }

    /** A length-prefixed byte array. */
    public byte[] bytes() throws StateException {
        int n = i32();
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    /** Reads a length-prefixed block into {@code target}, whose size it must equal. */
    public void segment(MemorySegment target) throws StateException {
        int at = pos;
        byte[] b = bytes();
        if (b.length != target.byteSize()) {
            throw new StateException(where + ": block at byte " + at + " is " + b.length + " bytes, expected " + target.byteSize());
        }
        MemorySegment.copy(b, 0, target, ValueLayout.JAVA_BYTE, 0, b.length);
    }

    /** Checks and returns a length-prefixed block of exactly {@code size} bytes without storing it. */
    public byte[] bytes(int size) throws StateException {
        int at = pos;
        byte[] b = bytes();
        if (b.length != size) {
            throw new StateException(where + ": block at byte " + at + " is " + b.length + " bytes, expected " + size);
        }
        return b;
    }

    /** A UTF-8 string. */
    public String string() throws StateException {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** Bytes not read yet. */
    public int remaining() {
        return data.length - pos;
    }

    /** @throws StateException if bytes remain unread (the chunk does not match its version) */
    public void expectEnd() throws StateException {
        if (remaining() != 0) {
            throw new StateException(where + ": " + remaining() + " unread bytes at byte " + pos);
        }
    }
}
