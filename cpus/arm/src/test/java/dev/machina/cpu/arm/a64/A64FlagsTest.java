package dev.machina.cpu.arm.a64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NZCV of every flag-setting integer instruction the recompiler translates inline, as the
 * conditions, CSET and MRS NZCV see it right after the instruction, over edge-case operands,
 * checked against flags worked out here from the Arm ARM's AddWithCarry pseudocode (J1
 * shared/functions/integer/AddWithCarry: C and V from the unsigned and signed sums) and the
 * interpreter's ConditionHolds, on the interpreter, the recompiler and lockstep. The recompiler derives these
 * flags lazily from the instruction's operands, so the tests also cover the places where lazy
 * flags become visible: a fault in the same or in a later basic block, the loop bound of a
 * region, and block exits (lockstep compares the state at each).
 */
class A64FlagsTest {
    private static final long CODE = 0x400000;
    private static final long DATA = 0x600000;
    private static final int DATA_SIZE = 0x10000;
    private static final long[] VALUES = {0, 1, 2, -1, -2, 0x7FFFFFFFFFFFFFFFL, 0x8000000000000000L, 0x7FFFFFFFL, 0x80000000L,
        0xFFFFFFFFL, 0x100000000L, 0x5555555580000001L};
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"};

    /** A flag-setting instruction: its assembly (operands x0/w0 and x1/w1, the C flag set up before when it reads it) and its NZCV by the Arm ARM. */
    private record Op(String asm, Flags flags) {
    }

    private interface Flags {
        int of(long x0, long x1);
    }

    private static final List<Op> OPS = List.of(
            new Op("cmp x0, x1", (a, b) -> addWithCarry(64, a, ~b, 1)),
            new Op("cmp w0, w1", (a, b) -> addWithCarry(32, a, ~b, 1)),
            new Op("cmn x0, x1", (a, b) -> addWithCarry(64, a, b, 0)),
            new Op("cmn w0, w1", (a, b) -> addWithCarry(32, a, b, 0)),
            new Op("subs x3, x0, #0x7ff", (a, b) -> addWithCarry(64, a, ~0x7FFL, 1)),
            new Op("adds w3, w0, #1", (a, b) -> addWithCarry(32, a, 1, 0)),
            new Op("tst x0, x1", (a, b) -> logical(64, a & b)),
            new Op("ands w3, w0, w1", (a, b) -> logical(32, a & b)),
            new Op("bics x3, x0, x1", (a, b) -> logical(64, a & ~b)),
            new Op("cmp x1, x0\n adcs x3, x0, x1", (a, b) -> addWithCarry(64, a, b, carry(addWithCarry(64, b, ~a, 1)))),
            new Op("cmp w1, w0\n sbcs w3, w0, w1", (a, b) -> addWithCarry(32, a, ~b, carry(addWithCarry(32, b, ~a, 1)))),
            new Op("cmp x0, x1\n ccmp x1, x0, #5, ne", (a, b) -> holds(1, addWithCarry(64, a, ~b, 1)) ? addWithCarry(64, b, ~a, 1) : 5),
            new Op("cmn w0, w1\n ccmn w1, #3, #10, ge", (a, b) -> holds(10, addWithCarry(32, a, b, 0)) ? addWithCarry(32, b, 3, 0) : 10));

    @BeforeAll
    static void tools() {
        Assumptions.assumeTrue(CrossAssembler.available(), "needs aarch64-linux-gnu-as and -objcopy (Debian binutils-aarch64-linux-gnu)");
    }

