package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rm;
import static dev.machina.cpu.arm.a64.Asm.rn;

/** Disassembly of the {@link AdvancedSimd} classes in Arm syntax ({@code cmeq v0.16b, v1.16b, #0}). */
final class SimdFormat {
    private static final String[] ARR = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
    private static final String[] SC = {"b", "h", "s", "d", "q"};
    private static final String[] INT3_S = {"shadd", "sqadd", "srhadd", "", "shsub", "sqsub", "cmgt", "cmge", "sshl", "sqshl", "srshl", "sqrshl",
        "smax", "smin", "sabd", "saba", "add", "cmtst", "mla", "mul", "smaxp", "sminp", "sqdmulh", "addp"};
    private static final String[] INT3_U = {"uhadd", "uqadd", "urhadd", "", "uhsub", "uqsub", "cmhi", "cmhs", "ushl", "uqshl", "urshl", "uqrshl",
        "umax", "umin", "uabd", "uaba", "sub", "cmeq", "mls", "pmul", "umaxp", "uminp", "sqrdmulh", "?"};

    private SimdFormat() {
    }

    private static String v(int n, int size, boolean q) {
        return "v" + n + "." + ARR[size * 2 + (q ? 1 : 0)];
    }

    private static String fv(int n, int i) {
        int fsize = (i & (1 << 22)) != 0 ? 3 : 2;
        return v(n, fsize, AdvancedSimd.q(i));
    }

