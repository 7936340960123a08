package dev.machina.core.bench;

import dev.machina.core.memory.AddressSpace;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Address-space access cost: a direct RAM page (no call) versus a handler page, on heap-backed
 * ({@code MemorySegment.ofArray}) and off-heap ({@code Arena}) segments, against a plain
 * {@code byte[]} as the floor. Each invocation performs {@value #OPS} 8-bit accesses at
 * addresses drawn like a CPU's: mostly sequential runs with jumps.
 *
 * <p>Run: {@code ./mvnw -Pjmh -pl core test-compile exec:exec -Djmh.args="AddressSpaceBenchmark -f 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AddressSpaceBenchmark {
    static final int OPS = 4096;

    /** {@code heap}: MemorySegment.ofArray; {@code offheap}: Arena.ofShared().allocate. */
    @Param({"heap", "offheap"})
    public String backing;

    private AddressSpace direct;
    private AddressSpace handler;
    private byte[] array;
    private final int[] addresses = new int[OPS];

    @Setup
    public void setup() {
        MemorySegment ram = backing.equals("heap")
                ? MemorySegment.ofArray(new byte[0x10000])
                : Arena.ofShared().allocate(0x10000);
        direct = new AddressSpace("direct", 16, 8, ByteOrder.LITTLE_ENDIAN);
        direct.installRam(0x0000, 0xFFFF, ram);
        array = new byte[0x10000];
        handler = new AddressSpace("handler", 16, 8, ByteOrder.LITTLE_ENDIAN);
        handler.installHandler(0x0000, 0xFFFF, off -> array[off], (off, v) -> array[off] = (byte) v);
        SplittableRandom r = new SplittableRandom(6502);
        int a = 0;
        for (int i = 0; i < OPS; i++) {
            a = r.nextInt(8) == 0 ? r.nextInt(0x10000) : (a + 1) & 0xFFFF;
            addresses[i] = a;
        }
        for (int i = 0; i < 0x10000; i++) {
            direct.write8(i, i * 7);
            array[i] = (byte) (i * 7);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int readDirectPage() {
        int sum = 0;
        for (int a : addresses) {
            sum += direct.read8(a);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void writeDirectPage() {
        for (int a : addresses) {
            direct.write8(a, a);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int readHandlerPage() {
        int sum = 0;
        for (int a : addresses) {
            sum += handler.read8(a);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int read16DirectPage() {
        int sum = 0;
        for (int a : addresses) {
            sum += direct.read16(a);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int readPlainArrayFloor() {
        int sum = 0;
        for (int a : addresses) {
            sum += array[a] & 0xFF;
        }
        return sum;
    }
}
