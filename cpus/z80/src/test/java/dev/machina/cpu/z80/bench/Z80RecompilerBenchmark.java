package dev.machina.cpu.z80.bench;

/**
 * The Z80 recompiler on the same program and counters as {@link Z80InterpreterBenchmark} (sieve
 * of Eratosthenes over 8 KiB plus a CRC-16 of it, {@code Z80Benchmark}), prepared as {@code
 * machina bench cpu z80 --engine recompiler} prepares it; the benchmark method is inherited.
 *
 * <p>Run it like the interpreter benchmark (docs/PERFORMANCE.md, Z80 section), with
 * {@code Z80RecompilerBenchmark}.
 */
public class Z80RecompilerBenchmark extends Z80InterpreterBenchmark {
    @Override
    protected String engine() {
        return "recompiler";
    }
}
