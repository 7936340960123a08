package dev.machina.cpu.m6502;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.recomp.BlockCache;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.IntUnaryOperator;

/**
 * The {@code recompiler} engine of the 6502 family (DESIGN.md, Recompilers): hot blocks are
 * translated by {@link M6502Translator} and kept in a {@link BlockCache} keyed by address and
 * mode ({@link M6502Block#MODE_QUIET} or 0), cold code is interpreted. Pages holding translated
 * code are write-watched ({@link AddressSpace#watchWrites}): a store or a remap there drops the
 * blocks of that page and makes a running block stop after the storing instruction, so
 * self-modifying code (a block that rewrites itself included) stays correct.
 *
 * <p>Dispatch: between blocks the cycle budget, {@link M6502Interpreter#stop()} and pending
 * interrupts are checked exactly where the interpreter checks them between instructions (blocks
 * end at every control-flow instruction and at every instruction that changes the interrupt
 * disable flag), then the successor is taken from the exit's link (direct exits to the same
 * page are chained) or the cache.
 */
public final class M6502Recompiler {
    /** Interpreted entries of a block before it is translated (DESIGN.md: about a thousand). */
    public static final int HOT_THRESHOLD = 1000;

    private final M6502Interpreter in;
    private final M6502State s;
    private final AddressSpace mem;
    private final M6502Translator translator;
    private final BlockCache<M6502Block> cache;
    private final int pageBits;
    private IntUnaryOperator codeReader;

    /**
     * @param in           the interpreter whose state, bus and cycle count the blocks share
     * @param variant      the family member (selects the decode table)
     * @param hotThreshold interpreted entries before translation; 0 or 1 translates at once
     */
    M6502Recompiler(M6502Interpreter in, Variant variant, int hotThreshold) {
        this.in = in;
        this.s = in.r;
        this.mem = in.mem;
        this.translator = new M6502Translator(variant);
        this.pageBits = Integer.numberOfTrailingZeros(mem.pageSize());
        this.cache = new BlockCache<>(pageBits, hotThreshold);
        this.codeReader = this::directByte;
        warmUp(variant);
        // A page stays watched once it has held code: code pages that are rewritten (self-modifying
        // code, harnesses that reload memory) do not pay for switching the watch on and off.
        cache.setPageListener((page, marked) -> {
            if (marked && !mem.isWatched((int) (page << pageBits))) {
                mem.watchWrites((int) (page << pageBits), true);
            }
        });
        mem.setWriteWatcher(address -> {
            if (cache.invalidate(address) > 0) {
                in.blockExit = true;
            }
        });
    }

    private static volatile boolean warm;

    /**
     * Once per JVM: translates a small block of every kind of exit in both modes and drops it,
     * so the class-file generator and hidden-class definition are loaded and warm before the
     * first hot block (DESIGN.md, Recompilers).
     */
    private static void warmUp(Variant variant) {
        if (warm) {
            return;
        }
        warm = true;
        // LDA #$01; STA $10; INC $10; LDX $10; CPX #$02; BNE -11; JSR $0300; RTS
        int[] code = {0xA9, 0x01, 0x85, 0x10, 0xE6, 0x10, 0xA6, 0x10, 0xE0, 0x02, 0xD0, 0xF4, 0x20, 0x00, 0x03, 0x60};
        M6502Translator t = new M6502Translator(variant);
        IntUnaryOperator reader = a -> a >= 0x200 && a < 0x200 + code.length ? code[a - 0x200] : -1;
        for (int mode : new int[]{0, M6502Block.MODE_QUIET, M6502Block.MODE_QUIET | M6502Block.MODE_FLAT}) {
            t.translate(reader, 0x200, mode);
        }
    }

    /** A code byte from a direct (RAM or ROM) page, or -1 for any other page. */
    private int directByte(int address) {
        MemorySegment seg = mem.directReadSegment(address);
        return seg == null ? -1 : seg.get(ValueLayout.JAVA_BYTE, mem.directReadOffset(address)) & 0xFF;
    }

    /**
     * Replaces how code bytes are read for translation (default: direct pages only, code on
     * handler pages stays interpreted). For harnesses whose memory is a logging handler over an
     * array they own (the SingleStepTests binding); the reader must not have side effects.
     *
     * @param reader address (0..65535) to byte (0..255), or -1 when the byte cannot be read
     */
    void setCodeReader(IntUnaryOperator reader) {
        this.codeReader = reader;
    }

    /** Limits translated blocks to {@code n} instructions (1 for the single-instruction tests). */
    void setMaxInstructions(int n) {
        translator.setMaxInstructions(n);
    }

    /** Drops every translated block (save state loaded, harness reset). */
    public void flush() {
        cache.flush();
    }

    /** The block cache (statistics: translations, invalidations, size). */
    public BlockCache<M6502Block> cache() {
        return cache;
    }

    /** The mode that translated code must have to run now. */
    int mode() {
        if (!in.quietSpace()) {
            return 0;
        }
        return in.flatSpace() ? M6502Block.MODE_QUIET | M6502Block.MODE_FLAT : M6502Block.MODE_QUIET;
    }

    /**
     * Runs until the cycle count reaches {@code endCycle} or a stop is requested, checked between
     * blocks (a block runs whole, as the interpreter runs an instruction whole).
     *
     * @param endCycle the value of {@link M6502Interpreter#cycles()} to reach
     */
    public void run(long endCycle) {
        M6502Interpreter in = this.in;
        in.stopRequested = false;
        in.runEnd = endCycle;
        M6502Block prev = null;
        M6502Block next = null;
        int slot = -1;
        while (in.cycles < endCycle && !in.stopRequested) {
            if (in.attention && (in.service() || in.interruptWaiting())) {
                // taken, or waiting to become due at an instruction boundary: one instruction at a time
                if (in.interruptWaiting()) {
                    in.step();
                }
                prev = null;
                next = null;
                continue;
            }
            int mode = mode();
            int pc = s.pc;
            M6502Block b = next;
            if (b == null || b.dead || b.mode != mode || b.address != pc) {
                b = lookup(pc, mode);
                if (b == null) {
                    interpretBlock(endCycle);
                    prev = null;
                    next = null;
                    continue;
                }
                if (prev != null && slot >= 0 && !prev.dead && (prev.address >>> pageBits) == (pc >>> pageBits)) {
                    prev.link(slot, b);     // chain direct exits within a page
                }
            }
            next = enter(b, mode);
            prev = b;
            slot = in.exitSlot;
        }
    }

    /** Runs one block with the interpreter set up for its mode; returns the cached successor. */
    M6502Block enter(M6502Block b, int mode) {
        in.setQuiet((mode & M6502Block.MODE_QUIET) != 0);
        in.blockExit = false;
        b.entries++;
        return b.run(in);
    }

    /** The live block at {@code pc} for {@code mode}, translating it when hot; null to interpret. */
    M6502Block lookup(int pc, int mode) {
        M6502Block b = cache.get(pc, mode);
        if (b == null && cache.hot(pc, mode)) {
            b = translator.translate(codeReader, pc, mode);
            cache.put(b);
        }
        return b;
    }

    /** Interprets from the PC until control flow leaves the straight line (or the budget ends). */
    private void interpretBlock(long endCycle) {
        DecodeTable table = translator.table();
        do {
            int pc = s.pc;
            int opcode = codeReader.applyAsInt(pc);
            int length = opcode < 0 ? 0 : table.get(opcode).mode().length();
            in.step();
            if (opcode < 0 || s.pc != ((pc + length) & 0xFFFF)) {
                return;
            }
        } while (in.cycles < endCycle && !in.stopRequested);
    }
}
