package dev.machina.cpu.m6502;

import dev.machina.core.cpu.RegisterView;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Register view, P packing and save states. */
class M6502StateTest {

    @Test
    void registerViewNamesWidthsAndP() {
        Rig rig = new Rig("6502");
        RegisterView r = rig.cpu.registers();
        assertEquals(List.of("a", "x", "y", "s", "p", "pc"), r.names());
        assertEquals(16, r.width("pc"));
        assertEquals(8, r.width("p"));
        r.set("p", 0xFF);
        assertEquals(0xEF, r.get("p"), "B does not exist in P itself; bit 5 reads 1");
        r.set("p", 0x00);
        assertEquals(0x20, r.get("p"));
        r.set("a", 0x1FF);
        assertEquals(0xFF, r.get("a"));
        assertThrows(IllegalArgumentException.class, () -> r.get("sp"));
    }

    @Test
    void settingPcStartsThereInsteadOfTheResetSequence() {
        Rig rig = new Rig("6502").poke(0x0800, 0xE8);   // INX
        rig.cpu.registers().set("pc", 0x0800);
        assertEquals(2, rig.cpu.step());
        assertEquals(1, rig.s().x);
    }

    @Test
    void saveStateRoundTripContinuesIdentically() throws StateException {
        Rig a = new Rig("6502");
        a.poke(0x0200, toInts(M6502Benchmark.PROGRAM)).poke(0x0300, toInts(M6502Benchmark.data()));
        a.boot();
        for (int k = 0; k < 1000; k++) {
            a.cpu.step();
        }
        StateWriter w = new StateWriter();
        a.cpu.saveState(w);
        byte[] ramCopy = a.ram.clone();

        Rig b = new Rig("6502");
        System.arraycopy(ramCopy, 0, b.ram, 0, ramCopy.length);
        b.cpu.loadState(new StateReader("chunk maincpu", w.toByteArray()));
        assertEquals(a.cpu.cycles(), b.cpu.cycles());
        for (int k = 0; k < 5000; k++) {
            assertEquals(a.cpu.step(), b.cpu.step());
        }
        assertEquals(a.s().toString(), b.s().toString());
        assertArrayEquals(a.ram, b.ram);
    }

    @Test
    void truncatedStateIsRefused() {
        Rig rig = new Rig("6502");
        StateWriter w = new StateWriter();
        rig.cpu.saveState(w);
        byte[] full = w.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 3);
        StateException e = assertThrows(StateException.class, () -> rig.cpu.loadState(new StateReader("chunk maincpu", cut)));
        assertEquals(true, e.getMessage().startsWith("chunk maincpu: truncated"), e.getMessage());
    }

    @Test
    void spaceOfTheWrongWidthIsRejected() {
        var space = new dev.machina.core.memory.AddressSpace("wide", 20, 8, java.nio.ByteOrder.LITTLE_ENDIAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new M6502Family().create("6502", "cpu", space, null));
        assertEquals("6502: program space must be 16 bits wide, wide has 20", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new M6502Family().create("z80", "cpu", space, null));
    }

    static int[] toInts(byte[] b) {
        int[] r = new int[b.length];
        for (int k = 0; k < b.length; k++) {
            r[k] = b[k] & 0xFF;
        }
        return r;
    }
}
