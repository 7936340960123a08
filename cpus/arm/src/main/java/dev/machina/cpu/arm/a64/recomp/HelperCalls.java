package dev.machina.cpu.arm.a64.recomp;

import static dev.machina.cpu.arm.a64.recomp.Emitter.CD_CPU;
import static dev.machina.cpu.arm.a64.recomp.Emitter.CPU;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.AdvancedSimd;
import dev.machina.cpu.arm.a64.Branches;
import dev.machina.cpu.arm.a64.DataProcessingImmediate;
import dev.machina.cpu.arm.a64.DataProcessingRegister;
import dev.machina.cpu.arm.a64.FloatingPoint;
import dev.machina.cpu.arm.a64.LoadStore;
import dev.machina.cpu.arm.a64.SimdLoadStore;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls of the interpreter's own semantics for what the translator does not inline (SIMD and
 * floating point, system registers, exclusives and atomics, SVC, ...): one definition of each
 * instruction, two engines. Every row of the decode table has its static method
 * {@code (A64Cpu, int)} here, found by the row's mnemonic; the call is preceded by writing back
 * every changed register and setting {@link A64Cpu#pc}/{@link A64Cpu#npc} as the interpreter
 * would, and followed by forgetting every cached register (the semantics may change any).
 */
final class HelperCalls {
    private static final MethodTypeDesc SEMANTICS = MethodTypeDesc.of(CD_void, CD_CPU, CD_int);
    private static final Map<String, ClassDesc> OWNER = new HashMap<>();
    private static final Map<String, String> METHOD = new HashMap<>();

    static {
        add(AdvancedSimd.class, "TBL/TBX", "tbl");
        add(AdvancedSimd.class, "permute (UZP/TRN/ZIP)", "permute");
        add(AdvancedSimd.class, "EXT", "ext");
        add(AdvancedSimd.class, "copy (DUP/INS/UMOV/SMOV)", "copy");
        add(AdvancedSimd.class, "three same", "threeSame");
        add(AdvancedSimd.class, "three different", "threeDifferent");
        add(AdvancedSimd.class, "two-register misc", "twoRegMisc");
        add(AdvancedSimd.class, "across lanes", "acrossLanes");
        add(AdvancedSimd.class, "modified immediate", "modifiedImmediate");
        add(AdvancedSimd.class, "shift by immediate", "shiftImmediate");
        add(AdvancedSimd.class, "vector x indexed element", "byElement");
        add(AdvancedSimd.class, "scalar x indexed element (FP)", "scalarByElement");
        add(AdvancedSimd.class, "scalar pairwise", "scalarPairwise");
        add(AdvancedSimd.class, "scalar copy (DUP element)", "scalarDup");
        add(AdvancedSimd.class, "scalar three same", "scalarThreeSame");
        add(AdvancedSimd.class, "scalar two-register misc", "scalarTwoRegMisc");
        add(AdvancedSimd.class, "scalar shift by immediate", "scalarShiftImmediate");
        add(Branches.class, "B.cond", "bCond");
        add(Branches.class, "SVC", "svc");
        add(Branches.class, "BRK", "brk");
        add(Branches.class, "HINT", "hint");
        add(Branches.class, "CLREX", "clrex");
        add(Branches.class, "DSB/DMB/ISB", "barrier");
        add(Branches.class, "SYS", "sys");
        add(Branches.class, "MRS", "mrs");
        add(Branches.class, "MSR (register)", "msr");
        add(Branches.class, "BR/BLR/RET", "branchRegister");
        add(Branches.class, "B/BL", "b");
        add(Branches.class, "CBZ/CBNZ", "cbz");
        add(Branches.class, "TBZ/TBNZ", "tbz");
        add(DataProcessingImmediate.class, "ADR/ADRP", "adr");
        add(DataProcessingImmediate.class, "ADD/SUB (immediate)", "addSubImm");
        add(DataProcessingImmediate.class, "logical (immediate)", "logicalImm");
        add(DataProcessingImmediate.class, "move wide (immediate)", "moveWide");
        add(DataProcessingImmediate.class, "bitfield", "bitfield");
        add(DataProcessingImmediate.class, "EXTR", "extr");
        add(DataProcessingRegister.class, "logical (shifted register)", "logicalShifted");
        add(DataProcessingRegister.class, "ADD/SUB (shifted register)", "addSubShifted");
        add(DataProcessingRegister.class, "ADD/SUB (extended register)", "addSubExtended");
        add(DataProcessingRegister.class, "ADC/SBC", "adcSbc");
        add(DataProcessingRegister.class, "CCMN/CCMP", "condCompare");
        add(DataProcessingRegister.class, "CSEL/CSINC/CSINV/CSNEG", "condSelect");
        add(DataProcessingRegister.class, "data processing (2 source)", "twoSource");
        add(DataProcessingRegister.class, "data processing (1 source)", "oneSource");
        add(DataProcessingRegister.class, "data processing (3 source)", "threeSource");
        add(FloatingPoint.class, "FP <-> integer", "convertInt");
        add(FloatingPoint.class, "FP <-> fixed point", "convertFixed");
        add(FloatingPoint.class, "FP data-processing (1 source)", "oneSource");
        add(FloatingPoint.class, "FCMP/FCMPE", "compare");
        add(FloatingPoint.class, "FMOV (scalar, immediate)", "fmovImm");
        add(FloatingPoint.class, "FCCMP/FCCMPE", "condCompare");
        add(FloatingPoint.class, "FP data-processing (2 source)", "twoSource");
        add(FloatingPoint.class, "FCSEL", "select");
        add(FloatingPoint.class, "FP data-processing (3 source)", "threeSource");
        add(LoadStore.class, "load/store exclusive, ordered, CAS", "exclusive");
        add(LoadStore.class, "LDR (literal)", "literal");
        add(LoadStore.class, "load/store pair", "pair");
        add(LoadStore.class, "load/store (unsigned offset)", "unsignedOffset");
        add(LoadStore.class, "load/store (unscaled, pre/post-index)", "immediate9");
        add(LoadStore.class, "load/store (register offset)", "registerOffset");
        add(LoadStore.class, "atomic memory operation", "atomic");
        add(SimdLoadStore.class, "LD/ST multiple structures", "multiple");
        add(SimdLoadStore.class, "LD/ST single structure", "single");
    }

    private HelperCalls() {
    }

    private static void add(Class<?> owner, String mnemonic, String method) {
        try {
            Method m = owner.getMethod(method, A64Cpu.class, int.class);
            if (!Modifier.isStatic(m.getModifiers())) {
                throw new IllegalStateException(owner.getSimpleName() + "." + method + " is not static");
            }
        } catch (NoSuchMethodException ex) {
            throw new IllegalStateException("no semantics " + owner.getSimpleName() + "." + method + "(A64Cpu, int) for " + mnemonic, ex);
        }
        OWNER.put(mnemonic, Emitter.desc(owner));
        METHOD.put(mnemonic, method);
    }

    /** True when the row named {@code mnemonic} has its semantics registered here. */
    static boolean known(String mnemonic) {
        return OWNER.containsKey(mnemonic);
    }

    /** Rows whose semantics may send execution elsewhere (write {@link A64Cpu#npc}) or change translated code: the block ends after them. */
    static boolean endsBlock(String mnemonic) {
        return BranchTranslator.isBranch(mnemonic) || mnemonic.equals("SVC") || mnemonic.equals("BRK") || mnemonic.equals("SYS");
    }

    /**
     * Rows whose semantics touch only the SIMD&amp;FP registers, FPCR and FPSR (never X, SP, the
     * flags or the PC), so their call needs no write-back or reload of the locals.
     */
    private static final java.util.Set<String> VECTOR_ONLY = java.util.Set.of("TBL/TBX", "permute (UZP/TRN/ZIP)", "EXT",
            "three same", "three different", "two-register misc", "across lanes", "modified immediate", "shift by immediate",
            "vector x indexed element", "scalar x indexed element (FP)", "scalar pairwise", "scalar copy (DUP element)",
            "scalar three same", "scalar two-register misc", "scalar shift by immediate", "FP data-processing (1 source)",
            "FP data-processing (2 source)", "FP data-processing (3 source)", "FMOV (scalar, immediate)");

    /** True for rows whose semantics touch only the SIMD&amp;FP state (they may fault, but neither read nor write NZCV). */
    static boolean vectorOnly(String mnemonic) {
        return VECTOR_ONLY.contains(mnemonic);
    }

    /** Emits the call of the interpreter's semantics for {@code insn} of row {@code mnemonic}. */
    static void call(Emitter e, String mnemonic, int insn) {
        var cb0 = e.cb;
        if (VECTOR_ONLY.contains(mnemonic)) {
            Label start = e.beginFaulting();
            cb0.aload(CPU).loadConstant(insn).invokestatic(OWNER.get(mnemonic), METHOD.get(mnemonic), SEMANTICS);
            e.endFaulting(start);
            return;
        }
        if (mnemonic.equals("FCMP/FCMPE") || mnemonic.equals("FCSEL") || mnemonic.equals("FCCMP/FCCMPE")) {
            // the flags are the only general state these read or write
            e.syncFlags();
            Label start = e.beginFaulting();
            cb0.aload(CPU).loadConstant(insn).invokestatic(OWNER.get(mnemonic), METHOD.get(mnemonic), SEMANTICS);
            e.endFaulting(start);
            return;
        }
        e.syncAll();
        var cb = e.cb;
        cb.aload(CPU).loadConstant(e.pc).putfield(CD_CPU, "pc", CD_long);
        cb.aload(CPU).loadConstant(e.pc + 4).putfield(CD_CPU, "npc", CD_long);
        Label start = e.beginFaulting();
        cb.aload(CPU).loadConstant(insn).invokestatic(OWNER.get(mnemonic), METHOD.get(mnemonic), SEMANTICS);
        e.endFaulting(start);
        if (endsBlock(mnemonic)) {
            e.exitToNpc(e.executed());
        }
    }
}
