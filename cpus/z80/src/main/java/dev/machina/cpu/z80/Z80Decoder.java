package dev.machina.cpu.z80;

import static dev.machina.cpu.z80.Z80State.*;

/**
 * The Z80 decode tables: for each opcode page (unprefixed, CB, ED, DD, FD, DDCB, FDCB) 256
 * entries of operation kind ({@link Op}) plus operands, and the instruction's Zilog-syntax text.
 * The interpreter dispatches on the packed {@code int} tables ({@code kind | a << 8 | b << 16});
 * the disassembler reads the text. Both come from the same decoding here, which follows the
 * x/y/z/p/q field split of Cristian Dinu, "Decoding Z80 opcodes" (z80.info/decoding.htm), and
 * Sean Young, "The Undocumented Z80 Documented" (DD/FD substitution of H, L, (HL) and HL by the
 * index registers, the DDCB register-copy forms, the ED duplicates).
 *
 * <p>Text placeholders: {@code n} byte, {@code nn} word, {@code d} signed displacement (in
 * {@code (IX+d)}), {@code e} relative jump target, written as {@code {n}}, {@code {nn}},
 * {@code {d}}, {@code {e}}, in byte order.
 */
public final class Z80Decoder {
    private Z80Decoder() {
    }

    /** One decoded opcode: kind, operands and Zilog-syntax text with placeholders. */
    public record Instr(int kind, int a, int b, String text) {
        int packed() {
            return kind | a << 8 | b << 16;
        }
    }

    /** Tables by page. */
    static final Instr[] MAIN = new Instr[256], CB = new Instr[256], ED = new Instr[256], DD = new Instr[256],
            FD = new Instr[256], DDCB = new Instr[256], FDCB = new Instr[256];
    /** Packed tables for the interpreter's dispatch. */
    static final int[] MAIN_CODE = new int[256], CB_CODE = new int[256], ED_CODE = new int[256], DD_CODE = new int[256],
            FD_CODE = new int[256], XCB_CODE = new int[256];

    private static final String[] CC = {"NZ", "Z", "NC", "C", "PO", "PE", "P", "M"};
    private static final String[] ALU = {"ADD A,", "ADC A,", "SUB ", "SBC A,", "AND ", "XOR ", "OR ", "CP "};
    private static final String[] ROT = {"RLC", "RRC", "RL", "RR", "SLA", "SRA", "SLL", "SRL"};
    private static final String[] PAIR_NAME = {"BC", "DE", "HL", "SP", "AF", "IX", "IY"};
    private static final String[] R8_NAME = {"B", "C", "D", "E", "H", "L", "(HL)", "A", "IXH", "IXL", "IYH", "IYL"};
    private static final int[] IM_MODE = {0, 0, 1, 2, 0, 0, 1, 2};

    static {
        for (int op = 0; op < 256; op++) {
            MAIN[op] = main(op, HL);
            DD[op] = main(op, IX);
            FD[op] = main(op, IY);
            CB[op] = cb(op);
            ED[op] = ed(op);
            DDCB[op] = indexedCb(op, IX);
            FDCB[op] = indexedCb(op, IY);
            MAIN_CODE[op] = MAIN[op].packed();
            DD_CODE[op] = DD[op].packed();
            FD_CODE[op] = FD[op].packed();
            CB_CODE[op] = CB[op].packed();
            ED_CODE[op] = ED[op].packed();
            XCB_CODE[op] = DDCB[op].packed(); // same kinds and operands for FDCB; the index pair is chosen at run time
        }
    }

    /** The table of page {@code prefix}: 0, 0xCB, 0xED, 0xDD, 0xFD, 0xDDCB or 0xFDCB. */
    public static Instr entry(int prefix, int opcode) {
        Instr[] t = switch (prefix) {
            case 0 -> MAIN;
            case 0xCB -> CB;
            case 0xED -> ED;
            case 0xDD -> DD;
            case 0xFD -> FD;
            case 0xDDCB -> DDCB;
            case 0xFDCB -> FDCB;
            default -> throw new IllegalArgumentException("no Z80 opcode page " + Integer.toHexString(prefix));
        };
        return t[opcode & 0xFF];
    }

