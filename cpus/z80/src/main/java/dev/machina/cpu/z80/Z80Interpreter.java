package dev.machina.cpu.z80;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;

import static dev.machina.cpu.z80.Z80State.*;

/**
 * The Z80 interpreter: the reference semantics with exact T-states per M-cycle and the bus
 * accesses of the real chip, in order (Zilog UM0080 timing tables; the SingleStepTests z80 suite's
 * {@code cycles} lists). Dispatch is a switch over {@link Op} kinds read from the packed decode
 * tables of {@link Z80Decoder}; flag semantics are the static helpers of {@link Z80Alu}.
 *
 * <p>Bus timing convention: every memory or I/O access is issued at the start of its M-cycle
 * (when {@link #t} still holds the M-cycle's first T-state) and then {@link #t} advances by the
 * M-cycle's length: 4 for an opcode fetch (M1, which also increments R), 3 for a memory read or
 * write, 4 for an I/O cycle; internal T-states are added where the chip spends them.
 */
final class Z80Interpreter {
    final Z80State s;
    private final int[] r;
    final AddressSpace mem;
    final AddressSpace io;
    /** T-states consumed in the current {@link #execute} or {@link #step}. */
    long t;
    /** An NMI edge is pending. */
    boolean nmiPending;
    /** The INT line's level. */
    boolean intAsserted;
    final InterruptLine intLine;
    /** The run loop continues while {@link #t} is below this: the budget, 1 for a single step, 0 after {@link #stopSlice()}. */
    long limit;

    // Code page cache (docs/PERFORMANCE.md): the array behind the page the PC is in, so opcode
    // and operand fetches skip the page-table lookup. Filled only for direct heap pages of a
    // 16-bit space; checked against the map version at every M1 fetch. Every instruction's
    // operand fetches precede its data and I/O accesses (the only accesses that can remap
    // memory), so operand fetches check the page only.
    private final int codeShift;
    private int codePage = -1;      // page number of the cached page, -1 when none
    private int codeBias;           // array index of address a in the cached page = codeBias + a
    private byte[] code = new byte[0];
    private int codeVersion;
    // While the whole 16-bit space is one direct array mapped 1:1 (a flat 64 KiB RAM, as CP/M's):
    // that array, from which every opcode and operand fetch reads without a page check; else null.
    // Valid for codeVersion like the page cache; flatVersion is the map version it was computed for.
    private byte[] flatCode;
    private int flatVersion = -1;

    Z80Interpreter(Z80State s, AddressSpace mem, AddressSpace io, InterruptLine intLine) {
        this.s = s;
        this.r = s.r;
        this.mem = mem;
        this.io = io;
        this.intLine = intLine;
        this.codeShift = Integer.numberOfTrailingZeros(mem.pageSize());
    }

    void stopSlice() {
        limit = 0;
    }

    /** Runs until at least {@code budget} T-states are used or {@link #stopSlice()} is called. */
    long execute(long budget) {
        return run(budget, false);
    }

    /** Executes one instruction (or interrupt entry, or one halted M1 cycle); returns its T-states. */
    long step() {
        return run(1, true);
    }

    // ------------------------------------------------------------------ bus

    private int fetchOpSlow(int pc) {
        byte[] array = mem.directReadArray(pc);
        if (array == null || mem.addressMask() != 0xFFFF) {
            codePage = -1;
        } else {
            codeVersion = mem.mapVersion();
            if (flatVersion != codeVersion) {
                flatVersion = codeVersion;
                flatCode = flatArray(array);
            }
            code = array;
            codeBias = mem.directReadArrayIndex(pc) - pc;
            codePage = pc >>> codeShift;
        }
        return mem.read8(pc);
    }

    /** A halted M1 cycle's fetch (R advances with the icount increment the caller made). */
    private void fetchOpAt(int address) {
        mem.read8(address);
        t += 4;
    }

