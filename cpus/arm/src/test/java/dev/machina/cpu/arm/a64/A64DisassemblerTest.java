package dev.machina.cpu.arm.a64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Assembles instructions with GNU as and checks that the disassembly reads back in Arm syntax. */
class A64DisassemblerTest {
    private static final String[] LINES = {
        "add x0, x1, #0x10",
        "subs w2, w3, w4, lsl #3",
        "cmp x5, #0x7",
        "mov x6, sp",
        "movz x7, #0x1234, lsl #16",
        "and x8, x9, #0xff00ff00ff00ff00",
        "ubfx x1, x2, #8, #12",
        "lsl w3, w4, #4",
        "madd x0, x1, x2, x3",
        "csinc w4, w5, w6, ne",
        "ldr x0, [x1, #0x8]",
        "ldp x29, x30, [sp], #0x20",
        "stp x29, x30, [sp, #-0x20]!",
        "ldrb w0, [x1, x2]",
        "ldaxr x1, [x2]",
        "stlxr w3, x4, [x5]",
        "ldr q0, [x1, #0x10]",
        "ld1 {v0.16b}, [x0]",
        "cmeq v1.16b, v2.16b, #0",
        "umaxp v3.16b, v4.16b, v5.16b",
        "shrn v6.8b, v7.8h, #4",
        "fadd d0, d1, d2",
        "fmadd s3, s4, s5, s6",
        "fcvtzs x0, d1",
        "scvtf d2, w3",
        "mrs x0, tpidr_el0",
        "svc #0x0",
        "ret x30",
        "dup v0.16b, w1",
        "tbl v0.16b, {v1.16b}, v2.16b",
        "zip1 v0.4s, v1.4s, v2.4s",
    };

    @Test
    void readsBackWhatGnuAsAssembled() throws Exception {
        Assumptions.assumeTrue(CrossAssembler.available(), "needs aarch64-linux-gnu-as and -objcopy (Debian binutils-aarch64-linux-gnu)");
        byte[] code = CrossAssembler.assemble(String.join("\n", LINES));
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        List<String> got = new ArrayList<>();
        for (int k = 0; k < LINES.length; k++) {
            got.add(A64Disassembler.format(b.getInt(4 * k), 0x1000 + 4L * k));
        }
        assertEquals(List.of(LINES), got);
    }

    @Test
    void unallocatedWordsPrintAsInst() {
        assertEquals(".inst 0x00000000", A64Disassembler.format(0, 0));
    }
}
