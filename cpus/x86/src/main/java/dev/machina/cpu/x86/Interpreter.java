package dev.machina.cpu.x86;

import dev.machina.core.memory.AddressSpace;

import static dev.machina.cpu.x86.X86State.AF;
import static dev.machina.cpu.x86.X86State.AX;
import static dev.machina.cpu.x86.X86State.BP;
import static dev.machina.cpu.x86.X86State.BX;
import static dev.machina.cpu.x86.X86State.CF;
import static dev.machina.cpu.x86.X86State.CS;
import static dev.machina.cpu.x86.X86State.CX;
import static dev.machina.cpu.x86.X86State.DF;
import static dev.machina.cpu.x86.X86State.DI;
import static dev.machina.cpu.x86.X86State.DS;
import static dev.machina.cpu.x86.X86State.DX;
import static dev.machina.cpu.x86.X86State.ES;
import static dev.machina.cpu.x86.X86State.IF;
import static dev.machina.cpu.x86.X86State.OF;
import static dev.machina.cpu.x86.X86State.PF;
import static dev.machina.cpu.x86.X86State.SF;
import static dev.machina.cpu.x86.X86State.SI;
import static dev.machina.cpu.x86.X86State.SP;
import static dev.machina.cpu.x86.X86State.SS;
import static dev.machina.cpu.x86.X86State.TF;
import static dev.machina.cpu.x86.X86State.ZF;

/**
 * The 8086/8088 interpreter: decodes one instruction with its prefixes through {@link Decoder}
 * and carries it out, calling {@link Alu} for the arithmetic and {@link BusUnit} for memory,
 * ports and instruction fetch (20-bit program {@link AddressSpace}, 16-bit I/O space).
 * {@link #run} executes instructions until a clock budget is used or the CPU must look at an
 * interrupt, the trap, HLT or a segment load's interrupt shadow ({@link #attention}); its switch
 * holds the most frequent kinds and sends the others to one handler per kind (docs/PERFORMANCE.md,
 * 8086 section, says why).
 *
 * <p>Clock counts are the Intel 8086 Family User's Manual's (table 2-21) base figures plus the
 * effective-address time ({@link Timing}) and 4 clocks per two-cycle word transfer
 * ({@link BusUnit}); not bus-cycle exact: 68% of the shipped SingleStepTests 8086 tests take
 * exactly the recorded number of clocks ({@code X86ClockCountTest}).
 */
final class Interpreter {
    private static final Decoder.Kind[] KIND = Decoder.KIND;
    private static final int[] CLOCKS = Timing.CLOCKS;
    private static final boolean[] PREFIX = new boolean[256];

    // Routes: the kinds that a CPU-bound program executes most, each with its own case in run's
    // switch (an int switch on a byte table, no enum ordinal lookup); every other kind goes
    // through cold(). Derived from the decode table's kind and form.
    private static final int R_COLD = 0, R_PREFIX = 1, R_ALU_E = 2, R_ALU_G = 3, R_ALU_A = 4,
            R_GRP1 = 5, R_MOV_E = 6, R_MOV_G = 7, R_MOV_RI = 8, R_INC_R = 9, R_DEC_R = 10,
            R_PUSH_R = 11, R_POP_R = 12, R_JCC = 13, R_LOOP = 14, R_JMP = 15, R_CALL = 16,
            R_RET = 17, R_SHIFT = 18, R_TEST = 19, R_MOV_EI = 20, R_LEA = 21, R_XCHG_AR = 22;
    private static final byte[] ROUTE = new byte[256];

    // Effective-address registers by ModR/M r/m (8086 manual, table 4-10): base, and the index
    // added for r/m 0..3; the default segment by ModR/M byte (SS for BP-based forms).
    private static final int[] EA_BASE = {BX, BX, BP, BP, SI, DI, BP, BX};
    private static final int[] EA_INDEX = {SI, DI, SI, DI, 0, 0, 0, 0};
    private static final byte[] EA_SEG = new byte[256];

