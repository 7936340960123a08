package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.r;
import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rm;
import static dev.machina.cpu.arm.a64.Asm.rn;
import static dev.machina.cpu.arm.a64.Asm.rsp;
import static dev.machina.cpu.arm.a64.Asm.sf;

import java.util.List;

/**
 * A64 "Data Processing -- Register" (Arm ARM C4.1.89): logical and add/subtract on shifted or
 * extended registers, add/subtract with carry, conditional compare and select, one-, two- and
 * three-source operations.
 */
public final class DataProcessingRegister {
    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    private static final String[] EXTEND = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    private DataProcessingRegister() {
    }

    static void register(List<Insn> t) {
        t.add(new Insn("logical (shifted register)", 0x1F000000, 0x0A000000, DataProcessingRegister::logicalShifted, DataProcessingRegister::fmtLogical));
        t.add(new Insn("ADD/SUB (shifted register)", 0x1F200000, 0x0B000000, DataProcessingRegister::addSubShifted, DataProcessingRegister::fmtAddSubShifted));
        t.add(new Insn("ADD/SUB (extended register)", 0x1F200000, 0x0B200000, DataProcessingRegister::addSubExtended, DataProcessingRegister::fmtAddSubExtended));
        t.add(new Insn("ADC/SBC", 0x1FE0FC00, 0x1A000000, DataProcessingRegister::adcSbc,
                (i, pc) -> ((i & 1 << 30) != 0 ? "sbc" : "adc") + ((i & 1 << 29) != 0 ? "s " : " ") + three(i)));
        t.add(new Insn("CCMN/CCMP", 0x3FE00410, 0x3A400000, DataProcessingRegister::condCompare,
                (i, pc) -> ((i & 1 << 30) != 0 ? "ccmp " : "ccmn ") + r(rn(i), sf(i)) + ", "
                        + ((i & 1 << 11) != 0 ? "#" + rm(i) : r(rm(i), sf(i))) + ", #" + (i & 15) + ", " + Asm.cond(i >>> 12)));
        t.add(new Insn("CSEL/CSINC/CSINV/CSNEG", 0x3FE00800, 0x1A800000, DataProcessingRegister::condSelect,
                (i, pc) -> new String[] {"csel", "csinc", "csinv", "csneg"}[(i >>> 29 & 2) | (i >>> 10 & 1)] + " " + three(i) + ", " + Asm.cond(i >>> 12)));
        t.add(new Insn("data processing (2 source)", 0x5FE00000, 0x1AC00000, DataProcessingRegister::twoSource,
                (i, pc) -> twoSourceName(i >>> 10 & 63) + " " + three(i)));
        t.add(new Insn("data processing (1 source)", 0x5FE00000, 0x5AC00000, DataProcessingRegister::oneSource,
                (i, pc) -> oneSourceName(i) + " " + r(rd(i), sf(i)) + ", " + r(rn(i), sf(i))));
        t.add(new Insn("data processing (3 source)", 0x1F000000, 0x1B000000, DataProcessingRegister::threeSource, DataProcessingRegister::fmtThreeSource));
    }

    private static String three(int i) {
        return r(rd(i), sf(i)) + ", " + r(rn(i), sf(i)) + ", " + r(rm(i), sf(i));
    }

    private static long shiftedOperand(A64Cpu cpu, int i, boolean sf) {
        int amount = i >>> 10 & 63;
        int type = i >>> 22 & 3;
        long m = cpu.x[rm(i)];
        if (!sf && amount > 31) {
            throw Undefined.INSTANCE;
        }
        return sf ? Bits.shift64(m, type, amount) : Bits.shift32(m, type, amount);
    }

    /** AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (shifted register). */
    public static void logicalShifted(A64Cpu cpu, int i) {
        boolean sf = sf(i);
        long b = shiftedOperand(cpu, i, sf);
        if ((i & (1 << 21)) != 0) {
            b = ~b;
        }
        cpu.setX(rd(i), Bits.logical(cpu, i >>> 29 & 3, cpu.x[rn(i)], b, sf));
    }

    /** ADD, ADDS, SUB, SUBS (shifted register; ROR is reserved). */
    public static void addSubShifted(A64Cpu cpu, int i) {
        if ((i >>> 22 & 3) == 3) {
            throw Undefined.INSTANCE;
        }
        boolean sf = sf(i);
        long b = shiftedOperand(cpu, i, sf);
        addSub(cpu, i, sf, cpu.x[rn(i)], b, false);
    }

