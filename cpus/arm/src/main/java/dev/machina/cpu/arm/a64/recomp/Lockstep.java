package dev.machina.cpu.arm.a64.recomp;

import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.MemoryFault;
import dev.machina.cpu.arm.a64.PagedMemory;
import dev.machina.cpu.arm.a64.Undefined;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code lockstep} checker (DESIGN.md, Recompilers): runs a translated block, records its
 * stores, puts registers and memory back, runs the same number of instructions on the
 * interpreter from the same state, and compares every register, flag, vector and system
 * register and every byte either run stored. The first difference stops the run with a
 * {@link LockstepMismatch} that prints both states. A block that faults is not compared: it is
 * undone and the interpreter runs it (the fault is then taken the interpreter's way).
 */
final class Lockstep {
    private final A64Cpu cpu;
    private final PagedMemory memory;

    /** Stores seen: page array, offset, the 8 bytes (or fewer at the page end) before the store. */
    private static final class Log implements PagedMemory.WriteLog {
        final List<byte[]> pages = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        final List<byte[]> old = new ArrayList<>();

        @Override
        public void before(byte[] page, int offset) {
            pages.add(page);
            offsets.add(offset);
            old.add(Arrays.copyOfRange(page, offset, Math.min(page.length, offset + 8)));
        }

        void undo() {
            for (int k = pages.size() - 1; k >= 0; k--) {
                byte[] o = old.get(k);
                System.arraycopy(o, 0, pages.get(k), offsets.get(k), o.length);
            }
        }

        byte[][] current() {
            byte[][] c = new byte[pages.size()][];
            for (int k = 0; k < c.length; k++) {
                c[k] = Arrays.copyOfRange(pages.get(k), offsets.get(k), offsets.get(k) + old.get(k).length);
            }
            return c;
        }
    }

    Lockstep(A64Cpu cpu) {
        this.cpu = cpu;
        this.memory = cpu.memory;
    }

    /** Runs {@code b} checked; on return the CPU's state is the interpreter's (equal to the block's). */
    void run(A64Block b) {
        State before = new State(cpu);
        Log translated = new Log();
        memory.setWriteLog(translated);
        boolean faulted = false;
        try {
            cpu.codeWritten = false;
            b.run(cpu);
        } catch (MemoryFault | Undefined f) {
            faulted = true;
        } finally {
            memory.setWriteLog(null);
        }
        State afterBlock = new State(cpu);
        byte[][] blockBytes = translated.current();
        long count = cpu.retired - before.retired;
        translated.undo();
        before.restore(cpu);
        if (faulted) {
            // the interpreter runs up to and including the faulting instruction and takes the fault its way
            for (long k = 0; k <= count && !cpu.stopRequested(); k++) {
                cpu.interpretOne();
                cpu.retired++;
            }
            return;
        }
        Log interpreted = new Log();
        memory.setWriteLog(interpreted);
        try {
            // no stop check: a stop requested meanwhile (another process's kill) did not cut the block short either
            for (long k = 0; k < count; k++) {
                cpu.interpretOne();
                cpu.retired++;
            }
        } finally {
            memory.setWriteLog(null);
        }
        State afterInterpreter = new State(cpu);
        String diff = afterInterpreter.diff(afterBlock);
        if (diff == null) {
            diff = memoryDiff(translated, blockBytes, interpreted);
        }
        if (diff != null) {
            throw new LockstepMismatch("lockstep: the block at 0x" + Long.toHexString(b.address) + " (" + b.instructions
                    + " instructions) differs from the interpreter: " + diff + "\n  state before:      " + before
                    + "\n  interpreter after: " + afterInterpreter + "\n  recompiler after:  " + afterBlock);
        }
    }

    /** Compares the bytes each run stored: the block's (recorded) with memory now (the interpreter's). */
    private static String memoryDiff(Log translated, byte[][] blockBytes, Log interpreted) {
        for (int k = 0; k < blockBytes.length; k++) {
            byte[] now = Arrays.copyOfRange(translated.pages.get(k), translated.offsets.get(k), translated.offsets.get(k) + blockBytes[k].length);
            if (!Arrays.equals(now, blockBytes[k])) {
                return "memory at page offset 0x" + Integer.toHexString(translated.offsets.get(k)) + ": interpreter "
                        + HexFormat.of().formatHex(now) + ", recompiler " + HexFormat.of().formatHex(blockBytes[k]);
            }
        }
        if (interpreted.pages.size() != translated.pages.size()) {
            return "the interpreter made " + interpreted.pages.size() + " stores, the recompiler " + translated.pages.size();
        }
        return null;
    }

    /** Everything architectural of the CPU except memory. */
    private static final class State {
        final long[] x = new long[32];
        final long[] vreg = new long[64];
        final long sp, pc, tpidr, exclusive, retired;
        final int nzcv, fpcr, fpsr;

        State(A64Cpu c) {
            System.arraycopy(c.x, 0, x, 0, 32);
            System.arraycopy(c.vreg, 0, vreg, 0, 64);
            sp = c.sp;
            pc = c.pc;
            tpidr = c.tpidr;
            exclusive = c.exclusiveAddress;
            retired = c.retired;
            nzcv = c.nzcv();
            fpcr = c.fpcr;
            fpsr = c.fpsr;
        }

        void restore(A64Cpu c) {
            System.arraycopy(x, 0, c.x, 0, 32);
            System.arraycopy(vreg, 0, c.vreg, 0, 64);
            c.sp = sp;
            c.pc = pc;
            c.npc = pc;
            c.tpidr = tpidr;
            c.exclusiveAddress = exclusive;
            c.retired = retired;
            c.setNzcv(nzcv >>> 28);
            c.fpcr = fpcr;
            c.fpsr = fpsr;
        }

        String diff(State o) {
            for (int r = 0; r < 31; r++) {
                if (x[r] != o.x[r]) {
                    return "x" + r;
                }
            }
            for (int r = 0; r < 64; r++) {
                if (vreg[r] != o.vreg[r]) {
                    return "v" + r / 2 + (r % 2 == 0 ? " (low half)" : " (high half)");
                }
            }
            if (sp != o.sp) {
                return "sp";
            }
            if (pc != o.pc) {
                return "pc";
            }
            if (nzcv != o.nzcv) {
                return "nzcv";
            }
            if (fpcr != o.fpcr || fpsr != o.fpsr) {
                return "fpcr/fpsr";
            }
            if (tpidr != o.tpidr || exclusive != o.exclusive) {
                return "tpidr_el0/exclusive monitor";
            }
            if (retired != o.retired) {
                return "instructions retired";
            }
            return null;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("pc=0x" + Long.toHexString(pc) + " sp=0x" + Long.toHexString(sp) + " nzcv=" + Integer.toBinaryString(nzcv >>> 28 | 16).substring(1));
            for (int r = 0; r < 31; r++) {
                s.append(" x").append(r).append("=0x").append(Long.toHexString(x[r]));
            }
            for (int r = 0; r < 32; r++) {
                if (vreg[2 * r] != 0 || vreg[2 * r + 1] != 0) {
                    s.append(" v").append(r).append("=0x").append(Long.toHexString(vreg[2 * r + 1])).append(':').append(Long.toHexString(vreg[2 * r]));
                }
            }
            return s.append(" fpcr=0x").append(Integer.toHexString(fpcr)).append(" fpsr=0x").append(Integer.toHexString(fpsr)).toString();
        }
    }
}
