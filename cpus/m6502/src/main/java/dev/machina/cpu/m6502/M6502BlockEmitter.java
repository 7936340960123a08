package dev.machina.cpu.m6502;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.recomp.TranslatedBlock;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.List;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Emits the {@code run} method of one translated 6502 block ({@link M6502Translator} decodes it):
 * JVM locals for the registers, the interpreter's exact bus cycles (or, in
 * {@link M6502Block#MODE_QUIET}, the cycles counted in a local and reads straight from memory),
 * the inline forms of the common instructions, calls to the interpreter for the others, and the
 * exits with their cached successor links. See {@link M6502Translator} for the rules.
 */
final class M6502BlockEmitter {
    private static final ClassDesc CD_BLOCK = ClassDesc.of(M6502Block.class.getName());
    private static final ClassDesc CD_BLOCK_ARRAY = CD_BLOCK.arrayType();
    private static final ClassDesc CD_TBLOCK = ClassDesc.of(TranslatedBlock.class.getName());
    private static final ClassDesc CD_IN = ClassDesc.of(M6502Interpreter.class.getName());
    private static final ClassDesc CD_STATE = ClassDesc.of(M6502State.class.getName());
    private static final ClassDesc CD_SPACE = ClassDesc.of(AddressSpace.class.getName());
    private static final MethodTypeDesc MTD_I_I = MethodTypeDesc.of(CD_int, CD_int);
    private static final MethodTypeDesc MTD_V_I = MethodTypeDesc.of(CD_void, CD_int);
    private static final MethodTypeDesc MTD_V_II = MethodTypeDesc.of(CD_void, CD_int, CD_int);
    private static final MethodTypeDesc MTD_V = MethodTypeDesc.of(CD_void);
    private static final MethodTypeDesc MTD_I = MethodTypeDesc.of(CD_int);

    // local variable slots of run()
    private static final int THIS = 0, IN = 1, ST = 2, MEM = 3, A = 4, X = 5, Y = 6, S = 7, N = 8, Z = 9, C = 10,
            V = 11, D = 12, I = 13, CYC = 14, VER = 15, T0 = 16, T1 = 17, T2 = 18, FLAT = 19, T3 = 20, LOW = 21;

    // register masks for the registers a block may change (stored back at its exits)
    private static final int R_A = 1, R_X = 2, R_Y = 4, R_S = 8, R_NZ = 16, R_C = 32, R_V = 64, R_D = 128, R_I = 256, ALL = 511;

    /** Registers an instruction may change; everything for those left to the interpreter. */
    private int written(M6502Translator.Insn insn) {
        if (insn.how() == M6502Translator.How.FALLBACK || insn.how() == M6502Translator.How.FALLBACK_END) {
            return ALL;
        }
        Operation op = insn.in().operation();
        return switch (op) {
            case LDA, AND, ORA, EOR, TXA, TYA -> R_A | R_NZ;
            case ADC, SBC -> bcd ? ALL : R_A | R_NZ | R_C | R_V;
            case LAX -> R_A | R_X | R_NZ;
            case LDX, TAX, TSX, INX, DEX -> R_X | R_NZ;
            case LDY, TAY, INY, DEY -> R_Y | R_NZ;
            case CMP, CPX, CPY -> R_NZ | R_C;
            case BIT -> R_NZ | R_V;
            case ASL, LSR, ROL, ROR -> R_NZ | R_C | (insn.in().mode() == AddressingMode.ACC ? R_A : 0);
            case INC, DEC -> R_NZ | (insn.in().mode() == AddressingMode.ACC ? R_A : 0);
            case CLC, SEC -> R_C;
            case CLV -> R_V;
            case CLD, SED -> R_D;
            case TXS, PHA, PHP, PHX, PHY, JSR, RTS -> R_S;
            case PLA -> R_S | R_A | R_NZ;
            case PLX -> R_S | R_X | R_NZ;
            case PLY -> R_S | R_Y | R_NZ;
            default -> 0;   // stores, NOPs, branches, JMP
        };
    }

    private int written(List<M6502Translator.Insn> insns) {
        int m = 0;
        for (M6502Translator.Insn i : insns) {
            m |= written(i);
        }
        return m;
    }

    private final CodeBuilder c;
    private final boolean quiet;
    private final boolean cmos;
    private final boolean bcd;
    private int written = ALL;
    private int slots;
    private int entry;
    private Label top;

    private final boolean flat;

    /**
     * @param c       the code builder of the block's run() method
     * @param mode    the block's mode bits ({@link M6502Block#MODE_QUIET}, {@link M6502Block#MODE_FLAT})
     * @param variant the family member (CMOS bus patterns, decimal mode)
     */
    M6502BlockEmitter(CodeBuilder c, int mode, Variant variant) {
        this.c = c;
        this.quiet = (mode & M6502Block.MODE_QUIET) != 0;
        this.flat = (mode & M6502Block.MODE_FLAT) != 0;
        this.cmos = variant.isCmos();
        this.bcd = variant.hasDecimalMode();
    }

    /** Direct exits of the method emitted (valid after {@link #block}). */
    int directExits() {
        return slots;
    }

    /**
     * Emits the whole method: registers loaded into locals, each instruction, the exits.
     *
     * @param insns the decoded block (empty: one instruction at {@code pc} left to the interpreter)
     * @param pc    the block's entry address
     */
    void block(List<M6502Translator.Insn> insns, int pc) {
        c.aload(IN).getfield(CD_IN, "r", CD_STATE).astore(ST);
        c.aload(IN).getfield(CD_IN, "mem", CD_SPACE).astore(MEM);
        c.iconst_0().istore(CYC);
        c.aload(MEM).invokevirtual(CD_SPACE, "mapVersion", MTD_I).istore(VER);
        c.iconst_0().dup().dup().dup().istore(T0).istore(T1).istore(T2).istore(T3);
        if (flat) {
            c.aload(IN).invokevirtual(CD_IN, "flat", MethodTypeDesc.of(ConstantDescs.CD_byte.arrayType())).astore(FLAT);
            c.aload(IN).invokevirtual(CD_IN, "lowPagesWrite", MethodTypeDesc.of(ConstantDescs.CD_byte.arrayType())).astore(LOW);
        }
        loadRegisters();
        entry = pc;
        top = c.newLabel();
        c.labelBinding(top);
        if (insns.isEmpty()) {
            written = ALL;
            fallback(pc);
            exitIndirect();
            return;
        }
        written = written(insns);
        for (M6502Translator.Insn insn : insns) {
            instruction(insn);
        }
        M6502Translator.Insn last = insns.getLast();
        if (last.how() == M6502Translator.How.INLINE || last.how() == M6502Translator.How.FALLBACK) {
            exitDirect(last.next());
        }
    }

    // ---- registers

    private void loadRegisters() {
        c.aload(ST).getfield(CD_STATE, "a", CD_int).istore(A);
        c.aload(ST).getfield(CD_STATE, "x", CD_int).istore(X);
        c.aload(ST).getfield(CD_STATE, "y", CD_int).istore(Y);
        c.aload(ST).getfield(CD_STATE, "s", CD_int).istore(S);
        c.aload(ST).getfield(CD_STATE, "n", CD_int).istore(N);
        c.aload(ST).getfield(CD_STATE, "z", CD_int).istore(Z);
        c.aload(ST).getfield(CD_STATE, "c", CD_int).istore(C);
        c.aload(ST).getfield(CD_STATE, "v", CD_boolean).istore(V);
        c.aload(ST).getfield(CD_STATE, "d", CD_boolean).istore(D);
        c.aload(ST).getfield(CD_STATE, "i", CD_boolean).istore(I);
    }

    /** Stores the registers the block may have changed (the others are still in the state). */
    private void storeRegisters() {
        int w = written;
        if ((w & R_A) != 0) {
            c.aload(ST).iload(A).putfield(CD_STATE, "a", CD_int);
        }
        if ((w & R_X) != 0) {
            c.aload(ST).iload(X).putfield(CD_STATE, "x", CD_int);
        }
        if ((w & R_Y) != 0) {
            c.aload(ST).iload(Y).putfield(CD_STATE, "y", CD_int);
        }
        if ((w & R_S) != 0) {
            c.aload(ST).iload(S).putfield(CD_STATE, "s", CD_int);
        }
        if ((w & R_NZ) != 0) {
            c.aload(ST).iload(N).putfield(CD_STATE, "n", CD_int);
            c.aload(ST).iload(Z).putfield(CD_STATE, "z", CD_int);
        }
        if ((w & R_C) != 0) {
            c.aload(ST).iload(C).putfield(CD_STATE, "c", CD_int);
        }
        if ((w & R_V) != 0) {
            c.aload(ST).iload(V).putfield(CD_STATE, "v", CD_boolean);
        }
        if ((w & R_D) != 0) {
            c.aload(ST).iload(D).putfield(CD_STATE, "d", CD_boolean);
        }
        if ((w & R_I) != 0) {
            c.aload(ST).iload(I).putfield(CD_STATE, "i", CD_boolean);
        }
    }

    private void setPc(int pc) {
        c.aload(ST).loadConstant(pc).putfield(CD_STATE, "pc", CD_int);
    }

    /** value on the stack -> N and Z (consumed). */
    private void setNZ() {
        c.dup().istore(N).istore(Z);
    }

    // ---- cycles and bus

    /** Adds the cycles counted locally to the interpreter's count (quiet mode). */
    private void flush() {
        if (quiet) {
            c.aload(IN).dup().getfield(CD_IN, "cycles", CD_long).iload(CYC).i2l().ladd().putfield(CD_IN, "cycles", CD_long);
            c.iconst_0().istore(CYC);
        }
    }

    private void count() {
        c.iinc(CYC, 1);
    }

    /** The opcode fetch cycle at {@code pc}. */
    private void opcodeCycle(int pc) {
        if (quiet) {
            count();
        } else {
            c.aload(IN).loadConstant(pc).invokevirtual(CD_IN, "opcodeCycle", MTD_V_I);
        }
    }

    /** An operand fetch cycle at {@code pc} (a plain read in the interpreter when not cached). */
    private void operandCycle(int pc) {
        if (quiet) {
            count();
        } else {
            c.aload(IN).loadConstant(pc).invokevirtual(CD_IN, "read", MTD_I_I).pop();
        }
    }

    /** A dummy read at a constant address. */
    private void idle(int address) {
        if (quiet) {
            count();
        } else {
            c.aload(IN).loadConstant(address).invokevirtual(CD_IN, "idle", MTD_V_I);
        }
    }

    /** A dummy read at the address in local {@code slot}. */
    private void idleLocal(int slot) {
        if (quiet) {
            count();
        } else {
            c.aload(IN).iload(slot).invokevirtual(CD_IN, "idle", MTD_V_I);
        }
    }

    /** Reads the address in local {@code slot}; the value is left on the stack. */
    private void readLocal(int slot) {
        if (flat) {
            count();
            c.aload(FLAT).iload(slot).loadConstant(0xFFFF).iand().baload().loadConstant(0xFF).iand();
        } else if (quiet) {
            count();
            c.aload(MEM).iload(slot).invokevirtual(CD_SPACE, "read8", MTD_I_I);
        } else {
            c.aload(IN).iload(slot).invokevirtual(CD_IN, "read", MTD_I_I);
        }
    }

    /** Reads a constant address; the value is left on the stack. */
    private void readConst(int address) {
        if (flat) {
            count();
            c.aload(FLAT).loadConstant(address & 0xFFFF).baload().loadConstant(0xFF).iand();
        } else if (quiet) {
            count();
            c.aload(MEM).loadConstant(address).invokevirtual(CD_SPACE, "read8", MTD_I_I);
        } else {
            c.aload(IN).loadConstant(address).invokevirtual(CD_IN, "read", MTD_I_I);
        }
    }

    /** Writes the value on the stack to the address in local {@code slot}. */
    private void writeLocal(int slot, boolean low) {
        c.istore(T2);
        c.iload(slot);
        writeAddressOnStack(low);
    }

    /** True when mode {@code m} only addresses page zero (so {@link #writeLocal}'s low path applies). */
    private static boolean lowPages(AddressingMode m) {
        return m == AddressingMode.ZP || m == AddressingMode.ZPX || m == AddressingMode.ZPY;
    }

    /** Pushes the value on the stack (S is decremented). */
    private void push() {
        c.istore(T2);
        c.iload(S).loadConstant(0x100).ior();
        writeAddressOnStack(true);
        c.iload(S).iconst_m1().iadd().loadConstant(0xFF).iand().istore(S);
    }

    /**
     * Writes local {@code T2} to the address on the stack. Quiet mode counts the cycle, stores
     * the count (a watched page's invalidation may stop the block) and writes through the space
     * (no hook to show it to); exact mode goes through the interpreter's bus method. In flat
     * mode an address known to be in $0000-$01FF ({@code low}: page zero or the stack) is
     * stored straight into the array while {@link M6502Interpreter#lowPagesWrite} allowed it at
     * block entry (those pages plain RAM, not watched; only a translation, which happens between
     * blocks, can change that in a quiet space).
     */
    private void writeAddressOnStack(boolean low) {
        c.istore(T3);
        if (!quiet) {
            c.aload(IN).iload(T3).iload(T2).invokevirtual(CD_IN, "write", MTD_V_II);
            return;
        }
        Label done = null;
        if (flat && low) {
            Label slow = c.newLabel();
            done = c.newLabel();
            c.aload(LOW).ifnull(slow);
            count();
            c.aload(LOW).iload(T3).iload(T2).bastore().goto_(done);
            c.labelBinding(slow);
        }
        count();
        flush();
        c.aload(MEM).iload(T3).iload(T2).invokevirtual(CD_SPACE, "write8", MTD_V_II);
        if (done != null) {
            c.labelBinding(done);
        }
    }

    /** Pulls a value onto the stack (S is incremented first). */
    private void pull() {
        c.iload(S).iconst_1().iadd().loadConstant(0xFF).iand().dup().istore(S);
        c.loadConstant(0x100).ior().istore(T1);
        readLocal(T1);
    }

    // ---- exits

    /** An exit to a successor known now: gets the next exit number and returns its cached link. */
    private void exitDirect(int target) {
        int slot = slots++;
        flush();
        storeRegisters();
        setPc(target);
        c.aload(IN).loadConstant(slot).putfield(CD_IN, "exitSlot", CD_int);
        if (slot < 2) {
            c.aload(THIS).getfield(CD_TBLOCK, slot == 0 ? "link0" : "link1", CD_TBLOCK).checkcast(CD_BLOCK).areturn();
        } else {
            c.aload(THIS).getfield(CD_BLOCK, "moreLinks", CD_BLOCK_ARRAY).loadConstant(slot - 2).aaload().areturn();
        }
    }

    /** Exit with the PC already in the state (or in local T0 when {@code pcInT0}). */
    private void exitIndirect() {
        flush();
        storeRegisters();
        c.aload(IN).iconst_m1().putfield(CD_IN, "exitSlot", CD_int);
        c.aconst_null().areturn();
    }

    /** After an instruction that wrote (or any instruction in mode 0): stop when asked to. */
    private void checkStop(int next, boolean wrote) {
        if (quiet && !wrote) {
            return;
        }
        Label go = c.newLabel();
        Label stop = c.newLabel();
        c.aload(IN).getfield(CD_IN, "blockExit", CD_boolean).ifne(stop);
        if (quiet) {
            c.aload(MEM).invokevirtual(CD_SPACE, "mapVersion", MTD_I).iload(VER).if_icmpne(stop);
        }
        c.goto_(go);
        c.labelBinding(stop);
        setPc(next);
        exitIndirect();
        c.labelBinding(go);
    }

    /** Leaves the instruction at {@code pc} to the interpreter. */
    private void fallback(int pc) {
        flush();
        storeRegisters();
        setPc(pc);
        c.aload(IN).invokevirtual(CD_IN, "stepInstruction", MTD_V);
        loadRegisters();
    }

    // ---- instructions

    private void instruction(M6502Translator.Insn insn) {
        switch (insn.how()) {
            case FALLBACK -> {
                fallback(insn.address());
                checkStop(insn.next(), true);
            }
            case FALLBACK_END -> {
                fallback(insn.address());
                exitIndirect();
            }
            case INLINE -> inline(insn);
            case BRANCH -> branch(insn);
            case JMP -> {
                opcodeCycle(insn.address());
                operandCycle(insn.address() + 1);
                operandCycle(insn.address() + 2);
                exitDirect(insn.operand());
            }
            case JSR -> jsr(insn);
            case RTS -> rts(insn);
        }
    }

    private void inline(M6502Translator.Insn insn) {
        Operation op = insn.in().operation();
        int at = insn.address();
        if ((op == Operation.ADC || op == Operation.SBC) && bcd) {
            // decimal mode (and the 65C02's extra cycle) stay with the interpreter
            Label binary = c.newLabel();
            Label done = c.newLabel();
            c.iload(D).ifeq(binary);
            fallback(at);
            c.goto_(done);
            c.labelBinding(binary);
            inlineBody(insn);
            c.labelBinding(done);
        } else {
            inlineBody(insn);
        }
        boolean wrote = op.kind() == Operation.Kind.WRITE || (op.kind() == Operation.Kind.RMW && insn.in().mode() != AddressingMode.ACC)
                || op == Operation.PHA || op == Operation.PHP || op == Operation.PHX || op == Operation.PHY;
        if ((op == Operation.ADC || op == Operation.SBC) && bcd) {
            wrote = true;   // the fallback path may have done anything the interpreter does
        }
        checkStop(insn.next(), wrote);
    }

    private void inlineBody(M6502Translator.Insn insn) {
        Operation op = insn.in().operation();
        AddressingMode m = insn.in().mode();
        int at = insn.address();
        opcodeCycle(at);
        switch (op.kind()) {
            case READ -> {
                if (m == AddressingMode.IMM) {
                    operandCycle(at + 1);
                    c.loadConstant(insn.operand());
                } else {
                    address(insn, Operation.Kind.READ);
                    readLocal(T0);
                }
                if (cmos && insn.in().opcode() == 0x89) {
                    c.iload(A).iand().istore(Z);     // BIT #imm: Z only
                } else {
                    operate(op);
                }
            }
            case WRITE -> {
                address(insn, Operation.Kind.WRITE);
                switch (op) {
                    case STA -> c.iload(A);
                    case STX -> c.iload(X);
                    case STY -> c.iload(Y);
                    case STZ -> c.iconst_0();
                    case SAX -> c.iload(A).iload(X).iand();
                    default -> throw new IllegalStateException(op.name());
                }
                writeLocal(T0, lowPages(m));
            }
            case RMW -> {
                if (m == AddressingMode.ACC) {
                    idle(at + 1);
                    c.iload(A);
                    modify(op);
                    c.istore(A);
                } else {
                    address(insn, Operation.Kind.RMW);
                    readLocal(T0);
                    c.istore(T1);
                    if (cmos) {
                        idleLocal(T0);
                    } else {
                        c.iload(T1);
                        writeLocal(T0, lowPages(m));
                    }
                    c.iload(T1);
                    modify(op);
                    writeLocal(T0, lowPages(m));
                }
            }
            default -> implied(insn);
        }
    }

    /** Effective address of a data access into local T0, with the mode's cycles. */
    private void address(M6502Translator.Insn insn, Operation.Kind kind) {
        int at = insn.address();
        int operand = insn.operand();
        switch (insn.in().mode()) {
            case ZP -> {
                operandCycle(at + 1);
                c.loadConstant(operand).istore(T0);
            }
            case ZPX, ZPY -> {
                operandCycle(at + 1);
                idle(operand);
                c.loadConstant(operand).iload(insn.in().mode() == AddressingMode.ZPX ? X : Y).iadd().loadConstant(0xFF).iand().istore(T0);
            }
            case ABS -> {
                operandCycle(at + 1);
                operandCycle(at + 2);
                c.loadConstant(operand).istore(T0);
            }
            case ABX, ABY -> {
                operandCycle(at + 1);
                operandCycle(at + 2);
                c.loadConstant(operand).istore(T1);
                indexed(insn, kind, insn.in().mode() == AddressingMode.ABX ? X : Y, at + 2);
            }
            case IZX -> {
                operandCycle(at + 1);
                idle(operand);
                c.loadConstant(operand).iload(X).iadd().loadConstant(0xFF).iand().istore(T1);
                pointer();
            }
            case IZY -> {
                operandCycle(at + 1);
                c.loadConstant(operand).istore(T1);
                pointer();
                c.iload(T0).istore(T1);
                indexed(insn, kind, Y, at + 1);
            }
            case ZPI -> {
                operandCycle(at + 1);
                c.loadConstant(operand).istore(T1);
                pointer();
            }
            default -> throw new IllegalStateException("mode " + insn.in().mode());
        }
    }

    /** T0 = the 16-bit pointer at zero-page address T1 (wrapping in page zero). */
    private void pointer() {
        readLocal(T1);
        c.istore(T0);
        c.iload(T1).iconst_1().iadd().loadConstant(0xFF).iand().istore(T1);
        readLocal(T1);
        c.bipush(8).ishl().iload(T0).ior().istore(T0);
    }

    /**
     * T0 = base T1 + index register, with the fix-up dummy read the interpreter's
     * indexedRead/indexedFixed perform; {@code lastOperand} is the address of the last operand byte.
     */
    private void indexed(M6502Translator.Insn insn, Operation.Kind kind, int index, int lastOperand) {
        Operation op = insn.in().operation();
        c.iload(T1).iload(index).iadd().loadConstant(0xFFFF).iand().istore(T0);
        boolean always = kind == Operation.Kind.WRITE
                || (kind == Operation.Kind.RMW && (!cmos || op == Operation.INC || op == Operation.DEC));
        Label skip = c.newLabel();
        if (!always) {
            c.iload(T1).iload(T0).ixor().loadConstant(0xFF00).iand().ifeq(skip);
        }
        if (cmos) {
            idle(lastOperand);
        } else {
            if (quiet) {
                count();
            } else {
                c.iload(T1).loadConstant(0xFF00).iand().iload(T0).loadConstant(0xFF).iand().ior().istore(T2);
                idleLocal(T2);
            }
        }
        c.labelBinding(skip);
    }

    /** A read operation on the value on the stack. */
    private void operate(Operation op) {
        switch (op) {
            case LDA -> c.dup().istore(A).dup().istore(N).istore(Z);
            case LDX -> c.dup().istore(X).dup().istore(N).istore(Z);
            case LDY -> c.dup().istore(Y).dup().istore(N).istore(Z);
            case LAX -> c.dup().dup().istore(A).istore(X).dup().istore(N).istore(Z);
            case AND -> c.iload(A).iand().dup().istore(A).dup().istore(N).istore(Z);
            case ORA -> c.iload(A).ior().dup().istore(A).dup().istore(N).istore(Z);
            case EOR -> c.iload(A).ixor().dup().istore(A).dup().istore(N).istore(Z);
            case CMP -> compare(A);
            case CPX -> compare(X);
            case CPY -> compare(Y);
            case BIT -> {
                // Z = A & v, N = v, V = bit 6
                c.dup().istore(N).dup().iload(A).iand().istore(Z);
                c.bipush(6).ishr().iconst_1().iand().istore(V);
            }
            case NOP -> c.pop();
            case ADC -> adcBinary();
            case SBC -> {
                c.loadConstant(0xFF).ixor();
                adcBinary();
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    private void compare(int register) {
        // d = reg - v; C = d >= 0; N = Z = d & 0xFF
        c.istore(T2);
        c.iload(register).iload(T2).isub().istore(T2);
        c.iload(T2).iconst_m1().ixor().bipush(31).iushr().istore(C);
        c.iload(T2).loadConstant(0xFF).iand().dup().istore(N).istore(Z);
    }

    /** Binary ADC of the value on the stack (Alu.adcBinary). */
    private void adcBinary() {
        c.istore(T2);                                                      // v
        c.iload(A).iload(T2).iadd().iload(C).iadd().istore(T1);            // sum
        // V = (~(a ^ v) & (a ^ sum) & 0x80) != 0
        c.iload(A).iload(T2).ixor().iconst_m1().ixor().iload(A).iload(T1).ixor().iand().bipush(7).ishr().iconst_1().iand().istore(V);
        c.iload(T1).bipush(8).iushr().istore(C);
        c.iload(T1).loadConstant(0xFF).iand().dup().istore(A).dup().istore(N).istore(Z);
    }

    /** A read-modify-write operation: value on the stack -> result on the stack (Alu semantics). */
    private void modify(Operation op) {
        switch (op) {
            case ASL -> {
                c.dup().bipush(7).iushr().istore(C);
                c.iconst_1().ishl().loadConstant(0xFF).iand();
            }
            case LSR -> {
                c.dup().iconst_1().iand().istore(C);
                c.iconst_1().iushr();
            }
            case ROL -> {
                c.dup().istore(T2);
                c.iconst_1().ishl().iload(C).ior().loadConstant(0xFF).iand();
                c.iload(T2).bipush(7).iushr().istore(C);
            }
            case ROR -> {
                c.dup().istore(T2);
                c.iconst_1().iushr().iload(C).bipush(7).ishl().ior();
                c.iload(T2).iconst_1().iand().istore(C);
            }
            case INC -> c.iconst_1().iadd().loadConstant(0xFF).iand();
            case DEC -> c.iconst_m1().iadd().loadConstant(0xFF).iand();
            default -> throw new IllegalStateException(op.name());
        }
        c.dup().dup().istore(N).istore(Z);
    }

    private void implied(M6502Translator.Insn insn) {
        Operation op = insn.in().operation();
        int at = insn.address();
        if (insn.in().mode() == AddressingMode.NONE) {
            return;   // 65C02 one-cycle NOP: only the opcode fetch
        }
        idle(at + 1);
        switch (op) {
            case NOP -> { }
            case CLC -> c.iconst_0().istore(C);
            case SEC -> c.iconst_1().istore(C);
            case CLV -> c.iconst_0().istore(V);
            case CLD -> c.iconst_0().istore(D);
            case SED -> c.iconst_1().istore(D);
            case TAX -> c.iload(A).dup().istore(X).dup().istore(N).istore(Z);
            case TXA -> c.iload(X).dup().istore(A).dup().istore(N).istore(Z);
            case TAY -> c.iload(A).dup().istore(Y).dup().istore(N).istore(Z);
            case TYA -> c.iload(Y).dup().istore(A).dup().istore(N).istore(Z);
            case TSX -> c.iload(S).dup().istore(X).dup().istore(N).istore(Z);
            case TXS -> c.iload(X).istore(S);
            case INX -> c.iload(X).iconst_1().iadd().loadConstant(0xFF).iand().dup().istore(X).dup().istore(N).istore(Z);
            case INY -> c.iload(Y).iconst_1().iadd().loadConstant(0xFF).iand().dup().istore(Y).dup().istore(N).istore(Z);
            case DEX -> c.iload(X).iconst_m1().iadd().loadConstant(0xFF).iand().dup().istore(X).dup().istore(N).istore(Z);
            case DEY -> c.iload(Y).iconst_m1().iadd().loadConstant(0xFF).iand().dup().istore(Y).dup().istore(N).istore(Z);
            case PHA -> {
                c.iload(A);
                push();
            }
            case PHX -> {
                c.iload(X);
                push();
            }
            case PHY -> {
                c.iload(Y);
                push();
            }
            case PHP -> {
                packP();
                push();
            }
            case PLA, PLX, PLY -> {
                c.iload(S).loadConstant(0x100).ior().istore(T1);
                idleLocal(T1);
                pull();
                c.dup().istore(op == Operation.PLA ? A : op == Operation.PLX ? X : Y);
                setNZ();
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    /** P as PHP pushes it (B and bit 5 set), from the locals (M6502State.p(true)). */
    private void packP() {
        c.iload(N).loadConstant(0x80).iand();
        c.iload(V).bipush(6).ishl().ior();
        c.loadConstant(0x30).ior();
        c.iload(D).iconst_3().ishl().ior();
        c.iload(I).iconst_2().ishl().ior();
        // Z: set when (z & 0xFF) == 0
        c.iload(Z).loadConstant(0xFF).iand().iconst_m1().iadd().bipush(31).iushr().iconst_1().ishl().ior();
        c.iload(C).ior();
    }

    private void branch(M6502Translator.Insn insn) {
        int at = insn.address();
        int next = insn.next();
        int target = (next + (byte) insn.operand()) & 0xFFFF;
        opcodeCycle(at);
        operandCycle(at + 1);
        Label taken = c.newLabel();
        Label notTaken = c.newLabel();
        switch (insn.in().operation()) {
            case BPL -> c.iload(N).loadConstant(0x80).iand().ifeq(taken);
            case BMI -> c.iload(N).loadConstant(0x80).iand().ifne(taken);
            case BVC -> c.iload(V).ifeq(taken);
            case BVS -> c.iload(V).ifne(taken);
            case BCC -> c.iload(C).ifeq(taken);
            case BCS -> c.iload(C).ifne(taken);
            case BNE -> c.iload(Z).loadConstant(0xFF).iand().ifne(taken);
            case BEQ -> c.iload(Z).loadConstant(0xFF).iand().ifeq(taken);
            case BRA -> c.goto_(taken);
            default -> throw new IllegalStateException(insn.in().operation().name());
        }
        Label after = insn.continued() ? c.newLabel() : null;
        c.labelBinding(notTaken);
        if (insn.continued()) {
            c.goto_(after);          // the block goes on with the next instruction
        } else {
            exitDirect(next);
        }
        c.labelBinding(taken);
        // the interpreter's branchTo: one more cycle, and one more when the page changes
        idle(next);
        boolean crossed = ((next ^ target) & 0xFF00) != 0;
        if (crossed) {
            idle((next & 0xFF00) | (target & 0xFF));
        }
        if (target == entry) {
            // a loop back to this block's entry stays in the method while the cycle budget
            // lasts and nothing asked the block to stop (input change, invalidation, stop)
            flush();
            Label leave = c.newLabel();
            c.aload(IN).getfield(CD_IN, "blockExit", CD_boolean).ifne(leave);
            c.aload(IN).getfield(CD_IN, "cycles", CD_long).aload(IN).getfield(CD_IN, "runEnd", CD_long).lcmp().ifge(leave);
            c.goto_(top);
            c.labelBinding(leave);
        }
        if (!crossed) {
            // interrupts are sampled one cycle earlier after a taken branch within a page
            flush();
            c.aload(IN).invokevirtual(CD_IN, "branchQuirk", MTD_V);
        }
        exitDirect(target);
        if (insn.continued()) {
            c.labelBinding(after);
            checkStop(next, false);
        }
    }

    private void jsr(M6502Translator.Insn insn) {
        int at = insn.address();
        opcodeCycle(at);
        operandCycle(at + 1);
        c.iload(S).loadConstant(0x100).ior().istore(T1);
        idleLocal(T1);
        int ret = (at + 2) & 0xFFFF;
        c.loadConstant(ret >>> 8);
        push();
        c.loadConstant(ret & 0xFF);
        push();
        operandCycle(at + 2);
        exitDirect(insn.operand());
    }

    private void rts(M6502Translator.Insn insn) {
        int at = insn.address();
        opcodeCycle(at);
        idle(at + 1);
        c.iload(S).loadConstant(0x100).ior().istore(T1);
        idleLocal(T1);
        pull();
        c.istore(T0);
        pull();
        c.bipush(8).ishl().iload(T0).ior().istore(T0);
        idleLocal(T0);
        c.aload(ST).iload(T0).iconst_1().iadd().loadConstant(0xFFFF).iand().putfield(CD_STATE, "pc", CD_int);
        exitIndirect();
    }
}
