package dev.machina.cpu.z80;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.recomp.BlockCache;

import java.util.List;

/**
 * The Z80 recompiler engine (DESIGN.md, Recompilers): interprets cold code, translates a block
 * once its entry gets hot ({@link Z80Translator}) and then runs blocks, following the links of
 * their direct exits. Interrupts, the EI delay and HALT are left to the interpreter at block
 * boundaries, so an interrupt is taken before exactly the instruction where the interpreter
 * takes it; a block is run only when it fits the slice budget entirely (otherwise the interpreter
 * finishes the slice), so slices end at the same instruction as on the interpreter.
 *
 * <p>Self-modifying code: every page that holds a block is write-watched in the program space;
 * a write there drops the page's blocks and makes the running block exit after the writing
 * instruction. Blocks are translated only from pages whose bytes are a heap array (RAM/ROM).
 */
final class Z80Recompiler {
    /** Block entries interpreted before the block is translated (DESIGN.md: order of 1,000). */
    static final int HOT_THRESHOLD = 200;
    /**
     * Most guest instructions per translation (a region of basic blocks); the translator halves
     * it for a region whose method would exceed HiddenClasses.METHOD_BYTE_BUDGET.
     */
    static final int MAX_INSTRUCTIONS = 96;

    final Z80Interpreter in;
    final Z80State s;
    final AddressSpace mem;
    private final BlockCache<Z80Block> cache;
    private final Z80Translator translator;
    private final int pageShift;
    /** One-instruction blocks (SingleStepTests): {@link #step} runs the instruction as a block. */
    private final boolean singleInstruction;
    private Z80Lockstep lockstep;
    /** Set by a write to a code page, an interrupt request or stopSlice: the running block exits after the current instruction. */
    boolean exitRequest;
    /** The exit the last block left through: 0 or 1 for its direct exits (link0/link1), -1 for any other. */
    int lastExit;
    private Z80Block linkFrom;
    private int linkExit;

    /**
     * @param hotThreshold    interpreted entries before translation (0 or 1: at first entry)
     * @param maxInstructions block size cap (1 makes one-instruction blocks, for SingleStepTests)
     */
    Z80Recompiler(Z80Interpreter in, int hotThreshold, int maxInstructions) {
        this.in = in;
        this.s = in.s;
        this.mem = in.mem;
        this.pageShift = Integer.numberOfTrailingZeros(mem.pageSize());
        this.cache = new BlockCache<>(pageShift, hotThreshold);
        this.translator = new Z80Translator(mem, maxInstructions);
        this.singleInstruction = maxInstructions == 1;
        cache.setPageListener((page, marked) -> mem.watchWrites((int) (page << pageShift), marked));
        mem.setWriteWatcher(address -> {
            if (cache.invalidate(address) > 0) {
                exitRequest = true;
            }
        });
    }

    /** Turns the lockstep check on (every block is also run on the interpreter and compared) or off. */
    void setLockstep(boolean on) {
        lockstep = on ? new Z80Lockstep(this) : null;
        translator.excludeIo(on);
        flush();
    }

    /** Drops every translation (reset, state load, memory changed behind the address space's back). */
    void flush() {
        cache.flush();
        linkFrom = null;
    }

    /** Statistics: forward JR cc translated as selects so far (see {@code Z80Emitter.select}). */
    long selects() {
        return translator.selects;
    }

    /** Statistics: blocks translated so far. */
    long translations() {
        return cache.translations();
    }

    /** Runs until at least {@code budget} T-states are used or the slice is stopped; returns T-states used. */
    long execute(long budget) {
        in.t = 0;
        in.limit = budget;
        in.checkMap();
        dispatch();
        return in.t;
    }

    /**
     * Executes one instruction and returns its T-states: as a one-instruction block when blocks
     * are one instruction long (SingleStepTests) and translation is possible, else on the
     * interpreter (a region would run more than one instruction).
     */
    long step() {
        in.t = 0;
        in.limit = 1;
        in.checkMap();
        if (!singleInstruction || attention()) {
            in.one();
            return in.t;
        }
        Z80Block b = lookup(s.pc, true);
        if (b == null) {
            in.one();
        } else {
            exitRequest = false;
            runBlock(b);
        }
        return in.t;
    }

    private boolean attention() {
        Z80State s = this.s;
        return in.nmiPending | s.halted | s.eiMark == s.icount | (in.intAsserted & s.iff1);
    }

