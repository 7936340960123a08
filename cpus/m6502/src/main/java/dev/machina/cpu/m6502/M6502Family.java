package dev.machina.cpu.m6502;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.memory.AddressSpace;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The 6502 family plug-in: models {@code 6502}, {@code 2a03} and {@code 65c02} (see {@link Variant}). */
public final class M6502Family implements CpuFamily {
    private static final List<CpuModel> MODELS = Arrays.stream(Variant.values())
            .map(v -> new CpuModel(v.modelName(), v.description(), List.of(Engines.INTERPRETER, Engines.LOCKSTEP, Engines.RECOMPILER)))
            .toList();

    @Override
    public String name() {
        return "m6502";
    }

    @Override
    public String description() {
        return "MOS Technology 6502 family";
    }

    @Override
    public List<CpuModel> models() {
        return MODELS;
    }

    @Override
    public Cpu create(String model, String tag, AddressSpace program, AddressSpace io) {
        Variant v = Variant.of(model);
        return new M6502(MODELS.get(v.ordinal()), v, tag, program);
    }

    /** Bindings for the {@code 6502} (also used for the 2A03, whose suite is the 6502's) and {@code wdc65c02} suites. */
    @Override
    public Optional<SingleStepTests> singleStepTests(String model) {
        Variant v = Variant.of(model);
        return Optional.of(new M6502SingleStepTests(this, v, false));
    }

    /**
     * The same bindings with the CPU on 64 KiB of direct heap RAM and no bus hook, so the
     * interpreter takes its array fast paths (code page cache); they check registers and RAM
     * only (run them with bus cycles off: without a handler nothing logs the cycles).
     *
     * @param model a model name of {@link #models()}
     * @return the binding
     * @throws IllegalArgumentException for an unknown model
     */
    public SingleStepTests singleStepTestsOnDirectRam(String model) {
        return new M6502SingleStepTests(this, Variant.of(model), true);
    }

    @Override
    public Optional<CpuBenchmark> benchmark(String model) {
        return Optional.of(new M6502Benchmark(this, Variant.of(model)));
    }
}
