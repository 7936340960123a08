package dev.machina.cpu.x86;

/**
 * Base clock counts of the 8086 per opcode, register-operand form, from the Intel 8086 Family
 * User's Manual (table 2-21); the interpreter adds effective-address time, per-iteration and
 * per-bit counts, and taken-branch time. These are the manual's figures, not the bus-cycle-exact
 * timing of the prefetch queue (8086 wait states and queue stalls are not modelled).
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
                case PUSH_R, PUSH_SR -> 11;
                case POP_R, POP_SR -> 8;
                case POP_E -> 17;
                case JCC, LOOPE, LOOPNE -> 4;
                case LOOP -> 5;
                case JCXZ -> 6;
                case JMP -> 11;
                case CALL -> 19;
                case JMPF -> 15;
                case CALLF -> 28;
                case RET -> 8;
                case RETF -> 18;
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

    private Timing() {
    }
}
