package dev.machina.cpu.x86;

/**
 * Clock counts of the 8086 from the Intel 8086 Family User's Manual (table 2-21): a base per
 * opcode (register-operand form), extras for memory operands and group members
 * ({@link #EXTRA}), taken branches, and, added by the interpreter, effective-address time,
 * per-iteration and per-bit counts and 4 clocks per two-cycle word transfer. These are the
 * manual's figures, not bus-cycle-exact timing: prefetch-queue stalls and wait states are not
 * modelled (68% of the SingleStepTests 8086 subset match the recorded clock count exactly).
 */
final class Timing {
    /** Clocks by opcode. */
    static final int[] CLOCKS = new int[256];

    static {
        for (int op = 0; op < 256; op++) {
            Decoder.Entry e = Decoder.TABLE[op];
            CLOCKS[op] = switch (e.kind()) {
                case ALU, TEST -> e.form() == Decoder.Form.ACC_IMM ? 4 : 3;
                case GRP1, MOV_EI -> 4;
                case MOV, MOV_E_SR, MOV_SR_E -> 2;
                case MOV_RI -> 4;
                case MOV_AM, MOV_MA -> 10;
                case LEA -> 2;
                case LES, LDS -> 16;
                case XCHG -> 4;
                case XCHG_AR -> 3;
                case INC_R, DEC_R -> 2;
                case PUSH_R -> 11;
                case PUSH_SR -> 10;
                case POP_R, POP_SR -> 8;
                case POP_E -> 17;
                case JCC, LOOPNE -> 4;
                case LOOP -> 5;
                case LOOPE, JCXZ -> 6;
                case JMP -> 15;
                case CALL -> 19;
                case JMPF -> 15;
                case CALLF -> 28;
                case RET -> e.form() == Decoder.Form.IMM16 ? 12 : 8;
                case RETF -> e.form() == Decoder.Form.IMM16 ? 17 : 18;
                case IRET -> 24;
                case INT3, INT -> 0;
                case INTO -> 4;
                case CBW -> 2;
                case CWD -> 5;
                case PUSHF -> 10;
                case POPF -> 8;
                case SAHF, LAHF -> 4;
                case DAA, DAS, AAA, AAS -> 4;
                case AAM -> 83;
                case AAD -> 60;
                case SALC -> 3;
                case XLAT -> 11;
                case MOVS -> 18;
                case CMPS -> 22;
                case STOS -> 11;
                case LODS -> 12;
                case SCAS -> 15;
                case IN, OUT -> e.form() == Decoder.Form.ACC_DX || e.form() == Decoder.Form.DX_ACC ? 8 : 10;
                case SHIFT -> e.form() == Decoder.Form.E_CL ? 8 : 2;
                case GRP3, GRP4, GRP5 -> 3;
                case ESC -> 2;
                case HLT, WAIT -> 2;
                default -> 2;
            };
        }
    }

    /**
     * {@link #memoryExtra} + {@link #groupExtra}'s per-instruction share, by {@code op * 8 + reg}:
     * index {@code [0]} for a register operand, {@code [1]} for a memory operand.
     */
    static final int[][] EXTRA = new int[2][256 * 8];

    static {
        for (int op = 0; op < 256; op++) {
            for (int reg = 0; reg < 8; reg++) {
                int modrm = reg << 3;
                int group = Decoder.GROUPS[op] != null ? groupExtra(op, modrm) : 0;
                EXTRA[0][op * 8 + reg] = group;
                EXTRA[1][op * 8 + reg] = group + memoryExtra(op, modrm);
            }
        }
    }

    /**
     * Effective-address time of ModR/M byte {@code m} (mod 0..2) from the manual's table 2-20:
     * base or index alone 5, BP+DI and BX+SI 7, BP+SI and BX+DI 8, direct 6, plus 4 with a
     * displacement.
     */
    static int effectiveAddressClocks(int m) {
        int mod = m >>> 6;
        int rm = m & 7;
        if (mod == 0 && rm == 6) {
            return 6;
        }
        int base = switch (rm) {
            case 0, 3 -> 7;
            case 1, 2 -> 8;
            default -> 5;
        };
        return mod == 0 ? base : base + 4;
    }