    /** An operand fetch: from the code page cache when the PC is still in it (valid since the M1 fetch). */
    private int fetch8() {
        int pc = s.pc;
        byte[] f = flatCode;
        int v = f != null ? f[pc] & 0xFF : (pc >>> codeShift) == codePage ? code[codeBias + pc] & 0xFF : mem.read8(pc);
        s.pc = (pc + 1) & 0xFFFF;
        t += 3;
        return v;
    }

    private int fetch16() {
        int lo = fetch8();
        return lo | fetch8() << 8;
    }

    private int rd(int address) {
        int v = mem.read8(address & 0xFFFF);
        checkMap();
        t += 3;
        return v;
    }

    private void wr(int address, int v) {
        mem.write8(address & 0xFFFF, v);
        checkMap();
        t += 3;
    }

    private int in(int port) {
        int v = io.read8(port & 0xFFFF);
        checkMap();
        t += 4;
        return v;
    }

    private void out(int port, int v) {
        io.write8(port & 0xFFFF, v);
        checkMap();
        t += 4;
    }

    /**
     * Empties the code page cache when the memory map changed. The map changes only outside the
     * run loop or inside a device's handler, which only a data, I/O or interrupt-acknowledge
     * access reaches, so this runs at the start of a run and after each of those accesses (not
     * at each opcode fetch).
     */
    void checkMap() {
        if (mem.mapVersion() != codeVersion) {
            codePage = -1;
            flatCode = null;
        }
    }

    /** {@code array} when every page of the space reads from it 1:1 (address a at index a), else null. */
    private byte[] flatArray(byte[] array) {
        if (array.length < 0x10000) {
            return null;
        }
        for (int a = 0; a < 0x10000; a += mem.pageSize()) {
            if (mem.directReadArray(a) != array || mem.directReadArrayIndex(a) != a) {
                return null;
            }
        }
        return array;
    }

    private void push(int v) {
        int sp = s.sp;
        wr(sp - 1, v >> 8);
        wr(sp - 2, v);
        s.sp = (sp - 2) & 0xFFFF;
    }

    private int pop() {
        int sp = s.sp;
        int lo = rd(sp);
        int hi = rd(sp + 1);
        s.sp = (sp + 2) & 0xFFFF;
        return hi << 8 | lo;
    }

    /** Effective address of a memory operand: HL, or (IX+d)/(IY+d) with d fetched and 5 internal T-states. */
    private int ea(int pair) {
        if (pair == HL) {
            return r[H] << 8 | r[L];
        }
        int d = (byte) fetch8();
        t += 5;
        int a = (s.pair(pair) + d) & 0xFFFF;
        s.wz = a;
        return a;
    }

    // ------------------------------------------------------------------ interrupts

    /** Accepts a pending NMI or INT (one step of its own: Q, EI and LD A,I/R marks end). */
    private void interrupt() {
        boolean afterLdAir = s.pMark == s.icount;
        s.icount++;
        if (nmiPending) {
            nmiPending = false;
            s.halted = false;
            s.iff1 = false;
            t += 5; // the acknowledge M1 advances R with the icount increment above
            push(s.pc);
            s.pc = s.wz = 0x66;
        } else {
            s.halted = false;
            s.iff1 = s.iff2 = false;
            if (afterLdAir) {
                s.f &= ~FLAG_PV;
            }
            // the acknowledge M1 advances R with the icount increment above
            switch (s.im) {
                case 0 -> {
                    // the device drives an instruction on the data bus during the acknowledge M1
                    // (6 T-states: 4 plus 2 automatic waits); we execute RST n, which is what IM 0
                    // hardware supplies in practice. Any other byte acts as RST 38H, as FFH (an
                    // idle bus) does.
                    int v = intLine.acknowledge();
                    checkMap();
                    t += 7;
                    push(s.pc);
                    s.pc = s.wz = (v & 0xC7) == 0xC7 ? v & 0x38 : 0x38;
                }
                case 1 -> {
                    t += 7;
                    push(s.pc);
                    s.pc = s.wz = 0x38;
                }
                default -> {
                    int v = intLine.acknowledge() & 0xFF;
                    checkMap();
                    t += 7;
                    push(s.pc);
                    int vec = s.i << 8 | v;
                    int lo = rd(vec);
                    s.pc = s.wz = rd(vec + 1) << 8 | lo;
                }
            }
        }
    }

