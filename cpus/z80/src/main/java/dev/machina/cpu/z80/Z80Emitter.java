package dev.machina.cpu.z80;

import dev.machina.cpu.z80.Z80Translator.Basic;
import dev.machina.cpu.z80.Z80Translator.Insn;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.util.ArrayList;
import java.util.List;

import static dev.machina.cpu.z80.Z80State.*;
import static dev.machina.cpu.z80.Z80Translator.*;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;


/**
 * Emits the {@code run} method of a translated Z80 block or region ({@link Z80Translator}):
 * registers in JVM locals, inline forms of the common instructions (the 8-bit ALU operations and
 * the CB shifts and rotates of a register as bytecode of their own, following {@link Z80Alu},
 * with F left out where the block overwrites it first; the rest calling the pure {@link Z80Alu}
 * semantics; a short forward {@code JR cc} over register instructions as a select, see
 * {@link #select}), the others through {@link Z80Recompiler#interpret}, one exit stub
 * that stores the registers and calls {@link Z80Recompiler#exit}. Run twice: the first pass finds the registers the block uses
 * and writes (a superset is harmless), the second loads only those at entry and stores only
 * the written ones at exits and before interpreter calls.
 */
final class Z80Emitter {
    private final java.util.LinkedHashMap<Integer, Basic> region;
    private final java.util.Map<Integer, Label> labels = new java.util.HashMap<>();
    private final java.util.Map<Integer, Integer> linkSlots = new java.util.HashMap<>();
    private final int loadMask;
    private final int storeMask;
    int used;
    int written;
    /** Registers stored since it was last cleared (by {@link #select}). */
    private int stores;
    /** Forward JR cc emitted as selects ({@link #select}) in the last {@link #emit}. */
    int selects;
    private CodeBuilder c;
    private Label stub;
    // counters since the last synchronisation with the state
    private int tPend, nPend, mPend;
    /** Whether the instruction just emitted wrote F (Q = F after it). */
    private boolean wroteF;
    /** The F the instruction being emitted computes is dead (see {@link #deadFlags}). */
    private boolean fDead;

    Z80Emitter(java.util.LinkedHashMap<Integer, Basic> region, int loadMask, int storeMask) {
        this.region = region;
        this.loadMask = loadMask;
        this.storeMask = storeMask;
    }

    void emit(CodeBuilder c) {
        this.c = c;
        used = written = selects = 0;
        tPend = nPend = mPend = 0;
        wroteF = false;
        stub = c.newLabel();
        c.aload(RC);
        c.getfield(CD_REC, "s", CD_STATE);
        c.astore(S);
        c.aload(S);
        c.getfield(CD_STATE, "r", CD_int.arrayType());
        c.astore(R);
        c.aload(RC);
        c.getfield(CD_REC, "mem", CD_SPACE);
        c.astore(MEM);
        loadRegisters();
        c.iconst_0();
        c.istore(LT);
        c.iconst_0();
        c.istore(LNM);
        c.aload(RC);
        c.invokevirtual(CD_REC, "room", MTD_ROOM);
        c.istore(ROOM);
        labels.clear();
        linkSlots.clear();
        List<java.lang.classfile.instruction.SwitchCase> cases = new ArrayList<>();
        for (int start : region.keySet()) {
            Label l = c.newLabel();
            labels.put(start, l);
            cases.add(java.lang.classfile.instruction.SwitchCase.of(cases.size(), l));
        }
        if (cases.size() > 1) {
            c.aload(THIS);
            c.getfield(CD_BLOCK, "entry", CD_int);
            c.tableswitch(0, cases.size() - 1, cases.getFirst().target(), cases);
        }
        for (Basic b : region.values()) {
            c.labelBinding(labels.get(b.start()));
            tPend = nPend = mPend = 0;
            wroteF = false;
            List<Insn> insns = b.insns();
            boolean[] dead = deadFlags(insns);
            for (int k = 0; k < insns.size(); k++) {
                Insn i = insns.get(k);
                boolean last = k == insns.size() - 1;
                fDead = dead[k];
                if (i.inline()) {
                    inline(i, last);
                } else {
                    fallback(i, last);
                }
            }
        }
        c.labelBinding(stub);
        storeRegisters();
        c.aload(RC);
        c.aload(THIS);
        c.iload(XPC);
        c.iload(XT);
        c.iload(XN);
        c.iload(XM);
        c.iload(XQ);
        c.iload(XK);
        c.invokevirtual(CD_REC, "exit", MTD_EXIT);
        c.areturn();
    }

    /**
     * For each instruction of a basic block, whether the F it computes is dead: a later
     * instruction of the block sets every bit of F without reading it, and none between them
     * reads F or Q or can leave the block (memory accesses, which may end the block on an exit
     * request, and interpreted instructions count as reads). Such an instruction computes only
     * its result. The last instruction's F is always live.
     */
    static boolean[] deadFlags(List<Insn> insns) {
        boolean[] dead = new boolean[insns.size()];
        boolean overwritten = false;
        for (int k = insns.size() - 1; k >= 0; k--) {
            Insn i = insns.get(k);
            dead[k] = overwritten;
            if (setsAllFlags(i)) {
                overwritten = true;
            } else if (!flagNeutral(i)) {
                overwritten = false;
            }
        }
        return dead;
    }

