package dev.machina.frontend;

import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.media.RomVerifier;
import dev.machina.core.plugin.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code machina verify NAME --rompath DIR}: audits a machine's ROM set as MAME's
 * {@code -verifyroms} does. Exit 0 when the set is good or best available, 1 when it is bad.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a machine's ROM set in the rompath (folders and zip files): missing, wrong size, wrong CRC32/SHA-1, bad dumps.")
public final class VerifyCommand implements Callable<Integer> {
    private final Registry registry;

    @Parameters(paramLabel = "NAME", description = "The machine whose ROMs to check.")
    String name;

    @Option(names = "--rompath", paramLabel = "DIR", required = true, split = ":",
            description = "Directories to search, in order (repeatable, or separated by ':').")
    List<Path> rompath = new ArrayList<>();

    @Spec
    CommandSpec spec;

    public VerifyCommand(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        MachineDefinition d = registry.machine(name).orElseThrow(() ->
                new Cli.UserError("unknown machine '" + name + "' (see 'machina list')"));
        for (Path p : rompath) {
            if (!Files.isDirectory(p)) {
                throw new Cli.UserError("rompath entry " + p + " is not a directory");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        RomVerifier.Report r = RomVerifier.verify(d.roms(), rompath);
        for (RomVerifier.Result x : r.results()) {
            out.printf("%-20s %-14s %s%s%n", x.rom().name(), x.status().name().toLowerCase().replace('_', ' '),
                    x.detail(), x.location() != null && x.status() != RomVerifier.Status.GOOD ? " (" + x.location() + ")" : "");
        }
        out.printf("romset %s is %s (%d of %d ROMs usable)%n", d.roms().name(), r.verdict(),
                r.results().stream().filter(RomVerifier.Result::usable).count(), r.results().size());
        out.flush();
        return r.usable() ? Cli.OK : Cli.FAILED;
    }
}