    /** Register index of code {@code z} under index mode {@code idx} (H/L become IXH/IXL, IYH/IYL). */
    private static int reg(int z, int idx) {
        if (idx == HL || (z != H && z != L)) {
            return z;
        }
        return (idx == IX ? IXH : IYH) + (z - H);
    }

    private static String mem(int idx) {
        return idx == HL ? "(HL)" : "(" + PAIR_NAME[idx] + "+{d})";
    }

    /** Pair code of rp[p] (BC, DE, HL, SP) under index mode. */
    private static int rp(int p, int idx) {
        return p == 2 ? idx : p;
    }

    /** Pair code of rp2[p] (BC, DE, HL, AF). */
    private static int rp2(int p, int idx) {
        return p == 2 ? idx : p == 3 ? AF : p;
    }

    private static Instr in(int kind, int a, int b, String text) {
        return new Instr(kind, a, b, text);
    }

    private static Instr in(int kind, String text) {
        return new Instr(kind, 0, 0, text);
    }

    /** The unprefixed page ({@code idx}=HL) or the DD/FD page ({@code idx}=IX/IY). */
    private static Instr main(int op, int idx) {
        int x = op >> 6, y = (op >> 3) & 7, z = op & 7, p = y >> 1, q = y & 1;
        String hl = PAIR_NAME[idx];
        switch (x) {
            case 0:
                switch (z) {
                    case 0:
                        return switch (y) {
                            case 0 -> in(Op.NOP, "NOP");
                            case 1 -> in(Op.EX_AF, "EX AF,AF'");
                            case 2 -> in(Op.DJNZ, "DJNZ {e}");
                            case 3 -> in(Op.JR, "JR {e}");
                            default -> in(Op.JR_CC, y - 4, 0, "JR " + CC[y - 4] + ",{e}");
                        };
                    case 1:
                        return q == 0 ? in(Op.LD_RR_NN, rp(p, idx), 0, "LD " + PAIR_NAME[rp(p, idx)] + ",{nn}")
                                : in(Op.ADD_RR, idx, rp(p, idx), "ADD " + hl + "," + PAIR_NAME[rp(p, idx)]);
                    case 2:
                        return switch (y) {
                            case 0 -> in(Op.LD_IND_A, BC, 0, "LD (BC),A");
                            case 1 -> in(Op.LD_A_IND, BC, 0, "LD A,(BC)");
                            case 2 -> in(Op.LD_IND_A, DE, 0, "LD (DE),A");
                            case 3 -> in(Op.LD_A_IND, DE, 0, "LD A,(DE)");
                            case 4 -> in(Op.LD_NN_RR, idx, 0, "LD ({nn})," + hl);
                            case 5 -> in(Op.LD_RR_NNI, idx, 0, "LD " + hl + ",({nn})");
                            case 6 -> in(Op.LD_NN_A, "LD ({nn}),A");
                            default -> in(Op.LD_A_NN, "LD A,({nn})");
                        };
                    case 3:
                        return in(q == 0 ? Op.INC_RR : Op.DEC_RR, rp(p, idx), 0, (q == 0 ? "INC " : "DEC ") + PAIR_NAME[rp(p, idx)]);
                    case 4:
                        return y == 6 ? in(Op.INC_M, idx, 0, "INC " + mem(idx)) : in(Op.INC_R, reg(y, idx), 0, "INC " + R8_NAME[reg(y, idx)]);
                    case 5:
                        return y == 6 ? in(Op.DEC_M, idx, 0, "DEC " + mem(idx)) : in(Op.DEC_R, reg(y, idx), 0, "DEC " + R8_NAME[reg(y, idx)]);
                    case 6:
                        return y == 6 ? in(Op.LD_M_N, idx, 0, "LD " + mem(idx) + ",{n}")
                                : in(Op.LD_R_N, reg(y, idx), 0, "LD " + R8_NAME[reg(y, idx)] + ",{n}");
                    default:
                        return switch (y) {
                            case 0 -> in(Op.RLCA, "RLCA");
                            case 1 -> in(Op.RRCA, "RRCA");
                            case 2 -> in(Op.RLA, "RLA");
                            case 3 -> in(Op.RRA, "RRA");
                            case 4 -> in(Op.DAA, "DAA");
                            case 5 -> in(Op.CPL, "CPL");
                            case 6 -> in(Op.SCF, "SCF");
                            default -> in(Op.CCF, "CCF");
                        };
                }
            case 1:
                if (y == 6 && z == 6) {
                    return in(Op.HALT, "HALT");
                }
                if (z == 6) {
                    return in(Op.LD_R_M, y, idx, "LD " + R8_NAME[y] + "," + mem(idx));
                }
                if (y == 6) {
                    return in(Op.LD_M_R, idx, z, "LD " + mem(idx) + "," + R8_NAME[z]);
                }
                return in(Op.LD_R_R, reg(y, idx), reg(z, idx), "LD " + R8_NAME[reg(y, idx)] + "," + R8_NAME[reg(z, idx)]);
            case 2:
                return z == 6 ? in(Op.ALU_M, y, idx, ALU[y] + mem(idx))
                        : in(Op.ALU_R, y, reg(z, idx), ALU[y] + R8_NAME[reg(z, idx)]);
            default:
                switch (z) {
                    case 0:
                        return in(Op.RET_CC, y, 0, "RET " + CC[y]);
                    case 1:
                        if (q == 0) {
                            return in(Op.POP, rp2(p, idx), 0, "POP " + PAIR_NAME[rp2(p, idx)]);
                        }
                        return switch (p) {
                            case 0 -> in(Op.RET, "RET");
                            case 1 -> in(Op.EXX, "EXX");
                            case 2 -> in(Op.JP_RR, idx, 0, "JP (" + hl + ")");
                            default -> in(Op.LD_SP_RR, idx, 0, "LD SP," + hl);
                        };
                    case 2:
                        return in(Op.JP_CC, y, 0, "JP " + CC[y] + ",{nn}");
                    case 3:
                        return switch (y) {
                            case 0 -> in(Op.JP, "JP {nn}");
                            case 1 -> in(Op.PREFIX_CB, "(CB prefix)");
                            case 2 -> in(Op.OUT_N_A, "OUT ({n}),A");
                            case 3 -> in(Op.IN_A_N, "IN A,({n})");
                            case 4 -> in(Op.EX_SP_RR, idx, 0, "EX (SP)," + hl);
                            case 5 -> in(Op.EX_DE_HL, "EX DE,HL");
                            case 6 -> in(Op.DI, "DI");
                            default -> in(Op.EI, "EI");
                        };
                    case 4:
                        return in(Op.CALL_CC, y, 0, "CALL " + CC[y] + ",{nn}");
                    case 5:
                        if (q == 0) {
                            return in(Op.PUSH, rp2(p, idx), 0, "PUSH " + PAIR_NAME[rp2(p, idx)]);
                        }
                        return switch (p) {
                            case 0 -> in(Op.CALL, "CALL {nn}");
                            case 1 -> in(Op.PREFIX_DD, "(DD prefix)");
                            case 2 -> in(Op.PREFIX_ED, "(ED prefix)");
                            default -> in(Op.PREFIX_FD, "(FD prefix)");
                        };
                    case 6:
                        return in(Op.ALU_N, y, 0, ALU[y] + "{n}");
                    default:
                        return in(Op.RST, y, 0, String.format("RST %02XH", y * 8));
                }
        }
    }

