package dev.machina.cpu.m6502;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The {@code lockstep} engine: runs every translated block on the recompiler, then rewinds the
 * registers, the interpreter's run state and memory and runs the interpreter over the same
 * cycles, and compares registers, PC, cycle count and all 64 KiB; the first difference stops
 * the run with an {@link IllegalStateException} whose message shows both states (DESIGN.md,
 * Recompilers). The interpreter's result is the one kept. Cold code is interpreted as by the
 * recompiler engine.
 *
 * <p>Memory is rewound by copying the direct pages back, so the program space must consist of
 * direct pages and no {@link BusCycleHook} may be installed (a device would see its accesses
 * twice): otherwise the run stops with an {@link IllegalStateException} saying so.
 */
final class M6502Lockstep {
    private final M6502 cpu;
    private final M6502Interpreter in;
    private final M6502Recompiler recompiler;
    private final M6502State s;
    private final AddressSpace mem;
    private final byte[] before = new byte[0x10000];
    private final byte[] afterBlock = new byte[0x10000];
    private final byte[] afterInterp = new byte[0x10000];
    private long blocksCompared;

    M6502Lockstep(M6502 cpu, M6502Recompiler recompiler) {
        this.cpu = cpu;
        this.in = cpu.interpreter();
        this.recompiler = recompiler;
        this.s = cpu.state();
        this.mem = cpu.program();
    }

    /** Blocks compared so far. */
    long blocksCompared() {
        return blocksCompared;
    }

    /**
     * Runs until the cycle count reaches {@code endCycle} or a stop is requested.
     *
     * @throws IllegalStateException at the first difference between the engines, or when the
     *                               bus is not quiet (see the class comment)
     */
    void run(long endCycle) {
        in.stopRequested = false;
        in.runEnd = in.cycles;   // translated loops run one pass per comparison
        while (in.cycles < endCycle && !in.stopRequested) {
            if (in.attention && (in.service() || in.interruptWaiting())) {
                if (in.interruptWaiting()) {
                    in.step();
                }
                continue;
            }
            int mode = recompiler.mode();
            if ((mode & M6502Block.MODE_QUIET) == 0) {
                throw new IllegalStateException("lockstep needs a program space of direct RAM/ROM pages and no bus hook");
            }
            M6502Block b = recompiler.lookup(s.pc, mode);
            if (b == null) {
                in.step();
                continue;
            }
            compare(b, mode);
        }
    }

    private void compare(M6502Block b, int mode) {
        int[] regs0 = registers();
        byte[] run0 = runState();
        snapshot(before);

        recompiler.enter(b, mode);
        int[] regsBlock = registers();
        long cyclesBlock = in.cycles;
        snapshot(afterBlock);

        restore(regs0, run0);
        do {
            in.step();
        } while (in.cycles < cyclesBlock);
        int[] regsInterp = registers();
        snapshot(afterInterp);
        blocksCompared++;

        if (!Arrays.equals(regsBlock, regsInterp) || cyclesBlock != in.cycles || !Arrays.equals(afterBlock, afterInterp)) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("lockstep: engines differ after the block at $%04X (%s, %d instructions) entered with %s%n",
                    b.address, b, b.instructions, describe(regs0)));
            sb.append(String.format("  recompiler:  %s cycles=%d%n", describe(regsBlock), cyclesBlock));
            sb.append(String.format("  interpreter: %s cycles=%d", describe(regsInterp), in.cycles));
            int shown = 0;
            for (int a = 0; a < 0x10000 && shown < 8; a++) {
                if (afterBlock[a] != afterInterp[a]) {
                    sb.append(String.format("%n  ram[$%04X]: recompiler $%02X, interpreter $%02X (before $%02X)",
                            a, afterBlock[a] & 0xFF, afterInterp[a] & 0xFF, before[a] & 0xFF));
                    shown++;
                }
            }
            throw new IllegalStateException(sb.toString());
        }
    }

    private int[] registers() {
        return new int[]{s.a, s.x, s.y, s.s, s.p(), s.pc};
    }

    private static String describe(int[] r) {
        return String.format("A=%02X X=%02X Y=%02X S=%02X P=%02X PC=%04X", r[0], r[1], r[2], r[3], r[4], r[5]);
    }

    private byte[] runState() {
        StateWriter w = new StateWriter();
        in.save(w);
        return w.toByteArray();
    }

    private void restore(int[] regs, byte[] run) {
        s.a = regs[0];
        s.x = regs[1];
        s.y = regs[2];
        s.s = regs[3];
        s.setP(regs[4]);
        s.pc = regs[5];
        try {
            in.load(new StateReader("lockstep", run));
        } catch (StateException e) {
            throw new IllegalStateException(e);
        }
        int pageSize = mem.pageSize();
        for (int a = 0; a < 0x10000; a += pageSize) {
            MemorySegment seg = mem.directReadSegment(a);
            if (!seg.isReadOnly()) {
                MemorySegment.copy(before, a, seg, ValueLayout.JAVA_BYTE, mem.directReadOffset(a), pageSize);
            }
        }
    }

    private void snapshot(byte[] into) {
        int pageSize = mem.pageSize();
        for (int a = 0; a < 0x10000; a += pageSize) {
            MemorySegment seg = mem.directReadSegment(a);
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, mem.directReadOffset(a), into, a, pageSize);
        }
    }
}