    static {
        for (int op = 0; op < 256; op++) {
            Decoder.Entry e = Decoder.TABLE[op];
            PREFIX[op] = e.form() == Decoder.Form.PREFIX;
            ROUTE[op] = (byte) switch (e.kind()) {
                case SEG, LOCK, REP -> R_PREFIX;
                case ALU -> switch (e.form()) {
                    case EG -> R_ALU_E;
                    case GE -> R_ALU_G;
                    default -> R_ALU_A;
                };
                case GRP1 -> R_GRP1;
                case MOV -> e.form() == Decoder.Form.EG ? R_MOV_E : R_MOV_G;
                case MOV_RI -> R_MOV_RI;
                case MOV_EI -> R_MOV_EI;
                case LEA -> R_LEA;
                case XCHG_AR -> R_XCHG_AR;
                case INC_R -> R_INC_R;
                case DEC_R -> R_DEC_R;
                case PUSH_R -> R_PUSH_R;
                case POP_R -> R_POP_R;
                case JCC -> R_JCC;
                case LOOP -> R_LOOP;
                case JMP -> R_JMP;
                case CALL -> R_CALL;
                case RET -> R_RET;
                case SHIFT -> R_SHIFT;
                case TEST -> R_TEST;
                default -> R_COLD;
            };
        }
        for (int m = 0; m < 256; m++) {
            int rm = m & 7;
            boolean bp = rm == 2 || rm == 3 || (rm == 6 && m >= 0x40);
            EA_SEG[m] = (byte) (bp ? SS : DS);
        }
    }

    final X86State s;
    /** Memory, ports, instruction fetch and the clock count (the 8086's bus interface unit). */
    final BusUnit bus;

    // decode state of the current instruction
    private int seg = -1;   // segment override (ES..DS) or -1; reset after a prefixed instruction
    private int rep;        // 0, 0xF2 or 0xF3; reset after a prefixed instruction
    private int modrm;
    private boolean isMem;  // ModR/M names memory
    private int eaSeg;      // segment of the memory operand (override applied)
    private int eaOff;      // offset of the memory operand
    /** Set by segment-register loads: no interrupt before the next instruction. */
    boolean inhibit;
    /** Set by the CPU while INTR is asserted, so a REP string instruction yields to it when IF=1. */
    boolean interruptWaiting;
    /** Set by the CPU while an NMI waits, so a REP string instruction yields to it. */
    boolean nmiWaiting;
    /** Set to end {@link #run} after the current instruction (the CPU's stopSlice). */
    boolean stop;
    /**
     * Set whenever {@link #needsStep} may have become true or {@link #stop} was set (HLT, a
     * segment load, a flags load, STI, an interrupt line); {@link #run} ends when it is set,
     * so its loop tests one field instead of every condition. Cleared by the CPU before run.
     */
    boolean attention;
    /** Instructions executed by the last {@link #run}. */
    long ran;

    /**
     * @param queueSize prefetch queue length in bytes: 6 for the 8086, 4 for the 8088
     */
    Interpreter(X86State s, AddressSpace mem, AddressSpace io, int queueSize) {
        this.s = s;
        this.bus = new BusUnit(s, mem, io, queueSize);
    }

    void push(int v) {
        int sp = (s.r[SP] - 2) & 0xFFFF;
        s.setReg16(SP, sp);
        bus.wr16(SS, sp, v);
    }

    int pop() {
        int sp = s.r[SP] & 0xFFFF;
        int v = bus.rd16(SS, sp);
        s.setReg16(SP, sp + 2);
        return v;
    }

    // ------------------------------------------------------------------ ModR/M

    /** Fetches the ModR/M byte of {@code op}, decodes a memory operand and adds its clocks. */
    private void modrm(int op) {
        int m = bus.fetch8() & 0xFF; // (the mask tells C2 the range: no bounds checks on the tables)
        modrm = m;
        bus.clocks += Timing.MODRM[op << 8 | m];
        if (m < 0xC0) {
            isMem = true;
            effectiveAddress(m);
        } else {
            isMem = false;
        }
    }

    /** Decodes the memory operand of ModR/M {@code m} (mod 0..2) into eaSeg:eaOff. */
    private void effectiveAddress(int m) {
        int off;
        if ((m & 0xC7) == 6) {
            off = bus.fetch16();
        } else {
            int[] r = s.r;
            int rm = m & 7;
            off = r[EA_BASE[rm]];
            if (rm < 4) {
                off += r[EA_INDEX[rm]];
            }
            int mod = m >>> 6;
            if (mod == 1) {
                off += (byte) bus.fetch8();
            } else if (mod == 2) {
                off += bus.fetch16();
            }
        }
        eaOff = off & 0xFFFF;
        eaSeg = seg >= 0 ? seg : EA_SEG[m];
    }

    private int reg() {
        return (modrm >>> 3) & 7;
    }

    private int readE(int bits) {
        return isMem ? readMem(bits) : bits == 8 ? s.reg8(modrm & 7) : s.reg16(modrm & 7);
    }