    private static void addSub(A64Cpu cpu, int i, boolean sf, long a, long b, boolean spDest) {
        boolean sub = (i & (1 << 30)) != 0;
        boolean s = (i & (1 << 29)) != 0;
        long r;
        if (sf) {
            r = sub ? Bits.addWithCarry64(cpu, a, ~b, true, s) : Bits.addWithCarry64(cpu, a, b, false, s);
        } else {
            r = sub ? Bits.addWithCarry32(cpu, a, ~b, true, s) : Bits.addWithCarry32(cpu, a, b, false, s);
        }
        if (spDest && !s) {
            cpu.setXOrSp(rd(i), r);
        } else {
            cpu.setX(rd(i), r);
        }
    }

    /** ADD, ADDS, SUB, SUBS (extended register); Rn and (without S) Rd may be SP. */
    public static void addSubExtended(A64Cpu cpu, int i) {
        int shift = i >>> 10 & 7;
        if (shift > 4 || (i >>> 22 & 3) != 0) {
            throw Undefined.INSTANCE;
        }
        boolean sf = sf(i);
        long b = Bits.extend(cpu.x[rm(i)], i >>> 13 & 7, shift);
        addSub(cpu, i, sf, cpu.xOrSp(rn(i)), b, true);
    }

    /** ADC, ADCS, SBC, SBCS. */
    public static void adcSbc(A64Cpu cpu, int i) {
        boolean sf = sf(i);
        boolean s = (i & (1 << 29)) != 0;
        long b = cpu.x[rm(i)];
        if ((i & (1 << 30)) != 0) {
            b = ~b;
        }
        long a = cpu.x[rn(i)];
        long r = sf ? Bits.addWithCarry64(cpu, a, b, cpu.c, s) : Bits.addWithCarry32(cpu, a, b, cpu.c, s);
        cpu.setX(rd(i), r);
    }

    /** CCMN, CCMP (register and immediate). */
    public static void condCompare(A64Cpu cpu, int i) {
        if (!cpu.condition(i >>> 12 & 15)) {
            cpu.setNzcv(i & 15);
            return;
        }
        boolean sf = sf(i);
        long a = cpu.x[rn(i)];
        long b = (i & (1 << 11)) != 0 ? rm(i) : cpu.x[rm(i)];
        boolean sub = (i & (1 << 30)) != 0;
        if (sf) {
            Bits.addWithCarry64(cpu, a, sub ? ~b : b, sub, true);
        } else {
            Bits.addWithCarry32(cpu, a, sub ? ~b : b, sub, true);
        }
    }

    /** CSEL, CSINC, CSINV, CSNEG. */
    public static void condSelect(A64Cpu cpu, int i) {
        if ((i & (1 << 29)) != 0) {
            throw Undefined.INSTANCE;
        }
        long r;
        if (cpu.condition(i >>> 12 & 15)) {
            r = cpu.x[rn(i)];
        } else {
            r = cpu.x[rm(i)];
            boolean inv = (i & (1 << 30)) != 0;
            boolean inc = (i & (1 << 10)) != 0;
            if (inv) {
                r = ~r;
            }
            if (inc) {
                r++;
            }
        }
        if (sf(i)) {
            cpu.setX(rd(i), r);
        } else {
            cpu.setW(rd(i), r);
        }
    }

    private static String twoSourceName(int op) {
        return switch (op) {
            case 2 -> "udiv";
            case 3 -> "sdiv";
            case 8 -> "lsl";
            case 9 -> "lsr";
            case 10 -> "asr";
            case 11 -> "ror";
            case 16 -> "crc32b";
            case 17 -> "crc32h";
            case 18 -> "crc32w";
            case 19 -> "crc32x";
            case 20 -> "crc32cb";
            case 21 -> "crc32ch";
            case 22 -> "crc32cw";
            case 23 -> "crc32cx";
            default -> "?";
        };
    }