    /** The CB page. */
    private static Instr cb(int op) {
        int x = op >> 6, y = (op >> 3) & 7, z = op & 7;
        String operand = R8_NAME[z];
        if (z == 6) {
            return switch (x) {
                case 0 -> in(Op.ROT_M, y, 0, ROT[y] + " (HL)");
                case 1 -> in(Op.BIT_M, y, 0, "BIT " + y + ",(HL)");
                case 2 -> in(Op.RES_M, y, 0, "RES " + y + ",(HL)");
                default -> in(Op.SET_M, y, 0, "SET " + y + ",(HL)");
            };
        }
        return switch (x) {
            case 0 -> in(Op.ROT_R, y, z, ROT[y] + " " + operand);
            case 1 -> in(Op.BIT_R, y, z, "BIT " + y + "," + operand);
            case 2 -> in(Op.RES_R, y, z, "RES " + y + "," + operand);
            default -> in(Op.SET_R, y, z, "SET " + y + "," + operand);
        };
    }

    /** The DDCB/FDCB page: the operation on (IX+d), its result also stored in register z unless z=6. */
    private static Instr indexedCb(int op, int idx) {
        int x = op >> 6, y = (op >> 3) & 7, z = op & 7;
        String m = "(" + PAIR_NAME[idx] + "+{d})";
        String copy = z == 6 ? "" : "," + R8_NAME[z];
        return switch (x) {
            case 0 -> in(Op.ROT_X, y, z, ROT[y] + " " + m + copy);
            case 1 -> in(Op.BIT_X, y, z, "BIT " + y + "," + m);
            case 2 -> in(Op.RES_X, y, z, "RES " + y + "," + m + copy);
            default -> in(Op.SET_X, y, z, "SET " + y + "," + m + copy);
        };
    }

