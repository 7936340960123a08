package dev.machina.cpu.arm.a64;

/** Operand spelling for the A64 disassembly (Arm syntax, lower case). */
final class Asm {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    private Asm() {
    }

    /** Xn/Wn with 31 as the zero register. */
    static String r(int n, boolean sf) {
        return n == 31 ? (sf ? "xzr" : "wzr") : (sf ? "x" : "w") + n;
    }

    /** Xn/Wn with 31 as the stack pointer. */
    static String rsp(int n, boolean sf) {
        return n == 31 ? (sf ? "sp" : "wsp") : (sf ? "x" : "w") + n;
    }

    static String x(int n) {
        return r(n, true);
    }

    static String xsp(int n) {
        return rsp(n, true);
    }

    static String cond(int c) {
        return COND[c & 15];
    }

    static String imm(long v) {
        return v < 0 ? "#-0x" + Long.toHexString(-v) : "#0x" + Long.toHexString(v);
    }

    /** An immediate shown as an unsigned 64-bit hex number (logical immediates, bit masks). */
    static String uimm(long v) {
        return "#0x" + Long.toHexString(v);
    }

    static String addr(long a) {
        return "0x" + Long.toHexString(a);
    }

    static int rd(int i) {
        return i & 31;
    }

    static int rn(int i) {
        return i >>> 5 & 31;
    }

    static int rm(int i) {
        return i >>> 16 & 31;
    }

    static boolean sf(int i) {
        return i < 0;
    }
}