    // Kept under 35 bytes of bytecode (as is BusUnit.rd): C2 inlines a call site it does not
    // count as frequent only up to that size, and this one is taken for a quarter of readE's
    // calls or fewer, so at 40 bytes it stayed a call on some runs (docs/PERFORMANCE.md).
    private int readMem(int bits) {
        return bus.rd(bits, eaSeg, eaOff);
    }

    private void writeE(int bits, int v) {
        if (isMem) {
            writeMem(bits, v);
        } else {
            writeReg(modrm & 7, bits, v);
        }
    }

    private void writeMem(int bits, int v) {
        if (bits == 8) {
            bus.wr8(eaSeg, eaOff, v);
        } else {
            bus.wr16(eaSeg, eaOff, v);
        }
    }

    private void writeReg(int n, int bits, int v) {
        if (bits == 8) {
            s.setReg8(n, v);
        } else {
            s.setReg16(n, v);
        }
    }

    private int readG(int bits) {
        return bits == 8 ? s.reg8(reg()) : s.reg16(reg());
    }

    private void writeG(int bits, int v) {
        if (bits == 8) {
            s.setReg8(reg(), v);
        } else {
            s.setReg16(reg(), v);
        }
    }

    private int imm(int bits) {
        return bits == 8 ? bus.fetch8() : bus.fetch16();
    }

    // ------------------------------------------------------------------ interrupts

    /**
     * Enters interrupt {@code vector} (0..255): pushes FLAGS, CS and IP, clears IF and TF, and
     * loads CS:IP from the vector table at physical address {@code vector * 4}; 51 clocks plus
     * the pushes' word-transfer clocks.
     */
    void interrupt(int vector) {
        push(s.flags);
        s.flags &= ~(IF | TF);
        push(s.sr[CS]);
        push(s.ip);
        int base = (vector & 0xFF) * 4;
        s.ip = bus.readPhysical16(base);
        s.sr[CS] = bus.readPhysical16(base + 2);
        s.halted = false;
        bus.flushQueue();
        bus.flushCodeCache();
        bus.clocks += 51;
    }

    // ------------------------------------------------------------------ execution

    /**
     * Whether the CPU must look at something before the next instruction: a waiting NMI, a
     * waiting INTR with IF=1, the trap flag, HLT, or the interrupt shadow of a segment load.
     */
    boolean needsStep() {
        int f = s.flags;
        return nmiWaiting | inhibit | s.halted | (f & TF) != 0 | ((f & IF) != 0 & interruptWaiting);
    }