    /** NZCV (bits 3..0) of AddWithCarry(x, y, carry) on {@code bits} bits, from the exact sums as the Arm ARM defines them. */
    private static int addWithCarry(int bits, long x, long y, int carry) {
        BigInteger mod = BigInteger.ONE.shiftLeft(bits);
        BigInteger ux = BigInteger.valueOf(x).mod(mod), uy = BigInteger.valueOf(y).mod(mod);
        BigInteger unsignedSum = ux.add(uy).add(BigInteger.valueOf(carry));
        BigInteger result = unsignedSum.mod(mod);
        BigInteger signedSum = signed(ux, bits).add(signed(uy, bits)).add(BigInteger.valueOf(carry));
        boolean n = result.testBit(bits - 1), z = result.signum() == 0;
        boolean c = !result.equals(unsignedSum), v = !signed(result, bits).equals(signedSum);
        return (n ? 8 : 0) | (z ? 4 : 0) | (c ? 2 : 0) | (v ? 1 : 0);
    }

    private static BigInteger signed(BigInteger u, int bits) {
        return u.testBit(bits - 1) ? u.subtract(BigInteger.ONE.shiftLeft(bits)) : u;
    }

    private static int logical(int bits, long result) {
        long r = bits == 32 ? result & 0xFFFFFFFFL : result;
        return (r >>> (bits - 1) & 1) == 1 ? 8 : r == 0 ? 4 : 0;
    }

    private static int carry(int nzcv) {
        return nzcv >>> 1 & 1;
    }

    /** ConditionHolds for cond 0..13, as the interpreter (the specification) defines it. */
    private static boolean holds(int cond, int nzcv) {
        return A64Cpu.conditionHolds(cond, (nzcv & 8) != 0, (nzcv & 4) != 0, (nzcv & 2) != 0, (nzcv & 1) != 0);
    }

