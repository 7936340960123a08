package dev.machina.core.cpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A CPU family's binding to the SingleStepTests suites (github.com/SingleStepTests): sets up a
 * CPU from a test's {@code initial} state, runs one instruction, and compares registers, RAM and
 * bus cycles with {@code final} and {@code cycles}. The harness in roms-test reads the files and
 * reports; the binding knows the schema of its CPU's suite.
 */
public interface SingleStepTests {

    /**
     * The differences found in one test.
     *
     * @param differences      mismatches that count in both figures, one line each, e.g.
     *                         {@code "a: expected $12, got $13"}
     * @param undefinedOnly    mismatches only in flags the suite's metadata marks undefined for
     *                         this opcode; they count only in the exact figure
     */
    record Outcome(List<String> differences, List<String> undefinedOnly) {
        /** No difference at all. */
        public static final Outcome PASS = new Outcome(List.of(), List.of());

        /** Passes with undefined flags masked. */
        public boolean passedMasked() {
            return differences.isEmpty();
        }

        /** Passes exactly. */
        public boolean passedExact() {
            return differences.isEmpty() && undefinedOnly.isEmpty();
        }
    }

    /**
     * Called once with the test directory before any file is run, e.g. to read
     * {@code metadata.json}. Default: nothing.
     *
     * @throws java.io.IOException when a file it needs is unreadable
     */
    default void prepare(Path directory) throws java.io.IOException {
    }

    /**
     * Whether the suite's metadata (read by {@link #prepare}) marks flags undefined for some
     * opcodes, so that the exact figure (undefined flags compared) can differ from the masked
     * one; the harness then reports both. Default: false.
     */
    default boolean masksUndefinedFlags() {
        return false;
    }

    /**
     * Selects the engine ({@link Engines}) that runs the following tests; called before the first
     * test. A binding that offers more than the interpreter overrides this and makes every test
     * run on that engine (a recompiler translates at first entry). Default: only the interpreter.
     *
     * @throws IllegalArgumentException when the binding has no such engine (the message names it)
     */
    default void useEngine(String engine) {
        if (!engine.equals(Engines.INTERPRETER)) {
            throw new IllegalArgumentException("this SingleStepTests binding runs only the " + Engines.INTERPRETER
                    + ", not '" + engine + "'");
        }
    }

    /**
     * Runs one test.
     *
     * @param file the test file's name (e.g. {@code "a9.json.gz"}), for per-opcode metadata
     * @param test the test object as parsed JSON: {@link Map}, {@link List}, {@link Long},
     *             {@link String}, {@link Boolean} and null values
     * @param cycles whether to compare the bus cycles as well
     * @return the outcome; never null
     */
    Outcome run(String file, Map<String, Object> test, boolean cycles);

    /**
     * Reads a number from a parsed test object.
     *
     * @throws IllegalArgumentException when {@code key} is absent or not a number (the message
     *                                  names the key)
     */
    static long number(Map<String, Object> object, String key) {
        Object v = object.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("test field '" + key + "' is " + (v == null ? "missing" : "not a number: " + v));
    }

    /**
     * Reads the {@code ram} list of a state object: pairs {@code [address, value]}.
     *
     * @return {address, value} pairs in file order
     */
    @SuppressWarnings("unchecked")
    static List<long[]> ram(Map<String, Object> state) {
        Object v = state.get("ram");
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("test state has no 'ram' list");
        }
        java.util.ArrayList<long[]> out = new java.util.ArrayList<>(list.size());
        for (Object pair : list) {
            List<Object> p = (List<Object>) pair;
            out.add(new long[]{((Number) p.get(0)).longValue(), ((Number) p.get(1)).longValue()});
        }
        return out;
    }
}
