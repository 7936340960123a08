package dev.machina.cpu.m6502;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;

/**
 * The reference engine of the 6502 family: executes one instruction per {@link #step()},
 * performing every bus cycle the chip performs, in order: opcode fetch, operand fetches, dummy
 * reads (of the next byte in implied modes, of the unfixed address when an index crosses a page,
 * of the stack before pulls), and the double write of read-modify-write instructions on NMOS
 * parts (the 65C02 reads twice instead). One bus cycle is one clock cycle.
 *
 * <p>Dispatch derives from the variant's {@link DecodeTable}: each opcode's route (its addressing
 * mode and its operation's {@link Operation.Kind}: read, write or read-modify-write) selects a
 * small method that performs the mode's address sequence and the kind's data access; the
 * operation's semantics come from {@link Alu}. Per-route methods keep each hot path inside one
 * method C2 can inline whole (docs/PERFORMANCE.md). No allocation happens per instruction.
 *
 * <p>Interrupts follow the NESdev wiki ("CPU interrupts"): NMI is edge-triggered, IRQ
 * level-triggered, both sampled at the end of an instruction's next-to-last cycle; a taken branch
 * that does not cross a page samples one cycle earlier; CLI, SEI and PLP change I after the
 * sample (so the next instruction runs first); an NMI that arrives before a BRK or IRQ sequence
 * pushes P takes over its vector ("hijacking"); the first instruction of a handler always runs.
 * Sources of bus patterns: "64doc" (John West, Marko Mäkelä) for NMOS, and the SingleStepTests
 * {@code 6502} and {@code wdc65c02} suites, which are the reference for both variants.
 */
public final class M6502Interpreter {
    private static final int QUIRK_NONE = 0, QUIRK_BRANCH = 1, QUIRK_DELAYED_I = 2, QUIRK_NO_POLL = 3;
    private static final long NEVER = Long.MAX_VALUE;

    // Operation.Kind ordinals as constants
    private static final int K_READ = 0, K_WRITE = 1, K_RMW = 2, K_CONTROL = 3;

    // AddressingMode ordinals as constants, so the dispatch is a plain tableswitch
    private static final int IMP = 0, NONE = 1, ACC = 2, IMM = 3, ZP = 4, ZPX = 5, ZPY = 6, ABS = 7, ABX = 8, ABY = 9,
            IZX = 10, IZY = 11, ZPI = 12, IND = 13, AIX = 14, REL = 15, ZPR = 16;

    // Routes: one per addressing mode and access kind, each served by one small method that C2
    // compiles with all its bus cycles and the operation's switch inlined (a call site in a big
    // switch is cold to C2, so the per-route methods keep every hot call inside a hot method).
    private static final int R_IMP = 0, R_NONE = 1, R_ACC = 2, R_IMM = 3, R_REL = 4, R_OTHER = 5, R_ABS_SPECIAL = 6,
            R_ZP = 7, R_ZPX = 10, R_ZPY = 13, R_ABS = 16, R_ABX = 19, R_ABY = 22, R_IZX = 25, R_IZY = 28, R_ZPI = 31;

    private static int route(int mode, int kind, Operation op) {
        switch (mode) {
            case IMP: return R_IMP;
            case NONE: return R_NONE;
            case ACC: return R_ACC;
            case IMM: return R_IMM;
            case REL: return R_REL;
            case IND, AIX, ZPR: return R_OTHER;
            default: break;
        }
        if (mode == ABS && (kind == K_CONTROL || op == Operation.NOP)) {
            return R_ABS_SPECIAL;
        }
        if (mode == ABX && op == Operation.NOP) {
            return R_OTHER;
        }
        int base = switch (mode) {
            case ZP -> R_ZP;
            case ZPX -> R_ZPX;
            case ZPY -> R_ZPY;
            case ABS -> R_ABS;
            case ABX -> R_ABX;
            case ABY -> R_ABY;
            case IZX -> R_IZX;
            case IZY -> R_IZY;
            case ZPI -> R_ZPI;
            default -> throw new IllegalStateException("addressing mode " + mode);
        };
        return base + kind;   // K_READ, K_WRITE or K_RMW
    }

    static {
        String[] names = {"IMP", "NONE", "ACC", "IMM", "ZP", "ZPX", "ZPY", "ABS", "ABX", "ABY", "IZX", "IZY", "ZPI", "IND", "AIX", "REL", "ZPR"};
        for (int k = 0; k < names.length; k++) {
            if (!AddressingMode.values()[k].name().equals(names[k])) {
                throw new ExceptionInInitializerError("AddressingMode order changed at " + k);
            }
        }
        if (Operation.Kind.READ.ordinal() != K_READ || Operation.Kind.WRITE.ordinal() != K_WRITE
                || Operation.Kind.RMW.ordinal() != K_RMW || Operation.Kind.CONTROL.ordinal() != K_CONTROL) {
            throw new ExceptionInInitializerError("Operation.Kind order changed");
        }
    }

    final M6502State r;
    final AddressSpace mem;
    final boolean cmos;
    final boolean bcd;
    private final Operation[] operations = new Operation[256];
    private final int[] modes = new int[256];
    private final int[] kinds = new int[256];
    private final int[] routes = new int[256];

    private BusCycleHook hook;

