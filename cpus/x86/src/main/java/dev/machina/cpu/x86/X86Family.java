package dev.machina.cpu.x86;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.time.Frequency;

import java.util.List;
import java.util.Optional;

/**
 * The Intel x86 family plug-in: models {@code 8086} (5 MHz, 6-byte prefetch queue, 16-bit bus)
 * and {@code 8088} (4.77 MHz as in the IBM PC: 14.31818 MHz / 3, 4-byte queue, 8-bit bus). Both
 * need a 20-bit program space and a 16-bit I/O space.
 */
public final class X86Family implements CpuFamily {
    static final CpuModel I8086 = new CpuModel("8086", "Intel 8086 (16-bit bus, 6-byte prefetch queue)", List.of(Engines.INTERPRETER));
    static final CpuModel I8088 = new CpuModel("8088", "Intel 8088 (8-bit bus, 4-byte prefetch queue; IBM PC/XT)", List.of(Engines.INTERPRETER));

    @Override
    public String name() {
        return "x86";
    }

    @Override
    public String description() {
        return "Intel x86 family (8086, 8088)";
    }

    @Override
    public List<CpuModel> models() {
        return List.of(I8086, I8088);
    }

    @Override
    public Cpu create(String model, String tag, AddressSpace program, AddressSpace io) {
        return switch (model) {
            case "8086" -> new X86Cpu(I8086, tag, Frequency.hz(5_000_000), program, io);
            case "8088" -> new X86Cpu(I8088, tag, Frequency.ratio(14_318_180, 3), program, io);
            default -> throw new IllegalArgumentException("x86 family has no model '" + model + "' (has 8086, 8088)");
        };
    }

    @Override
    public Optional<SingleStepTests> singleStepTests(String model) {
        return model.equals("8086") || model.equals("8088") ? Optional.of(new X86SingleStepTests(this, model)) : Optional.empty();
    }

    @Override
    public Optional<CpuBenchmark> benchmark(String model) {
        return model.equals("8086") || model.equals("8088") ? Optional.of(new X86Benchmark(this, model)) : Optional.empty();
    }
}