    /**
     * Executes instructions with their prefixes: at least one, then more while fewer than
     * {@code budget} clocks have passed and {@link #attention} is clear. Every instruction takes
     * at least 2 clocks, so a budget of 1 runs exactly one. The caller handles interrupts and
     * the trap. Sets {@link #ran} to the number of instructions executed.
     *
     * @return clocks taken
     */
    long run(long budget) {
        BusUnit b = bus;
        long start = b.clocks;
        long n = 0;
        b.startInstruction();
        do {
            int op = b.fetch8() & 0xFF; // (the mask tells C2 the range: no bounds checks on the tables)
            int route = ROUTE[op];
            boolean prefixed = route == R_PREFIX;
            if (prefixed) {
                op = prefixes(op);
                route = ROUTE[op];
            }
            b.clocks += CLOCKS[op];
            // The hottest kinds' bodies are written here rather than in handler methods: C2 may
            // compile a handler on its own before this loop and then refuses to inline it
            // ("already compiled into a big method"); code in the loop is always compiled with it.
            switch (route) {
                case R_ALU_E -> { // r/m = r/m op reg (00, 01, 08, 09, ... 38, 39)
                    int bits = 8 << (op & 1);
                    int aluOp = (op >>> 3) & 7;
                    modrm(op);
                    int r = Alu.alu(s, aluOp, readE(bits), readG(bits), bits);
                    if (aluOp != Alu.CMP) {
                        writeE(bits, r);
                    }
                }
                case R_ALU_G -> { // reg = reg op r/m (02, 03, ... 3A, 3B)
                    int bits = 8 << (op & 1);
                    int aluOp = (op >>> 3) & 7;
                    modrm(op);
                    int r = Alu.alu(s, aluOp, readG(bits), readE(bits), bits);
                    if (aluOp != Alu.CMP) {
                        writeG(bits, r);
                    }
                }
                case R_ALU_A -> aluA(op);
                case R_GRP1 -> { // r/m op= immediate (80..83)
                    int bits = 8 << (op & 1);
                    modrm(op);
                    int a = readE(bits);
                    int imm = op == 0x83 ? (byte) b.fetch8() & 0xFFFF : imm(bits);
                    int aluOp = reg();
                    int r = Alu.alu(s, aluOp, a, imm, bits);
                    if (aluOp != Alu.CMP) {
                        writeE(bits, r);
                    }
                }
                case R_MOV_E -> { // MOV r/m, reg (88, 89)
                    int bits = 8 << (op & 1);
                    modrm(op);
                    writeE(bits, readG(bits));
                }
                case R_MOV_G -> { // MOV reg, r/m (8A, 8B)
                    int bits = 8 << (op & 1);
                    modrm(op);
                    writeG(bits, readE(bits));
                }
                case R_MOV_RI -> opMovRi(op);
                case R_MOV_EI -> opMovEi(op);
                case R_LEA -> opLea(op);
                case R_XCHG_AR -> opXchgAr(op);
                case R_INC_R -> s.setReg16(op & 7, Alu.inc(s, s.reg16(op & 7), 16));
                case R_DEC_R -> s.setReg16(op & 7, Alu.dec(s, s.reg16(op & 7), 16));
                case R_PUSH_R -> opPushR(op);
                case R_POP_R -> opPopR(op);
                case R_JCC -> {
                    int d = (byte) b.fetch8();
                    if (condition(op & 0xF)) {
                        jump(s.ip + d);
                        b.clocks += Timing.BRANCH_TAKEN;
                    }
                }
                case R_LOOP -> { // LOOP (E2): CX = CX - 1, jump when CX is not 0
                    int d = (byte) b.fetch8();
                    int cx = (s.r[CX] - 1) & 0xFFFF;
                    s.setReg16(CX, cx);
                    if (cx != 0) {
                        jump(s.ip + d);
                        b.clocks += Timing.BRANCH_TAKEN;
                    }
                }
                case R_JMP -> opJmp(op);
                case R_CALL -> opCall(op);
                case R_RET -> opRet(op);
                case R_SHIFT -> { // D0..D3: shifts and rotates by 1 or CL
                    int bits = 8 << (op & 1);
                    modrm(op);
                    int count = op < 0xD2 ? 1 : s.r[CX] & 0xFF;
                    b.clocks += op < 0xD2 ? 0 : 4 * count;
                    writeE(bits, Alu.shift(s, reg(), readE(bits), count, bits));
                }
                case R_TEST -> test(op);
                default -> cold(op);
            }
            if (prefixed) { // seg and rep stay at -1 and 0 between instructions
                seg = -1;
                rep = 0;
            }
            n++;
        } while (b.clocks - start < budget && !attention);
        b.endInstruction();
        ran = n;
        return b.clocks - start;
    }

    /** Reads the prefixes starting with {@code op}; returns the opcode that follows them. */
    private int prefixes(int op) {
        do {
            Decoder.Kind k = KIND[op];
            if (k == Decoder.Kind.SEG) {
                seg = (op >>> 3) & 3;
            } else if (k == Decoder.Kind.REP) {
                rep = op;
            }
            bus.clocks += 2;
            op = bus.fetch8();
        } while (PREFIX[op]);
        return op;
    }