    /**
     * Everything a ModR/M byte adds to an instruction's clocks, by {@code op * 256 + modrm}: for a
     * memory operand the effective-address time plus {@code EXTRA[1]}, for a register operand
     * {@code EXTRA[0]}; looked up once when the ModR/M byte is fetched.
     */
    static final byte[] MODRM = new byte[256 * 256];

    static {
        for (int op = 0; op < 256; op++) {
            for (int m = 0; m < 256; m++) {
                int reg = (m >>> 3) & 7;
                MODRM[op << 8 | m] = (byte) (m < 0xC0
                        ? effectiveAddressClocks(m) + EXTRA[1][op * 8 + reg]
                        : EXTRA[0][op * 8 + reg]);
            }
        }
    }

    /** Extra clocks of a taken conditional branch or LOOP (16 vs 4 for Jcc). */
    static final int BRANCH_TAKEN = 12;

    /**
     * Extra clocks when the ModR/M operand of {@code op} is memory rather than a register,
     * before the effective-address time: the manual's memory-form figure minus its register-form
     * figure (e.g. ADD mem,reg 16+EA against ADD reg,reg 3).
     *
     * @param modrm the instruction's ModR/M byte (its reg field selects the group member)
     */
    static int memoryExtra(int op, int modrm) {
        int reg = (modrm >>> 3) & 7;
        Decoder.Entry e = Decoder.entry(op, modrm);
        return switch (e.kind()) {
            case CALL_E -> 5;               // 21+EA vs CALL reg 16
            case JMP_E -> 7;                // 18+EA vs JMP reg 11
            case PUSH_E -> 5;               // 16+EA vs PUSH reg 11
            case TEST_I -> 6;               // 11+EA vs TEST reg,imm 5
            case ALU -> {
                int aluOp = op < 0x40 ? (op >>> 3) & 7 : reg;
                boolean writesMemory = aluOp != Alu.CMP && (op >= 0x80 || (op & 2) == 0);
                // mem,reg 16+EA, reg,mem and CMP 9+EA vs 3; grp1 mem,imm 17+EA (CMP 10+EA) vs 4
                yield writesMemory ? 13 : 6;
            }
            case TEST -> 6;                 // 9+EA vs 3
            case MOV -> (op & 2) == 0 ? 7 : 6; // mem,reg 9+EA / reg,mem 8+EA vs 2
            case MOV_EI -> 6;               // 10+EA vs 4
            case MOV_E_SR -> 7;             // 9+EA vs 2
            case MOV_SR_E -> 6;             // 8+EA vs 2
            case XCHG -> 13;                // 17+EA vs 4
            case INC_E, DEC_E -> 12;        // 15+EA vs 3
            case NOT, NEG -> 13;            // 16+EA vs 3
            case SHIFT -> op < 0xD2 ? 13 : 12; // 15+EA vs 2; 20+EA vs 8 (+4/bit both)
            case MUL, IMUL, DIV, IDIV -> 6;
            case CALLF_E -> 34;             // 37+EA vs 3
            case JMPF_E -> 21;              // 24+EA vs 3
            default -> 0;                   // LEA, LES/LDS, POP mem, ESC: base is the memory form
        };
    }

    /**
     * Extra clocks of group member {@code modrm}'s reg field over the group's base in
     * {@link #CLOCKS}, register form (e.g. CALL reg 16 against the base 3).
     */
    static int groupExtra(int op, int modrm) {
        return switch (Decoder.entry(op, modrm).kind()) {
            case CALL_E -> 13;
            case JMP_E -> 8;
            case PUSH_E -> 8;
            case TEST_I -> 2;
            default -> 0;
        };
    }

    private Timing() {
    }
}