    /** A CPU with the program at CODE (readable and executable) and DATA_SIZE bytes of zeroed data at DATA. */
    private static A64Cpu cpu(String source, String engine, A64CpuTest.Stop stop) throws Exception {
        byte[] code = CrossAssembler.assemble(source + "\nbrk #0\n");
        PagedMemory mem = new PagedMemory();
        mem.map(CODE, code.length, PagedMemory.PROT_READ | PagedMemory.PROT_EXEC);
        mem.copyIn(CODE, code, 0, code.length, true);
        mem.map(DATA, DATA_SIZE, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        A64Cpu cpu = new A64Cpu("cpu", mem, stop);
        cpu.setHotThreshold(1);
        cpu.setEngine(engine);
        cpu.pc = CODE;
        cpu.sp = DATA + DATA_SIZE;
        cpu.x[20] = DATA;
        return cpu;
    }

    /**
     * For every operand pair and instruction: a word whose bit 13-k says whether B.cond k was
     * taken right after it, one for CSET, and the NZCV that MRS reads.
     */
    private static String conditionsProgram() {
        StringBuilder s = new StringBuilder();
        s.append("adr x21, values\n mov x22, #").append(VALUES.length * VALUES.length).append('\n');
        s.append("loop:\n ldp x0, x1, [x21], #16\n");
        for (Op op : OPS) {
            s.append(" mov x2, #0\n mov x8, #0\n");
            for (int c = 0; c < COND.length; c++) {
                s.append(" lsl x2, x2, #1\n ").append(op.asm()).append("\n b.").append(COND[c]).append(" 1f\n b 2f\n1: orr x2, x2, #1\n2:\n");
                s.append(' ').append(op.asm()).append("\n cset x5, ").append(COND[c]).append("\n orr x8, x5, x8, lsl #1\n");
            }
            s.append(' ').append(op.asm()).append("\n mrs x4, nzcv\n stp x2, x8, [x20], #16\n str x4, [x20], #8\n");
        }
        s.append(" subs x22, x22, #1\n b.ne loop\n b done\n .balign 16\nvalues:\n");
        for (long a : VALUES) {
            for (long b : VALUES) {
                s.append(" .quad 0x").append(Long.toHexString(a)).append(", 0x").append(Long.toHexString(b)).append('\n');
            }
        }
        return s.append("done:\n").toString();
    }

    private static long[] results(A64Cpu cpu, int words) {
        long[] r = new long[words];
        for (int i = 0; i < words; i++) {
            r[i] = cpu.memory.read64(DATA + 8L * i);
        }
        return r;
    }

    @Test
    void conditionsCsetAndMrsSeeTheArmArmFlagsOnEveryEngine() throws Exception {
        int words = VALUES.length * VALUES.length * OPS.size() * 3;
        long[] expected = new long[words];
        int w = 0;
        for (long a : VALUES) {
            for (long b : VALUES) {
                for (Op op : OPS) {
                    int nzcv = op.flags().of(a, b);
                    long bits = 0;
                    for (int c = 0; c < COND.length; c++) {
                        bits = bits << 1 | (holds(c, nzcv) ? 1 : 0);
                    }
                    expected[w++] = bits;
                    expected[w++] = bits;
                    expected[w++] = (long) nzcv << 28;
                }
            }
        }
        String program = conditionsProgram();
        for (String engine : new String[] {"interpreter", "recompiler", "lockstep"}) {
            A64CpuTest.Stop stop = new A64CpuTest.Stop();
            A64Cpu cpu = cpu(program, engine, stop);
            cpu.execute(50_000_000);
            assertEquals("brk", stop.why, engine);
            long[] got = results(cpu, words);
            for (int i = 0; i < words; i++) {
                int pair = i / (3 * OPS.size());
                Op op = OPS.get(i / 3 % OPS.size());
                assertEquals(expected[i], got[i], () -> engine + ": " + op.asm().replace('\n', ';') + " with x0=0x" + Long.toHexString(VALUES[pair / VALUES.length])
                        + ", x1=0x" + Long.toHexString(VALUES[pair % VALUES.length]));
            }
        }
    }

    /** Runs {@code source} on each engine and checks how it stopped, where, with which NZCV (binary) and X3. */
    private static void assertStopsOnEveryEngine(String expected, String source) throws Exception {
        for (String engine : new String[] {"interpreter", "recompiler", "lockstep"}) {
            A64CpuTest.Stop stop = new A64CpuTest.Stop();
            A64Cpu cpu = cpu(source, engine, stop);
            cpu.execute(1_000_000);
            assertEquals(expected, stop.why + " at 0x" + Long.toHexString(stop.at) + " nzcv "
                    + Integer.toBinaryString(cpu.nzcv() >>> 28 | 16).substring(1) + " x3 " + cpu.x[3], engine);
        }
    }

    @Test
    void aFaultSeesTheFlagsOfTheCompareBeforeItInTheSameBlock() throws Exception {
        // 3 - 5: N, no carry (borrow), no overflow
        assertStopsOnEveryEngine("fault 0x10 at 0x400010 nzcv 1000 x3 0", """
                mov x0, #3
                mov x1, #5
                mov x9, #0x10
                cmp x0, x1
                ldr x2, [x9]
                cmp x0, x0
                """);
    }

    @Test
    void aFaultSeesTheFlagsOfTheCompareInThePreviousBlock() throws Exception {
        // 0x80000000 + 0x80000000 on 32 bits: zero, carry, overflow; the load faults in the successor
        assertStopsOnEveryEngine("fault 0x10 at 0x400018 nzcv 0111 x3 7", """
                mov w0, #0x80000000
                mov x9, #0x10
                cmn w0, w0
                b.ne 1f
                nop
            1:  add x3, x3, #7
                ldr x2, [x9]
                cmp x0, x0
                """);
    }

    @Test
    void flagsPassedThroughALoopSurviveItsIterationBound() throws Exception {
        // the loop neither reads nor sets NZCV and runs past the region's bound of backward
        // jumps (the region leaves and is entered again); the fault after it sees TST's flags:
        // the sign bit alone, so N, not Z, C = V = 0
        assertStopsOnEveryEngine("fault 0x10 at 0x40001c nzcv 1000 x3 0", """
                mov x0, #0x8000000000000000
                mov x9, #0x10
                mov x3, #3000
                tst x0, x0
                b.eq 2f
            1:  sub x3, x3, #1
                cbnz x3, 1b
                ldr x2, [x9]
                cmp x0, x0
            2:  mov x3, #99
                """);
    }
}
