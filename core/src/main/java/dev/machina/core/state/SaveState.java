package dev.machina.core.state;

import dev.machina.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Save states of one machine: a container of tagged, versioned chunks, one per
 * {@link Stateful} device. Not Java serialization.
 *
 * <p>File layout (all integers little-endian):
 * <pre>
 *   8 bytes  magic "MCHSTATE"
 *   u16      container format version ({@value #FORMAT_VERSION})
 *   u16+utf8 machine short name
 *   u32      machine state version
 *   u32      chunk count N
 *   N times: u16+utf8 tag, u32 chunk version, u32 length L, L bytes of payload
 *   u32      CRC-32 of every byte before it
 * </pre>
 *
 * <p>Loading is all-or-nothing: the whole file is checked (magic, versions, CRC, lengths, the
 * exact set of chunks) before any device is touched; then the current state of every device is
 * captured, the chunks are applied, and if any device refuses its chunk every device is put
 * back as it was. Errors are {@link StateException}s whose one-line message names the file or
 * chunk and the problem.
 */
public final class SaveState {
    /** The container format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "MCHSTATE".getBytes(StandardCharsets.US_ASCII);

    private final String machine;
    private final int machineVersion;
    private final List<Stateful> devices;

    /**
     * @param machine        the machine's short name, e.g. {@code "nes"}
     * @param machineVersion the machine's state version: bump when its set of chunks changes
     * @param devices        the devices saved, with distinct tags
     * @throws IllegalArgumentException on duplicate tags
     */
    public SaveState(String machine, int machineVersion, List<? extends Stateful> devices) {
        this.machine = Objects.requireNonNull(machine);
        this.machineVersion = machineVersion;
        this.devices = List.copyOf(devices);
        Map<String, Stateful> seen = new LinkedHashMap<>();
        for (Stateful d : this.devices) {
            if (seen.put(d.tag(), d) != null) {
                throw new IllegalArgumentException("two devices tagged " + d.tag());
            }
        }
    }

    /** Serialises every device into a state image. */
    public byte[] save() {
        List<byte[]> parts = new ArrayList<>();
        parts.add(MAGIC);
        parts.add(le16(FORMAT_VERSION));
        parts.add(str(machine));
        parts.add(le32(machineVersion));
        parts.add(le32(devices.size()));
        for (Stateful d : devices) {
            StateWriter w = new StateWriter();
            d.saveState(w);
            byte[] payload = w.toByteArray();
            parts.add(str(d.tag()));
            parts.add(le32(d.stateVersion()));
            parts.add(le32(payload.length));
            parts.add(payload);
        }
        int total = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer body = ByteBuffer.allocate(total + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] p : parts) {
            body.put(p);
        }
        CRC32 crc = new CRC32();
        crc.update(body.array(), 0, total);
        body.putInt((int) crc.getValue());
        return body.array();
    }

    /** Saves to {@code file} atomically (an existing file survives any failure). */
    public void saveTo(Path file) throws StateException {
        try {
            AtomicFiles.write(file, save());
        } catch (IOException e) {
            throw new StateException(e.getMessage(), e);
        }
    }

    /** Loads {@code file}; see {@link #load(byte[], String)}. */
    public void loadFrom(Path file) throws StateException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StateException(file + ": no such state file", e);
        } catch (IOException e) {
            throw new StateException(file + ": cannot read: " + e.getMessage(), e);
        }
        load(data, file.toString());
    }

    /**
     * Loads a state image into the devices, all or nothing.
     *
     * @param where names the source in messages (a file name)
     * @throws StateException if the image is not a state, is corrupt or truncated, belongs to
     *                        another machine or version, or a device refuses its chunk; then no
     *                        device has changed
     */
    public void load(byte[] data, String where) throws StateException {
        Map<String, Chunk> chunks = parse(data, where);
        byte[] backup = save();
        try {
            apply(chunks, where);
        } catch (StateException | RuntimeException e) {
            try {
                apply(parse(backup, "backup"), "backup");
            } catch (StateException restoreFailed) {
                throw new IllegalStateException("could not restore state after failed load: " + restoreFailed.getMessage(), restoreFailed);
            }
            if (e instanceof StateException se) {
                throw se;
            }
            throw new StateException(where + ": " + e, e);
        }
    }

    private record Chunk(String tag, int version, byte[] payload) {
    }

    private void apply(Map<String, Chunk> chunks, String where) throws StateException {
        for (Stateful d : devices) {
            Chunk c = chunks.get(d.tag());
            StateReader r = new StateReader(where + ": chunk " + d.tag(), c.payload());
            d.loadState(r);
            r.expectEnd();
        }
    }

    private Map<String, Chunk> parse(byte[] data, String where) throws StateException {
        Cursor in = new Cursor(data, where);
        if (data.length < MAGIC.length + 4 || !java.util.Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new StateException(where + ": not a Machina save state (bad magic)");
        }
        in.pos = MAGIC.length;
        int format = in.u16();
        if (format != FORMAT_VERSION) {
            throw new StateException(where + ": state container format " + format + ", this build reads format " + FORMAT_VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        int stored = ByteBuffer.wrap(data, data.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        String m = in.str();
        int mv = in.u32();
        if (!m.equals(machine)) {
            throw new StateException(where + ": state of machine '" + m + "', not '" + machine + "'");
        }
        if (mv != machineVersion) {
            throw new StateException(where + ": state of " + machine + " version " + mv + ", this build saves version " + machineVersion);
        }
        if ((int) crc.getValue() != stored) {
            throw new StateException(where + ": corrupt or truncated (CRC-32 mismatch)");
        }
        int n = in.u32();
        Map<String, Chunk> chunks = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String tag = in.str();
            int version = in.u32();
            int len = in.u32();
            byte[] payload = in.bytes(len);
            if (chunks.put(tag, new Chunk(tag, version, payload)) != null) {
                throw new StateException(where + ": chunk " + tag + " appears twice");
            }
        }
        if (in.pos != data.length - 4) {
            throw new StateException(where + ": " + (data.length - 4 - in.pos) + " stray bytes after the last chunk");
        }
        for (Stateful d : devices) {
            Chunk c = chunks.get(d.tag());
            if (c == null) {
                throw new StateException(where + ": no chunk for device " + d.tag());
            }
            if (c.version() != d.stateVersion()) {
                throw new StateException(where + ": chunk " + d.tag() + " is version " + c.version()
                        + ", this build reads version " + d.stateVersion());
            }
        }
        for (String tag : chunks.keySet()) {
            if (devices.stream().noneMatch(d -> d.tag().equals(tag))) {
                throw new StateException(where + ": chunk " + tag + " belongs to no device of " + machine);
            }
        }
        return chunks;
    }

    private static final class Cursor {
        final byte[] data;
        final String where;
        int pos;

        Cursor(byte[] data, String where) {
            this.data = data;
            this.where = where;
        }

        void need(int n) throws StateException {
            if (n < 0 || data.length - 4 - pos < n) {
                throw new StateException(where + ": truncated at byte " + pos);
            }
        }

        int u16() throws StateException {
            need(2);
            int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        int u32() throws StateException {
            need(4);
            int v = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            pos += 4;
            return v;
        }

        byte[] bytes(int n) throws StateException {
            need(n);
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }

        String str() throws StateException {
            return new String(bytes(u16()), StandardCharsets.UTF_8);
        }
    }

    private static byte[] le16(int v) {
        return new byte[]{(byte) v, (byte) (v >>> 8)};
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(2 + b.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) b.length).put(b);
        return buf.array();
    }
}