    // ------------------------------------------------------------------ dispatch

    /*
     * The run loop: interrupt and HALT checks, then dispatch on the decode table's kind, with
     * prefixes re-dispatching on their page. The loop itself executes the prefixes and the
     * frequent register-only kinds (LD r,r', ALU r and n, LD r,n, JR, JR cc, DJNZ, INC/DEC rr,
     * ADD rr,rr, the CB rotates and shifts of a register) with the PC and T-state count in
     * locals; every other kind goes to execute(), one case per kind calling a handler below,
     * with the two written back to their fields first. HotSpot inlines a callee into a
     * rarely-taken switch case only when it is tiny (MaxInlineSize, 35 bytes); inside a handler
     * every call is taken on each invocation, so the handler's helpers (bus accesses, flag
     * helpers) are inlined into it.
     */
    private long run(long budget, boolean single) {
        t = 0;
        limit = single ? 1 : budget;
        checkMap();
        loop(single);
        return t;
    }

    /**
     * Executes one instruction (or interrupt entry, or halted M1 cycle) continuing the current
     * run: {@link #t} keeps counting and a {@link #stopSlice()} during it stays in effect. The
     * recompiler's dispatcher uses this for code it does not run as a block.
     */
    void one() {
        long saved = limit;
        limit = t + 1;
        loop(true);
        if (limit != 0) {
            limit = saved;
        }
    }

    /** While halted: idle M1 cycles until the current run's limit (see {@link #loop}). */
    void idle() {
        loop(false);
    }