    // Code page cache (docs/PERFORMANCE.md): the array behind the page the PC is in, so opcode
    // and operand fetches skip the page-table lookup. Only filled when no hook is installed and
    // the page is direct heap memory; checked against the map version at every opcode fetch
    // (an instruction's operand fetches all precede its data accesses, which are the only
    // accesses that can remap memory, except in BBR/BBS, which re-check).
    private final int codeShift;
    private int codePage = -1;      // page number of the cached page, -1 when none
    private int codeBias;           // array index of address a in the cached page = codeBias + a
    private byte[] code = new byte[0];
    private int codeVersion;
    // True while no hook is installed and every page of the space reads from a direct array:
    // then a dummy read has no observable effect and is only counted (see idle). Valid for the
    // map version quietVersion; re-validated with the code page cache at every opcode fetch.
    private boolean quiet;
    // While quiet and the whole space is one array mapped 1:1 (a flat 64 KiB RAM): that array,
    // so data reads skip the page table; else null. Writes always go through the space.
    private byte[] flat;
    private byte[] flatArray;
    // The same for writes: while quiet and every page writes to one array 1:1 (no ROM, no
    // watched page), that array, so data writes skip the page table; else null. A write to
    // such a space cannot remap it, so it stays valid until the next opcode fetch re-checks.
    private byte[] flatWrite;
    private byte[] flatWriteArray;
    // The flat array when at least the pages of $0000-$01FF write into it 1:1 (see
    // lowPagesWrite()), else null; computed with flatArray for the same map version.
    private byte[] lowWriteArray;
    private int quietVersion;
    private boolean quietKnown;
    private boolean allDirect;
    /** Clock cycles (= bus cycles) executed since creation (translated code adds to it too). */
    long cycles;
    /**
     * Set when something happened that translated code must stop at the next instruction
     * boundary for: an input line changed, a reset or stop was requested, translated code was
     * invalidated. The recompiler clears it before entering a block.
     */
    boolean blockExit;
    /** The cycle count the running engine stops at (translated loops check it at their back edge). */
    long runEnd;
    /** The exit a translated block left by: 0 or 1 for its direct exits, -1 for an indirect one. */
    int exitSlot;

    // halts
    private boolean jammed;      // JAM (NMOS) or STP (65C02): until reset
    private boolean waiting;     // WAI (65C02): until IRQ or NMI
    private boolean resetPending;
    private boolean resetHeld;
    boolean stopRequested;

    // interrupt inputs; "at" values are the cycle during which the change happened
    boolean attention;   // something for step() to look at before fetching
    private boolean nmiPending;
    private long nmiEdgeAt = NEVER;
    private boolean irqAsserted;
    private long irqSince = NEVER;
    private long irqUntil = NEVER;
    private long quirkEnd = -1;  // cycle count at which the instruction with a sampling quirk ended
    private int quirkKind;
    private boolean quirkI;

    /**
     * @param state   the architectural state to execute on
     * @param program the 16-bit program space
     * @param variant which family member
     */
    public M6502Interpreter(M6502State state, AddressSpace program, Variant variant) {
        this.r = state;
        this.mem = program;
        this.cmos = variant.isCmos();
        this.bcd = variant.hasDecimalMode();
        this.codeShift = Integer.numberOfTrailingZeros(program.pageSize());
        DecodeTable table = DecodeTable.of(variant);
        for (int op = 0; op < 256; op++) {
            Instruction in = table.get(op);
            operations[op] = in.operation();
            modes[op] = in.mode().ordinal();
            kinds[op] = in.operation().kind().ordinal();
            routes[op] = route(modes[op], kinds[op], in.operation());
        }
    }

    /**
     * One-byte instructions; the dummy read of the next byte has been done. (Kept first among
     * the enum switches of this class: javac numbers enum cases in order of appearance, so this
     * switch's table stays dense and the method small enough for C2 to inline.)
     */
    private void implied(Operation op) {
        M6502State s = r;
        switch (op) {
            case NOP -> { }
            case CLC -> s.c = 0;
            case SEC -> s.c = 1;
            case CLV -> s.v = false;
            case CLD -> s.d = false;
            case SED -> s.d = true;
            case TAX -> Alu.tax(s);
            case TXA -> Alu.txa(s);
            case TAY -> Alu.tay(s);
            case TYA -> Alu.tya(s);
            case TSX -> Alu.tsx(s);
            case TXS -> s.s = s.x;
            case INX -> Alu.inx(s);
            case INY -> Alu.iny(s);
            case DEX -> Alu.dex(s);
            case DEY -> Alu.dey(s);
            default -> stackOrControl(op);
        }
    }

    /** Installs (or with null removes) the per-bus-cycle hook. */
    public void setBusCycleHook(BusCycleHook hook) {
        this.hook = hook;
        codePage = -1;
        quiet = false;
        flat = null;
        flatWrite = null;
    }

    /** Clock cycles executed since creation (every cycle is one bus access). */
    public long cycles() {
        return cycles;
    }

    /** True while halted by JAM (NMOS) or STP (65C02) until a reset. */
    public boolean isJammed() {
        return jammed;
    }

    /** True while a 65C02 WAI waits for an interrupt. */
    public boolean isWaiting() {
        return waiting;
    }

    // ------------------------------------------------------------------ inputs

