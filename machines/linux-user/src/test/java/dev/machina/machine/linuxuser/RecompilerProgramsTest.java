package dev.machina.machine.linuxuser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.cpu.arm.a64.A64Cpu;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our own C programs on the {@code recompiler} and {@code lockstep} engines with every block
 * translated at its first entry (hot threshold 1): floating point and SIMD (semantics calls),
 * signal handlers (a SIGSEGV inside translated code must leave the registers as the interpreter
 * does), and self-modifying code (stores into translated pages, IC IVAU, a block that patches
 * itself ahead).
 */
class RecompilerProgramsTest {
    @TempDir
    static Path dir;
    private static String savedThreshold;

    @BeforeAll
    static void setUp() {
        Assumptions.assumeTrue(GuestRunner.onPath(GuestRunner.GCC), "needs aarch64-linux-gnu-gcc (Debian gcc-aarch64-linux-gnu)");
        Assumptions.assumeTrue(GuestRunner.onPath(GuestRunner.QEMU), "needs qemu-aarch64-static (Debian qemu-user-static)");
        savedThreshold = System.getProperty(A64Cpu.HOT_THRESHOLD_PROPERTY);
        System.setProperty(A64Cpu.HOT_THRESHOLD_PROPERTY, "1");
    }

    @AfterAll
    static void tearDown() {
        if (savedThreshold == null) {
            System.clearProperty(A64Cpu.HOT_THRESHOLD_PROPERTY);
        } else {
            System.setProperty(A64Cpu.HOT_THRESHOLD_PROPERTY, savedThreshold);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"recompiler, floats_simd.c", "lockstep, floats_simd.c", "recompiler, vectors.c", "lockstep, vectors.c",
            "recompiler, fpexcept.c", "lockstep, fpexcept.c", "recompiler, rounding.c", "lockstep, rounding.c"})
    void sameAsQemu(String engine, String source) throws Exception {
        String name = source.replace(".c", "");
        Path exe = GuestRunner.compile(dir, source, name + "-" + engine, "-O2", "-frounding-math");
        List<String> argv = List.of(exe.toString(), "x", "y");
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of("engine", engine));
        assertAll(() -> assertEquals(q.out(), m.out(), "stdout"), () -> assertEquals(q.err(), m.err(), "stderr"),
                () -> assertEquals(q.status(), m.status(), "exit status"));
    }

    /** SIGSEGV taken inside translated code, siglongjmp out, masks, abort: as under qemu. */
    @ParameterizedTest
    @ValueSource(strings = {"recompiler", "lockstep"})
    void signalsSameAsQemu(String engine) throws Exception {
        Path exe = GuestRunner.compile(dir, "signals.c", "signals-" + engine, "-O2");
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of("engine", engine));
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.status(), m.status()));
        assertEquals(128 + 6, m.status(), "killed by SIGABRT");
    }

    /**
     * Self-modifying code on every engine. The rewritten function and the patch made visible with
     * cache maintenance are architecturally defined and must match qemu; the patch without
     * maintenance may architecturally run either word (qemu runs the old one), so there the
     * engines must agree with the interpreter, which runs what memory holds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"recompiler", "lockstep"})
    void selfModifyingCode(String engine) throws Exception {
        Path exe = GuestRunner.compile(dir, "smc.c", "smc-" + engine, "-O2");
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result i = GuestRunner.machina(argv, new byte[0], Map.of("engine", "interpreter"));
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of("engine", engine));
        String[] ql = q.out().split("\n");
        String[] ml = m.out().split("\n");
        assertEquals(3, ml.length, m.out() + m.err());
        assertAll(() -> assertEquals("rewritten: 1206000 (expect 1206000)", ml[0]),
                () -> assertEquals(ql[0], ml[0]),
                () -> assertEquals("self-patching with maintenance: sum 15150, 0 wrong", ml[1]),
                () -> assertEquals(ql[1], ml[1]),
                () -> assertEquals("self-patching in one block: sum 315150, 0 wrong", ml[2]),
                () -> assertEquals(i.out(), m.out(), "same as the interpreter"),
                () -> assertEquals(0, m.status()));
        assertTrue(m.err().isEmpty(), m.err());
    }
}
