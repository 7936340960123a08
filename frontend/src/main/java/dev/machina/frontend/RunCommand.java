package dev.machina.frontend;

import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.cpu.Engines;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.MachineOption;
import dev.machina.core.machine.MediaSlot;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.core.plugin.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code machina run [MACHINE] [--SLOT FILE]... [--OPTION [VALUE]]... [-- ARGS...]}: builds a machine
 * (default {@code nes}, whose default cartridge is the built-in demo)
 * from its media slots and options, and runs it headless. Machine-specific options come from the
 * machine definition ({@link MachineDefinition#mediaSlots()}, {@link MachineDefinition#options()}),
 * so {@code machina run nes --cart game.nes} and {@code machina run cpm --program zexdoc.com} need no
 * frontend code of their own. Words after {@code --} go to the machine as arguments untouched
 * (Linux user mode: the guest program and its arguments).
 *
 * <p>Exit status: the machine's own (0 for a clean stop), 1 when emulation stops with an error
 * or hits {@code --max-cycles}, 2 for bad usage or bad media.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a machine headless: machina run [MACHINE] [--SLOT FILE]... [--OPTION [VALUE]]... [-- ARGS...]. "
                + "Without MACHINE: nes, which without --cart runs the built-in demo. "
                + "'machina info MACHINE' lists its media slots and options.")
public final class RunCommand implements Callable<Integer> {
    private final Registry registry;
    private final List<String> guestArguments;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MACHINE",
            description = "Machine short name (see 'machina list'); default nes (with no --cart: the built-in demo).")
    String machine = "nes";

    @Parameters(index = "1..*", paramLabel = "--SLOT FILE | --OPTION [VALUE]", hidden = true)
    List<String> machineOptions = new ArrayList<>();

    @Option(names = "--rompath", paramLabel = "DIR", split = ":", description = "Directories searched for the machine's ROMs.")
    List<Path> rompath = new ArrayList<>();

    @Option(names = "--max-cycles", paramLabel = "N", description = "Stop with an error after N main-CPU cycles (0 = no limit).")
    long maxCycles;

    @Option(names = "--frames", paramLabel = "N", description = "Machines with a screen: run N frames, then stop.")
    long frames;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "CPU execution engine: interpreter, recompiler, lockstep or auto (the fastest the CPU has; default).")
    String engine;

    @Option(names = "--headless", description = "Run without a window (the only mode until the window frontend lands).")
    boolean headless;

    @Option(names = "--screenshot", paramLabel = "FILE", description = "Write the last frame as PNG.")
    Path screenshot;

    @Option(names = "--wav", paramLabel = "FILE", description = "Write the audio as a 48 kHz WAV file.")
    Path wav;

    @Option(names = "--input-script", paramLabel = "FILE", description = "Per-frame input script.")
    Path inputScript;

    @Spec
    CommandSpec spec;

    /**
     * @param guestArguments the words after {@code --}, split off before picocli parses
     */
    public RunCommand(Registry registry, List<String> guestArguments) {
        this(registry, guestArguments, null);
    }

    /** Byte-exact guest stdout (binary output such as {@code gzip -c}), or null to go through the command's writer. */
    private final PrintStream rawOut;

    /**
     * @param guestArguments the words after {@code --}, split off before picocli parses
     * @param rawOut         the process's stdout for byte-exact guest output, or null
     */
    public RunCommand(Registry registry, List<String> guestArguments, PrintStream rawOut) {
        this.registry = registry;
        this.guestArguments = List.copyOf(guestArguments);
        this.rawOut = rawOut;
    }

    @Override
    public Integer call() {
        if (machine.startsWith("--")) { // no MACHINE: the first word is already a machine option
            machineOptions.add(0, machine);
            machine = "nes";
        }
        MachineDefinition def = registry.machine(machine).orElseThrow(() ->
                new Cli.UserError("unknown machine '" + machine + "' (see 'machina list')"));
        Map<String, Path> media = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        parseMachineOptions(def, media, options);
        if (engine != null) {
            if (!List.of(Engines.INTERPRETER, Engines.RECOMPILER, Engines.LOCKSTEP, Engines.AUTO).contains(engine)) {
                throw new Cli.UserError("unknown engine '" + engine + "' (interpreter, recompiler, lockstep or auto)");
            }
            options.put(MachineConfig.ENGINE_OPTION, engine);
        }
        for (MediaSlot s : def.mediaSlots()) {
            if (s.required() && !media.containsKey(s.name())) {
                throw new Cli.UserError(def.name() + " needs --" + s.name() + " FILE (" + s.description() + ")");
            }
        }
        for (Map.Entry<String, Path> m : media.entrySet()) {
            if (!Files.isRegularFile(m.getValue())) {
                throw new Cli.UserError("--" + m.getKey() + " " + m.getValue() + ": no such file");
            }
        }
        if (maxCycles < 0 || frames < 0) {
            throw new Cli.UserError("--max-cycles and --frames must be >= 0");
        }
        Machine built;
        try {
            built = def.build(new MachineConfig(media, rompath, options, guestArguments));
        } catch (MediaException e) {
            throw new Cli.UserError(e.getMessage());
        }
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
        if (rawOut != null) {
            spec.commandLine().getOut().flush();
            out = rawOut;
        }
        try {
            int status = built.run(new RunOptions(maxCycles, frames, screenshot, wav, inputScript, System.in, out, err));
            out.flush();
            return status;
        } catch (EmulationException e) {
            out.flush();
            err.println("machina: " + e.getMessage());
            err.flush();
            return Cli.FAILED;
        }
    }

    private void parseMachineOptions(MachineDefinition def, Map<String, Path> media, Map<String, String> options) {
        for (int i = 0; i < machineOptions.size(); i++) {
            String word = machineOptions.get(i);
            if (!word.startsWith("--") || word.length() == 2) {
                throw new Cli.UserError("unexpected '" + word + "' (program arguments go after '--'; " + usage(def) + ")");
            }
            String name = word.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            final String key = name;
            MediaSlot slot = def.mediaSlots().stream().filter(s -> s.name().equals(key)).findFirst().orElse(null);
            MachineOption opt = def.options().stream().filter(o -> o.name().equals(key)).findFirst().orElse(null);
            if (slot == null && opt == null) {
                throw new Cli.UserError("machine " + def.name() + " has no option --" + name + " (" + usage(def) + ")");
            }
            if (opt != null && opt.isFlag()) {
                if (value != null) {
                    throw new Cli.UserError("--" + name + " takes no value");
                }
                options.put(name, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= machineOptions.size()) {
                    throw new Cli.UserError("--" + name + " needs a value");
                }
                value = machineOptions.get(++i);
            }
            if (slot != null) {
                media.put(name, Path.of(value));
            } else {
                options.put(name, value);
            }
        }
    }

    private static String usage(MachineDefinition def) {
        List<String> parts = new ArrayList<>();
        def.mediaSlots().forEach(s -> parts.add("--" + s.name() + " FILE"));
        def.options().forEach(o -> parts.add("--" + o.name() + (o.isFlag() ? "" : " " + o.valueLabel())));
        return parts.isEmpty() ? "it takes no machine options" : "it takes " + String.join(", ", parts);
    }
}
