package dev.machina.frontend;

import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.MediaSlot;
import dev.machina.core.media.RomDefinition;
import dev.machina.core.plugin.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Optional;

/** {@code machina info NAME}: details of a machine or a CPU model. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a machine (CPUs, ROMs, media slots) or a CPU model (family, engines).")
public final class InfoCommand implements Runnable {
    private final Registry registry;

    @Parameters(paramLabel = "NAME", description = "A machine name or a CPU model name.")
    String name;

    @Spec
    CommandSpec spec;

    public InfoCommand(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<MachineDefinition> m = registry.machine(name);
        if (m.isPresent()) {
            MachineDefinition d = m.get();
            out.printf("machine      %s%n", d.name());
            out.printf("description  %s%n", d.description());
            out.printf("year         %s%n", d.year());
            out.printf("maker        %s%n", d.manufacturer());
            out.printf("cpus         %s%n", String.join(", ", d.cpus()));
            out.printf("status       %s%n", d.status().display());
            for (MediaSlot s : d.mediaSlots()) {
                out.printf("media        --%s: %s (%s)%s%n", s.name(), s.description(), String.join(", ", s.extensions()),
                        s.required() ? ", required" : "");
            }
            for (dev.machina.core.machine.MachineOption op : d.options()) {
                out.printf("option       --%s%s: %s%n", op.name(), op.isFlag() ? "" : " " + op.valueLabel(), op.description());
            }
            if (d.roms().roms().isEmpty()) {
                out.println("roms         none needed");
            }
            for (RomDefinition r : d.roms().roms()) {
                out.printf("rom          %s  %d bytes  crc32 %s  sha1 %s%s%n", r.name(), r.size(), r.crcHex(), r.sha1(),
                        r.status() == RomDefinition.DumpStatus.GOOD ? "" : "  (" + r.status().name().toLowerCase().replace('_', ' ') + ")");
            }
            out.flush();
            return;
        }
        Optional<CpuFamily> f = registry.familyOf(name);
        if (f.isPresent()) {
            CpuModel model = registry.cpuModel(name).orElseThrow();
            out.printf("cpu          %s%n", model.name());
            out.printf("description  %s%n", model.description());
            out.printf("family       %s (%s)%n", f.get().name(), f.get().description());
            out.printf("engines      %s%n", String.join(", ", model.engines()));
            out.printf("sst          %s%n", f.get().singleStepTests(name).isPresent() ? "yes" : "no");
            out.flush();
            return;
        }
        throw new Cli.UserError("unknown machine or CPU '" + name + "' (see 'machina list' and 'machina list --cpus')");
    }
}
