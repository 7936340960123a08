package dev.machina.frontend;

import dev.machina.core.plugin.Registry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code machina bench cpu}: the wall-clock line and the benchmark thread's CPU-time line. */
class BenchCpuCommandTest {
    private static final Pattern WALL = Pattern.compile(
            "([0-9.]+) M instructions/s, ([0-9.]+) M cycles/s \\((\\d+) instructions, (\\d+) cycles in ([0-9.]+) s\\)");
    private static final Pattern CPU = Pattern.compile(
            "thread CPU time: ([0-9.]+) s = ([0-9.]+) M instructions/s, ([0-9.]+) M cycles/s");

    @Test
    void printsWallClockAndThreadCpuFigures() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(Registry.load(), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), "bench", "cpu", "6502", "--seconds", "1", "--warmup", "0");
        String out = o.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
        String[] lines = out.strip().split("\\R");
        assertEquals(3, lines.length, out);
        assertTrue(lines[0].startsWith("6502 interpreter: "), out);
        Matcher wall = WALL.matcher(lines[1]);
        assertTrue(wall.matches(), out);
        Matcher cpu = CPU.matcher(lines[2]);
        assertTrue(cpu.matches(), out);
        double wallSeconds = Double.parseDouble(wall.group(5));
        double cpuSeconds = Double.parseDouble(cpu.group(1));
        assertTrue(wallSeconds >= 1.0, "measured at least --seconds of wall time: " + out);
        // one thread cannot use more CPU time than wall time (2 decimals printed, so allow 0.01 s)
        assertTrue(cpuSeconds > 0 && cpuSeconds <= wallSeconds + 0.01, out);
        // the rates are the same counts over the two times
        long instructions = Long.parseLong(wall.group(3));
        assertEquals(instructions / cpuSeconds / 1e6, Double.parseDouble(cpu.group(2)), 0.05 * instructions / cpuSeconds / 1e6 + 0.1, out);
    }
}