    /** The ED page. */
    private static Instr ed(int op) {
        int x = op >> 6, y = (op >> 3) & 7, z = op & 7, p = y >> 1, q = y & 1;
        if (x == 1) {
            switch (z) {
                case 0:
                    return y == 6 ? in(Op.IN_R_C, 6, 0, "IN (C)") : in(Op.IN_R_C, y, 0, "IN " + R8_NAME[y] + ",(C)");
                case 1:
                    return y == 6 ? in(Op.OUT_C_R, 6, 0, "OUT (C),0") : in(Op.OUT_C_R, y, 0, "OUT (C)," + R8_NAME[y]);
                case 2:
                    return q == 0 ? in(Op.SBC_HL, p, 0, "SBC HL," + PAIR_NAME[p]) : in(Op.ADC_HL, p, 0, "ADC HL," + PAIR_NAME[p]);
                case 3:
                    return q == 0 ? in(Op.LD_NN_RR, p, 0, "LD ({nn})," + PAIR_NAME[p]) : in(Op.LD_RR_NNI, p, 0, "LD " + PAIR_NAME[p] + ",({nn})");
                case 4:
                    return in(Op.NEG, "NEG");
                case 5:
                    return in(Op.RETN, y == 1 ? "RETI" : "RETN");
                case 6:
                    return in(Op.IM, IM_MODE[y], 0, "IM " + IM_MODE[y]);
                default:
                    return switch (y) {
                        case 0 -> in(Op.LD_I_A, "LD I,A");
                        case 1 -> in(Op.LD_R_A, "LD R,A");
                        case 2 -> in(Op.LD_A_I, "LD A,I");
                        case 3 -> in(Op.LD_A_R, "LD A,R");
                        case 4 -> in(Op.RRD, "RRD");
                        case 5 -> in(Op.RLD, "RLD");
                        default -> in(Op.ED_NOP, "NOP*");
                    };
            }
        }
        if (x == 2 && z <= 3 && y >= 4) {
            int dec = y & 1, rep = (y >> 1) & 1;
            String[][] names = {{"LDI", "CPI", "INI", "OUTI"}, {"LDD", "CPD", "IND", "OUTD"},
                    {"LDIR", "CPIR", "INIR", "OTIR"}, {"LDDR", "CPDR", "INDR", "OTDR"}};
            int kind = switch (z) {
                case 0 -> Op.LDI;
                case 1 -> Op.CPI;
                case 2 -> Op.INI;
                default -> Op.OUTI;
            };
            return in(kind, dec, rep, names[rep * 2 + dec][z]);
        }
        return in(Op.ED_NOP, "NOP*");
    }
}
