package dev.machina.cpu.x86;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A REP STOSB interrupted by INTR half-way: the 8086 takes the interrupt between iterations with
 * the return address on the REP prefix, and after IRET the instruction resumes with the count
 * left in CX (Intel 8086 Family User's Manual, "REP" and "Interrupts").
 */
class X86RepInterruptTest {

    @Test
    void repStosbIsInterruptedAndResumed() {
        byte[] ram = new byte[1 << 20];
        byte[] device = new byte[0x100];
        AddressSpace mem = new AddressSpace("t", 20, 12, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace("io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        X86Cpu cpu = (X86Cpu) new X86Family().create("8086", "maincpu", mem, io);
        InterruptLine intr = cpu.line("intr");
        mem.installHandler(0x20000, 0x200FF, offset -> device[offset] & 0xFF, (offset, value) -> {
            device[offset] = (byte) value;
            if (offset == 0x80) {
                intr.assertLine(); // a device that interrupts when this byte is written
            }
        });
        intr.setAcknowledge(line -> {
            line.clear();
            return 0x40;
        });
        int[] program = {
            0xFB,             // 0500 sti
            0xF3, 0xAA,       // 0501 rep stosb
            0xF4};            // 0503 hlt
        int[] handler = {
            0xFF, 0x06, 0x00, 0x07, // 0600 inc word [0700h]
            0x50,                   // 0604 push ax
            0x55,                   // 0605 push bp
            0x89, 0xE5,             // 0606 mov bp, sp
            0x8B, 0x46, 0x04,       // 0608 mov ax, [bp+4]   ; the pushed IP
            0xA3, 0x02, 0x07,       // 060B mov [0702h], ax
            0x5D,                   // 060E pop bp
            0x58,                   // 060F pop ax
            0xCF};                  // 0610 iret
        for (int i = 0; i < program.length; i++) {
            ram[0x500 + i] = (byte) program[i];
        }
        for (int i = 0; i < handler.length; i++) {
            ram[0x600 + i] = (byte) handler[i];
        }
        ram[0x40 * 4] = 0x00; // vector 40h -> 0000:0600
        ram[0x40 * 4 + 1] = 0x06;
        var r = cpu.registers();
        r.set("cs", 0);
        r.set("ip", 0x500);
        r.set("ds", 0);
        r.set("es", 0x2000);
        r.set("di", 0);
        r.set("cx", 0x200);
        r.set("ax", 0x5A);
        r.set("ss", 0x9000);
        r.set("sp", 0xFFFE);
        for (int i = 0; i < 1000 && !cpu.state().halted; i++) {
            cpu.execute(1);
        }
        assertTrue(cpu.state().halted);
        assertEquals(1, (ram[0x700] & 0xFF) | (ram[0x701] & 0xFF) << 8, "one interrupt");
        assertEquals(0x501, (ram[0x702] & 0xFF) | (ram[0x703] & 0xFF) << 8, "return address is the REP prefix");
        assertEquals(0, r.get("cx"));
        assertEquals(0x200, r.get("di"));
        for (int i = 0; i < 0x100; i++) {
            assertEquals(0x5A, device[i] & 0xFF, "device byte " + i);
            assertEquals(0x5A, ram[0x20100 + i] & 0xFF, "RAM byte " + i);
        }
    }

    /**
     * CS REP MOVSB interrupted: the 8086 resumes at the last prefix (REP), so the CS override is
     * lost and the rest is copied from DS:SI (Intel 8086 Family User's Manual: with several
     * prefixes an interrupted string instruction keeps only the one before the opcode).
     */
    @Test
    void interruptedRepLosesEarlierPrefixes() {
        byte[] ram = new byte[1 << 20];
        AddressSpace mem = new AddressSpace("t", 20, 12, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace("io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        X86Cpu cpu = (X86Cpu) new X86Family().create("8086", "maincpu", mem, io);
        InterruptLine intr = cpu.line("intr");
        byte[] device = new byte[0x100];
        // destination 3000:0000..00FF is a device that interrupts when byte 0x10 is written
        mem.installHandler(0x30000, 0x300FF, offset -> device[offset] & 0xFF, (offset, value) -> {
            device[offset] = (byte) value;
            if (offset == 0x10) {
                intr.assertLine();
            }
        });
        intr.setAcknowledge(line -> {
            line.clear();
            return 0x40;
        });
        int[] program = {0xFB, 0x2E, 0xF3, 0xA4, 0xF4}; // 0500 sti; cs rep movsb; hlt
        for (int i = 0; i < program.length; i++) {
            ram[0x500 + i] = (byte) program[i];
        }
        ram[0x600] = (byte) 0xCF; // 0600 iret
        ram[0x40 * 4 + 1] = 0x06; // vector 40h -> 0000:0600
        for (int i = 0; i < 0x20; i++) {
            ram[0x1000 + i] = (byte) 0xC5;  // CS:1000 (CS = 0): the source the override names
            ram[0x21000 + i] = (byte) 0xD5; // DS:1000 (DS = 2000)
        }
        var r = cpu.registers();
        r.set("cs", 0);
        r.set("ip", 0x500);
        r.set("ds", 0x2000);
        r.set("es", 0x3000);
        r.set("si", 0x1000);
        r.set("di", 0);
        r.set("cx", 0x20);
        r.set("ss", 0x9000);
        r.set("sp", 0xFFFE);
        for (int i = 0; i < 1000 && !cpu.state().halted; i++) {
            cpu.execute(1);
        }
        assertTrue(cpu.state().halted);
        assertEquals(0, r.get("cx"));
        for (int i = 0; i <= 0x10; i++) {
            assertEquals(0xC5, device[i] & 0xFF, "byte " + i + " copied with the CS override");
        }
        for (int i = 0x11; i < 0x20; i++) {
            assertEquals(0xD5, device[i] & 0xFF, "byte " + i + " copied from DS after the resume");
        }
    }
}