    /** The kinds without a route of their own in {@link #run}, by the decode table. */
    private void cold(int op) {
        int bits = (op & 1) == 0 ? 8 : 16;
        switch (KIND[op]) {
            case TEST -> test(op);
            case MOV_RI -> opMovRi(op);
            case MOV_EI -> opMovEi(op);
            case MOV_AM -> opMovAm(op, bits);
            case MOV_MA -> opMovMa(op, bits);
            case MOV_E_SR -> opMovESr(op, bits);
            case MOV_SR_E -> opMovSrE(op, bits);
            case LEA -> opLea(op);
            case LES, LDS -> opLes(op, bits);
            case XCHG -> opXchg(op, bits);
            case XCHG_AR -> opXchgAr(op);
            case PUSH_R -> opPushR(op);
            case POP_R -> opPopR(op);
            case PUSH_SR -> opPushSr(op, bits);
            case POP_SR -> opPopSr(op, bits);
            case POP_E -> opPopE(op, bits);
            case JMP -> opJmp(op);
            case CALL -> opCall(op);
            case JMPF -> opJmpf(op, bits);
            case CALLF -> opCallf(op, bits);
            case RET -> opRet(op);
            case RETF -> opRetf(op, bits);
            case IRET -> opIret(op, bits);
            case LOOPE, LOOPNE, JCXZ -> loop(KIND[op]);
            case INT3 -> interrupt(3);
            case INT -> opInt(op, bits);
            case INTO -> opInto(op, bits);
            case CBW -> opCbw(op, bits);
            case CWD -> opCwd(op, bits);
            case PUSHF -> opPushf(op, bits);
            case POPF -> opPopf(op, bits);
            case SAHF -> opSahf(op, bits);
            case LAHF -> opLahf(op, bits);
            case DAA -> opDaa(op, bits);
            case DAS -> opDas(op, bits);
            case AAA -> opAaa(op, bits);
            case AAS -> opAas(op, bits);
            case AAM -> opAam(op, bits);
            case AAD -> opAad(op, bits);
            case SALC -> opSalc(op, bits);
            case XLAT -> opXlat(op, bits);
            case MOVS, CMPS, STOS, LODS, SCAS -> string(KIND[op], bits);
            case IN -> opIn(op, bits);
            case OUT -> opOut(op, bits);
            case GRP3 -> grp3(op, bits);
            case GRP4, GRP5 -> grp5(op, op == 0xFE ? 8 : 16);
            case ESC -> opEsc(op, bits);
            case HLT -> opHlt(op, bits);
            case WAIT -> opWait(op, bits);
            case CMC -> opCmc(op, bits);
            case CLC -> opClc(op, bits);
            case STC -> opStc(op, bits);
            case CLI -> opCli(op, bits);
            case STI -> opSti(op, bits);
            case CLD -> opCld(op, bits);
            case STD -> opStd(op, bits);
            default -> throw new IllegalStateException("opcode " + Integer.toHexString(op));
        }
    }

    // ---- one handler per kind that is more than a call (small methods inline their helpers)

    private void opMovRi(int op) {
        if (op < 0xB8) {
            s.setReg8(op & 7, bus.fetch8());
        } else {
            s.setReg16(op & 7, bus.fetch16());
        }
    }

    private void opMovEi(int op) {
        int bits = 8 << (op & 1);
        modrm(op);
        writeE(bits, imm(bits));
    }

    private void opMovAm(int op, int bits) {
        int off = bus.fetch16();
        int sg = seg >= 0 ? seg : DS;
        if (bits == 8) {
            s.setReg8(0, bus.rd8(sg, off));
        } else {
            s.setReg16(AX, bus.rd16(sg, off));
        }
    }

    private void opMovMa(int op, int bits) {
        int off = bus.fetch16();
        int sg = seg >= 0 ? seg : DS;
        if (bits == 8) {
            bus.wr8(sg, off, s.r[AX]);
        } else {
            bus.wr16(sg, off, s.r[AX]);
        }
    }

    private void opMovESr(int op, int bits) {
        modrm(op);
        writeE(16, s.sr[reg() & 3]);
    }

    private void opMovSrE(int op, int bits) {
        modrm(op);
        int sr = reg() & 3;
        s.sr[sr] = readE(16);
        if (sr == CS) {
            bus.flushQueue();
            bus.flushCodeCache();
        }
        inhibit = true;
        attention = true;
    }

    private void opLea(int op) {
        modrm(op);
        s.setReg16(reg(), eaOff);
    }

    private void opLes(int op, int bits) {
        modrm(op);
        s.setReg16(reg(), bus.rd16(eaSeg, eaOff));
        s.sr[op == 0xC4 ? ES : DS] = bus.rd16(eaSeg, eaOff + 2);
    }

    private void opXchg(int op, int bits) {
        modrm(op);
        int a = readE(bits);
        writeE(bits, readG(bits));
        writeG(bits, a);
    }

    private void opXchgAr(int op) {
        int r = op & 7;
        int t = s.reg16(r);
        s.setReg16(r, s.r[AX]);
        s.setReg16(AX, t);
    }

    private void opPushR(int op) {
        int r = op & 7;
        push(r == SP ? s.r[SP] - 2 : s.r[r]);
    }

    private void opPopR(int op) {
        s.setReg16(op & 7, pop());
    }

    private void opPushSr(int op, int bits) {
        push(s.sr[(op >>> 3) & 3]);
    }

    private void opPopSr(int op, int bits) {
        int sr = (op >>> 3) & 3;
        s.sr[sr] = pop();
        if (sr == CS) {
            bus.flushQueue();
            bus.flushCodeCache();
        }
        inhibit = true;
        attention = true;
    }

