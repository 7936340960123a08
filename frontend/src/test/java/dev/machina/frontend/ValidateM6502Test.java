package dev.machina.frontend;

import dev.machina.core.plugin.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code machina validate trap} and {@code validate sst} with the 6502 plug-in found through
 * the service loader, on hand-made inputs: programs of a few bytes and malformed files.
 */
class ValidateM6502Test {
    private static final Registry REGISTRY = Registry.load();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(REGISTRY, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), args);
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trapAtTheSuccessAddressPasses() throws IOException {
        // $0400: LDX #$03; $0402: DEX; $0403: BNE $0402; $0405: JMP $0405
        Path bin = Files.write(dir.resolve("t.bin"), new byte[]{(byte) 0xA2, 0x03, (byte) 0xCA, (byte) 0xD0, (byte) 0xFD, 0x4C, 0x05, 0x04});
        Result pass = run("validate", "trap", "--cpu", "6502", "--load", bin + "@$0400", "--start", "0x400", "--success", "$0405");
        assertEquals(0, pass.code(), pass.err());
        // 2 (LDX) + 3 x 2 (DEX) + 2 x 3 + 2 (BNE taken twice, then not) + 3 (JMP, trapped)
        assertEquals("PASS: trapped at $0405 after 19 cycles (8 instructions); a=$00 x=$00 y=$00 s=$00 p=$26 pc=$0405\n", pass.out());
        Result fail = run("validate", "trap", "--cpu", "6502", "--load", bin + "@1024", "--start", "1024", "--success", "$0400");
        assertEquals(1, fail.code());
        assertTrue(fail.out().startsWith("FAIL: trapped at $0405 "), fail.out());
    }

    @Test
    void badTrapInputIsOneLineAndExitTwo() throws IOException {
        Path bin = Files.write(dir.resolve("t.bin"), new byte[300]);
        for (String[] args : List.of(
                new String[]{"validate", "trap", "--cpu", "6502", "--load", dir.resolve("none.bin") + "@0", "--start", "0", "--success", "0"},
                new String[]{"validate", "trap", "--cpu", "6502", "--load", bin + "@$FF00", "--start", "0", "--success", "0"},
                new String[]{"validate", "trap", "--cpu", "6502", "--load", bin.toString(), "--start", "0", "--success", "0"},
                new String[]{"validate", "trap", "--cpu", "6502", "--load", bin + "@0", "--start", "zz", "--success", "0"},
                new String[]{"validate", "trap", "--cpu", "nope", "--load", bin + "@0", "--start", "0", "--success", "0"})) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.out());
            assertTrue(r.err().startsWith("machina: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void sstOnAMalformedFileIsOneLine() throws IOException {
        Files.writeString(dir.resolve("a9.json"), "[{\"name\": \"a9 01 02\", \"initial\": ");
        Result r = run("validate", "sst", "--cpu", "6502", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("machina: " + dir.resolve("a9.json") + ": malformed JSON"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void sstRunsA6502Test() throws IOException {
        // LDA #$80 from the schema's example shape: flags N set, Z clear; two read cycles
        Files.writeString(dir.resolve("a9.json"), "[{\"name\": \"a9 80\", \"initial\": {\"pc\": 512, \"s\": 253, \"a\": 0, \"x\": 0, \"y\": 0, "
                + "\"p\": 38, \"ram\": [[512, 169], [513, 128]]}, \"final\": {\"pc\": 514, \"s\": 253, \"a\": 128, \"x\": 0, \"y\": 0, "
                + "\"p\": 164, \"ram\": [[512, 169], [513, 128]]}, \"cycles\": [[512, 169, \"read\"], [513, 128, \"read\"]]}]");
        Result r = run("validate", "sst", "--cpu", "6502", dir.toString());
        assertEquals(0, r.code(), r.out());
        assertEquals("1 passed, 0 failed\n", r.out());
    }
}
