package dev.machina.core.cpu;

import dev.machina.core.memory.AddressSpace;

import java.util.List;
import java.util.Optional;

/**
 * A guest-ISA plug-in: one per ISA family, found with {@link java.util.ServiceLoader} (a jar
 * that lists its class in {@code META-INF/services/dev.machina.core.cpu.CpuFamily}).
 */
public interface CpuFamily {

    /** Short family name, e.g. {@code "m6502"}, {@code "z80"}, {@code "x86"}, {@code "arm"}. */
    String name();

    /** One line, e.g. {@code "MOS Technology 6502 family"}. */
    String description();

    /** The models it provides; model names are unique across all families. */
    List<CpuModel> models();

    /**
     * Creates a CPU of {@code model} bound to its spaces.
     *
     * @param model   one of {@link #models()}' names
     * @param tag     the device tag, e.g. {@code "maincpu"}
     * @param program the program (memory) space
     * @param io      the I/O space for ISAs that have one (Z80, x86), else null
     * @throws IllegalArgumentException for an unknown model or a space of the wrong width
     */
    Cpu create(String model, String tag, AddressSpace program, AddressSpace io);

    /** The SingleStepTests binding for {@code model}, when the family has one. */
    default Optional<SingleStepTests> singleStepTests(String model) {
        return Optional.empty();
    }

    /** The CPU-bound benchmark program for {@code model}, when the family ships one. */
    default Optional<CpuBenchmark> benchmark(String model) {
        return Optional.empty();
    }
}
