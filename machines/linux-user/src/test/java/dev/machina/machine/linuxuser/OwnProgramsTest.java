package dev.machina.machine.linuxuser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our own C program (floating point, printf of doubles, qsort, setjmp/longjmp, auto-vectorised
 * loops and arm_neon.h intrinsics), built with {@code aarch64-linux-gnu-gcc -static} at test
 * time, must behave exactly as under qemu-aarch64-static.
 */
class OwnProgramsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        Assumptions.assumeTrue(GuestRunner.onPath(GuestRunner.GCC), "needs aarch64-linux-gnu-gcc (Debian gcc-aarch64-linux-gnu)");
        Assumptions.assumeTrue(GuestRunner.onPath(GuestRunner.QEMU), "needs qemu-aarch64-static (Debian qemu-user-static)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-O2", "-O3"})
    void floatsAndSimdSameAsQemu(String opt) throws Exception {
        Path exe = GuestRunner.compile(dir, "floats_simd.c", "floats_simd" + opt, opt);
        List<String> argv = List.of(exe.toString(), "x", "y");
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of());
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.err(), m.err()), () -> assertEquals(q.status(), m.status()));
        assertEquals(5, m.status(), "main returns argc + 2");
    }

    /** Auto-vectorised integer and floating-point loops (widening, narrowing, reductions, conversions) and glibc string functions. */
    @ParameterizedTest
    @ValueSource(strings = {"-O2", "-O3"})
    void vectorLoopsSameAsQemu(String opt) throws Exception {
        Path exe = GuestRunner.compile(dir, "vectors.c", "vectors" + opt, opt);
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of());
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.err(), m.err()), () -> assertEquals(q.status(), m.status()));
        assertEquals(4, m.out().split("\n").length, m.out());
    }

    /** Fixed-point DSP intrinsics, scalar FP by element and CRC32 (compiled for armv8-a+crc). */
    @org.junit.jupiter.api.Test
    void dspAndCrcSameAsQemu() throws Exception {
        Path exe = GuestRunner.compile(dir, "dsp.c", "dsp", "-O2", "-march=armv8-a+crc");
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of());
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.err(), m.err()), () -> assertEquals(q.status(), m.status()));
        assertTrue(m.out().contains("crc32 414fa339"), "CRC-32 of the pangram is 0x414fa339");
    }

    /** FPSR exception flags as fenv.h reports them after each operation. */
    @org.junit.jupiter.api.Test
    void floatingPointExceptionFlagsSameAsQemu() throws Exception {
        Path exe = GuestRunner.compile(dir, "fpexcept.c", "fpexcept", "-O2");
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of());
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.status(), m.status()));
        assertTrue(m.out().contains("1/0          divbyzero"), m.out());
    }

    /** Scalar arithmetic under each FPCR rounding mode (fesetround), printed exactly with %a. */
    @org.junit.jupiter.api.Test
    void roundingModesSameAsQemu() throws Exception {
        Path exe = GuestRunner.compile(dir, "rounding.c", "rounding", "-O2", "-frounding-math");
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of());
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.status(), m.status()));
        assertEquals(8, m.out().split("\n").length, m.out());
    }

    /** Signal handlers (raise, SIGSEGV with siglongjmp, masks, SA_RESETHAND, SIG_IGN SIGPIPE, abort). */
    @org.junit.jupiter.api.Test
    void signalHandlersSameAsQemu() throws Exception {
        Path exe = GuestRunner.compile(dir, "signals.c", "signals", "-O2");
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = GuestRunner.qemu(argv, new byte[0]);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of());
        // stderr is not compared: qemu adds its own "uncaught target signal" line
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.status(), m.status()));
        assertEquals(128 + 6, m.status(), "killed by SIGABRT");
    }

    /** The same program linked dynamically: PT_INTERP and libraries come from the cross sysroot (libc6-dev-arm64-cross). */
    @org.junit.jupiter.api.Test
    void dynamicExecutableWithSysroot() throws Exception {
        Path sysroot = Path.of("/usr/aarch64-linux-gnu");
        Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(sysroot.resolve("lib/ld-linux-aarch64.so.1")),
                "needs /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 (Debian libc6-arm64-cross)");
        Path src = dir.resolve("floats_simd.c");
        try (var in = getClass().getResourceAsStream("floats_simd.c")) {
            java.nio.file.Files.write(src, in.readAllBytes());
        }
        Path exe = dir.resolve("floats_simd_dyn");
        Process p = new ProcessBuilder(GuestRunner.GCC, "-O2", "-o", exe.toString(), src.toString(), "-lm").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        List<String> argv = List.of(exe.toString());
        GuestRunner.Result q = qemuWithSysroot(argv, sysroot);
        GuestRunner.Result m = GuestRunner.machina(argv, new byte[0], Map.of(LinuxAarch64.SYSROOT, sysroot.toString()));
        assertAll(() -> assertEquals(q.out(), m.out()), () -> assertEquals(q.err(), m.err()), () -> assertEquals(q.status(), m.status()));
        assertEquals(3, m.status());
    }

    private static GuestRunner.Result qemuWithSysroot(List<String> argv, Path sysroot) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("-L", sysroot.toString()));
        cmd.addAll(argv);
        return GuestRunner.qemu(cmd, new byte[0]);
    }
}