    /** The run loop from the current {@link #t} until it reaches {@link #limit}. */
    private void loop(boolean single) {
        // PC and the T-state count live in locals here and are written back (and read again)
        // around everything that can look at them: the handler methods, interrupts, a bus access
        // outside the code page cache. The operations dispatched in this loop itself are the
        // frequent register-only ones and the prefixes (docs/PERFORMANCE.md).
        int pc = s.pc;
        long tt = t;
        do {
            if (nmiPending | intAsserted | s.halted) {
                s.pc = pc;
                t = tt;
                if (nmiPending || (intAsserted && s.iff1 && s.eiMark != s.icount)) {
                    interrupt();
                    pc = s.pc;
                    tt = t;
                    continue;
                }
                if (s.halted) {
                    if (single) {
                        s.icount++;
                        fetchOpAt(s.pc);
                        return;
                    }
                    // idle M1 cycles (4 T-states, R incremented) until the budget ends
                    long n = (limit - t + 3) / 4;
                    t += n * 4;
                    s.icount += n; // R advances by n with it (Z80State.rr)
                    return;
                }
            }
            s.icount++; // R advances with it (Z80State.rr)
            int op = opcode(pc, tt);
            pc = (pc + 1) & 0xFFFF;
            tt += 4;
            int e = Z80Decoder.MAIN_CODE[op];
            dispatch:
            for (;;) {
                switch (e & 0xFF) {
                    case Op.LD_R_R -> r[(e >> 8) & 0xFF] = r[e >>> 16];
                    case Op.ALU_R -> Z80Alu.alu(s, (e >> 8) & 0xFF, r[e >>> 16]);
                    case Op.ALU_N -> {
                        int n = operand(pc, tt) & 0xFF;
                        pc = (pc + 1) & 0xFFFF;
                        tt += 3;
                        Z80Alu.alu(s, (e >> 8) & 0xFF, n);
                    }
                    case Op.LD_R_N -> {
                        int n = operand(pc, tt) & 0xFF;
                        pc = (pc + 1) & 0xFFFF;
                        tt += 3;
                        r[(e >> 8) & 0xFF] = n;
                    }
                    case Op.JR_CC -> {
                        int d = operand(pc, tt);
                        pc = (pc + 1) & 0xFFFF;
                        tt += 3;
                        if (Z80Alu.condition(s.f, (e >> 8) & 0xFF)) {
                            tt += 5;
                            pc = s.wz = (pc + d) & 0xFFFF;
                        }
                    }
                    case Op.JR -> {
                        int d = operand(pc, tt);
                        pc = (pc + 1) & 0xFFFF;
                        tt += 8;
                        pc = s.wz = (pc + d) & 0xFFFF;
                    }
                    case Op.DJNZ -> {
                        tt += 1;
                        int d = operand(pc, tt);
                        pc = (pc + 1) & 0xFFFF;
                        tt += 3;
                        int nb = (r[B] - 1) & 0xFF;
                        r[B] = nb;
                        if (nb != 0) {
                            tt += 5;
                            pc = s.wz = (pc + d) & 0xFFFF;
                        }
                    }
                    case Op.INC_RR, Op.DEC_RR -> {
                        tt += 2;
                        int pair = (e >> 8) & 0xFF;
                        s.setPair(pair, s.pair(pair) + ((e & 0xFF) == Op.INC_RR ? 1 : -1));
                    }
                    case Op.ADD_RR -> {
                        int dst = (e >> 8) & 0xFF;
                        int v = s.pair(dst);
                        s.wz = (v + 1) & 0xFFFF;
                        tt += 7;
                        s.setPair(dst, Z80Alu.add16(s, v, s.pair(e >>> 16)));
                    }
                    case Op.ROT_R -> {
                        int reg = e >>> 16;
                        r[reg] = Z80Alu.rot(s, (e >> 8) & 0xFF, r[reg]);
                    }
                    case Op.PREFIX_CB -> {
                        int op2 = opcode(pc, tt);
                        pc = (pc + 1) & 0xFFFF;
                        s.rr++;
                        tt += 4;
                        e = Z80Decoder.CB_CODE[op2];
                        continue dispatch;
                    }
                    case Op.PREFIX_ED -> {
                        int op2 = opcode(pc, tt);
                        pc = (pc + 1) & 0xFFFF;
                        s.rr++;
                        tt += 4;
                        e = Z80Decoder.ED_CODE[op2];
                        continue dispatch;
                    }
                    case Op.PREFIX_DD, Op.PREFIX_FD -> {
                        boolean ix = (e & 0xFF) == Op.PREFIX_DD;
                        int op2 = opcode(pc, tt);
                        pc = (pc + 1) & 0xFFFF;
                        s.rr++;
                        tt += 4;
                        e = ix ? Z80Decoder.DD_CODE[op2] : Z80Decoder.FD_CODE[op2];
                        if ((e & 0xFF) != Op.PREFIX_CB) {
                            continue dispatch;
                        }
                        s.pc = pc;
                        t = tt;
                        indexedCb(ix ? IX : IY);
                        pc = s.pc;
                        tt = t;
                    }
                    default -> {
                        s.pc = pc;
                        t = tt;
                        execute(e);
                        pc = s.pc;
                        tt = t;
                    }
                }
                break;
            }
        } while (tt < limit);
        s.pc = pc;
        t = tt;
    }

    /**
     * The opcode byte at {@code pc} (an M1 fetch; the caller advances the PC, R and the T-states):
     * from the code page cache, else through the space.
     */
    private int opcode(int pc, long tt) {
        byte[] f = flatCode;
        if (f != null) {
            return f[pc] & 0xFF;
        }
        return (pc >>> codeShift) == codePage ? code[codeBias + pc] & 0xFF : opcodeSlow(pc, tt);
    }

    /** The operand byte at {@code pc}, sign-extended (the caller advances the PC and the T-states). */
    private int operand(int pc, long tt) {
        byte[] f = flatCode;
        if (f != null) {
            return f[pc];
        }
        return (pc >>> codeShift) == codePage ? code[codeBias + pc] : (byte) operandSlow(pc, tt);
    }

    /**
     * An opcode fetch outside the code page cache: a handler on the bus may look at {@link #t}
     * and the PC, so both are written back first (the PC as the address being fetched).
     */
    private int opcodeSlow(int pc, long tt) {
        s.pc = pc;
        t = tt;
        return fetchOpSlow(pc);
    }

