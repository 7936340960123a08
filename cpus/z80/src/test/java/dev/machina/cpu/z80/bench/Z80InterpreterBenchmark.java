package dev.machina.cpu.z80.bench;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.cpu.z80.Z80Family;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The Z80 interpreter on the family's CPU-bound benchmark program (sieve of Eratosthenes over
 * 8 KiB plus a CRC-16 of it, {@code Z80Benchmark}). One operation runs at least 100,000
 * instructions; the auxiliary counters report emulated instructions and T-states per second.
 *
 * <p>Run: {@code ./mvnw -Pjmh -pl cpus/z80 -am test-compile exec:exec -Djmh.args="Z80InterpreterBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Z80InterpreterBenchmark {
    private CpuBenchmark.Run run;

    /** Per-iteration totals JMH turns into rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long instructions;
        public long tstates;

        @Setup(Level.Iteration)
        public void clear() {
            instructions = 0;
            tstates = 0;
        }
    }

    @Setup
    public void setUp() {
        run = new Z80Family().benchmark("z80").orElseThrow().prepare(engine());
    }

    /** The engine the program runs on ({@link Z80RecompilerBenchmark} overrides it). */
    protected String engine() {
        return "interpreter";
    }

    @Benchmark
    public long sieveAndCrc(Counters counters) {
        CpuBenchmark.Result r = run.run(100_000);
        counters.instructions += r.instructions();
        counters.tstates += r.cycles();
        return r.cycles();
    }
}
