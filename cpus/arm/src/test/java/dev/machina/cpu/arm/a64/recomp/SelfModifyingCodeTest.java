package dev.machina.cpu.arm.a64.recomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.MemoryFault;
import dev.machina.cpu.arm.a64.PagedMemory;
import dev.machina.cpu.arm.a64.Supervisor;
import org.junit.jupiter.api.Test;

/**
 * Stores into translated code at the CPU level, with hand-encoded A64 words (Arm ARM C6.2):
 * a loop that rewrites an instruction of its own region, checked against the interpreter.
 */
class SelfModifyingCodeTest {
    private static final long CODE = 0x10000;

    private static final class Halt implements Supervisor {
        @Override
        public void supervisorCall(A64Cpu cpu, int imm16) {
            cpu.stopSlice();
        }

        @Override
        public void undefinedInstruction(A64Cpu cpu, long pc, int insn) {
            throw new AssertionError("undefined 0x" + Integer.toHexString(insn) + " at 0x" + Long.toHexString(pc));
        }

        @Override
        public void memoryFault(A64Cpu cpu, long pc, MemoryFault fault) {
            throw new AssertionError(fault.getMessage() + " at 0x" + Long.toHexString(pc));
        }

        @Override
        public void breakpoint(A64Cpu cpu, long pc, int imm16) {
            cpu.stopSlice();
        }
    }

    /**
     * x0 counts down from 100; iteration k runs "add x1, x1, #k" and then rewrites that
     * instruction with k + 1 (w3 holds the word), so x1 = 1 + 2 + ... + 100.
     */
    private static A64Cpu run(String engine) {
        int[] words = {
            0xD2800C80, // 0x00 movz x0, #100
            0xD2800001, // 0x04 movz x1, #0
            0x10000082, // 0x08 adr x2, 0x18 (the patched add)
            0x52800000 | 0x0421 << 5 | 3, // 0x0c movz w3, #0x0421
            0x72A00000 | 0x9100 << 5 | 3, // 0x10 movk w3, #0x9100, lsl #16: w3 = "add x1, x1, #1"
            0x14000001, // 0x14 b 0x18
            0x91000421, // 0x18 add x1, x1, #1 (rewritten with #k)
            0x11100063, // 0x1c add w3, w3, #0x400: the word with k + 1 in its imm12 field
            0xB9000043, // 0x20 str w3, [x2]: rewrites 0x18, in the running loop
            0xF1000400, // 0x24 subs x0, x0, #1
            0x54000000 | (-4 & 0x7FFFF) << 5 | 1, // 0x28 b.ne 0x18
            0xD4200000, // 0x2c brk #0
        };
        PagedMemory mem = new PagedMemory();
        mem.map(CODE, PagedMemory.PAGE_SIZE, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE | PagedMemory.PROT_EXEC);
        for (int k = 0; k < words.length; k++) {
            mem.write32(CODE + 4L * k, words[k]);
        }
        A64Cpu cpu = new A64Cpu("cpu", mem, new Halt());
        cpu.setHotThreshold(1);
        cpu.setEngine(engine);
        cpu.pc = CODE;
        cpu.execute(1_000_000);
        return cpu;
    }

    @Test
    void loopRewritingItsOwnInstruction() {
        A64Cpu interpreter = run("interpreter");
        assertEquals(5050, interpreter.x[1], "1 + 2 + ... + 100 on the interpreter");
        for (String engine : new String[] {"recompiler", "lockstep"}) {
            A64Cpu c = run(engine);
            assertEquals(interpreter.x[1], c.x[1], engine + ": x1");
            assertEquals(interpreter.retired, c.retired, engine + ": instructions retired");
            assertEquals(interpreter.pc, c.pc, engine + ": pc");
        }
        A64Recompiler r = (A64Recompiler) run("recompiler").executionEngine();
        assertTrue(r.cache().invalidations() >= 99, "each store into the loop dropped its translation: " + r);
    }
}
