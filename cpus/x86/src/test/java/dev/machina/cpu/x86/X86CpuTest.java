package dev.machina.cpu.x86;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPU facade: model checks, reset state, register view, save states, 1 MiB wrap-around. */
class X86CpuTest {
    private final byte[] ram = new byte[1 << 20];

    private Cpu cpu() {
        AddressSpace mem = new AddressSpace("t", 20, 12, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        return new X86Family().create("8088", "maincpu", mem, new AddressSpace("io", 16, 8, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void rejectsWrongSpacesAndModels() {
        AddressSpace mem16 = new AddressSpace("t", 16, 8, ByteOrder.LITTLE_ENDIAN);
        AddressSpace io = new AddressSpace("io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        X86Family f = new X86Family();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> f.create("8086", "c", mem16, io)).getMessage().contains("20-bit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> f.create("z80", "c", mem16, io)).getMessage().contains("no model 'z80'"));
        assertEquals(List.of("8086", "8088"), f.models().stream().map(m -> m.name()).toList());
    }

    @Test
    void resetStartsAtFfff0() {
        Cpu c = cpu();
        assertEquals(0xFFFF, c.registers().get("cs"));
        assertEquals(0, c.registers().get("ip"));
        assertEquals(0xF002, c.registers().get("flags"), "8086 flags: bits 12-15 and 1 read as 1");
        // FFFF:0000 is physical FFFF0; a far jump there is the BIOS entry
        ram[0xFFFF0] = (byte) 0xEA; // jmpf 1234:5678
        ram[0xFFFF1] = 0x78;
        ram[0xFFFF2] = 0x56;
        ram[0xFFFF3] = 0x34;
        ram[0xFFFF4] = 0x12;
        c.step();
        assertEquals(0x1234, c.registers().get("cs"));
        assertEquals(0x5678, c.registers().get("ip"));
        assertEquals("jmpf 1234h:5678h", c.disassembler().disassemble(0xFFFF0).text());
    }

    @Test
    void wordAccessWrapsAtOneMegabyte() {
        Cpu c = cpu();
        c.registers().set("cs", 0);
        c.registers().set("ip", 0x100);
        c.registers().set("ds", 0xFFFF);
        c.registers().set("bx", 0x000F); // FFFF:000F = physical FFFFF, next byte wraps to 00000
        ram[0x100] = (byte) 0x8B; // mov ax, [bx]
        ram[0x101] = 0x07;
        ram[0xFFFFF] = 0x34;
        ram[0x00000] = 0x12;
        c.step();
        assertEquals(0x1234, c.registers().get("ax"));
    }

    @Test
    void registerViewAndSaveStateRoundTrip() throws Exception {
        Cpu c = cpu();
        String[] names = c.registers().names().toArray(String[]::new);
        for (int i = 0; i < names.length; i++) {
            if (!names[i].equals("flags")) {
                c.registers().set(names[i], 0x1111 * (i + 1));
            }
        }
        c.registers().set("flags", 0x0ED7);
        assertEquals(0xFED7, c.registers().get("flags"), "fixed bits forced");
        assertEquals(16, c.registers().width("ax"));
        assertThrows(IllegalArgumentException.class, () -> c.registers().get("eax"));
        StateWriter w = new StateWriter();
        c.saveState(w);
        byte[] saved = w.toByteArray();
        long[] before = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            before[i] = c.registers().get(names[i]);
        }
        c.reset();
        c.loadState(new StateReader("maincpu", saved));
        long[] after = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            after[i] = c.registers().get(names[i]);
        }
        assertArrayEquals(before, after);
        assertThrows(dev.machina.core.state.StateException.class, () -> c.loadState(new StateReader("maincpu", new byte[5])));
    }
}
