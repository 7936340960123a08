package dev.machina.cpu.arm;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.memory.AddressSpace;
import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.PagedMemory;
import java.util.List;

/**
 * The ARM family plug-in: model {@code aarch64} (A64 at EL0). An AArch64 CPU works on its own
 * sparse 48-bit {@link PagedMemory} rather than a 32-bit core {@code AddressSpace}, so
 * {@link #create} takes null spaces and gives the CPU an empty memory; machines that need one
 * (Linux user mode) construct {@link A64Cpu} directly with their memory and supervisor.
 */
public final class ArmFamily implements CpuFamily {
    @Override
    public String name() {
        return "arm";
    }

    @Override
    public String description() {
        return "ARM family (AArch64)";
    }

    @Override
    public List<CpuModel> models() {
        return List.of(A64Cpu.MODEL);
    }

    /**
     * Creates an {@code aarch64} CPU on a fresh empty {@link PagedMemory} with no supervisor.
     *
     * @throws IllegalArgumentException for another model or a non-null space
     */
    @Override
    public Cpu create(String model, String tag, AddressSpace program, AddressSpace io) {
        if (!model.equals(A64Cpu.MODEL.name())) {
            throw new IllegalArgumentException("arm family has no model '" + model + "'");
        }
        if (program != null || io != null) {
            throw new IllegalArgumentException("aarch64 uses its own 48-bit paged memory; pass null address spaces");
        }
        return new A64Cpu(tag, new PagedMemory(), null);
    }
}
