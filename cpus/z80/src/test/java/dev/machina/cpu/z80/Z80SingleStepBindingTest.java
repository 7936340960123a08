package dev.machina.cpu.z80;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.machina.core.cpu.SingleStepTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The binding notices what it must: tests from the shipped suite, altered, fail with a precise difference. */
class Z80SingleStepBindingTest {
    private final SingleStepTests binding = new Z80SingleStepTests();
    private Map<String, Object> push;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void load() throws Exception {
        Path file = Path.of(System.getProperty("machina.testdata", "../../../shared/testdata"), "sst", "z80", "c5.json.gz");
        assumeTrue(Files.isRegularFile(file), "needs the SingleStepTests subset: " + file);
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            List<Map<String, Object>> tests = mapper.readValue(in, List.class);
            push = tests.getFirst(); // PUSH BC: 11 T-states, two memory writes
        }
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> cycles() {
        return (List<List<Object>>) push.get("cycles");
    }

    @Test
    void unalteredTestPasses() {
        assertTrue(binding.run("c5.json.gz", push, true).passedExact());
    }

    @Test
    void oneTStateMoreIsAFailure() {
        List<List<Object>> c = new ArrayList<>(cycles());
        c.add(java.util.Arrays.asList(0L, null, "----"));
        push.put("cycles", c);
        SingleStepTests.Outcome o = binding.run("c5.json.gz", push, true);
        assertEquals(List.of("T-states: expected 12, got 11"), o.differences());
    }

    @Test
    void aWriteOfOtherDataIsAFailure() {
        List<List<Object>> c = new ArrayList<>();
        for (List<Object> e : cycles()) {
            List<Object> copy = new ArrayList<>(e);
            if ("-wm-".equals(copy.get(2))) {
                copy.set(1, (((Number) copy.get(1)).longValue() + 1) & 0xFF);
            }
            c.add(copy);
        }
        push.put("cycles", c);
        SingleStepTests.Outcome o = binding.run("c5.json.gz", push, true);
        assertFalse(o.passedMasked());
        assertTrue(o.differences().getFirst().startsWith("bus access 1: expected write"), o.differences().toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWrongRegisterIsAFailure() {
        Map<String, Object> fin = (Map<String, Object>) push.get("final");
        long sp = (Long) fin.get("sp");
        fin.put("sp", (sp + 1) & 0xFFFF);
        SingleStepTests.Outcome o = binding.run("c5.json.gz", push, false);
        assertEquals(1, o.differences().size());
        assertTrue(o.differences().getFirst().startsWith("sp: expected"), o.differences().toString());
    }
}
