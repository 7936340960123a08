package dev.machina.cpu.z80;

import dev.machina.core.memory.AddressSpace;

import java.util.ArrayList;
import java.util.List;

/**
 * The lockstep checker ({@code --engine lockstep}): each block runs on the recompiler, then the
 * state and memory are put back and the interpreter runs the same number of instructions; the
 * two results (every register including WZ, R, Q, the EI and LD A,I/R marks, IFF1/2, IM, HALT,
 * the T-states, and every byte of the directly mapped memory) must be equal, else the run stops
 * with a {@link Z80LockstepMismatch} that prints both states. Blocks that perform I/O run
 * only once (on the recompiler), so devices see each access once.
 */
final class Z80Lockstep {
    private final Z80Recompiler rc;
    private final Z80State s;
    private final AddressSpace mem;
    private final byte[] before = new byte[0x10000];
    private final byte[] afterRecompiler = new byte[0x10000];
    private final byte[] afterInterpreter = new byte[0x10000];
    private long checked;

    Z80Lockstep(Z80Recompiler rc) {
        this.rc = rc;
        this.s = rc.s;
        this.mem = rc.mem;
    }

    /** Blocks compared so far. */
    long checked() {
        return checked;
    }

    Z80Block run(Z80Block b) {
        if (b.io) {
            return b.run(rc);
        }
        Snapshot start = new Snapshot(s, rc.in.t);
        copyMemory(before);
        Z80Block next = b.run(rc);
        int exit = rc.lastExit;
        boolean exitRequest = rc.exitRequest;
        Snapshot recompiled = new Snapshot(s, rc.in.t);
        copyMemory(afterRecompiler);
        // back to the start, then the interpreter
        restoreMemory(afterRecompiler, before);
        start.restore(s);
        rc.in.t = start.t;
        long n = recompiled.icount - start.icount;
        for (long k = 0; k < n; k++) {
            rc.in.one();
        }
        Snapshot interpreted = new Snapshot(s, rc.in.t);
        copyMemory(afterInterpreter);
        List<String> diffs = recompiled.differences(interpreted);
        for (int a = 0; a < 0x10000; a++) {
            if (afterRecompiler[a] != afterInterpreter[a] && diffs.size() < 20) {
                diffs.add(String.format("memory %04XH: recompiler %02XH, interpreter %02XH", a,
                        afterRecompiler[a] & 0xFF, afterInterpreter[a] & 0xFF));
            }
        }
        if (!diffs.isEmpty()) {
            throw new Z80LockstepMismatch(String.format(
                    "z80 lockstep: the block at %04XH (%d instructions) differs after %d checked blocks: %s%n  start:       %s%n  recompiler:  %s%n  interpreter: %s",
                    b.address, b.instructions, checked, String.join("; ", diffs), start, recompiled, interpreted));
        }
        checked++;
        rc.lastExit = exit;
        rc.exitRequest |= exitRequest;
        return next;
    }

    private void copyMemory(byte[] into) {
        int page = mem.pageSize();
        for (int a = 0; a < 0x10000; a += page) {
            byte[] arr = mem.directReadArray(a);
            if (arr != null) {
                System.arraycopy(arr, mem.directReadArrayIndex(a), into, a, page);
            }
        }
    }

    /** Writes back (through the address space, so code watching sees it) every byte that changed. */
    private void restoreMemory(byte[] now, byte[] target) {
        for (int a = 0; a < 0x10000; a++) {
            if (now[a] != target[a]) {
                mem.write8(a, target[a] & 0xFF);
            }
        }
    }

    /** Every part of the Z80 state the engines must agree on. */
    private static final class Snapshot {
        final int[] r;
        final int f, af2, bc2, de2, hl2, sp, pc, i, rv, wz, im, q;
        final boolean iff1, iff2, ei, p, halted;
        final long icount, t, qMark, eiMark, pMark;
        final int rr, r7;

        Snapshot(Z80State s, long t) {
            r = s.r.clone();
            f = s.f;
            af2 = s.af2;
            bc2 = s.bc2;
            de2 = s.de2;
            hl2 = s.hl2;
            sp = s.sp;
            pc = s.pc;
            i = s.i;
            rv = s.r();
            rr = s.rr;
            r7 = s.r7;
            wz = s.wz;
            im = s.im;
            q = s.q();
            iff1 = s.iff1;
            iff2 = s.iff2;
            ei = s.ei();
            p = s.p();
            halted = s.halted;
            icount = s.icount;
            qMark = s.qMark;
            eiMark = s.eiMark;
            pMark = s.pMark;
            this.t = t;
        }

        void restore(Z80State s) {
            System.arraycopy(r, 0, s.r, 0, r.length);
            s.f = f;
            s.af2 = af2;
            s.bc2 = bc2;
            s.de2 = de2;
            s.hl2 = hl2;
            s.sp = sp;
            s.pc = pc;
            s.i = i;
            s.rr = rr;
            s.r7 = r7;
            s.wz = wz;
            s.im = im;
            s.iff1 = iff1;
            s.iff2 = iff2;
            s.halted = halted;
            s.icount = icount;
            s.qMark = qMark;
            s.eiMark = eiMark;
            s.pMark = pMark;
        }

        List<String> differences(Snapshot o) {
            List<String> d = new ArrayList<>();
            if (!toString().equals(o.toString())) {
                d.add("registers");
            }
            return d;
        }

        @Override
        public String toString() {
            return String.format("PC=%04X SP=%04X AF=%04X BC=%04X DE=%04X HL=%04X IX=%04X IY=%04X AF'=%04X BC'=%04X DE'=%04X HL'=%04X"
                            + " I=%02X R=%02X WZ=%04X IM=%d IFF1=%b IFF2=%b Q=%02X EI=%b P=%b HALT=%b instructions=%d T=%d",
                    pc, sp, r[Z80State.A] << 8 | f, r[Z80State.B] << 8 | r[Z80State.C], r[Z80State.D] << 8 | r[Z80State.E],
                    r[Z80State.H] << 8 | r[Z80State.L], r[Z80State.IXH] << 8 | r[Z80State.IXL],
                    r[Z80State.IYH] << 8 | r[Z80State.IYL], af2, bc2, de2, hl2, i, rv, wz, im, iff1, iff2, q, ei, p, halted,
                    icount, t);
        }
    }
}
