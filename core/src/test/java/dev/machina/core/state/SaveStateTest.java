package dev.machina.core.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveStateTest {

    /** A CPU-like device: registers plus RAM. */
    static class Dev implements Stateful {
        final String tag;
        int version = 1;
        int pc;
        long cycles;
        boolean halted;
        final MemorySegment ram = MemorySegment.ofArray(new byte[256]);

        Dev(String tag) {
            this.tag = tag;
        }

        @Override
        public String tag() {
            return tag;
        }

        @Override
        public int stateVersion() {
            return version;
        }

        @Override
        public void saveState(StateWriter out) {
            out.u16(pc).i64(cycles).bool(halted).segment(ram);
        }

        @Override
        public void loadState(StateReader in) throws StateException {
            pc = in.u16();
            cycles = in.i64();
            halted = in.bool();
            in.segment(ram);
        }

        byte[] ramBytes() {
            return ram.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    @TempDir
    Path dir;

    private static Dev cpu(int pc, long cycles, int fill) {
        Dev d = new Dev("maincpu");
        d.pc = pc;
        d.cycles = cycles;
        d.ram.fill((byte) fill);
        return d;
    }

    @Test
    void roundTripThroughAFile() throws Exception {
        Dev a = cpu(0xC000, 123_456_789_012L, 0x5A);
        Dev b = new Dev("ppu");
        b.halted = true;
        SaveState st = new SaveState("demo", 3, List.of(a, b));
        Path file = dir.resolve("slot1.sta");
        st.saveTo(file);
        a.pc = 0;
        a.cycles = 0;
        a.ram.fill((byte) 0);
        b.halted = false;
        st.loadFrom(file);
        assertEquals(0xC000, a.pc);
        assertEquals(123_456_789_012L, a.cycles);
        assertTrue(b.halted);
        byte[] expect = new byte[256];
        Arrays.fill(expect, (byte) 0x5A);
        assertArrayEquals(expect, a.ramBytes());
    }

    @Test
    void stateOfAnotherMachineVersionIsRejected() {
        Dev a = cpu(0x1234, 1, 1);
        byte[] image = new SaveState("demo", 3, List.of(a)).save();
        StateException e = assertThrows(StateException.class, () -> new SaveState("demo", 4, List.of(a)).load(image, "x.sta"));
        assertEquals("x.sta: state of demo version 3, this build saves version 4", e.getMessage());
        StateException other = assertThrows(StateException.class, () -> new SaveState("nes", 3, List.of(a)).load(image, "x.sta"));
        assertEquals("x.sta: state of machine 'demo', not 'nes'", other.getMessage());
    }

    @Test
    void chunkOfAnotherDeviceVersionIsRejected() {
        Dev a = cpu(0x1234, 1, 1);
        byte[] image = new SaveState("demo", 1, List.of(a)).save();
        a.version = 2;
        StateException e = assertThrows(StateException.class, () -> new SaveState("demo", 1, List.of(a)).load(image, "x.sta"));
        assertEquals("x.sta: chunk maincpu is version 1, this build reads version 2", e.getMessage());
    }

    @Test
    void truncatedStateChangesNothing() throws Exception {
        Dev a = cpu(0x8000, 42, 0x11);
        SaveState st = new SaveState("demo", 1, List.of(a));
        byte[] image = st.save();
        a.pc = 0x9000;
        a.ram.fill((byte) 0x22);
        Path file = dir.resolve("cut.sta");
        Files.write(file, Arrays.copyOf(image, image.length - 100));
        StateException e = assertThrows(StateException.class, () -> st.loadFrom(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(0x9000, a.pc);
        assertEquals(0x22, a.ramBytes()[0]);
    }

    @Test
    void flippedByteIsCaughtByTheCrc() {
        Dev a = cpu(0x8000, 42, 0x11);
        SaveState st = new SaveState("demo", 1, List.of(a));
        byte[] image = st.save();
        image[image.length - 20] ^= 0x40;
        StateException e = assertThrows(StateException.class, () -> st.load(image, "s"));
        assertEquals("s: corrupt or truncated (CRC-32 mismatch)", e.getMessage());
        assertThrows(StateException.class, () -> st.load("not a state at all".getBytes(), "t"));
    }

    @Test
    void aDeviceRefusingItsChunkRollsEveryDeviceBack() {
        Dev a = cpu(0x0100, 7, 0x33);
        Dev b = new Dev("apu") {
            @Override
            public void loadState(StateReader in) throws StateException {
                super.loadState(in);
                if (pc == 0xDEAD) {
                    throw new StateException("apu: register value out of range");
                }
            }
        };
        b.pc = 0xDEAD;
        SaveState st = new SaveState("demo", 1, List.of(a, b));
        byte[] image = st.save();
        a.pc = 0x0200;
        a.ram.fill((byte) 0x44);
        b.pc = 0x0001;
        assertThrows(StateException.class, () -> st.load(image, "s"));
        assertEquals(0x0200, a.pc, "device loaded before the failure is restored");
        assertEquals(0x44, a.ramBytes()[5]);
        assertEquals(0x0001, b.pc);
    }

    @Test
    void failedSaveKeepsTheOldFile() throws IOException, StateException {
        Dev a = cpu(0x8000, 42, 0x11);
        Path file = dir.resolve("keep.sta");
        new SaveState("demo", 1, List.of(a)).saveTo(file);
        byte[] before = Files.readAllBytes(file);
        Dev broken = new Dev("maincpu") {
            @Override
            public void saveState(StateWriter out) {
                throw new IllegalStateException("device cannot save now");
            }
        };
        assertThrows(IllegalStateException.class, () -> new SaveState("demo", 1, List.of(broken)).saveTo(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
