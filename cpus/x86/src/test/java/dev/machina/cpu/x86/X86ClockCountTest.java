package dev.machina.cpu.x86;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.machina.core.memory.AddressSpace;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How close the interpreter's clock counts (the Intel manual's figures, not a bus-cycle model)
 * come to the 8086's: the number of SingleStepTests 8086 tests whose instruction takes exactly as
 * many clocks as the hardware recording has entries in {@code cycles}. A ratchet, not a goal: it
 * fails when a change makes the counts worse than the figure recorded here (21752 of 32100).
 */
class X86ClockCountTest {

    @Test
    @SuppressWarnings("unchecked")
    void clockCountsMatchTheRecordingsAsOftenAsBefore() throws Exception {
        Path dir = Path.of(System.getProperty("machina.testdata", "../shared/testdata"), "sst", "8086");
        assumeTrue(Files.isDirectory(dir), "needs the SingleStepTests 8086 subset in " + dir);
        byte[] ram = new byte[1 << 20];
        AddressSpace mem = new AddressSpace("clocks", 20, 12, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace("clocks io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        io.installHandler(0, 0xFFFF, port -> 0xFF, (port, value) -> { });
        X86Cpu cpu = (X86Cpu) new X86Family().create("8086", "maincpu", mem, io);
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
        int total = 0, exact = 0;
        for (Path f : files) {
            List<Map<String, Object>> tests;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                tests = json.readValue(in, List.class);
            }
            for (Map<String, Object> t : tests) {
                Map<String, Object> initial = (Map<String, Object>) t.get("initial");
                Arrays.fill(ram, (byte) 0);
                cpu.reset();
                for (Map.Entry<String, Object> r : ((Map<String, Object>) initial.get("regs")).entrySet()) {
                    cpu.registers().set(r.getKey(), ((Number) r.getValue()).longValue());
                }
                for (Object o : (List<Object>) initial.get("ram")) {
                    List<Number> p = (List<Number>) o;
                    ram[p.get(0).intValue()] = (byte) p.get(1).intValue();
                }
                long clocks = cpu.step();
                total++;
                if (clocks == ((List<Object>) t.get("cycles")).size()) {
                    exact++;
                }
            }
        }
        System.out.printf("8086 clock counts: %d of %d tests exact%n", exact, total);
        assertTrue(total > 30_000, "the whole subset ran");
        assertTrue(exact >= 21_752, "clock counts got worse: " + exact + " of " + total + " exact");
    }
}