    /** An operand fetch outside the code page cache, {@link #t} and the PC written back first. */
    private int operandSlow(int pc, long tt) {
        s.pc = pc;
        t = tt;
        return mem.read8(pc);
    }

    /**
     * Executes the operation of decode-table entry {@code code} (any page) for the kinds the run
     * loop does not dispatch itself, with {@link #t} and the PC in their fields.
     */
    private void execute(int code) {
        int a = (code >> 8) & 0xFF;
        int b = code >>> 16;
        switch (code & 0xFF) {
            case Op.NOP, Op.ED_NOP -> {
            }
            case Op.LD_RR_NN -> ldRrNn(a);
            case Op.LD_IND_A -> ldIndA(a);
            case Op.LD_A_IND -> ldAInd(a);
            case Op.LD_NN_RR -> ldNnRr(a);
            case Op.LD_RR_NNI -> ldRrNni(a);
            case Op.LD_NN_A -> ldNnA();
            case Op.LD_A_NN -> ldANn();
            case Op.INC_R -> r[a] = Z80Alu.inc8(s, r[a]);
            case Op.DEC_R -> r[a] = Z80Alu.dec8(s, r[a]);
            case Op.INC_M -> incM(a);
            case Op.DEC_M -> decM(a);
            case Op.LD_M_N -> ldMemImmediate(a);
            case Op.RLCA -> Z80Alu.rotA(s, 0);
            case Op.RRCA -> Z80Alu.rotA(s, 1);
            case Op.RLA -> Z80Alu.rotA(s, 2);
            case Op.RRA -> Z80Alu.rotA(s, 3);
            case Op.DAA -> Z80Alu.daa(s);
            case Op.CPL -> Z80Alu.cpl(s);
            case Op.SCF -> Z80Alu.scf(s, s.lastQ());
            case Op.CCF -> Z80Alu.ccf(s, s.lastQ());
            case Op.EX_AF -> exAf();
            case Op.LD_R_M -> ldRM(a, b);
            case Op.LD_M_R -> ldMR(a, b);
            case Op.HALT -> s.halted = true;
            case Op.ALU_M -> aluM(a, b);
            case Op.RET_CC -> retCc(a);
            case Op.POP -> popRr(a);
            case Op.RET -> ret();
            case Op.EXX -> exx();
            case Op.JP_RR -> s.pc = s.pair(a);
            case Op.LD_SP_RR -> ldSpRr(a);
            case Op.JP_CC -> jpCc(a);
            case Op.JP -> jp();
            case Op.OUT_N_A -> outNA();
            case Op.IN_A_N -> inAN();
            case Op.EX_SP_RR -> exSpRr(a);
            case Op.EX_DE_HL -> exDeHl();
            case Op.DI -> s.iff1 = s.iff2 = false;
            case Op.EI -> ei();
            case Op.CALL_CC -> callCc(a);
            case Op.PUSH -> pushRr(a);
            case Op.CALL -> call();
            case Op.RST -> rst(a);
            case Op.BIT_R -> Z80Alu.bit(s, a, r[b], r[b]);
            case Op.RES_R -> r[b] &= ~(1 << a);
            case Op.SET_R -> r[b] |= 1 << a;
            case Op.ROT_M -> rotM(a);
            case Op.BIT_M -> bitM(a);
            case Op.RES_M -> resM(a);
            case Op.SET_M -> setM(a);
            case Op.IN_R_C -> inRC(a);
            case Op.OUT_C_R -> outCR(a);
            case Op.SBC_HL -> sbcHl(a);
            case Op.ADC_HL -> adcHl(a);
            case Op.NEG -> Z80Alu.neg(s);
            case Op.RETN -> retn();
            case Op.IM -> s.im = a;
            case Op.LD_I_A -> ldIA();
            case Op.LD_R_A -> ldRA();
            case Op.LD_A_I -> ldAI();
            case Op.LD_A_R -> ldAR();
            case Op.RRD -> rotateDigit(false);
            case Op.RLD -> rotateDigit(true);
            case Op.LDI -> ldi(a, b);
            case Op.CPI -> cpi(a, b);
            case Op.INI -> ini(a, b);
            case Op.OUTI -> outi(a, b);
            default -> throw new IllegalStateException("z80: operation kind " + (code & 0xFF) + " outside the unprefixed/CB/ED pages");
        }
    }