    private void opPopE(int op, int bits) {
        int v = pop();
        modrm(op);
        writeE(16, v);
    }

    private void opJmp(int op) {
        int d = op == 0xEB ? (byte) bus.fetch8() : bus.fetch16();
        jump(s.ip + d);
    }

    private void opCall(int op) {
        int d = bus.fetch16();
        push(s.ip);
        jump(s.ip + d);
    }

    private void opJmpf(int op, int bits) {
        int off = bus.fetch16();
        s.sr[CS] = bus.fetch16();
        bus.flushQueue();
        bus.flushCodeCache();
        jump(off);
    }

    private void opCallf(int op, int bits) {
        int off = bus.fetch16();
        int sg = bus.fetch16();
        push(s.sr[CS]);
        push(s.ip);
        s.sr[CS] = sg;
        bus.flushQueue();
        bus.flushCodeCache();
        jump(off);
    }

    private void opRet(int op) {
        int n = (op & 1) == 0 ? bus.fetch16() : 0;
        jump(pop());
        s.setReg16(SP, s.r[SP] + n);
    }

    private void opRetf(int op, int bits) {
        int n = (op & 1) == 0 ? bus.fetch16() : 0;
        jump(pop());
        s.sr[CS] = pop();
        bus.flushQueue();
        bus.flushCodeCache();
        s.setReg16(SP, s.r[SP] + n);
    }

    private void opIret(int op, int bits) {
        jump(pop());
        s.sr[CS] = pop();
        bus.flushQueue();
        bus.flushCodeCache();
        s.loadFlags8086(pop());
        attention = true;
    }

    private void opInt(int op, int bits) {
        interrupt(bus.fetch8());
    }

    private void opInto(int op, int bits) {
        if ((s.flags & OF) != 0) {
            interrupt(4);
        }
    }

    private void opCbw(int op, int bits) {
        s.setReg16(AX, (byte) s.r[AX]);
    }

    private void opCwd(int op, int bits) {
        s.setReg16(DX, (s.r[AX] & 0x8000) != 0 ? 0xFFFF : 0);
    }

    private void opPushf(int op, int bits) {
        push(s.flags);
    }

    private void opPopf(int op, int bits) {
        s.loadFlags8086(pop());
        attention = true;
    }

    private void opSahf(int op, int bits) {
        s.flags = (s.flags & ~0xFF) | ((s.r[AX] >>> 8) & (SF | ZF | AF | PF | CF)) | 2;
    }

    private void opLahf(int op, int bits) {
        s.setReg8(4, s.flags);
    }

    private void opDaa(int op, int bits) {
        s.setReg8(0, Alu.daa(s, s.r[AX] & 0xFF));
    }

    private void opDas(int op, int bits) {
        s.setReg8(0, Alu.das(s, s.r[AX] & 0xFF));
    }

    private void opAaa(int op, int bits) {
        s.setReg16(AX, Alu.aaa(s, s.r[AX] & 0xFFFF, false));
    }

    private void opAas(int op, int bits) {
        s.setReg16(AX, Alu.aaa(s, s.r[AX] & 0xFFFF, true));
    }

    private void opAam(int op, int bits) {
        int ax = Alu.aam(s, s.r[AX] & 0xFF, bus.fetch8());
        if (ax < 0) {
            interrupt(0);
        } else {
            s.setReg16(AX, ax);
        }
    }

    private void opAad(int op, int bits) {
        s.setReg16(AX, Alu.aad(s, s.r[AX] & 0xFFFF, bus.fetch8()));
    }

    private void opSalc(int op, int bits) {
        s.setReg8(0, (s.flags & CF) != 0 ? 0xFF : 0);
    }

    private void opXlat(int op, int bits) {
        s.setReg8(0, bus.rd8(seg >= 0 ? seg : DS, s.r[BX] + (s.r[AX] & 0xFF)));
    }

    private void opIn(int op, int bits) {
        int port = (op & 8) == 0 ? bus.fetch8() : s.r[DX] & 0xFFFF;
        if (bits == 8) {
            s.setReg8(0, bus.in8(port));
        } else {
            s.setReg16(AX, bus.in8(port) | (bus.in8(port + 1) << 8));
        }
    }

    private void opOut(int op, int bits) {
        int port = (op & 8) == 0 ? bus.fetch8() : s.r[DX] & 0xFFFF;
        bus.out8(port, s.r[AX]);
        if (bits == 16) {
            bus.out8(port + 1, s.r[AX] >>> 8);
        }
    }

