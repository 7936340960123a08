package dev.machina.cpu.arm.a64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs small A64 programs assembled by GNU as and checks registers and memory against values
 * worked out by hand from the Arm ARM's instruction descriptions. Each program ends with
 * {@code brk #0}, which the test supervisor turns into a stop.
 */
class A64CpuTest {
    private static final long CODE = 0x400000;
    private static final long DATA = 0x600000;

    @BeforeAll
    static void tools() {
        Assumptions.assumeTrue(CrossAssembler.available(), "needs aarch64-linux-gnu-as and -objcopy (Debian binutils-aarch64-linux-gnu)");
    }

    /** Records how the program stopped. */
    static final class Stop implements Supervisor {
        String why;
        long at;

        @Override
        public void supervisorCall(A64Cpu cpu, int imm16) {
            why = "svc";
            cpu.stopSlice();
        }

        @Override
        public void undefinedInstruction(A64Cpu cpu, long pc, int insn) {
            why = "undefined";
            at = pc;
            cpu.stopSlice();
        }

        @Override
        public void memoryFault(A64Cpu cpu, long pc, MemoryFault fault) {
            why = "fault 0x" + Long.toHexString(fault.address);
            at = pc;
            cpu.stopSlice();
        }

        @Override
        public void breakpoint(A64Cpu cpu, long pc, int imm16) {
            why = "brk";
            at = pc;
            cpu.stopSlice();
        }
    }

    private Stop stop;

    /** The engine the programs run on; subclasses run the same programs on the others. */
    String engine() {
        return "interpreter";
    }

    private A64Cpu run(String source) throws Exception {
        byte[] code = CrossAssembler.assemble(source + "\nbrk #0\n");
        PagedMemory mem = new PagedMemory();
        mem.map(CODE, code.length, PagedMemory.PROT_READ | PagedMemory.PROT_EXEC);
        mem.copyIn(CODE, code, 0, code.length, true);
        mem.map(DATA, 0x2000, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        stop = new Stop();
        A64Cpu cpu = new A64Cpu("cpu", mem, stop);
        cpu.setHotThreshold(1);
        cpu.setEngine(engine());
        cpu.pc = CODE;
        cpu.sp = DATA + 0x2000;
        cpu.x[20] = DATA;
        cpu.execute(100_000);
        return cpu;
    }

    @Test
    void addSubAndFlags() throws Exception {
        A64Cpu c = run("""
                mov x0, #5
                add x1, x0, #0x10, lsl #12
                subs w2, w0, #6
                mov x3, #-1
                adds x4, x3, #1
                """);
        assertEquals("brk", stop.why);
        assertEquals(5 + 0x10000, c.x[1]);
        assertEquals(0xFFFFFFFFL, c.x[2], "W result is zero-extended");
        // -1 + 1 = 0 with unsigned carry out, no signed overflow
        assertEquals(0, c.x[4]);
        assertTrue(c.z);
        assertTrue(c.c);
        assertFalse(c.v);
        assertFalse(c.n);
    }

    @Test
    void signedOverflowSetsV() throws Exception {
        A64Cpu c = run("""
                mov x0, #0x7fffffffffffffff
                adds x1, x0, #1
                """);
        assertEquals(Long.MIN_VALUE, c.x[1]);
        assertTrue(c.v);
        assertTrue(c.n);
        assertFalse(c.c);
    }

    @Test
    void logicalImmediatesAndBitfields() throws Exception {
        A64Cpu c = run("""
                mov x0, #0x5555555555555555
                and x1, x0, #0xff00ff00ff00ff00
                movz x2, #0xabcd, lsl #16
                movk x2, #0x1234
                ubfx x3, x2, #8, #12
                sbfx x4, x2, #28, #4
                lsl w5, w2, #4
                asr x6, x4, #1
                bfi x7, x2, #32, #16
                """);
        assertEquals(0x5500550055005500L, c.x[1]);
        assertEquals(0xabcd1234L, c.x[2]);
        assertEquals(0xd12L, c.x[3], "bits 19..8 of 0xabcd1234");
        assertEquals(-6L, c.x[4], "bits 31..28 = 0b1010 sign-extended");
        assertEquals(0xbcd12340L, c.x[5]);
        assertEquals(-3L, c.x[6]);
        assertEquals(0x1234L << 32, c.x[7]);
    }

    @Test
    void multiplyDivideAndOneSource() throws Exception {
        A64Cpu c = run("""
                mov x0, #1000
                mov x1, #7
                udiv x2, x0, x1
                msub x3, x2, x1, x0
                mov x4, #-9
                sdiv x5, x4, x1
                udiv x6, x0, xzr
                umulh x7, x4, x4
                mov x8, #0x100
                clz x9, x8
                rev w10, w0
                rbit x11, x1
                smull x12, w4, w1
                """);
        assertEquals(142, c.x[2]);
        assertEquals(6, c.x[3]);
        assertEquals(-1, c.x[5], "signed division truncates toward zero");
        assertEquals(0, c.x[6], "division by zero gives 0");
        // (2^64 - 9)^2 >> 64 = 2^64 - 18 (+ carry 0)
        assertEquals(-18L, c.x[7]);
        assertEquals(55, c.x[9]);
        assertEquals(0xe8030000L, c.x[10]);
        assertEquals(0xe000000000000000L, c.x[11]);
        assertEquals(-63L, c.x[12]);
    }

    @Test
    void conditionalSelectAndCompare() throws Exception {
        A64Cpu c = run("""
                mov x0, #3
                mov x1, #5
                cmp x0, x1
                csel x2, x0, x1, lt
                cset x3, hi
                csinc x4, x0, x1, eq
                csneg x5, x0, x1, ne
                ccmp x0, #3, #0, lt
                cset x6, eq
                """);
        assertEquals(3, c.x[2]);
        assertEquals(0, c.x[3]);
        assertEquals(6, c.x[4]);
        assertEquals(3, c.x[5]);
        assertEquals(1, c.x[6]);
    }

    @Test
    void loadsStoresAllAddressingModes() throws Exception {
        A64Cpu c = run("""
                mov x0, #0x1122
                movk x0, #0x3344, lsl #16
                movk x0, #0x5566, lsl #32
                movk x0, #0x7788, lsl #48
                str x0, [x20]
                ldrb w1, [x20, #1]
                ldrsh x2, [x20, #6]
                ldr w3, [x20], #4
                ldr w4, [x20, #-4]!
                mov x5, #2
                ldrh w6, [x20, x5, lsl #1]
                stp x0, x5, [sp, #-16]!
                ldp x7, x8, [sp], #16
                ldur x9, [x20, #1]
                ldrsw x10, [x20, #4]
                """);
        assertEquals(0x11, c.x[1]);
        assertEquals(0x7788, c.x[2]);
        assertEquals(0x33441122L, c.x[3]);
        assertEquals(0x33441122L, c.x[4], "pre-index went back to the start");
        assertEquals(0x5566, c.x[6]);
        assertEquals(c.x[0], c.x[7]);
        assertEquals(2, c.x[8]);
        assertEquals(DATA + 0x2000, c.sp, "push and pop balance");
        assertEquals(0x0077885566334411L, c.x[9], "unaligned 64-bit load");
        assertEquals(0x77885566L, c.x[10]);
    }

    /** LDP/STP of S, D and Q registers with offset, pre-index and post-index addressing. */
    @Test
    void simdAndFpPairs() throws Exception {
        A64Cpu c = run("""
                mov x0, #0x0102
                movk x0, #0x0304, lsl #16
                movk x0, #0x0506, lsl #32
                movk x0, #0x0708, lsl #48
                mvn x1, x0
                stp x0, x1, [x20]
                stp x1, x0, [x20, #16]
                ldp q2, q3, [x20]
                ldp d4, d5, [x20, #8]
                add x21, x20, #64
                stp q3, q2, [x21, #32]!
                ldp s6, s7, [x20], #8
                stp d4, d5, [x21], #-16
                fmov x9, d6
                fmov x10, d7
                mov x11, v2.d[1]
                mov x12, v3.d[0]
                ldr x13, [x21, #16]
                ldr x14, [x21, #24]
                ldr x15, [x21, #32]
                ldr x16, [x21, #40]
                fmov x17, d4
                """);
        assertEquals("brk", stop.why);
        long x0 = 0x0708050603040102L;
        assertEquals(0x03040102L, c.x[9], "S load zero-extends into the vector register");
        assertEquals(0x07080506L, c.x[10]);
        assertEquals(~x0, c.x[11], "high half of the first Q");
        assertEquals(~x0, c.x[12], "low half of the second Q");
        assertEquals(~x0, c.x[13], "D pair stored over the Q pair");
        assertEquals(~x0, c.x[14]);
        assertEquals(x0, c.x[15], "second Q of the pre-indexed store");
        assertEquals(~x0, c.x[16]);
        assertEquals(~x0, c.x[17]);
        assertEquals(DATA + 8, c.x[20], "post-index");
        assertEquals(DATA + 80, c.x[21], "pre-index then post-index");
    }

    @Test
    void exclusivesAndAtomics() throws Exception {
        A64Cpu c = run("""
                mov x0, #41
                str x0, [x20]
            1:  ldaxr x1, [x20]
                add x1, x1, #1
                stlxr w2, x1, [x20]
                cbnz w2, 1b
                ldr x3, [x20]
                stxr w4, x1, [x20]
                mov x5, #42
                mov x6, #7
                .arch armv8.1-a
                casal x5, x6, [x20]
                ldr x7, [x20]
                mov x8, #7
                mov x9, #0
                mov x10, #100
                mov x11, #200
                str xzr, [x20, #8]
                casp x8, x9, x10, x11, [x20]
                ldp x12, x13, [x20]
                ldadd x10, x14, [x20]
                ldr x15, [x20]
                swp x11, x16, [x20]
                ldr x17, [x20]
                """);
        assertEquals(42, c.x[3]);
        assertEquals(1, c.x[4], "store-exclusive without a reservation fails");
        assertEquals(42, c.x[5], "CAS returns the old value");
        assertEquals(7, c.x[7], "CAS stored the new value");
        assertEquals(7, c.x[8], "CASP returns the old first word");
        assertEquals(0, c.x[9], "CASP returns the old second word");
        assertEquals(100, c.x[12], "CASP matched {7, 0} and stored {100, 200}");
        assertEquals(200, c.x[13]);
        assertEquals(100, c.x[14], "LDADD returns the old value");
        assertEquals(200, c.x[15], "100 + 100");
        assertEquals(200, c.x[16], "SWP returns the old value");
        assertEquals(200, c.x[17], "SWP stored x11 = 200");
    }

    @Test
    void branchesAndCalls() throws Exception {
        A64Cpu c = run("""
                mov x0, #0
                mov x1, #10
            1:  add x0, x0, x1
                subs x1, x1, #1
                b.ne 1b
                bl 2f
                tbz x0, #0, 3f
                mov x3, #1
            3:  b 4f
            2:  mov x2, #99
                ret
            4:  cbz x2, 5f
                mov x4, #1
            5:
                """);
        assertEquals(55, c.x[0]);
        assertEquals(99, c.x[2]);
        assertEquals(1, c.x[3]);
        assertEquals(1, c.x[4]);
    }

    @Test
    void scalarFloatingPoint() throws Exception {
        A64Cpu c = run("""
                fmov d0, #1.5
                fmov d1, #-2.0
                fmul d2, d0, d1
                fadd d3, d2, d0
                fsqrt d4, d0
                fmadd d5, d0, d0, d1
                fcvtzs x6, d2
                scvtf d7, x6
                fcmp d0, d1
                cset x8, gt
                fmov s9, #0.5
                fcvt d10, s9
                frintm d11, d3
                fcvtns x12, d3
                fmov x13, d0
                ucvtf s14, w13
                fdiv d15, d0, d1
                """);
        assertEquals(-3.0, Double.longBitsToDouble(c.vreg[4]));
        assertEquals(-1.5, Double.longBitsToDouble(c.vreg[6]));
        assertEquals(Math.sqrt(1.5), Double.longBitsToDouble(c.vreg[8]));
        assertEquals(0.25, Double.longBitsToDouble(c.vreg[10]));
        assertEquals(-3L, c.x[6]);
        assertEquals(-3.0, Double.longBitsToDouble(c.vreg[14]));
        assertEquals(1, c.x[8]);
        assertEquals(0.5, Double.longBitsToDouble(c.vreg[20]));
        assertEquals(-2.0, Double.longBitsToDouble(c.vreg[22]));
        assertEquals(-2L, c.x[12], "-1.5 rounds to even: -2");
        assertEquals(0x3FF8000000000000L, c.x[13]);
        assertEquals(-0.75, Double.longBitsToDouble(c.vreg[30]));
    }

    @Test
    void advancedSimd() throws Exception {
        A64Cpu c = run("""
                movi v0.16b, #0x41
                mov x0, #0x0063
                ins v0.b[5], w0
                cmeq v1.16b, v0.16b, #0
                movi v2.16b, #0x63
                cmeq v3.16b, v0.16b, v2.16b
                umaxv b4, v3.16b
                addv b5, v0.8b
                shrn v6.8b, v3.8h, #4
                fmov x1, d6
                mov v7.d[0], x0
                mov v7.d[1], x0
                uzp1 v8.4s, v0.4s, v7.4s
                dup v9.4s, w0
                add v10.4s, v9.4s, v9.4s
                umov w2, v10.s[3]
                ld1 {v11.16b}, [x20]
                tbl v12.16b, {v0.16b}, v7.16b
                """);
        assertEquals(0, c.vreg[2] | c.vreg[3], "no zero bytes");
        assertEquals(0xFF, c.vreg[8], "UMAXV of the compare mask");
        // 7 bytes of 0x41 + one 0x63 = 0x1c7 + 0x63 -> 7*0x41+0x63 = 0x22a, low byte 0x2a
        assertEquals(0x2A, c.vreg[10]);
        assertEquals(0x0000000000F00000L, c.x[1], "byte 5 set -> nibble 5 of SHRN");
        assertEquals(0xC6, c.x[2]);
        assertEquals(0, c.vreg[24] & 0xFF, "TBL index 0x63 is out of range: 0");
        assertEquals(0x41, c.vreg[24] >>> 8 & 0xFF, "TBL index 0 picks byte 0 of the table");
    }
}
