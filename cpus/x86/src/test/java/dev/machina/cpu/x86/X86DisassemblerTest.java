package dev.machina.cpu.x86;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.machina.core.cpu.Disassembler;
import dev.machina.core.memory.AddressSpace;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The disassembler against the SingleStepTests 8086 suite: each test's {@code name} is the
 * instruction's text and {@code bytes} its encoding, so the disassembly of every shipped test's
 * bytes (placed at offset 0: the names give branch targets relative to the instruction) must
 * equal its name, and the length must be the number of bytes.
 */
class X86DisassemblerTest {

    @Test
    @SuppressWarnings("unchecked")
    void disassemblesEveryShippedTestAsItsName() throws Exception {
        Path dir = Path.of(System.getProperty("machina.testdata", "../shared/testdata"), "sst", "8086");
        assumeTrue(Files.isDirectory(dir), "needs the SingleStepTests 8086 subset in " + dir);
        byte[] ram = new byte[1 << 20];
        AddressSpace mem = new AddressSpace("disasm", 20, 12, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        X86Disassembler dis = new X86Disassembler(mem);
        ObjectMapper json = new ObjectMapper();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
        for (Path f : files) {
            List<Map<String, Object>> tests;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                tests = json.readValue(in, List.class);
            }
            boolean reported = false;
            for (Map<String, Object> t : tests) {
                List<Integer> bytes = (List<Integer>) t.get("bytes");
                for (int i = 0; i < bytes.size(); i++) {
                    ram[i] = (byte) (int) bytes.get(i);
                }
                Disassembler.Line line = dis.disassemble(0);
                checked++;
                if ((!line.text().equals(t.get("name")) || line.length() != bytes.size()) && !reported) {
                    reported = true;
                    wrong.add(f.getFileName() + ": " + bytes + " expected '" + t.get("name") + "' (" + bytes.size() + " bytes), got '" + line.text() + "' (" + line.length() + ")");
                }
            }
        }
        assertTrue(checked > 30_000);
        assertEquals(List.of(), wrong, wrong.size() + " files with differences; first of each listed");
    }
}