    /** Inline instructions that set all of F from their operands alone (not ADC, SBC, RL, RR, which read C). */
    private static boolean setsAllFlags(Insn i) {
        return switch (i.inline() ? i.kind() : -1) {
            case Op.ALU_R, Op.ALU_N -> i.a() != 1 && i.a() != 3;
            case Op.ROT_R -> i.a() != 2 && i.a() != 3;
            default -> false;
        };
    }

    /** Inline register-only instructions that neither read nor write F and cannot leave the block. */
    private static boolean flagNeutral(Insn i) {
        return i.inline() && switch (i.kind()) {
            case Op.NOP, Op.LD_R_R, Op.LD_R_N, Op.LD_RR_NN, Op.INC_RR, Op.DEC_RR, Op.EX_DE_HL, Op.LD_SP_RR -> true;
            default -> false;
        };
    }

    // ---------------------------------------------------------- registers

    private static int slot(int reg) {
        return REG0 + reg;
    }

    private void ld(int reg) {
        used |= 1 << reg;
        c.iload(slot(reg));
    }

    private void st(int reg) {
        used |= 1 << reg;
        written |= 1 << reg;
        stores |= 1 << reg;
        c.istore(slot(reg));
    }

    private void loadRegisters() {
        for (int k = 0; k < 12; k++) {
            if ((loadMask & 1 << k) != 0 && k != 6) {
                c.aload(R);
                c.loadConstant(k);
                c.iaload();
                c.istore(slot(k));
            }
        }
        loadField(RF, "f");
        loadField(RSP, "sp");
        loadField(RWZ, "wz");
    }

    private void loadField(int reg, String name) {
        if ((loadMask & 1 << reg) != 0) {
            c.aload(S);
            c.getfield(CD_STATE, name, CD_int);
            c.istore(slot(reg));
        }
    }

    private void storeRegisters() {
        for (int k = 0; k < 12; k++) {
            if ((storeMask & 1 << k) != 0 && k != 6) {
                c.aload(R);
                c.loadConstant(k);
                c.iload(slot(k));
                c.iastore();
            }
        }
        storeField(RF, "f");
        storeField(RSP, "sp");
        storeField(RWZ, "wz");
    }

    private void storeField(int reg, String name) {
        if ((storeMask & 1 << reg) != 0) {
            c.aload(S);
            c.iload(slot(reg));
            c.putfield(CD_STATE, name, CD_int);
        }
    }

    /** Pushes register pair {@code p} (BC..IY), 0..FFFFH. */
    private void pair(int p) {
        switch (p) {
            case SP -> ld(RSP);
            case AF -> hiLo(A, RF);
            default -> hiLo(PAIR_HIGH[p], PAIR_HIGH[p] + 1);
        }
    }

    private void hiLo(int hi, int lo) {
        ld(hi);
        c.bipush(8);
        c.ishl();
        ld(lo);
        c.ior();
    }

    /** Pops a value (any int; its low 16 bits are used) into register pair {@code p}. */
    private void setPair(int p) {
        if (p == SP) {
            c.ldc(0xFFFF);
            c.iand();
            st(RSP);
            return;
        }
        int hi = p == AF ? A : PAIR_HIGH[p];
        int lo = p == AF ? RF : PAIR_HIGH[p] + 1;
        c.dup();
        c.bipush(8);
        c.ishr();
        c.sipush(0xFF);
        c.iand();
        st(hi);
        c.sipush(0xFF);
        c.iand();
        st(lo);
    }

    /** Splits a packed {@code value | F << shift} result: value (masked) into {@code reg}, F. */
    private void unpack(int reg, int shift, int mask) {
        c.dup();
        c.loadConstant(mask);
        c.iand();
        st(reg);
        c.bipush(shift);
        c.iushr();
        st(RF);
        wroteF = true;
    }

    /**
     * ADD, ADC, SUB, SBC or CP ({@code op} 0, 1, 2, 3, 7) of A (in T0) and v (in T1), inline
     * with the semantics of {@link Z80Alu#aluOp}: the 9-bit sum or difference s (in T2) gives
     * S, Z, X, Y (SZ53 of its low byte), C (bit 8), H ((a ^ v ^ s) bit 4) and P/V (signed
     * overflow); N for the subtractions; CP keeps A and takes X and Y from v.
     */
    private void addSub(int op) {
        boolean add = op < 2;
        c.iload(T0);
        c.iload(T1);
        if (add) {
            c.iadd();
        } else {
            c.isub();
        }
        if (op == 1 || op == 3) {
            ld(RF);
            c.iconst_1();
            c.iand();
            if (add) {
                c.iadd();
            } else {
                c.isub();
            }
        }
        c.istore(T2);
        if (fDead) {
            wroteF = true;
            if (op != 7) {
                c.iload(T2);
                c.sipush(0xFF);
                c.iand();
                st(A);
            }
            return;
        }
        c.getstatic(CD_ALU, "SZ53", CD_int.arrayType());
        c.iload(T2);
        c.sipush(0xFF);
        c.iand();
        c.iaload();
        if (op == 7) {
            c.loadConstant(~(FLAG_X | FLAG_Y));
            c.iand();
            c.iload(T1);
            c.loadConstant(FLAG_X | FLAG_Y);
            c.iand();
            c.ior();
        }
        c.iload(T2);
        c.bipush(8);
        c.ishr();
        c.iconst_1();
        c.iand();
        c.ior();
        c.iload(T0);
        c.iload(T1);
        c.ixor();
        c.iload(T2);
        c.ixor();
        c.bipush(FLAG_H);
        c.iand();
        c.ior();
        // overflow: (a ^ ~v) & (a ^ s) for additions, (a ^ v) & (a ^ s) for subtractions, bit 7
        c.iload(T0);
        c.iload(T1);
        if (add) {
            c.iconst_m1();
            c.ixor();
        }
        c.ixor();
        c.iload(T0);
        c.iload(T2);
        c.ixor();
        c.iand();
        c.iconst_5();
        c.ishr();
        c.iconst_4();
        c.iand();
        c.ior();
        if (!add) {
            c.iconst_2();
            c.ior();
        }
        st(RF);
        wroteF = true;
        if (op != 7) {
            c.iload(T2);
            c.sipush(0xFF);
            c.iand();
            st(A);
        }
    }

