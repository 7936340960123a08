package dev.machina.cpu.m6502;

import dev.machina.core.recomp.HiddenClasses;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Translates a 6502 block (from an entry address to the first control-flow exit, at most
 * {@link #MAX_INSTRUCTIONS} instructions) into a hidden class extending {@link M6502Block}
 * (DESIGN.md, Recompilers); {@link M6502BlockEmitter} emits the method. The decode comes from the variant's {@link DecodeTable}; the
 * registers and flags live in JVM locals inside the block (in {@link M6502State}'s unpacked
 * form); loads, stores, logic, compares, shifts, increments, transfers, stack pushes and pulls,
 * binary ADC/SBC, branches, JMP, JSR and RTS are emitted inline with exactly the interpreter's bus
 * cycles; every other instruction (decimal arithmetic, the undocumented and unstable operations,
 * BRK, RTI, CLI/SEI/PLP, JMP indirect, BBR/BBS, the halts) stores the registers and calls
 * {@link M6502Interpreter#stepInstruction()}, so its semantics stay defined once.
 *
 * <p>Bus cycles: in mode 0 every cycle calls the interpreter's {@code read}, {@code write},
 * {@code idle} or {@code opcodeCycle}, which count it, show it to the hook and access the
 * address space; the block stops after any instruction during which {@code blockExit} was set
 * (an input line changed, code was invalidated), so interrupts are taken at the same instruction
 * boundary as in the interpreter. In {@link M6502Block#MODE_QUIET} (no hook, every page a direct
 * array, so reads have no side effects) fetch and dummy cycles are counted in a local, reads go
 * straight to {@link dev.machina.core.memory.AddressSpace#read8}, the count is stored before every write (a write may
 * reach a device or the code watcher) and the block stops after a write that set
 * {@code blockExit} or changed the memory map.
 */
final class M6502Translator {
    /** Most guest instructions per block (keeps the method far below the JIT's 8000-byte limit). */
    static final int MAX_INSTRUCTIONS = 48;

    private static final ClassDesc CD_BLOCK = ClassDesc.of(M6502Block.class.getName());
    private static final ClassDesc CD_IN = ClassDesc.of(M6502Interpreter.class.getName());
    private static final MethodTypeDesc MTD_INIT = MethodTypeDesc.of(CD_void, CD_long, CD_int, CD_long, CD_int, CD_int);
    private static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(CD_BLOCK, CD_IN);

    private final Variant variant;
    private final DecodeTable table;
    private final boolean cmos;
    private final boolean bcd;
    private final MethodHandles.Lookup lookup = MethodHandles.lookup();
    private long serial;
    private int maxInstructions = MAX_INSTRUCTIONS;
    private int exitCount;      // direct exits of the class last emitted

    M6502Translator(Variant variant) {
        this.variant = variant;
        this.table = DecodeTable.of(variant);
        this.cmos = variant.isCmos();
        this.bcd = variant.hasDecimalMode();
    }

    /** Limits blocks to {@code n} instructions (1..{@link #MAX_INSTRUCTIONS}; 1 for single-instruction tests). */
    void setMaxInstructions(int n) {
        if (n < 1 || n > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("block size " + n + " out of range 1.." + MAX_INSTRUCTIONS);
        }
        maxInstructions = n;
    }

    /** The decode table translations derive from. */
    DecodeTable table() {
        return table;
    }

    /** How an instruction is emitted. */
    enum How { INLINE, FALLBACK, FALLBACK_END, BRANCH, JMP, JSR, RTS }

    /** One decoded instruction of a block. */
    record Insn(int address, Instruction in, int operand, How how, boolean continued) {
        int next() {
            return (address + in.mode().length()) & 0xFFFF;
        }
    }

    /**
     * Decodes and translates the block at {@code pc}.
     *
     * @param code reads a guest code byte without side effects, or returns -1 when it cannot
     * @param pc   entry address, 0..65535
     * @param mode 0 or {@link M6502Block#MODE_QUIET}
     * @return the block, never null (at worst one instruction left to the interpreter)
     */
    M6502Block translate(IntUnaryOperator code, int pc, int mode) {
        List<Insn> insns = decode(code, pc);
        byte[] bytes = emitClass(insns, pc, mode);
        // (a dozen instructions stay far below the budget; larger blocks are measured)
        while (insns.size() > 12 && runCodeLength(bytes) > HiddenClasses.METHOD_BYTE_BUDGET) {
            insns = cut(insns, insns.size() / 2);
            bytes = emitClass(insns, pc, mode);
        }
        int end = insns.isEmpty() ? pc + 1 : insns.getLast().address + insns.getLast().in.mode().length();
        try {
            MethodHandles.Lookup l = HiddenClasses.define(lookup, bytes);
            MethodHandle ctor = l.findConstructor(l.lookupClass(),
                    MethodType.methodType(void.class, long.class, int.class, long.class, int.class, int.class));
            return (M6502Block) ctor.invoke((long) pc, mode, (long) end, Math.max(1, insns.size()), exitCount);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("translating $" + Integer.toHexString(pc) + ": " + t, t);
        }
    }

    /** The first {@code n} instructions, ending in a fall-through exit. */
    private static List<Insn> cut(List<Insn> insns, int n) {
        List<Insn> out = new ArrayList<>(insns.subList(0, n));
        Insn last = out.getLast();
        if (last.continued) {
            out.set(out.size() - 1, new Insn(last.address, last.in, last.operand, last.how, false));
        }
        return out;
    }

    /** Bytes of bytecode in the generated run() method. */
    private static int runCodeLength(byte[] classBytes) {
        return ClassFile.of().parse(classBytes).methods().stream()
                .filter(m -> m.methodName().equalsString("run"))
                .flatMap(m -> m.findAttribute(java.lang.classfile.Attributes.code()).stream())
                .mapToInt(java.lang.classfile.attribute.CodeAttribute::codeLength)
                .findFirst().orElse(0);
    }

    private List<Insn> decode(IntUnaryOperator code, int pc) {
        List<Insn> out = new ArrayList<>();
        int a = pc;
        while (out.size() < maxInstructions) {
            int opcode = code.applyAsInt(a);
            if (opcode < 0) {
                break;
            }
            Instruction in = table.get(opcode);
            int len = in.mode().length();
            if (a + len > 0x10000) {
                break;
            }
            int operand = 0;
            boolean readable = true;
            for (int k = 1; k < len; k++) {
                int b = code.applyAsInt(a + k);
                if (b < 0) {
                    readable = false;
                    break;
                }
                operand |= b << (8 * (k - 1));
            }
            if (!readable) {
                break;
            }
            How how = classify(in);
            // a conditional branch's not-taken side continues the block (a superblock: the
            // taken side is a direct exit); BRA and every other control transfer end it
            boolean continued = how == How.BRANCH && in.operation() != Operation.BRA && out.size() + 1 < maxInstructions;
            out.add(new Insn(a, in, operand, how, continued));
            if (how != How.INLINE && how != How.FALLBACK && !continued) {
                break;
            }
            a += len;
            if (a > 0xFFFF) {
                break;
            }
        }
        return out;
    }

    private How classify(Instruction in) {
        Operation op = in.operation();
        AddressingMode m = in.mode();
        switch (op.kind()) {
            case READ -> {
                boolean opOk = switch (op) {
                    case LDA, LDX, LDY, AND, ORA, EOR, CMP, CPX, CPY, BIT, LAX, ADC, SBC -> true;
                    case NOP -> m == AddressingMode.IMM || m == AddressingMode.ZP || m == AddressingMode.ZPX;
                    default -> false;
                };
                return opOk && dataMode(m) ? How.INLINE : How.FALLBACK;
            }
            case WRITE -> {
                boolean opOk = switch (op) {
                    case STA, STX, STY, STZ, SAX -> true;
                    default -> false;
                };
                return opOk && dataMode(m) && m != AddressingMode.IMM ? How.INLINE : How.FALLBACK;
            }
            case RMW -> {
                boolean opOk = switch (op) {
                    case ASL, LSR, ROL, ROR, INC, DEC -> true;
                    default -> false;
                };
                boolean modeOk = switch (m) {
                    case ACC, ZP, ZPX, ABS, ABX -> true;
                    default -> false;
                };
                return opOk && modeOk ? How.INLINE : How.FALLBACK;
            }
            default -> {
                if (m == AddressingMode.REL) {
                    return How.BRANCH;
                }
                if (op == Operation.JMP && m == AddressingMode.ABS) {
                    return How.JMP;
                }
                if (op == Operation.JSR) {
                    return How.JSR;
                }
                if (op == Operation.RTS) {
                    return How.RTS;
                }
                if (m == AddressingMode.IMP || m == AddressingMode.NONE) {
                    return switch (op) {
                        case NOP, CLC, SEC, CLV, CLD, SED, TAX, TXA, TAY, TYA, TSX, TXS, INX, INY, DEX, DEY,
                             PHA, PHP, PHX, PHY, PLA, PLX, PLY -> How.INLINE;
                        default -> How.FALLBACK_END;
                    };
                }
                return How.FALLBACK_END;
            }
        }
    }

    private static boolean dataMode(AddressingMode m) {
        return switch (m) {
            case IMM, ZP, ZPX, ZPY, ABS, ABX, ABY, IZX, IZY, ZPI -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ class emission

    private byte[] emitClass(List<Insn> insns, int pc, int mode) {
        ClassDesc name = ClassDesc.of(M6502Block.class.getPackageName() + ".Block" + variant.modelName().toUpperCase()
                + "_" + String.format("%04X", pc) + "_" + (serial++));
        return ClassFile.of().build(name, cb -> {
            cb.withSuperclass(CD_BLOCK);
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            cb.withMethodBody(ConstantDescs.INIT_NAME, MTD_INIT, ClassFile.ACC_PUBLIC, c -> c
                    .aload(0).lload(1).iload(3).lload(4).iload(6).iload(7)
                    .invokespecial(CD_BLOCK, ConstantDescs.INIT_NAME, MTD_INIT)
                    .return_());
            cb.withMethodBody("run", MTD_RUN, ClassFile.ACC_PUBLIC, c -> {
                M6502BlockEmitter e = new M6502BlockEmitter(c, mode, variant);
                e.block(insns, pc);
                exitCount = e.directExits();
            });
        });
    }

}