    private void dispatch() {
        Z80Interpreter in = this.in;
        Z80Block b = null;
        // Entries are counted (tier-up) only where a block can start: after a block exit and
        // after an interpreted jump, call or return; not after an interpreted instruction that
        // ran on to the next one, so cold code does not make a translation at every instruction;
        // nor where a slice starts (where the previous one happened to end).
        boolean entry = false;
        while (in.t < in.limit) {
            if (attention()) {
                if (s.halted && !in.nmiPending && !(in.intAsserted && s.iff1)) {
                    in.idle();
                } else {
                    interpretOne();
                }
                b = null;
                linkFrom = null;
                entry = true;
                continue;
            }
            if (b == null || b.dead) {
                b = lookup(s.pc, entry);
                Z80Block from = linkFrom;
                linkFrom = null;
                if (b == null) {
                    entry = interpretOne();
                    continue;
                }
                if (from != null && !from.dead && (from.address >>> pageShift) == (b.address >>> pageShift)) {
                    if (linkExit == 0) {
                        from.link0 = b;
                    } else {
                        from.link1 = b;
                    }
                }
            }
            if (in.t + b.tMax >= in.limit) {
                // the block does not fit the slice: the interpreter finishes it; the next PC is
                // an arbitrary point, not counted as an entry
                in.one();
                b = null;
                entry = false;
                continue;
            }
            exitRequest = false;
            Z80Block from = b;
            b = runBlock(b);
            entry = true;
            if (lastExit >= 0 && (b == null || b.dead)) {
                linkFrom = from;
                linkExit = lastExit;
            }
        }
    }

    /** Interprets one instruction; true when it transferred control (PC not 1..4 bytes on). */
    private boolean interpretOne() {
        int before = s.pc;
        in.one();
        int moved = (s.pc - before) & 0xFFFF;
        return moved == 0 || moved > 4;
    }

    private Z80Block runBlock(Z80Block b) {
        Z80Lockstep l = lockstep;
        return l == null ? b.run(this) : l.run(b);
    }

    /** The block at {@code pc}: cached, or translated when {@code count} and this entry made it hot; null to interpret. */
    private Z80Block lookup(int pc, boolean count) {
        Z80Block b = cache.get(pc, 0);
        if (b == null && count && cache.hot(pc, 0)) {
            List<Z80Block> entries = translator.translate(pc);
            if (entries != null) {
                b = entries.getFirst();
                for (Z80Block e : entries) {
                    if (e == b || cache.get((int) e.address, 0) == null) {
                        cache.put(e);
                    }
                }
            }
        }
        return b;
    }

    // ------------------------------------------------------------------ called by generated code

    /**
     * T-states left in the slice, at most 2^17 (a region leaves and is entered again after that
     * many, so its packed instruction and M1 counters cannot overflow, see
     * {@link Z80Translator#LNM}); read at block entry for a region's internal jumps.
     */
    public int room() {
        return (int) Math.min(in.limit - in.t, 1 << 17);
    }

    /**
     * A block exit: PC, then the T-states, instructions and M1 cycles (R) the block ran since its
     * last synchronisation; {@code q} 1 when the last instruction wrote F (Q = F). Returns the
     * cached successor of direct exit {@code k} (0 or 1), null for others.
     */
    public Z80Block exit(Z80Block b, int pc, int t, int n, int m1, int q, int k) {
        Z80State s = this.s;
        s.pc = pc;
        in.t += t;
        s.icount += n;
        s.rr += m1 - n; // R advances by m1: n of them through icount (see Z80State.rr)
        if (q != 0) {
            s.qMark = s.icount;
        }
        lastExit = k;
        return (Z80Block) (k == 0 ? b.link0 : k == 1 ? b.link1 : null);
    }

    /**
     * Runs the instruction at {@code pc} on the interpreter after synchronising the state as
     * {@link #exit} does (the block has stored its registers).
     */
    public void interpret(int pc, int t, int n, int m1, int q) {
        Z80State s = this.s;
        s.pc = pc;
        in.t += t;
        s.icount += n;
        s.rr += m1 - n; // R advances by m1: n of them through icount (see Z80State.rr)
        if (q != 0) {
            s.qMark = s.icount;
        }
        in.one();
        if (in.limit == 0) {
            exitRequest = true;
        }
    }
}