    /**
     * F = SZ53P[v] | {@code extra} for the result v on the stack (consumed): the flags of the
     * logical operations and the CB shifts and rotates ({@link Z80Alu#aluOp}, {@link Z80Alu#rotOp}).
     */
    private void flagsSz53p(int extra) {
        wroteF = true;
        if (fDead) {
            c.pop();
            return;
        }
        sz53p();
        if (extra != 0) {
            c.loadConstant(extra);
            c.ior();
        }
        st(RF);
    }

    /** Replaces the 8-bit value on the stack by its SZ53P entry (S, Z, X, Y and parity). */
    private void sz53p() {
        // the mask (a no-op on a register value) lets C2 drop the table's bounds check
        c.sipush(0xFF);
        c.iand();
        c.getstatic(CD_ALU, "SZ53P", CD_int.arrayType());
        c.swap();
        c.iaload();
    }

    /**
     * The CB-page shift or rotate {@code op} (0..7: RLC RRC RL RR SLA SRA SLL SRL) of register
     * {@code reg}, inline with the semantics of {@link Z80Alu#rotOp}: the bit shifted out is C,
     * the rest of F is SZ53P of the result.
     */
    private void rotate(int op, int reg) {
        boolean left = (op & 1) == 0;
        ld(reg);
        c.istore(T0);
        // carry out: bit 7 for the left forms, bit 0 for the right ones
        c.iload(T0);
        if (left) {
            c.bipush(7);
            c.ishr();
        } else {
            c.iconst_1();
            c.iand();
        }
        c.istore(T1);
        c.iload(T0);
        if (left) {
            c.iconst_1();
            c.ishl();
            switch (op) {
                case 0 -> { // RLC: bit 7 into bit 0
                    c.iload(T1);
                    c.ior();
                }
                case 2 -> { // RL: old carry into bit 0
                    ld(RF);
                    c.iconst_1();
                    c.iand();
                    c.ior();
                }
                case 6 -> { // SLL: 1 into bit 0
                    c.iconst_1();
                    c.ior();
                }
                default -> { // SLA
                }
            }
            c.sipush(0xFF);
            c.iand();
        } else {
            c.iconst_1();
            c.ishr();
            switch (op) {
                case 1 -> { // RRC: bit 0 into bit 7
                    c.iload(T1);
                    c.bipush(7);
                    c.ishl();
                    c.ior();
                }
                case 3 -> { // RR: old carry into bit 7
                    ld(RF);
                    c.iconst_1();
                    c.iand();
                    c.bipush(7);
                    c.ishl();
                    c.ior();
                }
                case 5 -> { // SRA: bit 7 kept
                    c.iload(T0);
                    c.sipush(0x80);
                    c.iand();
                    c.ior();
                }
                default -> { // SRL
                }
            }
        }
        wroteF = true;
        if (fDead) {
            st(reg);
            return;
        }
        c.dup();
        st(reg);
        sz53p();
        c.iload(T1);
        c.ior();
        st(RF);
    }

    // ---------------------------------------------------------- memory

    private void read() {
        c.invokevirtual(CD_SPACE, "read8", MTD_READ);
    }

    private void write() {
        c.invokevirtual(CD_SPACE, "write8", MTD_WRITE);
    }

    /** Leaves the effective address of a memory operand in T0: HL, or (IX+d)/(IY+d) also copied to WZ. */
    private void ea(int p, int d) {
        pair(p);
        if (p != HL) {
            c.loadConstant(d);
            c.iadd();
            c.ldc(0xFFFF);
            c.iand();
            c.dup();
            st(RWZ);
        }
        c.istore(T0);
    }

    /** PUSH of the value in T1: high byte to SP-1, low to SP-2. */
    private void push() {
        c.aload(MEM);
        ld(RSP);
        c.iconst_1();
        c.isub();
        c.iload(T1);
        c.bipush(8);
        c.ishr();
        write();
        c.aload(MEM);
        ld(RSP);
        c.iconst_2();
        c.isub();
        c.iload(T1);
        write();
        ld(RSP);
        c.iconst_2();
        c.isub();
        c.ldc(0xFFFF);
        c.iand();
        st(RSP);
    }

    /** POP into T0. */
    private void pop() {
        c.aload(MEM);
        ld(RSP);
        read();
        c.istore(T0);
        c.aload(MEM);
        ld(RSP);
        c.iconst_1();
        c.iadd();
        read();
        c.bipush(8);
        c.ishl();
        c.iload(T0);
        c.ior();
        c.istore(T0);
        ld(RSP);
        c.iconst_2();
        c.iadd();
        c.ldc(0xFFFF);
        c.iand();
        st(RSP);
    }