    /** UDIV, SDIV, LSLV, LSRV, ASRV, RORV. */
    public static void twoSource(A64Cpu cpu, int i) {
        if ((i & (1 << 29)) != 0) {
            throw Undefined.INSTANCE;
        }
        boolean sf = sf(i);
        long a = cpu.x[rn(i)];
        long b = cpu.x[rm(i)];
        int op = i >>> 10 & 63;
        long r;
        if (sf) {
            r = switch (op) {
                case 2 -> b == 0 ? 0 : Long.divideUnsigned(a, b);
                case 3 -> b == 0 ? 0 : (a == Long.MIN_VALUE && b == -1 ? a : a / b);
                case 8 -> a << b;
                case 9 -> a >>> b;
                case 10 -> a >> b;
                case 11 -> Long.rotateRight(a, (int) b);
                case 19, 23 -> crc32(a, b, 3, op == 23);
                default -> throw Undefined.INSTANCE;
            };
            cpu.setX(rd(i), r);
        } else {
            int x = (int) a;
            int y = (int) b;
            int w = switch (op) {
                case 2 -> y == 0 ? 0 : Integer.divideUnsigned(x, y);
                case 3 -> y == 0 ? 0 : (x == Integer.MIN_VALUE && y == -1 ? x : x / y);
                case 8 -> x << y;
                case 9 -> x >>> y;
                case 10 -> x >> y;
                case 11 -> Integer.rotateRight(x, y);
                case 16, 17, 18, 20, 21, 22 -> (int) crc32(a, b, op & 3, op >= 20);
                default -> throw Undefined.INSTANCE;
            };
            cpu.setW(rd(i), w);
        }
    }