    /** The NMI input changed level; a rising edge (assertion) latches an NMI. */
    public void nmiChanged(boolean asserted) {
        if (asserted) {
            nmiPending = true;
            nmiEdgeAt = cycles;
            attention = true;
            blockExit = true;
        }
    }

    /** The IRQ input changed level. */
    public void irqChanged(boolean asserted) {
        irqAsserted = asserted;
        if (asserted) {
            irqSince = cycles;
            irqUntil = NEVER;
        } else {
            irqUntil = cycles;
        }
        attention = true;
        blockExit = true;
    }

    /** The RESET input changed level: held low the CPU idles; released, it runs the reset sequence. */
    public void resetChanged(boolean asserted) {
        resetHeld = asserted;
        if (!asserted) {
            requestReset();
        }
        attention = true;
        blockExit = true;
    }

    /** Starts the 7-cycle reset sequence at the next {@link #step()}; clears JAM, STP and WAI. */
    public void requestReset() {
        resetPending = true;
        attention = true;
        blockExit = true;
    }

    /**
     * Drops a requested reset and any halt, for harnesses that set the registers up directly
     * (the SingleStepTests binding) instead of running the reset sequence.
     */
    public void cancelReset() {
        resetPending = false;
        jammed = false;
        waiting = false;
        attention = nmiPending || irqAsserted || resetHeld;
    }

    // ------------------------------------------------------------------ bus cycles

    // Kept at most 35 bytes of bytecode each, so the JIT inlines them at every call site.
    int read(int address) {
        cycles++;
        byte[] f = flat;
        if (f != null) {
            return f[address & 0xFFFF] & 0xFF;
        }
        if (hook != null) {
            callHook(address, BusCycleHook.READ);
        }
        return mem.read8(address);
    }

    void write(int address, int value) {
        cycles++;
        byte[] f = flatWrite;
        if (f != null) {
            f[address & 0xFFFF] = (byte) value;
        } else {
            writeSlow(address, value);
        }
    }

    private void writeSlow(int address, int value) {
        if (hook != null) {
            callHook(address, BusCycleHook.WRITE);
        }
        mem.write8(address, value);
    }

    private int fetchOpcode(int pc) {
        if ((pc >>> codeShift) == codePage && mem.mapVersion() == codeVersion) {
            cycles++;
            return code[codeBias + pc] & 0xFF;
        }
        return fetchOpcodeSlow(pc);
    }

    private int fetchOpcodeSlow(int pc) {
        cycles++;
        if (hook != null) {
            callHook(pc, BusCycleHook.FETCH);
        }
        cacheCodePage(pc);
        return mem.read8(pc);
    }

    /** Fills the code page cache for the page of {@code pc}, or empties it when it cannot apply. */
    private void cacheCodePage(int pc) {
        byte[] array = mem.directReadArray(pc);
        if (hook != null || array == null || mem.addressMask() != 0xFFFF) {
            codePage = -1;
            quiet = false;
            flat = null;
            flatWrite = null;
            return;
        }
        quiet = quietSpace();
        flat = quiet ? flatArray : null;
        flatWrite = quiet ? flatWriteArray : null;
        codeVersion = mem.mapVersion();
        code = array;
        codeBias = mem.directReadArrayIndex(pc) - pc;
        codePage = pc >>> codeShift;
    }

    /**
     * True when no hook is installed and every page of the space reads from a direct array (no
     * handler, no unmapped page), so reads have no side effects and dummy reads can be skipped.
     * Recomputed when the map version changes.
     */
    boolean quietSpace() {
        if (hook != null) {
            return false;
        }
        if (!quietKnown || quietVersion != mem.mapVersion()) {
            quietVersion = mem.mapVersion();
            quietKnown = true;
            allDirect = allPagesDirect();
            flatArray = allDirect ? flatArray() : null;
            lowWriteArray = flatArray != null && writesOneToOne(flatArray, 0x200) ? flatArray : null;
            flatWriteArray = lowWriteArray != null && writesOneToOne(flatArray, 0x10000) ? flatArray : null;
        }
        return allDirect;
    }

    /** The array behind every page when the space maps one array 1:1 (address a at index a), else null. */
    private byte[] flatArray() {
        byte[] first = mem.directReadArray(0);
        for (int a = 0; a < 0x10000; a += mem.pageSize()) {
            if (mem.directReadArray(a) != first || mem.directReadArrayIndex(a) != a) {
                return null;
            }
        }
        return first.length >= 0x10000 ? first : null;
    }

    /** True when every page of {@code [0, end)} writes into {@code array} 1:1 (address a at index a). */
    private boolean writesOneToOne(byte[] array, int end) {
        for (int a = 0; a < end; a += mem.pageSize()) {
            if (mem.directWriteArray(a) != array || mem.directWriteArrayIndex(a) != a) {
                return false;
            }
        }
        return true;
    }