    // ---------------------------------------------------------- exits

    /**
     * Leaves for a constant PC after {@code t} more T-states: a {@code goto} when the region
     * holds a basic block there (and the previous instruction left Q = 0) and that block
     * fits the slice, else a block exit through a link slot ({@code k} &ge; 0: the first two
     * distinct targets get slots 0 and 1) or none ({@code k} = -1).
     */
    private void exit(int pc, int t, int k) {
        pc &= 0xFFFF;
        Basic target = region.get(pc);
        if (target != null && !wroteF && k != -2) {
            add(LT, tPend + t);
            addCounts(nPend, mPend);
            Label leave = c.newLabel();
            c.iload(LT);
            c.loadConstant(target.tMax());
            c.iadd();
            c.iload(ROOM);
            c.if_icmpge(leave);
            c.goto_(labels.get(pc));
            c.labelBinding(leave);
            c.loadConstant(pc);
            c.istore(XPC);
            c.iload(LT);
            c.istore(XT);
            pushInstructions(0, 0);
            c.istore(XN);
            pushM1(0, 0);
            c.istore(XM);
            c.iconst_0();
            c.istore(XQ);
            c.iconst_m1();
            c.istore(XK);
            c.goto_(stub);
            return;
        }
        if (k == -2) {
            k = -1;
        } else if (k >= 0) {
            Integer slot = linkSlots.get(pc);
            if (slot == null && linkSlots.size() < 2) {
                slot = linkSlots.size();
                linkSlots.put(pc, slot);
            }
            k = slot == null ? -1 : slot;
        }
        c.loadConstant(pc);
        exitRest(t, k);
    }

    /** local += constant */
    private void add(int local, int v) {
        if (v != 0) {
            c.iinc(local, v);
        }
    }

    /** {@code n} instructions and {@code m1} M1 cycles in the layout of LNM (see {@link Z80Translator#LNM}). */
    private static int packCounts(int n, int m1) {
        return n | m1 << 16;
    }

    /** LNM += {@code n} instructions and {@code m1} M1 cycles. */
    private void addCounts(int n, int m1) {
        int v = packCounts(n, m1);
        if (v == 0) {
            return;
        }
        if (v <= Short.MAX_VALUE) {
            c.iinc(LNM, v);
        } else {
            c.iload(LNM);
            c.loadConstant(v);
            c.iadd();
            c.istore(LNM);
        }
    }

    /** Pushes the instructions counted in LNM plus {@code n} (the M1 cycles {@code m1} pending with them). */
    private void pushInstructions(int n, int m1) {
        counter(LNM, packCounts(n, m1));
        c.ldc(0xFFFF);
        c.iand();
    }

    /** Pushes the M1 cycles counted in LNM plus {@code m1} (with {@code n} instructions pending). */
    private void pushM1(int n, int m1) {
        counter(LNM, packCounts(n, m1));
        c.bipush(16);
        c.iushr();
    }

    /** Pushes a run-time counter plus a constant. */
    private void counter(int local, int v) {
        c.iload(local);
        if (v != 0) {
            c.loadConstant(v);
            c.iadd();
        }
    }

    /** Exit to the PC in T0. */
    private void exitDynamic(int t) {
        c.iload(T0);
        exitRest(t, -1);
    }

    private void exitRest(int t, int k) {
        c.istore(XPC);
        counter(LT, tPend + t);
        c.istore(XT);
        pushInstructions(nPend, mPend);
        c.istore(XN);
        pushM1(nPend, mPend);
        c.istore(XM);
        c.loadConstant(wroteF ? 1 : 0);
        c.istore(XQ);
        c.loadConstant(k);
        c.istore(XK);
        c.goto_(stub);
    }

    /** After an instruction that accessed memory: leave (to {@code next}) when the recompiler asks. */
    private void checkExit(int next) {
        Label go = c.newLabel();
        c.aload(RC);
        c.getfield(CD_REC, "exitRequest", CD_boolean);
        c.ifeq(go);
        exit(next, 0, -2); // always leaves the method
        c.labelBinding(go);
    }

    /** Most instructions a forward JR cc may skip and still be emitted as a select ({@link #select}). */
    static final int SELECT_MAX = 8;

    /**
     * The instructions a forward {@code JR cc} at the end of a basic block skips when taken, if
     * they can be run unconditionally and their results selected by the condition: all
     * register-only inline instructions ({@link #selectable}), at most {@link #SELECT_MAX},
     * the last one flag-neutral (so Q = 0 at the target on both paths), laid out so that
     * the fall-through basic block is exactly them followed by the target's basic block.
     * Null otherwise. (The block's {@code tMax} covers them: {@link Z80Translator#coverSelects}.)
     */
    static List<Insn> skipped(Insn jr, int target, java.util.Map<Integer, Basic> region) {
        Basic fall = region.get(jr.next());
        Basic to = region.get(target);
        if (target <= jr.next() || fall == null || to == null) {
            return null;
        }
        List<Insn> f = fall.insns();
        int k = 0;
        while (k < f.size() && f.get(k).pc() < target) {
            if (k == SELECT_MAX || !selectable(f.get(k))) {
                return null;
            }
            k++;
        }
        if (k == 0 || k == f.size() || f.get(k).pc() != target || f.size() - k != to.insns().size()
                || !flagNeutral(f.get(k - 1))) {
            return null;
        }
        return f.subList(0, k);
    }

