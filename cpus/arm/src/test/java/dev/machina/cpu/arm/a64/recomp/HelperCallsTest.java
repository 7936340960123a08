package dev.machina.cpu.arm.a64.recomp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.cpu.arm.a64.DecodeTable;
import dev.machina.cpu.arm.a64.Insn;
import org.junit.jupiter.api.Test;

/** Every row of the interpreter's decode table has its semantics method known to the translator. */
class HelperCallsTest {
    @Test
    void everyDecodeTableRowHasItsSemantics() {
        int rows = 0;
        for (Insn row : DecodeTable.a64().rows()) {
            assertTrue(HelperCalls.known(row.mnemonic()), "no semantics call for decode-table row " + row.mnemonic());
            rows++;
        }
        assertTrue(rows > 50, "the table has " + rows + " rows");
    }
}