    private void opEsc(int op, int bits) {
        modrm(op);
        if (isMem) {
            bus.rd8(eaSeg, eaOff); // the 8086 reads the operand for the coprocessor
        }
    }

    private void opHlt(int op, int bits) {
        s.halted = true;
        attention = true;
    }

    private void opWait(int op, int bits) {
        // TEST pin taken as low (no coprocessor busy): WAIT falls through
    }

    private void opCmc(int op, int bits) {
        s.flags ^= CF;
    }

    private void opClc(int op, int bits) {
        s.flags &= ~CF;
    }

    private void opStc(int op, int bits) {
        s.flags |= CF;
    }

    private void opCli(int op, int bits) {
        s.flags &= ~IF;
    }

    private void opSti(int op, int bits) {
        s.flags |= IF;
        attention = true;
    }

    private void opCld(int op, int bits) {
        s.flags &= ~DF;
    }

    private void opStd(int op, int bits) {
        s.flags |= DF;
    }

    /** A transfer of control to {@code target} in CS: the prefetch queue is flushed. */
    private void jump(int target) {
        s.ip = target & 0xFFFF;
        bus.flushQueue();
    }

    /** Condition {@code cc} (0..15) of Jcc in opcode order: O NO B NB Z NZ BE A S NS P NP L NL LE G. */
    boolean condition(int cc) {
        int f = s.flags;
        boolean r = switch (cc >>> 1) {
            case 0 -> (f & OF) != 0;
            case 1 -> (f & CF) != 0;
            case 2 -> (f & ZF) != 0;
            case 3 -> (f & (CF | ZF)) != 0;
            case 4 -> (f & SF) != 0;
            case 5 -> (f & PF) != 0;
            case 6 -> ((f & SF) != 0) != ((f & OF) != 0);
            default -> (f & ZF) != 0 || (((f & SF) != 0) != ((f & OF) != 0));
        };
        return r ^ ((cc & 1) != 0);
    }

    /** ALU AL/AX, immediate (04, 05, ... 3C, 3D). */
    private void aluA(int op) {
        int bits = 8 << (op & 1);
        int aluOp = (op >>> 3) & 7;
        int acc = bits == 8 ? s.r[AX] & 0xFF : s.r[AX] & 0xFFFF;
        int r = Alu.alu(s, aluOp, acc, imm(bits), bits);
        if (aluOp != Alu.CMP) {
            if (bits == 8) {
                s.setReg8(0, r);
            } else {
                s.setReg16(AX, r);
            }
        }
    }

    private void test(int op) {
        int bits = 8 << (op & 1);
        if (op >= 0xA8) {
            Alu.logic(s, s.r[AX] & imm(bits), bits);
        } else {
            modrm(op);
            Alu.logic(s, readE(bits) & readG(bits), bits);
        }
    }

    /** LOOPE, LOOPNE (CX = CX - 1, then the ZF condition) and JCXZ. */
    private void loop(Decoder.Kind k) {
        int d = (byte) bus.fetch8();
        boolean take;
        if (k == Decoder.Kind.JCXZ) {
            take = (s.r[CX] & 0xFFFF) == 0;
        } else {
            int cx = (s.r[CX] - 1) & 0xFFFF;
            s.setReg16(CX, cx);
            take = cx != 0 && switch (k) {
                case LOOPE -> (s.flags & ZF) != 0;
                case LOOPNE -> (s.flags & ZF) == 0;
                default -> true;
            };
        }
        if (take) {
            jump(s.ip + d);
            bus.clocks += k == Decoder.Kind.LOOPNE ? Timing.BRANCH_TAKEN + 2 : Timing.BRANCH_TAKEN;
        }
    }

    private void grp3(int op, int bits) {
        modrm(op);
        int a = readE(bits);
        boolean negate = rep != 0;
        switch (reg()) {
            case 0, 1 -> Alu.logic(s, a & imm(bits), bits);
            case 2 -> writeE(bits, ~a);
            case 3 -> writeE(bits, Alu.neg(s, a, bits));
            case 4, 5 -> {
                boolean signed = reg() == 5;
                long p = Alu.mul(s, s.r[AX], a, bits, signed, negate && signed);
                if (bits == 8) {
                    s.setReg16(AX, (int) p);
                } else {
                    s.setReg16(AX, (int) p);
                    s.setReg16(DX, (int) (p >>> 16));
                }
                bus.clocks += bits == 8 ? 70 : 118;
            }
            default -> {
                boolean signed = reg() == 7;
                long dividend = bits == 8 ? s.r[AX] & 0xFFFF : ((long) (s.r[DX] & 0xFFFF) << 16) | (s.r[AX] & 0xFFFF);
                long qr = Alu.div(s, dividend, a, bits, signed, negate && signed);
                bus.clocks += bits == 8 ? 80 : 144;
                if (qr < 0) {
                    interrupt(0);
                } else if (bits == 8) {
                    s.setReg16(AX, (int) qr);
                } else {
                    s.setReg16(AX, (int) qr);
                    s.setReg16(DX, (int) (qr >>> 16));
                }
            }
        }
    }