    /** Inline instructions that touch only registers (no memory, no exit, no interpreter call). */
    private static boolean selectable(Insn i) {
        return i.inline() && !i.ends() && switch (i.kind()) {
            case Op.NOP, Op.LD_R_R, Op.LD_R_N, Op.LD_RR_NN, Op.INC_RR, Op.DEC_RR, Op.EX_DE_HL,
                 Op.ALU_R, Op.ALU_N, Op.INC_R, Op.DEC_R, Op.ROT_R, Op.RES_R, Op.SET_R, Op.BIT_R,
                 Op.RLCA, Op.RRCA, Op.RLA, Op.RRA, Op.CPL -> true;
            default -> false;
        };
    }

    /**
     * If-conversion of a forward {@code JR cc} over a few register instructions (the CRC and
     * shift-and-add loops' {@code JR NC,skip}), whose direction the host cannot predict: the
     * skipped instructions run unconditionally on the registers, then every register they
     * wrote is set back to its old value when the branch is taken (a mask from the condition,
     * no host branch), and the T-states and the instruction and M1 counts of the path not taken
     * are added under the same mask. Then both paths continue at the target with the same
     * state as the branch would have left. WZ is the target when taken, as in the interpreter.
     *
     * @return false (nothing emitted) when {@link #skipped} gives no instructions
     */
    private boolean select(Insn jr, int target) {
        List<Insn> skip = skipped(jr, target, region);
        if (skip == null) {
            return false;
        }
        int cc = jr.a();
        // MASK = -1 when the branch is not taken (NZ NC PO P: flag set; Z C PE M: flag clear)
        ld(RF);
        c.loadConstant(Integer.numberOfTrailingZeros(conditionFlag(cc)));
        c.iushr();
        c.iconst_1();
        c.iand();
        if ((cc & 1) != 0) {
            c.iconst_1();
            c.ixor();
        }
        c.ineg();
        c.istore(MASK);
        for (int r = 0; r <= RWZ; r++) {
            if ((loadMask & 1 << r) != 0 && r != 6) { // every register the skipped code may store
                c.iload(slot(r));
                c.istore(SAVE0 + r);
            }
        }
        int t0 = tPend, n0 = nPend, m0 = mPend;
        stores = 0;
        boolean[] dead = deadFlags(skip);
        for (int k = 0; k < skip.size(); k++) {
            fDead = dead[k];
            inline(skip.get(k), false);
        }
        int wrote = stores;
        int dT = tPend - t0, dN = nPend - n0, dM = mPend - m0;
        tPend = t0;
        nPend = n0;
        mPend = m0;
        for (int r = 0; r <= RWZ; r++) {
            if ((wrote & 1 << r) != 0) {
                int saved = SAVE0 + r;
                keepUnlessTaken(r, () -> c.iload(saved));
            }
        }
        keepUnlessTaken(RWZ, () -> c.loadConstant(target)); // WZ is the target when taken
        int taken = time(Op.JR_CC, cc, jr.b(), jr.m1(), true);
        int notTaken = time(Op.JR_CC, cc, jr.b(), jr.m1(), false);
        addUnlessTaken(LT, notTaken + dT - taken);
        addUnlessTaken(LNM, packCounts(dN, dM));
        wroteF = false;
        exit(target, taken, 0);
        selects++;
        return true;
    }

    /** In a select: {@code reg = ifTaken ^ ((reg ^ ifTaken) & MASK)}, its value when taken pushed by {@code ifTaken}. */
    private void keepUnlessTaken(int reg, Runnable ifTaken) {
        ifTaken.run();
        ld(reg);
        ifTaken.run();
        c.ixor();
        c.iload(MASK);
        c.iand();
        c.ixor();
        st(reg);
    }

    /** In a select: int {@code local += v & MASK} (v only when the branch is not taken). */
    private void addUnlessTaken(int local, int v) {
        c.iload(local);
        c.loadConstant(v);
        c.iload(MASK);
        c.iand();
        c.iadd();
        c.istore(local);
    }

    /** The F bit condition {@code cc} (NZ Z NC C PO PE P M) tests: Z, C, P/V or S. */
    private static int conditionFlag(int cc) {
        return switch (cc >> 1) {
            case 0 -> FLAG_Z;
            case 1 -> FLAG_C;
            case 2 -> FLAG_PV;
            default -> FLAG_S;
        };
    }

    /** Branches to {@code ifFalse} unless condition {@code cc} (NZ Z NC C PO PE P M) holds. */
    private void condition(int cc, Label ifFalse) {
        ld(RF);
        c.loadConstant(conditionFlag(cc));
        c.iand();
        if ((cc & 1) == 0) {
            c.ifne(ifFalse);
        } else {
            c.ifeq(ifFalse);
        }
    }

    // ---------------------------------------------------------- instructions

