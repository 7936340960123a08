package dev.machina.cpu.arm.a64.recomp;

import static dev.machina.cpu.arm.a64.recomp.Emitter.CD_BLOCK;
import static dev.machina.cpu.arm.a64.recomp.Emitter.CD_CPU;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import dev.machina.core.recomp.HiddenClasses;
import dev.machina.cpu.arm.a64.Bits;
import dev.machina.cpu.arm.a64.DecodeTable;
import dev.machina.cpu.arm.a64.Insn;
import dev.machina.cpu.arm.a64.MemoryFault;
import dev.machina.cpu.arm.a64.PagedMemory;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Translates a run of A64 instructions into an {@link A64Block}: discovers the block (from the
 * entry to the first branch, system call or cache-maintenance instruction, at most
 * {@value #MAX_INSTRUCTIONS} instructions and never past the entry's page), works out which
 * flag results can be observed and which basic blocks may be entered with lazy flags, and emits one method through the instruction-group translators
 * ({@link IntegerTranslator}, {@link MemoryTranslator}, {@link BranchTranslator}, and
 * {@link HelperCalls} for everything else). The instructions come from the interpreter's
 * {@link DecodeTable}, so both engines agree on what each word is.
 */
public final class A64Translator {
    /** Upper bound of instructions per block. */
    public static final int MAX_INSTRUCTIONS = 64;
    private static final MethodHandles.Lookup HOST = MethodHandles.lookup();
    private static final MethodTypeDesc INIT = MethodTypeDesc.of(CD_void, CD_long, CD_long, CD_int, CD_long, CD_long);
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_BLOCK, CD_CPU);
    private static final MethodType INIT_TYPE = MethodType.methodType(void.class, long.class, long.class, int.class, long.class, long.class);

    /** Translations shared by every CPU of this JVM (forked processes, runs of the same program). */
    private static final SharedTranslations SHARED = new SharedTranslations(), SHARED_LOCKSTEP = new SharedTranslations();

    private final DecodeTable table = DecodeTable.a64();
    private final boolean systemInstructionsInterpreted;
    private final ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(HOST))));

    /**
     * @param systemInstructionsInterpreted when true (lockstep), blocks stop before SVC, BRK, MRS,
     *                                      MSR and SYS, whose effects must happen only once
     */
    public A64Translator(boolean systemInstructionsInterpreted) {
        this.systemInstructionsInterpreted = systemInstructionsInterpreted;
    }

    private static boolean isSystem(String mnemonic) {
        return switch (mnemonic) {
            case "SVC", "BRK", "MRS", "MSR (register)", "SYS" -> true;
            default -> false;
        };
    }

    /** A straight run of instructions: from {@code start} to a branch, system call, limit or page end. */
    private record BasicBlock(long start, int[] words, Insn[] rows) {
        int n() {
            return words.length;
        }

        long end() {
            return start + 4L * words.length;
        }
    }

    /** Decodes the basic block at {@code address}, at most {@code max} instructions; null when its first instruction is not translatable. */
    private BasicBlock decode(PagedMemory memory, long address, int max) {
        int[] words = new int[max];
        Insn[] rows = new Insn[max];
        int n = 0;
        for (long a = address; n < max && a >>> PagedMemory.PAGE_BITS == address >>> PagedMemory.PAGE_BITS; a += 4) {
            int w;
            try {
                w = memory.fetch32(a);
            } catch (MemoryFault f) {
                break;
            }
            Insn row = table.lookup(w);
            if (row == null || !HelperCalls.known(row.mnemonic()) || (systemInstructionsInterpreted && isSystem(row.mnemonic()))) {
                break;
            }
            words[n] = w;
            rows[n] = row;
            n++;
            if (HelperCalls.endsBlock(row.mnemonic())) {
                break;
            }
        }
        return n == 0 ? null : new BasicBlock(address, java.util.Arrays.copyOf(words, n), java.util.Arrays.copyOf(rows, n));
    }

    /** Direct successors of a basic block on the same page (branch targets and fall-through), which a region may include. */
    private static long[] successors(BasicBlock b) {
        return java.util.Arrays.stream(targets(b)).filter(a -> a >>> PagedMemory.PAGE_BITS == b.start() >>> PagedMemory.PAGE_BITS).toArray();
    }

    /** Every direct successor of a basic block on any page: a branch's targets (not a call's), or the fall-through; none after a block-ending row. */
    private static long[] targets(BasicBlock b) {
        int last = b.n() - 1;
        int w = b.words()[last];
        long pc = b.start() + 4L * last;
        String m = b.rows()[last].mnemonic();
        return switch (m) {
            case "B.cond", "CBZ/CBNZ" -> new long[] {pc + (Bits.sext(w >>> 5 & 0x7FFFF, 19) << 2), pc + 4};
            case "TBZ/TBNZ" -> new long[] {pc + (Bits.sext(w >>> 5 & 0x3FFF, 14) << 2), pc + 4};
            case "B/BL" -> w < 0 ? new long[0] : new long[] {pc + (Bits.sext(w & 0x3FFFFFF, 26) << 2)};
            default -> HelperCalls.endsBlock(m) ? new long[0] : new long[] {b.end()};
        };
    }

    /** The region from {@code entry}: basic blocks reachable through direct branches on its page, up to {@code budget} instructions. */
    private java.util.List<BasicBlock> discover(PagedMemory memory, long entry, int budget) {
        java.util.List<BasicBlock> region = new java.util.ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Long> work = new java.util.ArrayDeque<>();
        work.add(entry);
        seen.add(entry);
        int total = 0;
        while (!work.isEmpty() && total < budget) {
            long a = work.poll();
            BasicBlock b = decode(memory, a, Math.min(MAX_INSTRUCTIONS, budget - total));
            if (b == null) {
                continue;
            }
            region.add(b);
            total += b.n();
            for (long t : successors(b)) {
                if (seen.add(t)) {
                    work.add(t);
                }
            }
        }
        return region;
    }

    /**
     * Instructions a region may hold before its method gets too big for HotSpot to compile well
     * (measured with {@code machina bench linux-aarch64}: 140 ran gzip 4 % and awk 2 % faster
     * than 160 with sha256sum no slower; 120 made sha256sum's loop 15 % slower; see
     * docs/PERFORMANCE.md).
     */
    public static final int REGION_BUDGET = 140;

    /**
     * The translation of the region entered at {@code address}, or null when its first
     * instruction is not translatable here (unmapped, undefined, or left to the interpreter),
     * which the interpreter then runs.
     */
    public A64Block translate(PagedMemory memory, long address) {
        int budget = REGION_BUDGET;
        while (true) {
            java.util.List<BasicBlock> region = discover(memory, address, budget);
            if (region.isEmpty()) {
                return null;
            }
            int[] key = key(address, region);
            SharedTranslations shared = systemInstructionsInterpreted ? SHARED_LOCKSTEP : SHARED;
            SharedTranslations.Translation known = shared.find(address, key);
            if (known != null) {
                return known.instantiate();
            }
            long[] targets = new long[2];
            byte[] bytes = build(address, region, targets);
            if (codeLength(bytes) > HiddenClasses.METHOD_BYTE_BUDGET && budget > 1) {
                budget = Math.max(1, Math.min(budget, region.stream().mapToInt(BasicBlock::n).sum()) / 2);
                continue;
            }
            int n = region.stream().mapToInt(BasicBlock::n).sum();
            long end = region.stream().mapToLong(BasicBlock::end).max().orElseThrow();
            SharedTranslations.Translation made = define(bytes, address, end, n, targets, key);
            shared.add(made);
            return made.instantiate();
        }
    }

    /** What a region was made from: each basic block's page offset, length and words. */
    private static int[] key(long address, java.util.List<BasicBlock> region) {
        int size = 0;
        for (BasicBlock b : region) {
            size += 2 + b.n();
        }
        int[] k = new int[size];
        int i = 0;
        for (BasicBlock b : region) {
            k[i++] = (int) (b.start() - address);
            k[i++] = b.n();
            System.arraycopy(b.words(), 0, k, i, b.n());
            i += b.n();
        }
        return k;
    }

    private static int codeLength(byte[] bytes) {
        ClassModel cm = ClassFile.of().parse(bytes);
        for (MethodModel m : cm.methods()) {
            if (m.methodName().equalsString("run")) {
                return ((CodeAttribute) m.code().orElseThrow()).codeLength();
            }
        }
        return 0;
    }

    private static SharedTranslations.Translation define(byte[] bytes, long address, long end, int n, long[] targets, int[] key) {
        MethodHandles.Lookup l = HiddenClasses.define(HOST, bytes);
        try {
            MethodHandle ctor = l.findConstructor(l.lookupClass(), INIT_TYPE);
            return new SharedTranslations.Translation(address, end, n, key, targets[0], targets[1], ctor);
        } catch (ReflectiveOperationException t) {
            throw new IllegalStateException("cannot find the constructor of the block at 0x" + Long.toHexString(address) + ": " + t, t);
        }
    }

    /**
     * Whether NZCV is observable after each instruction (15) or not (0): read later, or visible
     * at an exit or a fault, before the block sets it again. Only observable flags are kept
     * (lazily, {@link LazyFlags}); which of the four does not matter since they are derived
     * where they are seen.
     */
    private static int[] flagLiveness(int[] words, Insn[] rows, int n) {
        int[] after = new int[n];
        int live = 15;
        for (int k = n - 1; k >= 0; k--) {
            after[k] = live;
            switch (flagUse(rows[k].mnemonic(), words[k])) {
                case SET -> live = 0;
                case NEUTRAL -> {
                }
                default -> live = 15;
            }
        }
        return after;
    }

    /** What an instruction does with NZCV. */
    private enum FlagUse {
        /** Nothing: an integer instruction that neither reads nor sets the flags and cannot fault. */
        NEUTRAL,
        /** Nothing, but a fault (memory accesses, SIMD&amp;FP semantics) or a branch's exits may see them. */
        EXPOSES,
        /** Sets all four (ADDS, SUBS, ANDS, BICS and their aliases). */
        SET,
        /** Reads them, or something else sees them for sure: a condition, a carry in, a semantics call, a call or return. */
        READ
    }

    private static FlagUse flagUse(String m, int w) {
        return switch (m) {
            case "ADD/SUB (immediate)", "ADD/SUB (shifted register)", "ADD/SUB (extended register)" ->
                    (w & (1 << 29)) != 0 ? FlagUse.SET : FlagUse.NEUTRAL;
            case "logical (immediate)", "logical (shifted register)" -> (w >>> 29 & 3) == 3 ? FlagUse.SET : FlagUse.NEUTRAL;
            case "ADR/ADRP", "move wide (immediate)", "bitfield", "EXTR", "data processing (3 source)", "HINT", "DSB/DMB/ISB" -> FlagUse.NEUTRAL;
            case "load/store (unsigned offset)", "load/store (unscaled, pre/post-index)", "load/store (register offset)",
                 "LDR (literal)", "load/store pair", "CBZ/CBNZ", "TBZ/TBNZ" -> FlagUse.EXPOSES;
            case "B/BL" -> w < 0 ? FlagUse.READ : FlagUse.EXPOSES;
            case "data processing (2 source)" -> (w >>> 10 & 63) >= 8 && (w >>> 10 & 63) <= 11 ? FlagUse.NEUTRAL : FlagUse.READ;
            default -> HelperCalls.vectorOnly(m) ? FlagUse.EXPOSES : FlagUse.READ;
        };
    }

    /**
     * The basic blocks that may be entered with lazy flags (Emitter state FLAGS_PASSED): those
     * that set NZCV before anything reads or exposes it, and those that do not touch it and
     * lead only to such blocks of the region (greatest fixpoint, so loops that never touch the
     * flags pass them through). Only a fault, the loop bound or a store into code can then see
     * the passed flags, and those paths derive NZCV from the lazy locals.
     */
    private static java.util.Set<Long> flagsPassed(java.util.List<BasicBlock> region) {
        java.util.Map<Long, long[]> depends = new java.util.HashMap<>();
        java.util.Set<Long> passed = new java.util.HashSet<>();
        java.util.Set<Long> starts = new java.util.HashSet<>();
        for (BasicBlock b : region) {
            starts.add(b.start());
        }
        for (BasicBlock b : region) {
            FlagUse use = FlagUse.NEUTRAL;
            for (int k = 0; k < b.n() && (use == FlagUse.NEUTRAL || use == FlagUse.EXPOSES); k++) {
                use = flagUse(b.rows()[k].mnemonic(), b.words()[k]);
            }
            if (use == FlagUse.SET) {
                passed.add(b.start());
            } else if (use != FlagUse.READ) {
                long[] next = targets(b);
                if (java.util.Arrays.stream(next).allMatch(starts::contains)) {
                    depends.put(b.start(), next);
                    passed.add(b.start());
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var d : depends.entrySet()) {
                if (passed.contains(d.getKey()) && !java.util.Arrays.stream(d.getValue()).allMatch(passed::contains)) {
                    passed.remove(d.getKey());
                    changed = true;
                }
            }
        }
        return passed;
    }

    /** Two passes: the first finds the registers the region touches, the second keeps them in locals throughout. */
    private byte[] build(long address, java.util.List<BasicBlock> region, long[] targets) {
        boolean[][] sets = new boolean[2][];
        build(address, region, targets, sets, new boolean[][] {new boolean[Emitter.SLOTS], new boolean[Emitter.SLOTS]});
        return build(address, region, targets, null, sets);
    }

    private byte[] build(long address, java.util.List<BasicBlock> region, long[] targets, boolean[][] collect, boolean[][] head) {
        ClassDesc name = ClassDesc.of(A64Translator.class.getPackageName() + ".Block_" + Long.toHexString(address));
        return classFile.build(name, clb -> {
            clb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            clb.withSuperclass(CD_BLOCK);
            clb.withMethodBody(INIT_NAME, INIT, ClassFile.ACC_PUBLIC,
                    cb -> cb.aload(0).lload(1).lload(3).iload(5).lload(6).lload(8).invokespecial(CD_BLOCK, INIT_NAME, INIT).return_());
            clb.withMethodBody("run", RUN, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, cb -> {
                Emitter e = new Emitter(cb, address);
                e.prologue();
                e.regionPrologue(head[0], head[1]);
                e.declareBlocks(region.stream().mapToLong(BasicBlock::start).toArray(), flagsPassed(region));
                for (BasicBlock b : region) {
                    emitBlock(e, b);
                }
                e.emitStubs();
                e.emitSharedTails();
                targets[0] = e.target0;
                targets[1] = e.target1;
                if (collect != null) {
                    collect[0] = e.touched;
                    collect[1] = e.written;
                }
            });
        });
    }

    private static void emitBlock(Emitter e, BasicBlock b) {
        e.enterBlock(b.start());
        int n = b.n();
        int[] live = flagLiveness(b.words(), b.rows(), n);
        boolean ended = false;
        for (int k = 0; k < n; k++) {
            e.pc = b.start() + 4L * k;
            e.index = k;
            e.liveFlagsAfter = live[k];
            String m = b.rows()[k].mnemonic();
            int w = b.words()[k];
            ended = HelperCalls.endsBlock(m);
            if (m.equals("HINT") || m.equals("DSB/DMB/ISB")) {
                continue;
            }
            if (!(IntegerTranslator.translate(e, m, w) || MemoryTranslator.translate(e, m, w) || BranchTranslator.translate(e, m, w))) {
                HelperCalls.call(e, m, w);
            }
        }
        if (!ended) {
            long next = b.end();
            e.pc = next - 4;
            e.index = n - 1;
            int slot = e.linkSlot(next);
            if (e.isInternal(next)) {
                e.jumpTo(next, slot);
            } else {
                e.exitTo(next, n, slot);
            }
        }
    }
}