    // ------------------------------------------------------------------ handlers (one per kind)

    private void ldRrNn(int pair) {
        s.setPair(pair, fetch16());
    }

    private void ldIndA(int pair) {
        int addr = s.pair(pair);
        wr(addr, r[A]);
        s.wz = r[A] << 8 | ((addr + 1) & 0xFF);
    }

    private void ldAInd(int pair) {
        int addr = s.pair(pair);
        r[A] = rd(addr);
        s.wz = (addr + 1) & 0xFFFF;
    }

    private void ldNnRr(int pair) {
        int nn = fetch16();
        int v = s.pair(pair);
        wr(nn, v & 0xFF);
        wr(nn + 1, v >> 8);
        s.wz = (nn + 1) & 0xFFFF;
    }

    private void ldRrNni(int pair) {
        int nn = fetch16();
        int lo = rd(nn);
        s.setPair(pair, rd(nn + 1) << 8 | lo);
        s.wz = (nn + 1) & 0xFFFF;
    }

    private void ldNnA() {
        int nn = fetch16();
        wr(nn, r[A]);
        s.wz = r[A] << 8 | ((nn + 1) & 0xFF);
    }

    private void ldANn() {
        int nn = fetch16();
        r[A] = rd(nn);
        s.wz = (nn + 1) & 0xFFFF;
    }

    private void incM(int pair) {
        int addr = ea(pair);
        int v = rd(addr);
        t += 1;
        wr(addr, Z80Alu.inc8(s, v));
    }

    private void decM(int pair) {
        int addr = ea(pair);
        int v = rd(addr);
        t += 1;
        wr(addr, Z80Alu.dec8(s, v));
    }

    private void exAf() {
        int af = s.af();
        s.setPair(AF, s.af2);
        s.af2 = af;
    }

    private void ldRM(int reg, int pair) {
        r[reg] = rd(ea(pair));
    }

    private void ldMR(int pair, int reg) {
        wr(ea(pair), r[reg]);
    }

    private void aluM(int op, int pair) {
        Z80Alu.alu(s, op, rd(ea(pair)));
    }

    private void retCc(int cc) {
        t += 1;
        if (Z80Alu.condition(s.f, cc)) {
            s.pc = s.wz = pop();
        }
    }

    private void popRr(int pair) {
        s.setPair(pair, pop());
    }

    private void ret() {
        s.pc = s.wz = pop();
    }

    private void ldSpRr(int pair) {
        t += 2;
        s.sp = s.pair(pair);
    }

    private void jpCc(int cc) {
        int nn = fetch16();
        s.wz = nn;
        if (Z80Alu.condition(s.f, cc)) {
            s.pc = nn;
        }
    }

    private void jp() {
        s.pc = s.wz = fetch16();
    }

    private void outNA() {
        int n = fetch8();
        int ac = r[A];
        out(ac << 8 | n, ac);
        s.wz = ac << 8 | ((n + 1) & 0xFF);
    }

    private void inAN() {
        int port = r[A] << 8 | fetch8();
        r[A] = in(port);
        s.wz = (port + 1) & 0xFFFF;
    }

    private void exSpRr(int pair) {
        int sp = s.sp;
        int lo = rd(sp);
        int hi = rd(sp + 1);
        t += 1;
        int v = s.pair(pair);
        wr(sp + 1, v >> 8);
        wr(sp, v);
        t += 2;
        int nv = hi << 8 | lo;
        s.setPair(pair, nv);
        s.wz = nv;
    }

    private void exDeHl() {
        int d = r[D], e = r[E];
        r[D] = r[H];
        r[E] = r[L];
        r[H] = d;
        r[L] = e;
    }

    private void ei() {
        s.iff1 = s.iff2 = true;
        s.eiMark = s.icount;
    }

    private void callCc(int cc) {
        int nn = fetch16();
        s.wz = nn;
        if (Z80Alu.condition(s.f, cc)) {
            t += 1;
            push(s.pc);
            s.pc = nn;
        }
    }

