package dev.machina.cpu.arm.a64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads and stores of every size at the offsets around a page boundary, where the recompiler's
 * inline translation cache probe must hand over to the accessors (Arm ARM C3.3: an unaligned
 * access is made as if byte by byte, little-endian), checked against a byte model of memory
 * written here, and faults of accesses that cross into an unmapped or read-only page, which
 * change neither registers nor memory, on the interpreter, the recompiler and lockstep.
 */
class A64MemoryAccessTest {
    private static final long CODE = 0x400000;
    /** Three read-write pages, then a read-only one, then nothing. */
    private static final long DATA = 0x600000, READ_ONLY = 0x603000, UNMAPPED = 0x604000;
    private static final long RESULTS = DATA;
    private static final String[] ENGINES = {"interpreter", "recompiler", "lockstep"};
    private static final String[] STORE = {"strb w2", "strh w2", "str w2", "str x2"};
    private static final String[] LOAD = {"ldrb w3", "ldrh w3", "ldr w3", "ldr x3", "ldrsb x3", "ldrsh x3", "ldrsw x3"};
    private static final int[] LOAD_SIZE = {0, 1, 2, 3, 0, 1, 2};

    @BeforeAll
    static void tools() {
        Assumptions.assumeTrue(CrossAssembler.available(), "needs aarch64-linux-gnu-as and -objcopy (Debian binutils-aarch64-linux-gnu)");
    }

    private static A64Cpu run(String source, String engine, A64CpuTest.Stop stop) throws Exception {
        byte[] code = CrossAssembler.assemble(source + "\nbrk #0\n.ltorg\n");
        PagedMemory mem = new PagedMemory();
        mem.map(CODE, code.length, PagedMemory.PROT_READ | PagedMemory.PROT_EXEC);
        mem.copyIn(CODE, code, 0, code.length, true);
        mem.map(DATA, READ_ONLY - DATA, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        mem.map(READ_ONLY, UNMAPPED - READ_ONLY, PagedMemory.PROT_READ);
        A64Cpu cpu = new A64Cpu("cpu", mem, stop);
        cpu.setHotThreshold(1);
        cpu.setEngine(engine);
        cpu.pc = CODE;
        cpu.x[21] = RESULTS;
        cpu.execute(1_000_000);
        return cpu;
    }

    /** The value every store of the program writes: distinct bytes 0x11, 0x92, 0x13, 0x94, ... (a sign bit in every other). */
    private static long pattern(int k) {
        long v = 0;
        for (int b = 7; b >= 0; b--) {
            v = v << 8 | (((k * 8 + b) & 0x7F) | (b % 2 == 1 ? 0x80 : 0)) & 0xFF;
        }
        return v;
    }

    @Test
    void accessesAroundAPageBoundaryMatchAByteModel() throws Exception {
        long boundary = DATA + 0x2000;
        byte[] model = new byte[0x20]; // the bytes from boundary - 0x10
        StringBuilder s = new StringBuilder();
        List<Long> expected = new ArrayList<>();
        int k = 0;
        for (int size = 0; size < 4; size++) {
            for (long a = boundary - 8; a <= boundary; a++) {
                long v = pattern(k++);
                s.append("ldr x1, =0x").append(Long.toHexString(a)).append("\nldr x2, =0x").append(Long.toHexString(v)).append('\n');
                s.append(STORE[size]).append(", [x1]\n");
                for (int b = 0; b < 1 << size; b++) {
                    model[(int) (a - boundary + 0x10) + b] = (byte) (v >>> 8 * b);
                }
                for (int l = 0; l < LOAD.length; l++) {
                    for (long at = a - 3; at <= a + 3; at += 3) {
                        s.append("ldr x1, =0x").append(Long.toHexString(at)).append('\n').append(LOAD[l]).append(", [x1]\nstr x3, [x21], #8\n");
                        long x = 0;
                        for (int b = (1 << LOAD_SIZE[l]) - 1; b >= 0; b--) {
                            x = x << 8 | model[(int) (at - boundary + 0x10) + b] & 0xFF;
                        }
                        int bits = 8 << LOAD_SIZE[l];
                        if (l >= 4) {
                            x = x << (64 - bits) >> (64 - bits); // LDRS*: sign-extended to 64 bits
                        }
                        expected.add(x);
                    }
                }
            }
        }
        // a pair across the boundary, loaded back as a pair and as single bytes
        s.append("ldr x1, =0x").append(Long.toHexString(boundary - 4)).append("\nldr x2, =0x1122334455667788\nldr x4, =0x99aabbccddeeff00\n");
        s.append("stp w2, w4, [x1]\nldp w5, w6, [x1, #-4]\nstr x5, [x21], #8\nstr x6, [x21], #8\nldr x3, [x1]\nstr x3, [x21], #8\n");
        long below = 0;
        for (int b = 3; b >= 0; b--) {
            below = below << 8 | model[0x10 - 8 + b] & 0xFF;
        }
        expected.add(below);
        expected.add(0x55667788L);
        expected.add(0xddeeff0055667788L);
        String program = s.toString();
        for (String engine : ENGINES) {
            A64CpuTest.Stop stop = new A64CpuTest.Stop();
            A64Cpu cpu = run(program, engine, stop);
            assertEquals("brk", stop.why, engine);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).longValue(), cpu.memory.read64(RESULTS + 8L * i), engine + ": result " + i);
            }
        }
    }

    /**
     * Runs a program that faults on each engine: at instruction {@code pc}, for an address among
     * the access's bytes in the page from {@code faultPage}, the same on every engine,
     * with X3 and the doubleword at {@code watched} as they were.
     */
    private static void assertFaultChangesNothing(String source, long pc, long faultPage, long watched) throws Exception {
        String first = null;
        for (String engine : ENGINES) {
            A64CpuTest.Stop stop = new A64CpuTest.Stop();
            A64Cpu cpu = run(source, engine, stop);
            assertTrue(stop.why.startsWith("fault 0x"), engine + ": " + stop.why);
            long address = Long.parseLong(stop.why.substring("fault 0x".length()), 16);
            assertTrue(address >= faultPage && address < faultPage + 8, engine + ": " + stop.why);
            assertEquals(pc, stop.at, engine);
            String where = stop.why + " at 0x" + Long.toHexString(stop.at);
            if (first == null) {
                first = where;
            }
            assertEquals(first, where, engine + " against the interpreter");
            assertEquals(7, cpu.x[3], engine + ": the destination keeps its value");
            assertEquals(0, cpu.memory.read64(watched), engine + ": memory before the fault");
        }
    }

    @Test
    void aLoadIntoAnUnmappedPageFaultsWithoutWritingItsRegister() throws Exception {
        assertFaultChangesNothing("""
                mov x3, #7
                ldr x1, =0x603ffc
                ldr x3, [x1]
                """, 0x400008, UNMAPPED, DATA);
    }

    @Test
    void aStoreIntoAReadOnlyPageFaultsWithoutWritingItsFirstBytes() throws Exception {
        // 0x602ffc..0x602fff are writable, 0x603000.. are not: nothing of the doubleword is written
        assertFaultChangesNothing("""
                mov x3, #7
                ldr x1, =0x602ffc
                ldr x2, =0x0102030405060708
                str x2, [x1]
                """, 0x40000c, READ_ONLY, 0x602ff8);
    }
}