    /**
     * LDI/LDD, and LDIR/LDDR as a loop: each repetition is one instruction (16 T-states for
     * the last, 21 for the others, which rewind PC), leaving the method between repetitions
     * when the recompiler asks or the next repetition would not fit the slice, with PC on
     * the instruction, exactly where the interpreter would stop.
     */
    private void ldi(Insn i) {
        int step = i.a() == 0 ? 1 : -1;
        boolean repeat = i.b() != 0;
        // counters to run time: the loop adds per repetition
        add(LT, tPend);
        addCounts(nPend - 1, mPend - i.m1());
        tPend = nPend = mPend = 0;
        Label top = c.newLabel();
        Label done = c.newLabel();
        c.labelBinding(top);
        c.aload(MEM);
        pair(HL);
        read();
        c.istore(T0);
        c.aload(MEM);
        pair(DE);
        c.iload(T0);
        write();
        pair(HL);
        c.loadConstant(step);
        c.iadd();
        setPair(HL);
        pair(DE);
        c.loadConstant(step);
        c.iadd();
        setPair(DE);
        pair(BC);
        c.iconst_m1();
        c.iadd();
        c.ldc(0xFFFF);
        c.iand();
        c.dup();
        c.istore(T1);
        setPair(BC);
        ld(RF);
        c.iload(T0);
        ld(A);
        c.iload(T1);
        c.invokestatic(CD_ALU, "ldiOp", MTD_I4);
        st(RF);
        wroteF = true;
        addCounts(1, i.m1());
        if (repeat) {
            Label again = c.newLabel();
            c.iload(T1);
            c.ifne(again);
            c.iinc(LT, time(Op.LDI, i.a(), i.b(), i.m1(), false));
            c.goto_(done);
            c.labelBinding(again);
            c.iinc(LT, time(Op.LDI, i.a(), i.b(), i.m1(), true));
            c.loadConstant((i.pc() + 1) & 0xFFFF);
            st(RWZ);
            ld(RF);
            c.loadConstant(i.pc());
            c.invokestatic(CD_ALU, "blockRepeatOp", MTD_I2);
            st(RF);
            checkExit(i.pc());
            Label leave = c.newLabel();
            c.iload(LT);
            c.loadConstant(time(Op.LDI, i.a(), i.b(), i.m1(), true));
            c.iadd();
            c.iload(ROOM);
            c.if_icmpge(leave);
            c.goto_(top);
            c.labelBinding(leave);
            exit(i.pc(), 0, -2);
            c.labelBinding(done);
        } else {
            c.iinc(LT, time(Op.LDI, i.a(), i.b(), i.m1(), false));
        }
    }

    private void fallback(Insn i, boolean last) {
        storeRegisters();
        c.aload(RC);
        c.loadConstant(i.pc());
        counter(LT, tPend);
        pushInstructions(nPend, mPend);
        pushM1(nPend, mPend);
        c.loadConstant(wroteF ? 1 : 0);
        c.invokevirtual(CD_REC, "interpret", MTD_INTERPRET);
        loadRegisters();
        tPend = nPend = mPend = 0;
        c.iconst_0();
        c.istore(LT);
        c.iconst_0();
        c.istore(LNM);
        // the interpreter advanced the slice's T-states: the region's budget starts again from there
        c.aload(RC);
        c.invokevirtual(CD_REC, "room", MTD_ROOM);
        c.istore(ROOM);
        wroteF = false;
        if (i.ends()) {
            c.aload(S);
            c.getfield(CD_STATE, "pc", CD_int);
            c.istore(T0);
            exitDynamic(0);
        } else {
            checkExit(i.next());
            if (last) {
                exit(i.next(), 0, 0);
            }
        }
    }