    private void pushRr(int pair) {
        t += 1;
        push(s.pair(pair));
    }

    private void call() {
        int nn = fetch16();
        t += 1;
        push(s.pc);
        s.pc = s.wz = nn;
    }

    private void rst(int n) {
        t += 1;
        push(s.pc);
        s.pc = s.wz = n * 8;
    }

    private void rotM(int op) {
        int addr = r[H] << 8 | r[L];
        int v = rd(addr);
        t += 1;
        wr(addr, Z80Alu.rot(s, op, v));
    }

    private void bitM(int n) {
        int v = rd(r[H] << 8 | r[L]);
        t += 1;
        Z80Alu.bit(s, n, v, s.wz >> 8);
    }

    private void resM(int n) {
        int addr = r[H] << 8 | r[L];
        int v = rd(addr);
        t += 1;
        wr(addr, v & ~(1 << n));
    }

    private void setM(int n) {
        int addr = r[H] << 8 | r[L];
        int v = rd(addr);
        t += 1;
        wr(addr, v | 1 << n);
    }

    private void inRC(int reg) {
        int bc = s.bc();
        int v = in(bc);
        s.wz = (bc + 1) & 0xFFFF;
        Z80Alu.inFlags(s, v);
        if (reg != 6) {
            r[reg] = v;
        }
    }

    private void outCR(int reg) {
        int bc = s.bc();
        out(bc, reg == 6 ? 0 : r[reg]);
        s.wz = (bc + 1) & 0xFFFF;
    }

    private void sbcHl(int pair) {
        int hl = s.hl();
        s.wz = (hl + 1) & 0xFFFF;
        t += 7;
        s.setPair(HL, Z80Alu.sbc16(s, hl, s.pair(pair)));
    }

    private void adcHl(int pair) {
        int hl = s.hl();
        s.wz = (hl + 1) & 0xFFFF;
        t += 7;
        s.setPair(HL, Z80Alu.adc16(s, hl, s.pair(pair)));
    }

    private void retn() {
        s.iff1 = s.iff2;
        s.pc = s.wz = pop();
    }

    private void ldIA() {
        t += 1;
        s.i = r[A];
    }

    private void ldRA() {
        t += 1;
        s.setR(r[A]);
    }

    private void ldAI() {
        t += 1;
        r[A] = s.i;
        Z80Alu.ldAirFlags(s, s.i);
        s.pMark = s.icount;
    }

    private void ldAR() {
        t += 1;
        int rv = s.r();
        r[A] = rv;
        Z80Alu.ldAirFlags(s, rv);
        s.pMark = s.icount;
    }

    private void exx() {
        int bc = s.bc(), de = s.de(), hl = s.hl();
        s.setPair(BC, s.bc2);
        s.setPair(DE, s.de2);
        s.setPair(HL, s.hl2);
        s.bc2 = bc;
        s.de2 = de;
        s.hl2 = hl;
    }

    private void ldMemImmediate(int pair) {
        if (pair == HL) {
            int n = fetch8();
            wr(r[H] << 8 | r[L], n);
            return;
        }
        int d = (byte) fetch8();
        int n = fetch8();
        t += 2;
        int addr = (s.pair(pair) + d) & 0xFFFF;
        s.wz = addr;
        wr(addr, n);
    }

    /** DD CB d op / FD CB d op: displacement, then the opcode read as data (no M1), 2 internal T-states. */
    private void indexedCb(int pair) {
        int d = (byte) fetch8();
        int op = fetch8();
        t += 2;
        int addr = (s.pair(pair) + d) & 0xFFFF;
        s.wz = addr;
        int x = Z80Decoder.XCB_CODE[op];
        indexedCbOp(x, (x >> 8) & 0xFF, x >>> 16);
    }