    /**
     * CRC32B/H/W/X and CRC32CB/H/W/X: the reflected CRC-32 (polynomial 0x04C11DB7) or CRC-32C
     * (0x1EDC6F41) of the low {@code 1 << size} bytes of {@code data} folded into {@code acc},
     * without the pre- and post-inversion that software CRC routines add.
     */
    public static long crc32(long acc, long data, int size, boolean castagnoli) {
        int poly = castagnoli ? 0x82F63B78 : 0xEDB88320;
        int crc = (int) acc;
        for (int k = 0; k < (1 << size); k++) {
            crc ^= (int) (data >>> (8 * k)) & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >>> 1) ^ ((crc & 1) != 0 ? poly : 0);
            }
        }
        return crc & 0xffffffffL;
    }

    private static String oneSourceName(int i) {
        int op = i >>> 10 & 63;
        return switch (op) {
            case 0 -> "rbit";
            case 1 -> "rev16";
            case 2 -> sf(i) ? "rev32" : "rev";
            case 3 -> "rev";
            case 4 -> "clz";
            case 5 -> "cls";
            default -> "?";
        };
    }

    /** RBIT, REV16, REV32, REV, CLZ, CLS. */
    public static void oneSource(A64Cpu cpu, int i) {
        if ((i >>> 16 & 0x3F) != 0) {
            throw Undefined.INSTANCE;
        }
        boolean sf = sf(i);
        long a = cpu.x[rn(i)];
        int op = i >>> 10 & 63;
        if (sf) {
            long r = switch (op) {
                case 0 -> Long.reverse(a);
                case 1 -> ((a & 0x00FF00FF00FF00FFL) << 8) | ((a >>> 8) & 0x00FF00FF00FF00FFL);
                case 2 -> Long.rotateRight(Long.reverseBytes(a), 32);
                case 3 -> Long.reverseBytes(a);
                case 4 -> Long.numberOfLeadingZeros(a);
                case 5 -> Long.numberOfLeadingZeros((a ^ (a << 1)) | 1);
                default -> throw Undefined.INSTANCE;
            };
            cpu.setX(rd(i), r);
        } else {
            int w = (int) a;
            int r = switch (op) {
                case 0 -> Integer.reverse(w);
                case 1 -> ((w & 0x00FF00FF) << 8) | ((w >>> 8) & 0x00FF00FF);
                case 2 -> Integer.reverseBytes(w);
                case 4 -> Integer.numberOfLeadingZeros(w);
                case 5 -> Integer.numberOfLeadingZeros((w ^ (w << 1)) | 1);
                default -> throw Undefined.INSTANCE;
            };
            cpu.setW(rd(i), r);
        }
    }

    /** MADD, MSUB, SMADDL, SMSUBL, SMULH, UMADDL, UMSUBL, UMULH. */
    public static void threeSource(A64Cpu cpu, int i) {
        int op = (i >>> 29 & 3) << 4 | (i >>> 21 & 7) << 1 | (i >>> 15 & 1);
        boolean sf = sf(i);
        long a = cpu.x[rn(i)];
        long b = cpu.x[rm(i)];
        long acc = cpu.x[i >>> 10 & 31];
        long r;
        switch (op) {
            case 0 -> r = acc + a * b;
            case 1 -> r = acc - a * b;
            case 2 -> r = acc + (long) (int) a * (int) b;
            case 3 -> r = acc - (long) (int) a * (int) b;
            case 4 -> r = Math.multiplyHigh(a, b);
            case 10 -> r = acc + (a & 0xffffffffL) * (b & 0xffffffffL);
            case 11 -> r = acc - (a & 0xffffffffL) * (b & 0xffffffffL);
            case 12 -> r = Math.unsignedMultiplyHigh(a, b);
            default -> throw Undefined.INSTANCE;
        }
        if (!sf && op > 1) {
            throw Undefined.INSTANCE;
        }
        if (sf) {
            cpu.setX(rd(i), r);
        } else {
            cpu.setW(rd(i), r);
        }
    }

    // ---- disassembly ------------------------------------------------------------------------

    private static String fmtLogical(int i, long pc) {
        boolean sf = sf(i);
        int opc = i >>> 29 & 3;
        boolean inv = (i & (1 << 21)) != 0;
        int amount = i >>> 10 & 63;
        String sh = amount != 0 ? ", " + SHIFT[i >>> 22 & 3] + " #" + amount : "";
        if (opc == 1 && !inv && rn(i) == 31 && sh.isEmpty()) {
            return "mov " + r(rd(i), sf) + ", " + r(rm(i), sf);
        }
        if (opc == 1 && inv && rn(i) == 31) {
            return "mvn " + r(rd(i), sf) + ", " + r(rm(i), sf) + sh;
        }
        if (opc == 3 && !inv && rd(i) == 31) {
            return "tst " + r(rn(i), sf) + ", " + r(rm(i), sf) + sh;
        }
        String m = (inv ? new String[] {"bic", "orn", "eon", "bics"} : new String[] {"and", "orr", "eor", "ands"})[opc];
        return m + " " + three(i) + sh;
    }

    private static String fmtAddSubShifted(int i, long pc) {
        boolean sf = sf(i);
        boolean sub = (i & (1 << 30)) != 0;
        boolean s = (i & (1 << 29)) != 0;
        int amount = i >>> 10 & 63;
        String sh = amount != 0 ? ", " + SHIFT[i >>> 22 & 3] + " #" + amount : "";
        if (s && rd(i) == 31) {
            return (sub ? "cmp " : "cmn ") + r(rn(i), sf) + ", " + r(rm(i), sf) + sh;
        }
        if (sub && rn(i) == 31) {
            return (s ? "negs " : "neg ") + r(rd(i), sf) + ", " + r(rm(i), sf) + sh;
        }
        return (sub ? "sub" : "add") + (s ? "s " : " ") + three(i) + sh;
    }

    private static String fmtAddSubExtended(int i, long pc) {
        boolean sf = sf(i);
        boolean sub = (i & (1 << 30)) != 0;
        boolean s = (i & (1 << 29)) != 0;
        int option = i >>> 13 & 7;
        int shift = i >>> 10 & 7;
        String m = r(rm(i), sf && (option & 3) == 3);
        String ext = ", " + EXTEND[option] + (shift != 0 ? " #" + shift : "");
        String d = s ? r(rd(i), sf) : rsp(rd(i), sf);
        if (s && rd(i) == 31) {
            return (sub ? "cmp " : "cmn ") + rsp(rn(i), sf) + ", " + m + ext;
        }
        return (sub ? "sub" : "add") + (s ? "s " : " ") + d + ", " + rsp(rn(i), sf) + ", " + m + ext;
    }

    private static String fmtThreeSource(int i, long pc) {
        int op = (i >>> 29 & 3) << 4 | (i >>> 21 & 7) << 1 | (i >>> 15 & 1);
        boolean sf = sf(i);
        int ra = i >>> 10 & 31;
        return switch (op) {
            case 0 -> ra == 31 ? "mul " + three(i) : "madd " + three(i) + ", " + r(ra, sf);
            case 1 -> ra == 31 ? "mneg " + three(i) : "msub " + three(i) + ", " + r(ra, sf);
            case 2, 3, 10, 11 -> new String[] {"smaddl", "smsubl", "umaddl", "umsubl"}[(op & 1) | (op >= 10 ? 2 : 0)] + " "
                    + r(rd(i), true) + ", " + r(rn(i), false) + ", " + r(rm(i), false) + ", " + r(ra, true);
            case 4 -> "smulh " + three(i);
            case 12 -> "umulh " + three(i);
            default -> ".inst 0x" + Integer.toHexString(i);
        };
    }
}
