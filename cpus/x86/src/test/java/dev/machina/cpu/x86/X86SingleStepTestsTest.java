package dev.machina.cpu.x86;

import dev.machina.core.cpu.SingleStepTests;
import dev.machina.romstest.sst.SstRunner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the shipped SingleStepTests 8086 subset ({@code ../shared/testdata/sst/8086}, hardware
 * recordings of an Intel 8086) through the generic {@link SstRunner}: every test must pass with
 * undefined flags masked.
 */
class X86SingleStepTestsTest {

    @Test
    void shippedSubsetPassesWithUndefinedFlagsMasked() throws Exception {
        Path dir = Path.of(System.getProperty("machina.testdata", "../shared/testdata"), "sst", "8086");
        assumeTrue(Files.isDirectory(dir), "needs the SingleStepTests 8086 subset in " + dir);
        SingleStepTests binding = new X86Family().singleStepTests("8086").orElseThrow();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SstRunner.Summary summary = new SstRunner(binding, false, 0).run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertEquals(0, summary.failedMasked(), report);
        assertEquals(true, summary.passedMasked() > 30_000, "expected the whole subset to run: " + report);
        // the metadata marks undefined flags, so the exact figure is reported as well (issue 8)
        assertEquals(true, binding.masksUndefinedFlags(), "metadata.json read");
        assertEquals(true, report.contains("exact (undefined flags compared): " + summary.passedExact() + " passed, "
                + summary.failedExact() + " failed\n"), report);
        assertEquals(0, summary.failedExact(), report);
    }
}