    /** DDCB/FDCB operations on the address in WZ; {@code copy} is the register that also gets the result, 6 for none. */
    private void indexedCbOp(int code, int a, int copy) {
        int addr = s.wz;
        int v = rd(addr);
        t += 1;
        int res;
        switch (code & 0xFF) {
            case Op.BIT_X -> {
                Z80Alu.bit(s, a, v, addr >> 8);
                return;
            }
            case Op.ROT_X -> res = Z80Alu.rot(s, a, v);
            case Op.RES_X -> res = v & ~(1 << a);
            case Op.SET_X -> res = v | 1 << a;
            default -> throw new IllegalStateException("z80: no operation kind " + (code & 0xFF));
        }
        wr(addr, res);
        if (copy != 6) {
            r[copy] = res;
        }
    }

    private void rotateDigit(boolean left) {
        int hl = s.hl();
        int v = rd(hl);
        t += 4;
        int ac = r[A];
        int nv;
        if (left) {
            nv = (v << 4 | (ac & 0x0F)) & 0xFF;
            r[A] = (ac & 0xF0) | (v >> 4);
        } else {
            nv = ((ac << 4) | (v >> 4)) & 0xFF;
            r[A] = (ac & 0xF0) | (v & 0x0F);
        }
        wr(hl, nv);
        s.wz = (hl + 1) & 0xFFFF;
        Z80Alu.rdFlags(s);
    }

    private void ldi(int dec, int repeat) {
        int step = dec == 0 ? 1 : -1;
        int hl = s.hl(), de = s.de();
        int v = rd(hl);
        wr(de, v);
        t += 2;
        s.setPair(HL, hl + step);
        s.setPair(DE, de + step);
        int bc = (s.bc() - 1) & 0xFFFF;
        s.setPair(BC, bc);
        Z80Alu.ldiFlags(s, v, bc);
        if (repeat != 0 && bc != 0) {
            t += 5;
            repeatBlock();
        }
    }

    private void cpi(int dec, int repeat) {
        int step = dec == 0 ? 1 : -1;
        int hl = s.hl();
        int v = rd(hl);
        t += 5;
        s.setPair(HL, hl + step);
        int bc = (s.bc() - 1) & 0xFFFF;
        s.setPair(BC, bc);
        s.wz = (s.wz + step) & 0xFFFF;
        Z80Alu.cpiFlags(s, v, bc);
        if (repeat != 0 && bc != 0 && (s.f & FLAG_Z) == 0) {
            t += 5;
            repeatBlock();
        }
    }

    /** Rewinds PC to repeat a block instruction: WZ = PC+1, X/Y from PC's high byte. */
    private void repeatBlock() {
        int pc = (s.pc - 2) & 0xFFFF;
        s.pc = pc;
        s.wz = (pc + 1) & 0xFFFF;
        s.f = Z80Alu.blockRepeatOp(s.f, pc);
        s.qMark = s.icount;
    }

    private void ini(int dec, int repeat) {
        int step = dec == 0 ? 1 : -1;
        t += 1;
        int bc = s.bc();
        int v = in(bc);
        s.wz = (bc + step) & 0xFFFF;
        int nb = (r[B] - 1) & 0xFF;
        r[B] = nb;
        int hl = s.hl();
        wr(hl, v);
        s.setPair(HL, hl + step);
        Z80Alu.ioBlockFlags(s, v, v + ((r[C] + step) & 0xFF), nb);
        if (repeat != 0 && nb != 0) {
            t += 5;
            ioRepeat();
        }
    }

    private void outi(int dec, int repeat) {
        int step = dec == 0 ? 1 : -1;
        t += 1;
        int hl = s.hl();
        int v = rd(hl);
        int nb = (r[B] - 1) & 0xFF;
        r[B] = nb;
        int bc = s.bc();
        s.wz = (bc + step) & 0xFFFF;
        out(bc, v);
        s.setPair(HL, hl + step);
        Z80Alu.ioBlockFlags(s, v, v + r[L], nb);
        if (repeat != 0 && nb != 0) {
            t += 5;
            ioRepeat();
        }
    }

    private void ioRepeat() {
        int pc = (s.pc - 2) & 0xFFFF;
        s.pc = pc;
        s.wz = (pc + 1) & 0xFFFF;
        Z80Alu.ioRepeatFlags(s, pc);
    }
}