    private void inline(Insn i, boolean last) {
        int kind = i.kind(), a = i.a(), b = i.b(), next = i.next();
        nPend++;
        mPend += i.m1();
        wroteF = false;
        boolean memory = false;
        switch (kind) {
            case Op.NOP -> {
            }
            case Op.LD_RR_NN -> {
                c.loadConstant(i.n());
                setPair(a);
            }
            case Op.ADD_RR -> {
                pair(a);
                c.dup();
                c.iconst_1();
                c.iadd();
                c.ldc(0xFFFF);
                c.iand();
                st(RWZ);
                pair(b);
                ld(RF);
                c.invokestatic(CD_ALU, "add16Op", MTD_I3);
                c.dup();
                c.bipush(16);
                c.iushr();
                st(RF);
                wroteF = true;
                setPair(a);
            }
            case Op.SBC_HL, Op.ADC_HL -> {
                pair(HL);
                c.dup();
                c.iconst_1();
                c.iadd();
                c.ldc(0xFFFF);
                c.iand();
                st(RWZ);
                pair(a);
                ld(RF);
                c.invokestatic(CD_ALU, kind == Op.SBC_HL ? "sbc16Op" : "adc16Op", MTD_I3);
                c.dup();
                c.bipush(16);
                c.iushr();
                st(RF);
                wroteF = true;
                setPair(HL);
            }
            case Op.LD_IND_A -> {
                pair(a);
                c.istore(T0);
                c.aload(MEM);
                c.iload(T0);
                ld(A);
                write();
                ld(A);
                c.bipush(8);
                c.ishl();
                c.iload(T0);
                c.iconst_1();
                c.iadd();
                c.sipush(0xFF);
                c.iand();
                c.ior();
                st(RWZ);
                memory = true;
            }
            case Op.LD_A_IND -> {
                pair(a);
                c.istore(T0);
                c.aload(MEM);
                c.iload(T0);
                read();
                st(A);
                c.iload(T0);
                c.iconst_1();
                c.iadd();
                c.ldc(0xFFFF);
                c.iand();
                st(RWZ);
                memory = true;
            }
            case Op.LD_NN_RR -> {
                pair(a);
                c.istore(T1);
                c.aload(MEM);
                c.loadConstant(i.n());
                c.iload(T1);
                write();
                c.aload(MEM);
                c.loadConstant(i.n() + 1);
                c.iload(T1);
                c.bipush(8);
                c.ishr();
                write();
                c.loadConstant((i.n() + 1) & 0xFFFF);
                st(RWZ);
                memory = true;
            }
            case Op.LD_RR_NNI -> {
                c.aload(MEM);
                c.loadConstant(i.n());
                read();
                c.aload(MEM);
                c.loadConstant(i.n() + 1);
                read();
                c.bipush(8);
                c.ishl();
                c.ior();
                setPair(a);
                c.loadConstant((i.n() + 1) & 0xFFFF);
                st(RWZ);
                memory = true;
            }
            case Op.LD_NN_A -> {
                c.aload(MEM);
                c.loadConstant(i.n());
                ld(A);
                write();
                ld(A);
                c.bipush(8);
                c.ishl();
                c.loadConstant((i.n() + 1) & 0xFF);
                c.ior();
                st(RWZ);
                memory = true;
            }
            case Op.LD_A_NN -> {
                c.aload(MEM);
                c.loadConstant(i.n());
                read();
                st(A);
                c.loadConstant((i.n() + 1) & 0xFFFF);
                st(RWZ);
                memory = true;
            }
            case Op.INC_RR, Op.DEC_RR -> {
                pair(a);
                c.loadConstant(kind == Op.INC_RR ? 1 : -1);
                c.iadd();
                setPair(a);
            }
            case Op.INC_R, Op.DEC_R -> {
                ld(a);
                ld(RF);
                c.invokestatic(CD_ALU, kind == Op.INC_R ? "incOp" : "decOp", MTD_I2);
                unpack(a, 8, 0xFF);
            }
            case Op.INC_M, Op.DEC_M -> {
                ea(a, i.d());
                c.aload(MEM);
                c.iload(T0);
                c.aload(MEM);
                c.iload(T0);
                read();
                ld(RF);
                c.invokestatic(CD_ALU, kind == Op.INC_M ? "incOp" : "decOp", MTD_I2);
                c.dup();
                c.bipush(8);
                c.iushr();
                st(RF);
                wroteF = true;
                write();
                memory = true;
            }
            case Op.LD_R_N -> {
                c.loadConstant(i.n());
                st(a);
            }
            case Op.LD_M_N -> {
                ea(a, i.d());
                c.aload(MEM);
                c.iload(T0);
                c.loadConstant(i.n());
                write();
                memory = true;
            }
            case Op.RLCA, Op.RRCA, Op.RLA, Op.RRA -> {
                c.loadConstant(kind - Op.RLCA);
                ld(A);
                ld(RF);
                c.invokestatic(CD_ALU, "rotAOp", MTD_I3);
                unpack(A, 8, 0xFF);
            }
            case Op.DAA, Op.CPL -> {
                ld(A);
                ld(RF);
                c.invokestatic(CD_ALU, kind == Op.DAA ? "daaOp" : "cplOp", MTD_I2);
                unpack(A, 8, 0xFF);
            }
            case Op.NEG -> {
                c.iconst_2();
                c.iconst_0();
                ld(A);
                ld(RF);
                c.invokestatic(CD_ALU, "aluOp", MTD_I4);
                unpack(A, 8, 0xFF);
            }
            case Op.DJNZ -> {
                int target = (next + (byte) i.n()) & 0xFFFF;
                ld(B);
                c.iconst_m1();
                c.iadd();
                c.sipush(0xFF);
                c.iand();
                c.dup();
                st(B);
                Label notTaken = c.newLabel();
                c.ifeq(notTaken);
                c.loadConstant(target);
                st(RWZ);
                exit(target, time(kind, a, b, i.m1(), true), 0);
                c.labelBinding(notTaken);
                exit(next, time(kind, a, b, i.m1(), false), 1);
                return;
            }
            case Op.JR, Op.JP -> {
                int target = kind == Op.JR ? (next + (byte) i.n()) & 0xFFFF : i.n();
                c.loadConstant(target);
                st(RWZ);
                exit(target, time(kind, a, b, i.m1(), true), 0);
                return;
            }
            case Op.JR_CC, Op.JP_CC -> {
                int target = kind == Op.JR_CC ? (next + (byte) i.n()) & 0xFFFF : i.n();
                if (kind == Op.JR_CC && select(i, target)) {
                    return;
                }
                if (kind == Op.JP_CC) {
                    c.loadConstant(target);
                    st(RWZ);
                }
                Label notTaken = c.newLabel();
                condition(a, notTaken);
                if (kind == Op.JR_CC) {
                    c.loadConstant(target);
                    st(RWZ);
                }
                exit(target, time(kind, a, b, i.m1(), true), 0);
                c.labelBinding(notTaken);
                exit(next, time(kind, a, b, i.m1(), false), 1);
                return;
            }
            case Op.CALL, Op.CALL_CC, Op.RST -> {
                int target = kind == Op.RST ? a * 8 : i.n();
                Label notTaken = c.newLabel();
                if (kind == Op.CALL_CC) {
                    c.loadConstant(target);
                    st(RWZ);
                    condition(a, notTaken);
                }
                c.loadConstant(next & 0xFFFF);
                c.istore(T1);
                push();
                c.loadConstant(target);
                st(RWZ);
                exit(target, time(kind, a, b, i.m1(), true), 0);
                if (kind == Op.CALL_CC) {
                    c.labelBinding(notTaken);
                    exit(next, time(kind, a, b, i.m1(), false), 1);
                }
                return;
            }
            case Op.RET, Op.RET_CC -> {
                Label notTaken = c.newLabel();
                if (kind == Op.RET_CC) {
                    condition(a, notTaken);
                }
                pop();
                c.iload(T0);
                st(RWZ);
                exitDynamic(time(kind, a, b, i.m1(), true));
                if (kind == Op.RET_CC) {
                    c.labelBinding(notTaken);
                    exit(next, time(kind, a, b, i.m1(), false), 1);
                }
                return;
            }
            case Op.JP_RR -> {
                pair(a);
                c.istore(T0);
                exitDynamic(time(kind, a, b, i.m1(), true));
                return;
            }
            case Op.LD_R_R -> {
                ld(b);
                st(a);
            }
            case Op.LD_R_M -> {
                ea(b, i.d());
                c.aload(MEM);
                c.iload(T0);
                read();
                st(a);
                memory = true;
            }
            case Op.LD_M_R -> {
                ea(a, i.d());
                c.aload(MEM);
                c.iload(T0);
                ld(b);
                write();
                memory = true;
            }
            case Op.ALU_R, Op.ALU_M, Op.ALU_N -> {
                // inline, with the semantics of Z80Alu.aluOp
                if (kind == Op.ALU_M) {
                    ea(b, i.d());
                    memory = true;
                }
                if (kind == Op.ALU_R) {
                    ld(b);
                } else if (kind == Op.ALU_N) {
                    c.loadConstant(i.n());
                } else {
                    c.aload(MEM);
                    c.iload(T0);
                    read();
                }
                if (a >= 4 && a <= 6) {
                    // AND, XOR, OR: A op= v; F = SZ53P[A] (| H for AND)
                    ld(A);
                    switch (a) {
                        case 4 -> c.iand();
                        case 5 -> c.ixor();
                        default -> c.ior();
                    }
                    c.dup();
                    st(A);
                    flagsSz53p(a == 4 ? FLAG_H : 0);
                } else {
                    c.istore(T1);
                    ld(A);
                    c.istore(T0);
                    addSub(a);
                }
            }
            case Op.POP -> {
                pop();
                c.iload(T0);
                setPair(a);
                if (a == AF) {
                    wroteF = false; // POP AF loads F but is not a flag-computing instruction (Q = 0)
                }
                memory = true;
            }
            case Op.PUSH -> {
                pair(a);
                c.istore(T1);
                push();
                memory = true;
            }
            case Op.LD_SP_RR -> {
                pair(a);
                st(RSP);
            }
            case Op.EX_DE_HL -> {
                ld(D);
                ld(H);
                st(D);
                st(H);
                ld(E);
                ld(L);
                st(E);
                st(L);
            }
            case Op.ROT_R -> rotate(a, b);
            case Op.BIT_R -> {
                c.loadConstant(a);
                ld(b);
                ld(b);
                ld(RF);
                c.invokestatic(CD_ALU, "bitOp", MTD_I4);
                st(RF);
                wroteF = true;
            }
            case Op.RES_R, Op.SET_R -> {
                ld(b);
                if (kind == Op.RES_R) {
                    c.loadConstant(~(1 << a));
                    c.iand();
                } else {
                    c.loadConstant(1 << a);
                    c.ior();
                }
                st(b);
            }
            case Op.ROT_M, Op.RES_M, Op.SET_M -> {
                pair(HL);
                c.istore(T0);
                c.aload(MEM);
                c.iload(T0);
                c.aload(MEM);
                c.iload(T0);
                read();
                if (kind == Op.ROT_M) {
                    c.istore(T1);
                    c.loadConstant(a);
                    c.iload(T1);
                    ld(RF);
                    c.invokestatic(CD_ALU, "rotOp", MTD_I3);
                    c.dup();
                    c.bipush(8);
                    c.iushr();
                    st(RF);
                    wroteF = true;
                } else if (kind == Op.RES_M) {
                    c.loadConstant(~(1 << a));
                    c.iand();
                } else {
                    c.loadConstant(1 << a);
                    c.ior();
                }
                write();
                memory = true;
            }
            case Op.BIT_M -> {
                c.loadConstant(a);
                c.aload(MEM);
                pair(HL);
                read();
                ld(RWZ);
                c.bipush(8);
                c.ishr();
                ld(RF);
                c.invokestatic(CD_ALU, "bitOp", MTD_I4);
                st(RF);
                wroteF = true;
                memory = true;
            }
            case Op.LDI -> {
                ldi(i);
                memory = true;
            }
            default -> throw new IllegalStateException("z80 recompiler: no inline form for operation kind " + kind);
        }
        if (kind != Op.LDI) {
            tPend += time(kind, a, b, i.m1(), false); // LDI's loop counted its own
        }
        if (memory) {
            checkExit(next);
        }
        if (last) {
            exit(next, 0, 0);
        }
    }
}
