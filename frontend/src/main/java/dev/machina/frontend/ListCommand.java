package dev.machina.frontend;

import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.plugin.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code machina list [--cpus]}: the installed machines, or CPU models with their engines. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List installed machines (default) or CPU models (--cpus).")
public final class ListCommand implements Runnable {
    private final Registry registry;

    @Option(names = "--cpus", description = "List CPU models and their execution engines.")
    boolean cpus;

    @Spec
    CommandSpec spec;

    public ListCommand(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (cpus) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"MODEL", "FAMILY", "ENGINES", "DESCRIPTION"});
            for (CpuFamily f : registry.cpuFamilies()) {
                for (CpuModel m : f.models()) {
                    rows.add(new String[]{m.name(), f.name(), String.join(",", m.engines()), m.description()});
                }
            }
            Table.print(out, rows);
            if (rows.size() == 1) {
                out.println("No CPU plug-ins installed (a jar providing dev.machina.core.cpu.CpuFamily adds one).");
            }
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"NAME", "DESCRIPTION", "YEAR", "MAKER", "CPUS", "STATUS"});
            for (MachineDefinition d : registry.machines()) {
                rows.add(new String[]{d.name(), d.description(), d.year(), d.manufacturer(),
                        String.join(",", d.cpus()), d.status().display()});
            }
            Table.print(out, rows);
            if (rows.size() == 1) {
                out.println("No machine plug-ins installed (a jar providing dev.machina.core.machine.MachineDefinition adds one).");
            }
        }
        out.flush();
    }
}
