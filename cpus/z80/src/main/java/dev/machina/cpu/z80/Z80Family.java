package dev.machina.cpu.z80;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.time.Frequency;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/** The Zilog Z80 plug-in: model {@code z80} (NMOS Z80, 4 MHz by default). */
public final class Z80Family implements CpuFamily {
    /** The one model. */
    public static final CpuModel Z80 = new CpuModel("z80", "Zilog Z80 (NMOS, undocumented instructions and flags)",
            List.of(Engines.INTERPRETER, Engines.LOCKSTEP, Engines.RECOMPILER));
    /** Default clock: 4 MHz (Z80A). */
    public static final Frequency DEFAULT_CLOCK = Frequency.hz(4_000_000);

    @Override
    public String name() {
        return "z80";
    }

    @Override
    public String description() {
        return "Zilog Z80";
    }

    @Override
    public List<CpuModel> models() {
        return List.of(Z80);
    }

    /**
     * Creates a Z80 at {@link #DEFAULT_CLOCK}. A null {@code io} gets an empty 16-bit I/O space
     * (reads return the open-bus value).
     */
    @Override
    public Cpu create(String model, String tag, AddressSpace program, AddressSpace io) {
        check(model);
        AddressSpace ports = io != null ? io : new AddressSpace(tag + " io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        return new Z80Cpu(Z80, tag, program, ports, DEFAULT_CLOCK);
    }

    @Override
    public Optional<SingleStepTests> singleStepTests(String model) {
        check(model);
        return Optional.of(new Z80SingleStepTests());
    }

    @Override
    public Optional<CpuBenchmark> benchmark(String model) {
        check(model);
        return Optional.of(new Z80Benchmark());
    }

    private static void check(String model) {
        if (!Z80.name().equals(model)) {
            throw new IllegalArgumentException("z80 family has no model '" + model + "'");
        }
    }
}
