package dev.machina.cpu.m6502.bench;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.cpu.m6502.M6502Family;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Recompiler throughput on the same CRC-16 program as {@link M6502InterpreterBenchmark} (through
 * {@code CpuBenchmark.prepare("recompiler")}, as {@code machina bench cpu 6502 --engine
 * recompiler} runs it): the score is emulated instructions per microsecond. The engine runs by
 * cycles; an invocation runs the cycles of {@value #INSTRUCTIONS} instructions of the program's
 * fixed mix. Run it like the interpreter benchmark, with {@code M6502RecompilerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class M6502RecompilerBenchmark {
    private static final int INSTRUCTIONS = 100_000;

    @Param({"6502", "65c02"})
    public String model;

    private CpuBenchmark.Run run;

    @Setup
    public void setUp() {
        run = new M6502Family().benchmark(model).orElseThrow().prepare("recompiler");
    }

    /** 100,000 instructions' worth of cycles of the CRC loop. */
    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long crc16() {
        return run.run(INSTRUCTIONS).cycles();
    }
}
