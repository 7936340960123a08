package dev.machina.romstest.sst;

import dev.machina.core.cpu.SingleStepTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SstRunnerTest {

    /**
     * A toy CPU whose only instruction, $E8 (6502 INX), increments x and sets Z/N in p; its
     * binding follows the 6502 suite's schema. Bit 5 of p is "undefined" for this toy.
     */
    static final class InxBinding implements SingleStepTests {
        @Override
        public Outcome run(String file, Map<String, Object> test, boolean cycles) {
            @SuppressWarnings("unchecked") Map<String, Object> in = (Map<String, Object>) test.get("initial");
            @SuppressWarnings("unchecked") Map<String, Object> fin = (Map<String, Object>) test.get("final");
            long x = (SingleStepTests.number(in, "x") + 1) & 0xFF;
            long p = SingleStepTests.number(in, "p") & ~0x82L;
            p |= (x == 0 ? 0x02 : 0) | (x & 0x80);
            List<String> diffs = new ArrayList<>();
            List<String> undefined = new ArrayList<>();
            if (x != SingleStepTests.number(fin, "x")) {
                diffs.add("x: expected " + fin.get("x") + ", got " + x);
            }
            long ep = SingleStepTests.number(fin, "p");
            if (((p ^ ep) & ~0x20L) != 0) {
                diffs.add("p: expected " + ep + ", got " + p);
            } else if (p != ep) {
                undefined.add("p bit 5");
            }
            return new Outcome(diffs, undefined);
        }
    }

    private static String test(String name, int x0, int p0, int x1, int p1) {
        return "{\"name\":\"" + name + "\",\"initial\":{\"pc\":0,\"x\":" + x0 + ",\"p\":" + p0 + ",\"ram\":[[0,232]]},"
                + "\"final\":{\"pc\":1,\"x\":" + x1 + ",\"p\":" + p1 + ",\"ram\":[[0,232]]},\"cycles\":[[0,232,\"read\"],[1,0,\"read\"]]}";
    }

    @TempDir
    Path dir;

    @Test
    void countsPassesAndFailuresAndEndsWithTheContractLine() throws IOException {
        Files.writeString(dir.resolve("e8.json"), "[" + String.join(",",
                test("e8 1", 0x10, 0x00, 0x11, 0x00),
                test("e8 2", 0xFF, 0x00, 0x00, 0x02),
                test("e8 3", 0x7F, 0x00, 0x80, 0x80),
                test("e8 4", 0x01, 0x00, 0x05, 0x00)) + "]");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("e9.json.gz")))) {
            o.write(("[" + test("e9 1", 0x01, 0x00, 0x02, 0x20) + "]").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("metadata.json"), "{}");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SstRunner.Summary s = new SstRunner(new InxBinding(), true, 0).run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("e8.json: 1 of 4 failed; first: e8 4: x: expected 5, got 2", lines[0]);
        assertEquals("exact (undefined flags compared): 3 passed, 2 failed", lines[1]);
        assertEquals("4 passed, 1 failed", lines[lines.length - 1]);
        assertEquals(4, s.passedMasked());
        assertEquals(1, s.failedMasked());
        assertEquals(2, s.files().size());
        Path report = dir.resolve("report.json");
        new SstRunner(new InxBinding(), true, 0).writeReport(s, "toy", report);
        String json = Files.readString(report);
        assertTrue(json.contains("\"failed\" : 1"), json);
        assertTrue(json.contains("\"firstFailure\" : \"e8 4: x: expected 5, got 2\""), json);
    }

    @Test
    void limitPerFileRunsOnlyTheFirstTests() throws IOException {
        Files.writeString(dir.resolve("e8.json"), "[" + String.join(",",
                test("a", 1, 0, 2, 0), test("b", 1, 0, 9, 0)) + "]");
        SstRunner.Summary s = new SstRunner(new InxBinding(), true, 1).run(dir, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(1, s.passedMasked());
        assertEquals(0, s.failedMasked());
    }

    @Test
    void aBindingThatMasksUndefinedFlagsGetsBothFiguresEvenWhenTheyAgree() throws IOException {
        Files.writeString(dir.resolve("e8.json"), "[" + String.join(",",
                test("a", 0x10, 0x00, 0x11, 0x00), test("b", 0x7F, 0x00, 0x80, 0x80)) + "]");
        SingleStepTests masking = new SingleStepTests() {
            final InxBinding inx = new InxBinding();

            @Override
            public boolean masksUndefinedFlags() {
                return true;
            }

            @Override
            public Outcome run(String file, Map<String, Object> test, boolean cycles) {
                return inx.run(file, test, cycles);
            }
        };
        for (SingleStepTests b : List.of(masking, new InxBinding())) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            new SstRunner(b, true, 0).run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
            String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
            if (b == masking) {
                assertEquals(List.of("exact (undefined flags compared): 2 passed, 0 failed", "2 passed, 0 failed"), List.of(lines));
            } else {
                assertEquals(List.of("2 passed, 0 failed"), List.of(lines));
            }
        }
    }

    @Test
    void badInputNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("00.json"), "[{\"name\": ");
        IOException e = assertThrows(IOException.class,
                () -> new SstRunner(new InxBinding(), true, 0).run(dir, new PrintStream(OutputStream.nullOutputStream())));
        assertTrue(e.getMessage().startsWith(dir.resolve("00.json") + ": malformed JSON"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        IOException none = assertThrows(IOException.class, () -> SstRunner.testFiles(empty));
        assertEquals(empty + ": no SingleStepTests files (*.json, *.json.gz)", none.getMessage());
    }
}