    static String tbl(int i, long pc) {
        int len = (i >>> 13 & 3) + 1;
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < len; k++) {
            sb.append(k > 0 ? ", " : "").append('v').append((rn(i) + k) & 31).append(".16b");
        }
        return ((i & (1 << 12)) != 0 ? "tbx " : "tbl ") + v(rd(i), 0, AdvancedSimd.q(i)) + ", " + sb + "}, " + v(rm(i), 0, AdvancedSimd.q(i));
    }

    static String permute(int i, long pc) {
        String m = new String[] {"?", "uzp1", "trn1", "zip1", "?", "uzp2", "trn2", "zip2"}[i >>> 12 & 7];
        int s = AdvancedSimd.esize(i);
        boolean q = AdvancedSimd.q(i);
        return m + " " + v(rd(i), s, q) + ", " + v(rn(i), s, q) + ", " + v(rm(i), s, q);
    }

    static String ext(int i, long pc) {
        boolean q = AdvancedSimd.q(i);
        return "ext " + v(rd(i), 0, q) + ", " + v(rn(i), 0, q) + ", " + v(rm(i), 0, q) + ", #" + (i >>> 11 & 15);
    }

    static String copy(int i, long pc) {
        int imm5 = i >>> 16 & 31;
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) {
            return ".inst 0x" + Integer.toHexString(i);
        }
        int index = imm5 >>> (size + 1);
        boolean q = AdvancedSimd.q(i);
        String lane = "." + SC[size] + "[" + index + "]";
        if (AdvancedSimd.u(i)) {
            return "mov v" + rd(i) + lane + ", v" + rn(i) + "." + SC[size] + "[" + ((i >>> 11 & 15) >>> size) + "]";
        }
        return switch (i >>> 11 & 15) {
            case 0 -> "dup " + v(rd(i), size, q) + ", v" + rn(i) + lane;
            case 1 -> "dup " + v(rd(i), size, q) + ", " + Asm.r(rn(i), size == 3);
            case 3 -> "mov v" + rd(i) + lane + ", " + Asm.r(rn(i), size == 3);
            case 5 -> "smov " + Asm.r(rd(i), q) + ", v" + rn(i) + lane;
            case 7 -> (size >= 2 ? "mov " : "umov ") + Asm.r(rd(i), q) + ", v" + rn(i) + lane;
            default -> ".inst 0x" + Integer.toHexString(i);
        };
    }

    static String threeSame(int i, long pc) {
        int op = i >>> 11 & 31;
        boolean u = AdvancedSimd.u(i);
        boolean q = AdvancedSimd.q(i);
        int s = AdvancedSimd.esize(i);
        if (op == 3) {
            String m = (u ? new String[] {"eor", "bsl", "bit", "bif"} : new String[] {"and", "bic", "orr", "orn"})[s];
            if (!u && s == 2 && rn(i) == rm(i)) {
                return "mov " + v(rd(i), 0, q) + ", " + v(rn(i), 0, q);
            }
            return m + " " + v(rd(i), 0, q) + ", " + v(rn(i), 0, q) + ", " + v(rm(i), 0, q);
        }
        if (op >= 24) {
            return fpThreeName(op, u, s >>> 1) + " " + fv(rd(i), i) + ", " + fv(rn(i), i) + ", " + fv(rm(i), i);
        }
        return (u ? INT3_U : INT3_S)[op] + " " + v(rd(i), s, q) + ", " + v(rn(i), s, q) + ", " + v(rm(i), s, q);
    }

    private static String fpThreeName(int op, boolean u, int a) {
        String[][] n = u
                ? new String[][] {{"fmaxnmp", "fminnmp"}, {"?", "?"}, {"faddp", "fabd"}, {"fmul", "?"}, {"fcmge", "fcmgt"}, {"facge", "facgt"}, {"fmaxp", "fminp"}, {"fdiv", "?"}}
                : new String[][] {{"fmaxnm", "fminnm"}, {"fmla", "fmls"}, {"fadd", "fsub"}, {"fmulx", "?"}, {"fcmeq", "?"}, {"?", "?"}, {"fmax", "fmin"}, {"frecps", "frsqrts"}};
        return n[op - 24][a];
    }

    static String scalarThreeSame(int i, long pc) {
        int op = i >>> 11 & 31;
        boolean u = AdvancedSimd.u(i);
        int s = AdvancedSimd.esize(i);
        if (op >= 24) {
            String p = (i & (1 << 22)) != 0 ? "d" : "s";
            return fpThreeName(op, u, s >>> 1) + " " + p + rd(i) + ", " + p + rn(i) + ", " + p + rm(i);
        }
        return (u ? INT3_U : INT3_S)[op] + " " + SC[s] + rd(i) + ", " + SC[s] + rn(i) + ", " + SC[s] + rm(i);
    }

    static String scalarPairwise(int i, long pc) {
        int op = i >>> 12 & 31;
        int s = AdvancedSimd.esize(i);
        if (!AdvancedSimd.u(i)) {
            return "addp d" + rd(i) + ", v" + rn(i) + ".2d";
        }
        String p = (s & 1) != 0 ? "d" : "s";
        String m = switch (op) {
            case 12 -> s >= 2 ? "fminnmp" : "fmaxnmp";
            case 13 -> "faddp";
            case 15 -> s >= 2 ? "fminp" : "fmaxp";
            default -> "?";
        };
        return m + " " + p + rd(i) + ", v" + rn(i) + "." + ((s & 1) != 0 ? "2d" : "2s");
    }

    static String scalarDup(int i, long pc) {
        int imm5 = i >>> 16 & 31;
        int size = Math.min(Integer.numberOfTrailingZeros(imm5), 3);
        return "mov " + SC[size] + rd(i) + ", v" + rn(i) + "." + SC[size] + "[" + (imm5 >>> (size + 1)) + "]";
    }

    static String threeDifferent(int i, long pc) {
        int op = i >>> 12 & 15;
        boolean u = AdvancedSimd.u(i);
        boolean q = AdvancedSimd.q(i);
        int s = AdvancedSimd.esize(i);
        String[] names = {"addl", "addw", "subl", "subw", "addhn", "abal", "subhn", "abdl", "mlal", "qdmlal", "mlsl", "qdmlsl", "mull", "qdmull", "pmull", "?"};
        String m = names[op];
        String sign = (op == 4 || op == 6 || op == 14) ? (u ? "r" : "") : (u ? "u" : "s");
        String two = q ? "2" : "";
        if (op == 4 || op == 6) {
            return sign + m + two + " " + v(rd(i), s, q) + ", " + v(rn(i), s + 1, true) + ", " + v(rm(i), s + 1, true);
        }
        String nArr = (op == 1 || op == 3) ? v(rn(i), s + 1, true) : v(rn(i), s, q);
        return sign + m + two + " " + v(rd(i), s + 1, true) + ", " + nArr + ", " + v(rm(i), s, q);
    }

    static String twoRegMisc(int i, long pc) {
        int op = i >>> 12 & 31;
        boolean u = AdvancedSimd.u(i);
        boolean q = AdvancedSimd.q(i);
        int s = AdvancedSimd.esize(i);
        String m = twoName(op, u, s);
        if (op == 18 || op == 20) {
            return m + (q ? "2 " : " ") + v(rd(i), s, q) + ", " + v(rn(i), s + 1, true);
        }
        if (op == 5 && u) {
            return m + " " + v(rd(i), 0, q) + ", " + v(rn(i), 0, q);
        }
        if (op >= 12 && op != 18 && op != 19 && op != 20 && !(op == 22 || op == 23)) {
            String zero = op >= 12 && op <= 14 ? ", #0.0" : "";
            return m + " " + fv(rd(i), i) + ", " + fv(rn(i), i) + zero;
        }
        String zero = op >= 8 && op <= 10 ? ", #0" : "";
        return m + " " + v(rd(i), s, q) + ", " + v(rn(i), s, q) + zero;
    }

    private static String twoName(int op, boolean u, int s) {
        int a = s >>> 1;
        return switch (op) {
            case 0 -> u ? "rev32" : "rev64";
            case 1 -> "rev16";
            case 2 -> u ? "uaddlp" : "saddlp";
            case 4 -> u ? "clz" : "cls";
            case 5 -> u ? (s == 0 ? "mvn" : "rbit") : "cnt";
            case 6 -> u ? "uadalp" : "sadalp";
            case 8 -> u ? "cmge" : "cmgt";
            case 9 -> u ? "cmle" : "cmeq";
            case 10 -> "cmlt";
            case 11 -> u ? "neg" : "abs";
            case 12 -> u ? "fcmge" : "fcmgt";
            case 13 -> u ? "fcmle" : "fcmeq";
            case 14 -> "fcmlt";
            case 15 -> u ? "fneg" : "fabs";
            case 18 -> u ? "sqxtun" : "xtn";
            case 19 -> "shll";
            case 20 -> u ? "uqxtn" : "sqxtn";
            case 22 -> "fcvtn";
            case 23 -> "fcvtl";
            case 24 -> u ? (a == 0 ? "frinta" : "frinti") : (a == 0 ? "frintn" : "frintp");
            case 25 -> u ? "frintx" : (a == 0 ? "frintm" : "frintz");
            case 26 -> (a == 0 ? "fcvtn" : "fcvtp") + (u ? "u" : "s");
            case 27 -> (a == 0 ? "fcvtm" : "fcvtz") + (u ? "u" : "s");
            case 28 -> a == 0 ? (u ? "fcvtau" : "fcvtas") : "urecpe";
            case 29 -> a == 0 ? (u ? "ucvtf" : "scvtf") : (u ? "frsqrte" : "frecpe");
            case 31 -> "fsqrt";
            default -> "?";
        };
    }

    static String scalarTwoRegMisc(int i, long pc) {
        int op = i >>> 12 & 31;
        boolean u = AdvancedSimd.u(i);
        int s = AdvancedSimd.esize(i);
        if (op >= 12) {
            String p = (s & 1) != 0 ? "d" : "s";
            return twoName(op, u, s) + " " + p + rd(i) + ", " + p + rn(i);
        }
        return twoName(op, u, s) + " d" + rd(i) + ", d" + rn(i) + (op >= 8 && op <= 10 ? ", #0" : "");
    }

    static String acrossLanes(int i, long pc) {
        int op = i >>> 12 & 31;
        boolean u = AdvancedSimd.u(i);
        int s = AdvancedSimd.esize(i);
        String m = switch (op) {
            case 3 -> u ? "uaddlv" : "saddlv";
            case 10 -> u ? "umaxv" : "smaxv";
            case 26 -> u ? "uminv" : "sminv";
            case 27 -> "addv";
            case 12 -> s >= 2 ? "fminnmv" : "fmaxnmv";
            case 15 -> s >= 2 ? "fminv" : "fmaxv";
            default -> "?";
        };
        int rs = op == 12 || op == 15 ? 2 : op == 3 ? s + 1 : s;
        return m + " " + SC[Math.min(rs, 3)] + rd(i) + ", " + v(rn(i), op == 12 || op == 15 ? 2 : s, AdvancedSimd.q(i));
    }

    static String modifiedImmediate(int i, long pc) {
        int op = i >>> 29 & 1;
        int cmode = i >>> 12 & 15;
        int imm8 = (i >>> 16 & 7) << 5 | (i >>> 5 & 31);
        boolean q = AdvancedSimd.q(i);
        if (cmode == 15) {
            return "fmov " + v(rd(i), op == 1 ? 3 : 2, q) + ", #" + Fp.toDouble(Fp.expandImm(imm8, 3), 3);
        }
        boolean orrBic = cmode < 12 && (cmode & 1) == 1;
        String m = orrBic ? (op == 0 ? "orr" : "bic") : (op == 1 && cmode < 14 ? "mvni" : "movi");
        int size = cmode < 8 ? 2 : cmode < 12 ? 1 : cmode < 14 ? 2 : op == 0 ? 0 : 3;
        String shift = cmode < 8 ? ((cmode >>> 1) != 0 ? ", lsl #" + 8 * (cmode >>> 1) : "")
                : cmode < 12 ? ((cmode & 2) != 0 ? ", lsl #8" : "") : cmode < 14 ? ", msl #" + ((cmode & 1) != 0 ? 16 : 8) : "";
        String immText = size == 3 ? "#0x" + Long.toHexString(AdvancedSimd.expandImm(op, cmode, imm8)) : "#0x" + Integer.toHexString(imm8);
        String reg = size == 3 && !q ? "d" + rd(i) : v(rd(i), size, q);
        return m + " " + reg + ", " + immText + shift;
    }

    static String shiftImmediate(int i, long pc) {
        int immh = i >>> 19 & 15;
        int immhb = i >>> 16 & 127;
        int op = i >>> 11 & 31;
        boolean u = AdvancedSimd.u(i);
        boolean q = AdvancedSimd.q(i);
        int size = 31 - Integer.numberOfLeadingZeros(immh);
        int bits = 8 << size;
        String m = switch (op) {
            case 0 -> u ? "ushr" : "sshr";
            case 2 -> u ? "usra" : "ssra";
            case 4 -> u ? "urshr" : "srshr";
            case 6 -> u ? "ursra" : "srsra";
            case 8 -> "sri";
            case 10 -> u ? "sli" : "shl";
            case 16 -> u ? "sqshrun" : "shrn";
            case 17 -> u ? "sqrshrun" : "rshrn";
            case 18 -> u ? "uqshrn" : "sqshrn";
            case 19 -> u ? "uqrshrn" : "sqrshrn";
            case 20 -> u ? "ushll" : "sshll";
            case 28 -> u ? "ucvtf" : "scvtf";
            case 31 -> u ? "fcvtzu" : "fcvtzs";
            case 12 -> "sqshlu";
            case 14 -> u ? "uqshl" : "sqshl";
            default -> "?";
        };
        if (op >= 16 && op <= 19) {
            return m + (q ? "2 " : " ") + v(rd(i), size, q) + ", " + v(rn(i), size + 1, true) + ", #" + (2 * bits - immhb);
        }
        if (op == 20) {
            return m + (q ? "2 " : " ") + v(rd(i), size + 1, true) + ", " + v(rn(i), size, q) + ", #" + (immhb - bits);
        }
        int amount = op == 10 || op == 12 || op == 14 ? immhb - bits : 2 * bits - immhb;
        return m + " " + v(rd(i), size, q) + ", " + v(rn(i), size, q) + ", #" + amount;
    }

    static String scalarShiftImmediate(int i, long pc) {
        int immhb = i >>> 16 & 127;
        int op = i >>> 11 & 31;
        boolean u = AdvancedSimd.u(i);
        String m = switch (op) {
            case 0 -> u ? "ushr" : "sshr";
            case 2 -> u ? "usra" : "ssra";
            case 4 -> u ? "urshr" : "srshr";
            case 8 -> "sri";
            case 10 -> u ? "sli" : "shl";
            default -> "?";
        };
        return m + " d" + rd(i) + ", d" + rn(i) + ", #" + (op == 10 ? immhb - 64 : 128 - immhb);
    }

    static String scalarByElement(int i, long pc) {
        int op = i >>> 12 & 15;
        int s = AdvancedSimd.esize(i);
        int fsize = (s & 1) != 0 ? 3 : 2;
        int h = i >>> 11 & 1;
        int l = i >>> 21 & 1;
        int index = fsize == 2 ? h << 1 | l : h;
        String m = op == 1 ? "fmla" : op == 5 ? "fmls" : AdvancedSimd.u(i) ? "fmulx" : "fmul";
        String p = SC[fsize];
        return m + " " + p + rd(i) + ", " + p + rn(i) + ", v" + (rm(i) | (i >>> 20 & 1) << 4) + "." + p + "[" + index + "]";
    }

    static String byElement(int i, long pc) {
        int op = i >>> 12 & 15;
        boolean u = AdvancedSimd.u(i);
        boolean q = AdvancedSimd.q(i);
        int s = AdvancedSimd.esize(i);
        int h = i >>> 11 & 1;
        int l = i >>> 21 & 1;
        int mbit = i >>> 20 & 1;
        boolean fp = !u && (op == 1 || op == 5 || op == 9) || u && op == 9;
        if (fp) {
            int fsize = (s & 1) != 0 ? 3 : 2;
            int index = fsize == 2 ? h << 1 | l : h;
            String m = op == 1 ? "fmla" : op == 5 ? "fmls" : u ? "fmulx" : "fmul";
            return m + " " + v(rd(i), fsize, q) + ", " + v(rn(i), fsize, q) + ", v" + (rm(i) | mbit << 4) + "." + SC[fsize] + "[" + index + "]";
        }
        int index = s == 1 ? h << 2 | l << 1 | mbit : h << 1 | l;
        int mreg = s == 1 ? rm(i) & 15 : rm(i) | mbit << 4;
        String lane = ", v" + mreg + "." + SC[s] + "[" + index + "]";
        return switch (op) {
            case 0 -> "mla " + v(rd(i), s, q) + ", " + v(rn(i), s, q) + lane;
            case 4 -> "mls " + v(rd(i), s, q) + ", " + v(rn(i), s, q) + lane;
            case 8 -> "mul " + v(rd(i), s, q) + ", " + v(rn(i), s, q) + lane;
            case 2, 6, 10 -> (u ? "u" : "s") + (op == 2 ? "mlal" : op == 6 ? "mlsl" : "mull") + (q ? "2 " : " ") + v(rd(i), s + 1, true) + ", " + v(rn(i), s, q) + lane;
            default -> ".inst 0x" + Integer.toHexString(i);
        };
    }
}