    /** True when every page of the space is read from a direct array (no handler, no unmapped page). */
    private boolean allPagesDirect() {
        int pageSize = mem.pageSize();
        for (int a = 0; a < 0x10000; a += pageSize) {
            if (mem.directReadArray(a) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * A dummy read: a bus cycle whose value the CPU ignores. Performed like any read unless the
     * CPU is {@link #quiet} (no hook, every page a plain array), where reading could not be
     * observed and only the cycle is counted. Dummy reads never follow a write within an
     * instruction, so the opcode fetch's check of the map version covers them.
     */
    void idle(int address) {
        if (quiet) {
            cycles++;
        } else {
            read(address);
        }
    }

    /**
     * The bus cycle of an opcode fetch for translated code, which has the byte already: counted,
     * shown to the hook, and read as the interpreter reads it (a handler page sees the read).
     */
    void opcodeCycle(int pc) {
        cycles++;
        if (hook != null) {
            callHook(pc, BusCycleHook.FETCH);
        }
        mem.read8(pc);
    }

    /**
     * Executes the instruction at the PC without looking at interrupts first: translated code
     * calls it for the instructions it does not translate, with the registers stored.
     */
    void stepInstruction() {
        int pc = r.pc;
        r.pc = (pc + 1) & 0xFFFF;
        execute(fetchOpcode(pc));
    }

    /** Tells the dummy reads whether the bus is quiet (translated code sets it for its mode). */
    void setQuiet(boolean quiet) {
        this.quiet = quiet;
        this.flat = quiet ? flatArray : null;
        // re-validated here: translating a block watches its pages, which changes the map after
        // the caller's quietSpace() and takes them off the flat write path
        this.flatWrite = quiet && quietSpace() ? flatWriteArray : null;
    }

    /** The flat array data reads use now (see {@link #quietSpace()}), or null. */
    byte[] flat() {
        return flat;
    }

    /**
     * For translated code in flat mode, fetched at block entry: the flat array when the pages
     * of $0000-$01FF (page zero and the stack) write into it 1:1 and are not write-watched, so
     * stores there may skip the space; else null. Recomputed when the map version changes.
     */
    byte[] lowPagesWrite() {
        return quietSpace() ? lowWriteArray : null;
    }

    /** True when the space is quiet and one array mapped 1:1 (valid after {@link #quietSpace()}). */
    boolean flatSpace() {
        return flatArray != null;
    }

    /** The hook installed, or null. */
    BusCycleHook hook() {
        return hook;
    }

    private void callHook(int address, int kind) {
        hook.beforeCycle(address, kind);
    }

    /** An operand fetch: from the code page cache when the PC is still in it (valid since the opcode fetch). */
    private int fetchByte() {
        int pc = r.pc;
        r.pc = (pc + 1) & 0xFFFF;
        if ((pc >>> codeShift) == codePage) {
            cycles++;
            return code[codeBias + pc] & 0xFF;
        }
        return read(pc);
    }

    private int fetchWord() {
        int lo = fetchByte();
        return lo | fetchByte() << 8;
    }

    private void push(int value) {
        write(0x100 | r.s, value);
        r.s = (r.s - 1) & 0xFF;
    }

    private int pull() {
        r.s = (r.s + 1) & 0xFF;
        return read(0x100 | r.s);
    }

    // ------------------------------------------------------------------ stepping

    /**
     * Executes one instruction, or one interrupt or reset sequence, or one idle cycle while
     * halted (JAM, STP, WAI, RESET held).
     *
     * @return clock cycles it took, &ge; 1
     */
    public int step() {
        long start = cycles;
        if (!attention || !service()) {
            int pc = r.pc;
            r.pc = (pc + 1) & 0xFFFF;
            execute(fetchOpcode(pc));
        }
        return (int) (cycles - start);
    }

    /**
     * Runs {@link #step()}s until the cycle count reaches {@code endCycle} or {@link #stop()} is
     * called (by a device, from a hook or a handler); the check is made between instructions.
     *
     * @param endCycle the value of {@link #cycles()} to reach
     */
    public void run(long endCycle) {
        stopRequested = false;
        while (cycles < endCycle && !stopRequested) {
            if (!attention || !service()) {
                int pc = r.pc;
                r.pc = (pc + 1) & 0xFFFF;
                execute(fetchOpcode(pc));
            }
        }
    }

    /**
     * Runs exactly {@code count} steps (instructions, interrupt entries or idle steps), for
     * benchmarks that count instructions.
     *
     * @param count steps to run, &ge; 0
     */
    public void runSteps(long count) {
        for (long k = 0; k < count; k++) {
            if (!attention || !service()) {
                int pc = r.pc;
                r.pc = (pc + 1) & 0xFFFF;
                execute(fetchOpcode(pc));
            }
        }
    }

    /** Makes {@link #run} return after the current instruction. */
    public void stop() {
        stopRequested = true;
        blockExit = true;
    }

    /**
     * True when an interrupt is waiting that may become due within the next instructions: an
     * NMI, or an IRQ while I is clear. Translated code, which checks interrupts only between
     * blocks, lets the interpreter run single instructions until it is taken.
     */
    boolean interruptWaiting() {
        return nmiPending || (irqAsserted && !r.i);
    }

    /** Handles reset, halts and interrupts; true when that used up this step. */
    boolean service() {
        if (resetHeld) {
            read(r.pc);
            return true;
        }
        if (resetPending) {
            resetSequence();
            return true;
        }
        if (jammed) {
            read(0xFFFF);
            return true;
        }
        long poll = cycles - 1;
        boolean iFlag = r.i;
        if (quirkEnd == cycles) {
            switch (quirkKind) {
                case QUIRK_BRANCH -> poll = cycles - 2;
                case QUIRK_DELAYED_I -> iFlag = quirkI;
                case QUIRK_NO_POLL -> poll = -1;
                default -> { }
            }
        }
        if (waiting) {
            if (!nmiPending && !irqAsserted) {
                read(r.pc);
                return true;
            }
            waiting = false;
            poll = cycles;
        }
        if (nmiPending && nmiEdgeAt <= poll) {
            nmiPending = false;
            interruptSequence(true);
            return true;
        }
        if (!iFlag && irqSince <= poll && irqUntil > poll) {
            interruptSequence(false);
            return true;
        }
        attention = nmiPending || irqAsserted;
        return false;
    }

    /**
     * Notes that the instruction just finished samples interrupts differently; only looked at
     * when an interrupt is pending at the next step, so it costs two stores otherwise.
     */
    private void quirk(int kind) {
        quirkEnd = cycles;
        quirkKind = kind;
    }

    /** IRQ or NMI entry: 7 cycles, as BRK but with the PC not advanced and B clear in the pushed P. */
    private void interruptSequence(boolean nmi) {
        read(r.pc);
        read(r.pc);
        push(r.pc >>> 8);
        push(r.pc & 0xFF);
        boolean useNmi = nmi || hijackedByNmi();
        push(r.p(false));
        enterHandler(useNmi ? 0xFFFA : 0xFFFE);
    }

    private boolean hijackedByNmi() {
        if (nmiPending && nmiEdgeAt <= cycles) {
            nmiPending = false;
            return true;
        }
        return false;
    }

    private void enterHandler(int vector) {
        r.i = true;
        if (cmos) {
            r.d = false;
        }
        int lo = read(vector);
        r.pc = lo | read(vector + 1) << 8;
        quirk(QUIRK_NO_POLL);
    }

    /** RESET: 7 cycles, three stack reads in place of the pushes, vector at $FFFC. */
    private void resetSequence() {
        resetPending = false;
        jammed = false;
        waiting = false;
        read(r.pc);
        read(r.pc);
        for (int k = 0; k < 3; k++) {
            read(0x100 | r.s);
            r.s = (r.s - 1) & 0xFF;
        }
        enterHandler(0xFFFC);
    }

    /**
     * Executes the instruction whose opcode has just been fetched: its route (addressing mode and
     * access kind) selects the method that performs the remaining bus cycles; the addressing
     * mode produces the effective address with its dummy cycles, the kind decides the data
     * access, and {@link #operate}, {@link #store} or {@link #modify} apply the operation.
     */
    private void execute(int opcode) {
        Operation op = operations[opcode];
        switch (routes[opcode]) {
            case R_IMP -> impliedRoute(op);
            case R_NONE -> { }
            case R_ACC -> accumulator(op, opcode);
            case R_IMM -> immediate(op, opcode);
            case R_REL -> branch(op);
            case R_OTHER -> jumpIndirectOrBitBranch(op, opcode);
            case R_ABS_SPECIAL -> absoluteSpecial(op);
            case R_ZP -> zpRead(op);
            case R_ZP + 1 -> zpWrite(op);
            case R_ZP + 2 -> zpModify(op, opcode);
            case R_ZPX -> zpxRead(op);
            case R_ZPX + 1 -> zpxWrite(op);
            case R_ZPX + 2 -> zpxModify(op, opcode);
            case R_ZPY -> zpyRead(op);
            case R_ZPY + 1 -> zpyWrite(op);
            case R_ABS -> absRead(op);
            case R_ABS + 1 -> absWrite(op);
            case R_ABS + 2 -> absModify(op, opcode);
            case R_ABX -> abxRead(op);
            case R_ABX + 1 -> abxWrite(op);
            case R_ABX + 2 -> abxModify(op, opcode);
            case R_ABY -> abyRead(op);
            case R_ABY + 1 -> abyWrite(op);
            case R_ABY + 2 -> abyModify(op, opcode);
            case R_IZX -> izxRead(op);
            case R_IZX + 1 -> izxWrite(op);
            case R_IZX + 2 -> izxModify(op, opcode);
            case R_IZY -> izyRead(op);
            case R_IZY + 1 -> izyWrite(op);
            case R_IZY + 2 -> izyModify(op, opcode);
            case R_ZPI -> zpiRead(op);
            case R_ZPI + 1 -> zpiWrite(op);
            default -> throw new IllegalStateException("opcode " + opcode + ": no route " + routes[opcode]);
        }
    }

    // ---- routes: address sequence of the mode, then the access of the kind

    private void impliedRoute(Operation op) {
        idle(r.pc);
        implied(op);
    }

    private void accumulator(Operation op, int opcode) {
        idle(r.pc);
        r.a = modify(op, r.a, opcode);
    }

    private void zpRead(Operation op) {
        readAt(op, fetchByte());
    }

    private void zpWrite(Operation op) {
        writeAt(op, fetchByte());
    }

    private void zpModify(Operation op, int opcode) {
        modifyAt(op, opcode, fetchByte());
    }

    private void zpxRead(Operation op) {
        readAt(op, zeroPageIndexed(r.x));
    }

    private void zpxWrite(Operation op) {
        writeAt(op, zeroPageIndexed(r.x));
    }

    private void zpxModify(Operation op, int opcode) {
        modifyAt(op, opcode, zeroPageIndexed(r.x));
    }

    private void zpyRead(Operation op) {
        readAt(op, zeroPageIndexed(r.y));
    }

    private void zpyWrite(Operation op) {
        writeAt(op, zeroPageIndexed(r.y));
    }

    private void absRead(Operation op) {
        readAt(op, fetchWord());
    }

    private void absWrite(Operation op) {
        writeAt(op, fetchWord());
    }

    private void absModify(Operation op, int opcode) {
        modifyAt(op, opcode, fetchWord());
    }

    private void abxRead(Operation op) {
        readAt(op, indexedRead(fetchWord(), r.x));
    }

    private void abxWrite(Operation op) {
        writeAt(op, indexedFixed(op, K_WRITE, fetchWord(), r.x));
    }

    private void abxModify(Operation op, int opcode) {
        modifyAt(op, opcode, indexedFixed(op, K_RMW, fetchWord(), r.x));
    }

    private void abyRead(Operation op) {
        readAt(op, indexedRead(fetchWord(), r.y));
    }

    private void abyWrite(Operation op) {
        writeAt(op, indexedFixed(op, K_WRITE, fetchWord(), r.y));
    }

    private void abyModify(Operation op, int opcode) {
        modifyAt(op, opcode, indexedFixed(op, K_RMW, fetchWord(), r.y));
    }

    private void izxRead(Operation op) {
        readAt(op, indexedIndirect());
    }

    private void izxWrite(Operation op) {
        writeAt(op, indexedIndirect());
    }

    private void izxModify(Operation op, int opcode) {
        modifyAt(op, opcode, indexedIndirect());
    }

    private void izyRead(Operation op) {
        readAt(op, indexedRead(zeroPagePointer(fetchByte()), r.y));
    }

    private void izyWrite(Operation op) {
        writeAt(op, indexedFixed(op, K_WRITE, zeroPagePointer(fetchByte()), r.y));
    }

    private void izyModify(Operation op, int opcode) {
        modifyAt(op, opcode, indexedFixed(op, K_RMW, zeroPagePointer(fetchByte()), r.y));
    }

    private void zpiRead(Operation op) {
        readAt(op, zeroPagePointer(fetchByte()));
    }

    private void zpiWrite(Operation op) {
        writeAt(op, zeroPagePointer(fetchByte()));
    }

    // ---- accesses

    /** Reads the operand (the 65C02 spends one more cycle on decimal ADC/SBC) and applies the operation. */
    private void readAt(Operation op, int address) {
        int v = read(address);
        if (cmos && r.d && (op == Operation.ADC || op == Operation.SBC)) {
            read(address);
        }
        operate(op, v);
    }

    private void writeAt(Operation op, int address) {
        write(address, store(op, address));
    }

    /** Read-modify-write: NMOS writes the old value back before the new one, the 65C02 reads twice. */
    private void modifyAt(Operation op, int opcode, int address) {
        int v = read(address);
        if (cmos) {
            idle(address);
        } else {
            write(address, v);
        }
        write(address, modify(op, v, opcode));
    }

    private void immediate(Operation op, int opcode) {
        int v = fetchByte();
        if (cmos) {
            immediateCmos(op, opcode, v);
        } else {
            operate(op, v);
        }
    }

    private void immediateCmos(Operation op, int opcode, int v) {
        if (r.d && (op == Operation.ADC || op == Operation.SBC)) {
            // extra decimal-mode cycle; the wdc65c02 vectors record these addresses for immediate operands
            read(op == Operation.ADC ? 0x7F : 0xB8);
        }
        if (opcode == 0x89) {
            Alu.bitImmediate(r, v);
        } else {
            operate(op, v);
        }
    }

    private int zeroPageIndexed(int index) {
        int base = fetchByte();
        idle(base);
        return (base + index) & 0xFF;
    }

    private int zeroPagePointer(int zp) {
        int lo = read(zp);
        return lo | read((zp + 1) & 0xFF) << 8;
    }

    private int indexedIndirect() {
        int zp = fetchByte();
        idle(zp);
        return zeroPagePointer((zp + r.x) & 0xFF);
    }

    private void jumpIndirectOrBitBranch(Operation op, int opcode) {
        switch (modes[opcode]) {
            case IND -> {
                int ptr = fetchWord();
                int lo = read(ptr);
                if (cmos) {
                    int hi = read((ptr + 1) & 0xFFFF);
                    read((ptr + 1) & 0xFFFF);
                    r.pc = lo | hi << 8;
                } else {
                    // NMOS: the pointer's high byte is fetched without carry into the page
                    r.pc = lo | read((ptr & 0xFF00) | ((ptr + 1) & 0xFF)) << 8;
                }
            }
            case AIX -> {
                int base = fetchWord();
                read((r.pc - 2) & 0xFFFF);
                int ptr = (base + r.x) & 0xFFFF;
                int lo = read(ptr);
                r.pc = lo | read((ptr + 1) & 0xFFFF) << 8;
            }
            case ZPR -> bitBranch(op, opcode);
            case ABX -> nopAbsoluteX();
            default -> throw new IllegalStateException("opcode " + opcode + ": no addressing mode " + modes[opcode]);
        }
    }

    /** JSR, JMP and the NOPs with an absolute operand. */
    private void absoluteSpecial(Operation op) {
        if (op == Operation.JSR) {
            int lo = fetchByte();
            idle(0x100 | r.s);
            push(r.pc >>> 8);
            push(r.pc & 0xFF);
            r.pc = lo | read(r.pc) << 8;
        } else if (op == Operation.JMP) {
            r.pc = fetchWord();
        } else {
            fetchWord();
            if (cmos) {
                // 65C02 $5C/$DC/$FC: the operand address is not read, the last operand byte is read again
                read((r.pc - 1) & 0xFFFF);
            }
            // NMOS $0C: the SingleStepTests 6502 vectors record no read of the operand address
        }
    }

    /**
     * Absolute,X / absolute,Y / (zp),Y for reads: the effective address, after the dummy read a
     * carry of the index into the high byte costs (NMOS reads the address before the carry is
     * added; the 65C02 re-reads the last operand byte).
     */
    private int indexedRead(int base, int index) {
        int address = (base + index) & 0xFFFF;
        if (((base ^ address) & 0xFF00) != 0) {
            idle(cmos ? (r.pc - 1) & 0xFFFF : (base & 0xFF00) | (address & 0xFF));
        }
        return address;
    }

    /**
     * The same for writes and read-modify-writes, which always spend the fix-up cycle (except
     * 65C02 read-modify-writes other than INC/DEC that do not cross a page).
     */
    private int indexedFixed(Operation op, int kind, int base, int index) {
        int address = (base + index) & 0xFFFF;
        if (kind == K_WRITE || !cmos || op == Operation.INC || op == Operation.DEC || ((base ^ address) & 0xFF00) != 0) {
            idle(cmos ? (r.pc - 1) & 0xFFFF : (base & 0xFF00) | (address & 0xFF));
        }
        return address;
    }

    /**
     * NMOS NOP abs,X ($1C/$3C/...): the SingleStepTests 6502 vectors record one read, at the
     * address before the carry is added, and no fix-up cycle.
     */
    private void nopAbsoluteX() {
        int base = fetchWord();
        int address = (base + r.x) & 0xFFFF;
        read((base & 0xFF00) | (address & 0xFF));
    }

    /** A read operation on operand {@code v}. */
    private void operate(Operation op, int v) {
        M6502State s = r;
        switch (op) {
            case LDA -> Alu.lda(s, v);
            case LDX -> Alu.ldx(s, v);
            case LDY -> Alu.ldy(s, v);
            case ADC -> Alu.adc(s, v, bcd, cmos);
            case SBC -> Alu.sbc(s, v, bcd, cmos);
            case AND -> Alu.and(s, v);
            case ORA -> Alu.ora(s, v);
            case EOR -> Alu.eor(s, v);
            case CMP -> Alu.compare(s, s.a, v);
            case CPX -> Alu.compare(s, s.x, v);
            case CPY -> Alu.compare(s, s.y, v);
            case BIT -> Alu.bit(s, v);
            case NOP -> { }
            default -> operateUndocumented(op, v);
        }
    }

    private void operateUndocumented(Operation op, int v) {
        M6502State s = r;
        switch (op) {
            case LAX -> Alu.lax(s, v);
            case ANC -> Alu.anc(s, v);
            case ALR -> Alu.alr(s, v);
            case ARR -> Alu.arr(s, v, bcd);
            case ANE -> Alu.ane(s, v);
            case LXA -> Alu.lxa(s, v);
            case SBX -> Alu.sbx(s, v);
            case LAS -> Alu.las(s, v);
            default -> throw new IllegalStateException(op + " is not a read operation");
        }
    }

    /** The value a write operation stores at {@code address}. */
    private int store(Operation op, int address) {
        M6502State s = r;
        return switch (op) {
            case STA -> s.a;
            case STX -> s.x;
            case STY -> s.y;
            case STZ -> 0;
            case SAX -> s.a & s.x;
            case SHA -> Alu.unstableStore(s.a & s.x, address);
            case SHX -> Alu.unstableStore(s.x, address);
            case SHY -> Alu.unstableStore(s.y, address);
            case TAS -> {
                s.s = s.a & s.x;
                yield Alu.unstableStore(s.s, address);
            }
            default -> throw new IllegalStateException(op + " is not a write operation");
        };
    }

    /** A read-modify-write operation on {@code v}; returns the value to write back. */
    private int modify(Operation op, int v, int opcode) {
        M6502State s = r;
        return switch (op) {
            case ASL -> Alu.asl(s, v);
            case LSR -> Alu.lsr(s, v);
            case ROL -> Alu.rol(s, v);
            case ROR -> Alu.ror(s, v);
            case INC -> Alu.inc(s, v);
            case DEC -> Alu.dec(s, v);
            case SLO -> Alu.slo(s, v);
            case RLA -> Alu.rla(s, v);
            case SRE -> Alu.sre(s, v);
            case RRA -> Alu.rra(s, v, bcd);
            case DCP -> Alu.dcp(s, v);
            case ISC -> Alu.isc(s, v, bcd);
            case TSB -> Alu.tsb(s, v);
            case TRB -> Alu.trb(s, v);
            case RMB -> v & ~(1 << ((opcode >> 4) & 7));
            case SMB -> v | (1 << ((opcode >> 4) & 7));
            default -> throw new IllegalStateException(op + " is not a read-modify-write operation");
        };
    }

    /** Implied-mode instructions that use the stack, change I, or halt. */
    private void stackOrControl(Operation op) {
        M6502State s = r;
        switch (op) {
            case CLI -> setIDelayed(false);
            case SEI -> setIDelayed(true);
            case PHA -> push(s.a);
            case PHX -> push(s.x);
            case PHY -> push(s.y);
            case PHP -> push(s.p(true));
            case PLA -> {
                idle(0x100 | s.s);
                s.setNZ(s.a = pull());
            }
            case PLX -> {
                idle(0x100 | s.s);
                s.setNZ(s.x = pull());
            }
            case PLY -> {
                idle(0x100 | s.s);
                s.setNZ(s.y = pull());
            }
            case PLP -> {
                idle(0x100 | s.s);
                boolean before = s.i;
                s.setP(pull());
                quirkI = before;
                quirk(QUIRK_DELAYED_I);
            }
            case RTS -> {
                idle(0x100 | s.s);
                int lo = pull();
                s.pc = lo | pull() << 8;
                idle(s.pc);
                s.pc = (s.pc + 1) & 0xFFFF;
            }
            case RTI -> {
                idle(0x100 | s.s);
                s.setP(pull());
                int lo = pull();
                s.pc = lo | pull() << 8;
            }
            case BRK -> {
                s.pc = (s.pc + 1) & 0xFFFF;
                push(s.pc >>> 8);
                push(s.pc & 0xFF);
                boolean nmi = hijackedByNmi();
                push(s.p(true));
                enterHandler(nmi ? 0xFFFA : 0xFFFE);
            }
            case JAM -> {
                read(s.pc);
                s.pc = (s.pc - 1) & 0xFFFF;
                jammed = true;
                attention = true;
            }
            case STP -> {
                read(s.pc);
                jammed = true;
                attention = true;
            }
            case WAI -> {
                read(s.pc);
                waiting = true;
                attention = true;
            }
            default -> throw new IllegalStateException(op + " is not an implied operation");
        }
    }

    private void setIDelayed(boolean value) {
        quirkI = r.i;
        r.i = value;
        quirk(QUIRK_DELAYED_I);
    }

    /** Notes that a taken branch within a page just ended (translated code's branchTo without the cycles). */
    void branchQuirk() {
        quirk(QUIRK_BRANCH);
    }

    /** Relative branches: the condition from the flags, then {@link #branchTo} when taken. */
    private void branch(Operation op) {
        int offset = fetchByte();
        if (condition(op)) {
            branchTo(offset);
        }
    }

    private boolean condition(Operation op) {
        M6502State s = r;
        return switch (op) {
            case BPL -> (s.n & 0x80) == 0;
            case BMI -> (s.n & 0x80) != 0;
            case BVC -> !s.v;
            case BVS -> s.v;
            case BCC -> s.c == 0;
            case BCS -> s.c != 0;
            case BNE -> (s.z & 0xFF) != 0;
            case BEQ -> (s.z & 0xFF) == 0;
            case BRA -> true;
            default -> throw new IllegalStateException(op + " is not a branch");
        };
    }

    /** A taken branch: one more cycle, and one more when the target is in another page. */
    void branchTo(int offset) {
        int pc = r.pc;
        idle(pc);
        int target = (pc + (byte) offset) & 0xFFFF;
        if (((pc ^ target) & 0xFF00) != 0) {
            idle((pc & 0xFF00) | (target & 0xFF));
        } else {
            quirk(QUIRK_BRANCH);
        }
        r.pc = target;
    }

    /** BBR/BBS (65C02): test a zero-page bit and branch; the cycle pattern is the wdc65c02 suite's. */
    private void bitBranch(Operation op, int opcode) {
        int zp = fetchByte();
        int v = read(zp);
        write(zp, v);
        codePage = -1;    // the zero-page accesses may have remapped memory
        quiet = false;
        flat = null;
        flatWrite = null;
        int offset = fetchByte();
        int pc = r.pc;
        int target = (pc + (byte) offset) & 0xFFFF;
        read((pc & 0xFF00) | (target & 0xFF));
        boolean set = (v & (1 << ((opcode >> 4) & 7))) != 0;
        if (set == (op == Operation.BBS)) {
            r.pc = target;
        }
    }

    // ------------------------------------------------------------------ save state

    /** Writes the engine's run state (not the registers, see {@link M6502State}). */
    void save(StateWriter out) {
        out.i64(cycles).bool(jammed).bool(waiting).bool(resetPending).bool(resetHeld)
                .bool(nmiPending).i64(nmiEdgeAt).bool(irqAsserted).i64(irqSince).i64(irqUntil)
                .i64(quirkEnd).u8(quirkKind).bool(quirkI);
    }

    /** Reads what {@link #save} wrote. */
    void load(StateReader in) throws StateException {
        cycles = in.i64();
        jammed = in.bool();
        waiting = in.bool();
        resetPending = in.bool();
        resetHeld = in.bool();
        nmiPending = in.bool();
        nmiEdgeAt = in.i64();
        irqAsserted = in.bool();
        irqSince = in.i64();
        irqUntil = in.i64();
        quirkEnd = in.i64();
        quirkKind = in.u8();
        if (quirkKind > QUIRK_NO_POLL) {
            throw new StateException("6502 state: quirk kind " + quirkKind + " out of range 0.." + QUIRK_NO_POLL);
        }
        quirkI = in.bool();
        attention = true;
    }
}
