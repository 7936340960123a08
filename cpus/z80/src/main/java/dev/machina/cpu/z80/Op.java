package dev.machina.cpu.z80;

/**
 * Operation kinds of the Z80 decode tables ({@link Z80Decoder}). Each table entry is one kind
 * plus up to two small operands {@code a} and {@code b} (register codes, pair codes, ALU/rotate
 * operation numbers, bit numbers, conditions); the interpreter's dispatch switches on the kind.
 * Operand meanings are given per constant. Pair codes are {@link Z80State#BC} ..
 * {@link Z80State#IY}; "M" kinds address memory through HL, or (IX+d)/(IY+d) when {@code a} or
 * {@code b} names IX/IY.
 */
final class Op {
    private Op() {
    }

    static final int NOP = 0;
    /** LD rp,nn: a=pair. */
    static final int LD_RR_NN = 1;
    /** ADD HL,rp: a=destination pair (HL/IX/IY), b=source pair. */
    static final int ADD_RR = 2;
    /** LD (BC)/(DE),A: a=pair. */
    static final int LD_IND_A = 3;
    /** LD A,(BC)/(DE): a=pair. */
    static final int LD_A_IND = 4;
    /** LD (nn),rp: a=pair. */
    static final int LD_NN_RR = 5;
    /** LD rp,(nn): a=pair. */
    static final int LD_RR_NNI = 6;
    static final int LD_NN_A = 7;
    static final int LD_A_NN = 8;
    /** INC rp / DEC rp: a=pair. */
    static final int INC_RR = 9;
    static final int DEC_RR = 10;
    /** INC r / DEC r: a=register index. */
    static final int INC_R = 11;
    static final int DEC_R = 12;
    /** INC (HL)/(IX+d) / DEC: a=address pair. */
    static final int INC_M = 13;
    static final int DEC_M = 14;
    /** LD r,n: a=register index. */
    static final int LD_R_N = 15;
    /** LD (HL)/(IX+d),n: a=address pair. */
    static final int LD_M_N = 16;
    static final int RLCA = 17, RRCA = 18, RLA = 19, RRA = 20, DAA = 21, CPL = 22, SCF = 23, CCF = 24;
    static final int EX_AF = 25, DJNZ = 26, JR = 27;
    /** JR cc,e: a=condition 0..3 (NZ, Z, NC, C). */
    static final int JR_CC = 28;
    /** LD r,r': a=destination register index, b=source register index. */
    static final int LD_R_R = 29;
    /** LD r,(HL)/(IX+d): a=destination register index, b=address pair. */
    static final int LD_R_M = 30;
    /** LD (HL)/(IX+d),r: a=address pair, b=source register index. */
    static final int LD_M_R = 31;
    static final int HALT = 32;
    /** ALU A,r: a=operation 0..7 (ADD ADC SUB SBC AND XOR OR CP), b=register index. */
    static final int ALU_R = 33;
    /** ALU A,(HL)/(IX+d): a=operation, b=address pair. */
    static final int ALU_M = 34;
    /** ALU A,n: a=operation. */
    static final int ALU_N = 35;
    /** RET cc: a=condition 0..7 (NZ Z NC C PO PE P M). */
    static final int RET_CC = 36;
    /** POP rp / PUSH rp: a=pair (AF for 3). */
    static final int POP = 37;
    static final int RET = 38, EXX = 39;
    /** JP (HL): a=pair. */
    static final int JP_RR = 40;
    /** LD SP,HL: a=pair. */
    static final int LD_SP_RR = 41;
    /** JP cc,nn: a=condition. */
    static final int JP_CC = 42;
    static final int JP = 43, OUT_N_A = 44, IN_A_N = 45;
    /** EX (SP),HL: a=pair. */
    static final int EX_SP_RR = 46;
    static final int EX_DE_HL = 47, DI = 48, EI = 49;
    /** CALL cc,nn: a=condition. */
    static final int CALL_CC = 50;
    static final int PUSH = 51, CALL = 52;
    /** RST: a=vector/8. */
    static final int RST = 53;
    static final int PREFIX_CB = 54, PREFIX_DD = 55, PREFIX_ED = 56, PREFIX_FD = 57;
    /** CB page, register forms: a=rotate op 0..7 (RLC RRC RL RR SLA SRA SLL SRL) or bit, b=register. */
    static final int ROT_R = 58, BIT_R = 59, RES_R = 60, SET_R = 61;
    /** CB page, (HL) forms: a=rotate op or bit. */
    static final int ROT_M = 62, BIT_M = 63, RES_M = 64, SET_M = 65;
    /**
     * DDCB/FDCB page (address already computed): a=rotate op or bit, b=register that also receives
     * the result (undocumented), or 6 for none.
     */
    static final int ROT_X = 66, BIT_X = 67, RES_X = 68, SET_X = 69;
    /** IN r,(C): a=register index, or 6 for IN (C) (flags only). */
    static final int IN_R_C = 70;
    /** OUT (C),r: a=register index, or 6 for OUT (C),0. */
    static final int OUT_C_R = 71;
    /** SBC HL,rp / ADC HL,rp: a=pair. */
    static final int SBC_HL = 72, ADC_HL = 73;
    static final int NEG = 74;
    /** RETN and RETI (both copy IFF2 to IFF1). */
    static final int RETN = 75;
    /** IM: a=mode. */
    static final int IM = 76;
    static final int LD_I_A = 77, LD_R_A = 78, LD_A_I = 79, LD_A_R = 80, RRD = 81, RLD = 82;
    /** ED opcodes that do nothing (8 T-states). */
    static final int ED_NOP = 83;
    /** Block instructions: a=0 increment / 1 decrement, b=1 repeat. */
    static final int LDI = 84, CPI = 85, INI = 86, OUTI = 87;

    static final int COUNT = 88;
}
