package dev.machina.cpu.m6502.bench;

import dev.machina.cpu.m6502.M6502Benchmark;
import dev.machina.cpu.m6502.M6502Family;
import dev.machina.cpu.m6502.M6502Interpreter;
import dev.machina.cpu.m6502.Variant;
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
 * Interpreter throughput on the CRC-16 program of {@code machina bench cpu} (src/main/asm/crc16.s):
 * the score is emulated instructions per microsecond (1 = 1 million per second).
 *
 * <pre>
 * ./mvnw -q -pl cpus/m6502 -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp cpus/m6502/target/test-classes:cpus/m6502/target/classes:$(cat cpus/m6502/target/test-classpath.txt) \
 *     org.openjdk.jmh.Main M6502InterpreterBenchmark
 * </pre>
 * (The {@code -Pjmh ... exec:exec} shortcut of the root pom works only for modules without
 * reactor dependencies.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class M6502InterpreterBenchmark {
    private static final int INSTRUCTIONS = 1_000_000;

    @Param({"6502", "65c02"})
    public String model;

    private M6502Interpreter interpreter;

    @Setup
    public void setUp() {
        interpreter = M6502Benchmark.load(new M6502Family(), Variant.of(model)).interpreter();
    }

    /** 1,000,000 instructions of the CRC loop (the chunk {@code machina bench cpu} runs), through the interpreter's own run loop (as {@code machina bench cpu}). */
    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long crc16() {
        M6502Interpreter in = interpreter;
        in.runSteps(INSTRUCTIONS);
        return in.cycles();
    }
}
