package dev.machina.cpu.x86;

import dev.machina.core.cpu.SingleStepTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SingleStepTests binding's handling of metadata and of undefined-flag differences. */
class X86SingleStepTestsBindingTest {

    @TempDir
    Path dir;

    @Test
    void malformedMetadataIsReportedWithItsFile() throws IOException {
        Files.writeString(dir.resolve("metadata.json"), "{ \"opcodes\": [");
        SingleStepTests b = new X86Family().singleStepTests("8086").orElseThrow();
        IOException e = assertThrows(IOException.class, () -> b.prepare(dir));
        assertTrue(e.getMessage().contains("metadata.json"), e.getMessage());
    }

    @Test
    void flagDifferencesOnlyInUndefinedBitsCountOnlyInTheExactFigure() throws IOException {
        // AAM: OF AF CF undefined (flags-mask 0xF7EE)
        Files.writeString(dir.resolve("metadata.json"),
                "{\"opcodes\": {\"D4\": {\"status\": \"normal\", \"flags\": \"o....a.c\", \"flags-mask\": 63470}}}");
        SingleStepTests b = new X86Family().singleStepTests("8086").orElseThrow();
        b.prepare(dir);
        // aam 0Ah with AL = 0x37 (55): AH = 5, AL = 5; SF=0 ZF=0 PF=1; CF/AF/OF left as the 8086 sets them
        Map<String, Object> regs = Map.ofEntries(Map.entry("ax", 0x0037L), Map.entry("bx", 0L), Map.entry("cx", 0L),
                Map.entry("dx", 0L), Map.entry("cs", 0x1000L), Map.entry("ss", 0L), Map.entry("ds", 0L), Map.entry("es", 0L),
                Map.entry("sp", 0x100L), Map.entry("bp", 0L), Map.entry("si", 0L), Map.entry("di", 0L), Map.entry("ip", 0L),
                Map.entry("flags", 0xF002L));
        List<Object> ram = List.of(List.of(0x10000L, 0xD4L), List.of(0x10001L, 0x0AL));
        Map<String, Object> initial = Map.of("regs", regs, "ram", ram);
        Map<String, Object> pass = Map.of("initial", initial, "final",
                Map.of("regs", Map.of("ax", 0x0505L, "ip", 2L, "flags", 0xF006L), "ram", ram));
        assertTrue(b.run("D4.json.gz", pass, false).passedExact());
        Map<String, Object> undefinedOnly = Map.of("initial", initial, "final",
                Map.of("regs", Map.of("ax", 0x0505L, "ip", 2L, "flags", 0xF006L | 0x0801L), "ram", ram));
        SingleStepTests.Outcome o = b.run("D4.json.gz", undefinedOnly, false);
        assertTrue(o.passedMasked());
        assertEquals(1, o.undefinedOnly().size(), o.toString());
        Map<String, Object> wrongZero = Map.of("initial", initial, "final",
                Map.of("regs", Map.of("ax", 0x0505L, "ip", 2L, "flags", 0xF046L), "ram", ram));
        assertTrue(!b.run("D4.json.gz", wrongZero, false).passedMasked(), "ZF is defined for AAM");
    }
}
