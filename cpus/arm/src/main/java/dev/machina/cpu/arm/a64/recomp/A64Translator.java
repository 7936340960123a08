package dev.machina.cpu.arm.a64.recomp;

import static dev.machina.cpu.arm.a64.recomp.Emitter.CD_BLOCK;
import static dev.machina.cpu.arm.a64.recomp.Emitter.CD_CPU;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import dev.machina.core.recomp.HiddenClasses;
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
 * flag results can be observed, and emits one method through the instruction-group translators
 * ({@link IntegerTranslator}, {@link MemoryTranslator}, {@link BranchTranslator}, and
 * {@link HelperCalls} for everything else). The instructions come from the interpreter's
 * {@link DecodeTable}, so both engines agree on what each word is.
 */
public final class A64Translator {
    /** Upper bound of instructions per block. */
    public static final int MAX_INSTRUCTIONS = 64;
    private static final MethodHandles.Lookup HOST = MethodHandles.lookup();
    private static final MethodTypeDesc INIT = MethodTypeDesc.of(CD_void, CD_long, CD_int, CD_long, CD_long);
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_BLOCK, CD_CPU);
    private static final MethodType INIT_TYPE = MethodType.methodType(void.class, long.class, int.class, long.class, long.class);

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

    /**
     * The block at {@code address}, or null when its first instruction is not executable here
     * (unmapped, undefined, or left to the interpreter), which the interpreter then runs.
     */
    public A64Block translate(PagedMemory memory, long address) {
        int[] words = new int[MAX_INSTRUCTIONS];
        Insn[] rows = new Insn[MAX_INSTRUCTIONS];
        int n = 0;
        for (long a = address; n < MAX_INSTRUCTIONS && a >>> PagedMemory.PAGE_BITS == address >>> PagedMemory.PAGE_BITS; a += 4) {
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
        if (n == 0) {
            return null;
        }
        SharedTranslations shared = systemInstructionsInterpreted ? SHARED_LOCKSTEP : SHARED;
        SharedTranslations.Translation known = shared.find(address, words, n);
        if (known != null) {
            return known.instantiate();
        }
        while (true) {
            long[] targets = new long[2];
            byte[] bytes = build(address, words, rows, n, targets);
            if (n > 1 && codeLength(bytes) > HiddenClasses.METHOD_BYTE_BUDGET) {
                n /= 2;
                continue;
            }
            SharedTranslations.Translation made = define(bytes, address, n, targets, words);
            shared.add(made);
            return made.instantiate();
        }
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

    private static SharedTranslations.Translation define(byte[] bytes, long address, int n, long[] targets, int[] words) {
        MethodHandles.Lookup l = HiddenClasses.define(HOST, bytes);
        try {
            MethodHandle ctor = l.findConstructor(l.lookupClass(), INIT_TYPE);
            return new SharedTranslations.Translation(address, java.util.Arrays.copyOf(words, n), targets[0], targets[1], ctor);
        } catch (ReflectiveOperationException t) {
            throw new IllegalStateException("cannot find the constructor of the block at 0x" + Long.toHexString(address) + ": " + t, t);
        }
    }

    /** Flags observable after each instruction (bit 3..0 = N, Z, C, V): read later, or visible at an exit or a fault. */
    private static int[] flagLiveness(int[] words, Insn[] rows, int n) {
        int[] after = new int[n];
        int live = 15;
        for (int k = n - 1; k >= 0; k--) {
            after[k] = live;
            String m = rows[k].mnemonic();
            int w = words[k];
            switch (m) {
                case "ADD/SUB (immediate)", "ADD/SUB (shifted register)", "ADD/SUB (extended register)" -> {
                    if ((w & (1 << 29)) != 0) {
                        live = 0;
                    }
                }
                case "logical (immediate)", "logical (shifted register)" -> {
                    if ((w >>> 29 & 3) == 3) {
                        live = 0;
                    }
                }
                case "ADC/SBC" -> live = ((w & (1 << 29)) != 0 ? 0 : live) | 2;
                case "CCMN/CCMP", "CSEL/CSINC/CSINV/CSNEG" -> live = 15;
                case "ADR/ADRP", "move wide (immediate)", "bitfield", "EXTR", "data processing (3 source)", "HINT", "DSB/DMB/ISB" -> {
                }
                case "data processing (2 source)" -> {
                    int op = w >>> 10 & 63;
                    if (op < 8 || op > 11) {
                        live = 15;
                    }
                }
                default -> live = 15; // memory accesses (may fault), semantics calls, branches
            }
        }
        return after;
    }

    private byte[] build(long address, int[] words, Insn[] rows, int n, long[] targets) {
        int[] live = flagLiveness(words, rows, n);
        ClassDesc name = ClassDesc.of(A64Translator.class.getPackageName() + ".Block_" + Long.toHexString(address));
        return classFile.build(name, clb -> {
            clb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            clb.withSuperclass(CD_BLOCK);
            clb.withMethodBody(INIT_NAME, INIT, ClassFile.ACC_PUBLIC,
                    cb -> cb.aload(0).lload(1).iload(3).lload(4).lload(6).invokespecial(CD_BLOCK, INIT_NAME, INIT).return_());
            clb.withMethodBody("run", RUN, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, cb -> {
                Emitter e = new Emitter(cb, address);
                e.prologue();
                boolean ended = false;
                for (int k = 0; k < n; k++) {
                    e.pc = address + 4L * k;
                    e.index = k;
                    e.liveFlagsAfter = live[k];
                    String m = rows[k].mnemonic();
                    int w = words[k];
                    if (m.equals("HINT") || m.equals("DSB/DMB/ISB")) {
                        continue;
                    }
                    if (!(IntegerTranslator.translate(e, m, w) || MemoryTranslator.translate(e, m, w) || BranchTranslator.translate(e, m, w))) {
                        HelperCalls.call(e, m, w);
                    }
                    ended = HelperCalls.endsBlock(m);
                }
                if (!ended) {
                    long next = address + 4L * n;
                    int slot = -1;
                    if (next >>> PagedMemory.PAGE_BITS == address >>> PagedMemory.PAGE_BITS) {
                        e.target0 = next;
                        slot = 0;
                    }
                    e.pc = next - 4;
                    e.index = n - 1;
                    e.exitTo(next, n, slot);
                }
                e.emitStubs();
                targets[0] = e.target0;
                targets[1] = e.target1;
            });
        });
    }
}
