package dev.machina.cpu.x86.bench;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.cpu.Engines;
import dev.machina.cpu.x86.X86Family;
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
 * 8086/8088 interpreter throughput on the family's benchmark program (X86Benchmark: a rolling
 * checksum over 8 KiB with read-modify-write, ALU, rotate and LOOP). The score is emulated
 * instructions per microsecond (millions per second); the target is 80.
 *
 * <p>Run: {@code ./mvnw -pl cpus/x86 -am test-compile} then JMH's main on the test class path,
 * e.g. {@code java -cp ... org.openjdk.jmh.Main X86InterpreterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class X86InterpreterBenchmark {
    static final int INSTRUCTIONS = 100_000;

    @Param({"8086"})
    public String model;

    private CpuBenchmark.Run run;

    @Setup
    public void setup() {
        run = new X86Family().benchmark(model).orElseThrow().prepare(Engines.INTERPRETER);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long instructions() {
        return run.run(INSTRUCTIONS).cycles();
    }
}