    private void grp5(int op, int bits) {
        modrm(op);
        switch (reg()) {
            case 0 -> writeE(bits, Alu.inc(s, readE(bits), bits));
            case 1 -> writeE(bits, Alu.dec(s, readE(bits), bits));
            case 2 -> {
                int t = readE(bits);
                push(s.ip);
                jump(t);
            }
            case 3 -> {
                int off = readE(16);
                int sg = bus.rd16(eaSeg, eaOff + 2);
                push(s.sr[CS]);
                push(s.ip);
                s.sr[CS] = sg;
                bus.flushQueue();
                bus.flushCodeCache();
                jump(off);
            }
            case 4 -> jump(readE(bits));
            case 5 -> {
                int off = readE(16);
                s.sr[CS] = bus.rd16(eaSeg, eaOff + 2);
                bus.flushQueue();
                bus.flushCodeCache();
                jump(off);
            }
            default -> {
                if (!isMem && (modrm & 7) == SP) {
                    push(s.r[SP] - 2);
                } else {
                    push(readE(bits));
                }
            }
        }
    }

    // ------------------------------------------------------------------ strings

    private void string(Decoder.Kind k, int bits) {
        if (rep == 0) {
            stringOnce(k, bits);
            return;
        }
        int opcodeIp = (s.ip - 1) & 0xFFFF; // string instructions have no operand bytes
        boolean compares = k == Decoder.Kind.CMPS || k == Decoder.Kind.SCAS;
        while ((s.r[CX] & 0xFFFF) != 0) {
            stringOnce(k, bits);
            s.setReg16(CX, s.r[CX] - 1);
            bus.clocks += 9;
            if (compares && ((s.flags & ZF) != 0) != (rep == 0xF3)) {
                break;
            }
            if ((nmiWaiting || (s.flags & TF) != 0 || (interruptWaiting && (s.flags & IF) != 0)) && (s.r[CX] & 0xFFFF) != 0) {
                // an interrupt or the single-step trap is taken between iterations;
                // the 8086 resumes at the last prefix byte only (its known multi-prefix bug)
                jump((opcodeIp - 1) & 0xFFFF);
                break;
            }
        }
    }

    private void stringOnce(Decoder.Kind k, int bits) {
        int step = (s.flags & DF) != 0 ? -(bits >>> 3) : bits >>> 3;
        int src = seg >= 0 ? seg : DS;
        int si = s.r[SI] & 0xFFFF;
        int di = s.r[DI] & 0xFFFF;
        switch (k) {
            case MOVS -> {
                if (bits == 8) {
                    bus.wr8(ES, di, bus.rd8(src, si));
                } else {
                    bus.wr16(ES, di, bus.rd16(src, si));
                }
                s.setReg16(SI, si + step);
                s.setReg16(DI, di + step);
            }
            case CMPS -> {
                int a = bits == 8 ? bus.rd8(src, si) : bus.rd16(src, si);
                int b = bits == 8 ? bus.rd8(ES, di) : bus.rd16(ES, di);
                Alu.sub(s, a, b, 0, bits);
                s.setReg16(SI, si + step);
                s.setReg16(DI, di + step);
            }
            case STOS -> {
                if (bits == 8) {
                    bus.wr8(ES, di, s.r[AX]);
                } else {
                    bus.wr16(ES, di, s.r[AX]);
                }
                s.setReg16(DI, di + step);
            }
            case LODS -> {
                if (bits == 8) {
                    s.setReg8(0, bus.rd8(src, si));
                } else {
                    s.setReg16(AX, bus.rd16(src, si));
                }
                s.setReg16(SI, si + step);
            }
            default -> { // SCAS
                int b = bits == 8 ? bus.rd8(ES, di) : bus.rd16(ES, di);
                Alu.sub(s, bits == 8 ? s.r[AX] & 0xFF : s.r[AX] & 0xFFFF, b, 0, bits);
                s.setReg16(DI, di + step);
            }
        }
    }
}
