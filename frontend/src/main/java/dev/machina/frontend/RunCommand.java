package dev.machina.frontend;

import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.cpu.Engines;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.MachineOption;
import dev.machina.core.machine.MediaSlot;
import dev.machina.core.machine.Presentable;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.core.plugin.Registry;
import dev.machina.frontend.session.WindowOptions;
import dev.machina.frontend.session.WindowSession;
import dev.machina.frontend.window.Viewport;
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
        description = "Run a machine: machina run [MACHINE] [--SLOT FILE]... [--OPTION [VALUE]]... [-- ARGS...]. "
                + "Without MACHINE: nes, which without --cart runs the built-in demo. "
                + "A machine with a screen plays in a window with sound when there is a display (DISPLAY or WAYLAND_DISPLAY) "
                + "and no headless output (--frames, --screenshot, --wav, --input-script, --max-cycles) is asked for; "
                + "otherwise, or with --headless, it runs headless and says so. "
                + "'machina info MACHINE' lists its media slots and options.",
        footer = {"", "Window keys (change them in the mapping file; see 'machina input --list'):",
                "  P           pause / resume",
                "  N           run one frame, then stay paused",
                "  F3          reset",
                "  TAB         fast-forward while held (sound off)",
                "  F5 / F7     save state to / load state from the current slot",
                "  F6 / F4     next / previous slot (1..9: STATE-DIR/MACHINE-TITLE.N.state)",
                "  F12         screenshot PNG (TITLE-YYYYMMDD-HHMMSS.png in --screenshot-dir)",
                "  F11         fullscreen (also Alt+Enter)",
                "  F9 / F8     integer or fit scaling / nearest or linear filter",
                "  M, - / =    sound on or off, volume down / up",
                "  ESCAPE      quit",
                "NES controller 1: arrows, X = A, Z = B, Right Shift = Select, Enter = Start;",
                "gamepads (hot-plug): D-pad or left stick, B = A, A = B, Back, Start."})
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

    @Option(names = "--headless", description = "Run without a window even when there is a display.")
    boolean headless;

    @Option(names = "--window", description = "Run in a window (an error when there is no display); --frames N then quits after N frames.")
    boolean forceWindow;

    @Option(names = "--scale", paramLabel = "N", description = "Window: initial size as N times the screen (1..8; default ${DEFAULT-VALUE}).")
    int scale = 3;

    @Option(names = "--scaling", paramLabel = "integer|fit", description = "Window: picture scaling (default ${DEFAULT-VALUE}).")
    String scaling = "integer";

    @Option(names = "--fullscreen", description = "Window: start in fullscreen.")
    boolean fullscreen;

    @Option(names = "--no-vsync", description = "Window: do not wait for the vertical retrace.")
    boolean noVsync;

    @Option(names = "--filter", paramLabel = "nearest|linear", description = "Window: texture filter (default ${DEFAULT-VALUE}).")
    String filter = "nearest";

    @Option(names = "--volume", paramLabel = "0..100", description = "Window: sound volume in percent (default ${DEFAULT-VALUE}).")
    int volume = 80;

    @Option(names = "--mute", description = "Window: start with the sound off.")
    boolean mute;

    @Option(names = "--no-audio", description = "Window: open no audio device (frames paced by the clock).")
    boolean noAudio;

    @Option(names = "--audio-latency", paramLabel = "MS", description = "Window: audio queued at the device, 10..500 ms (default ${DEFAULT-VALUE}).")
    int latency = 64;

    @Option(names = "--stats", description = "Window: log speed, audio queue, rate control and underruns every second and show them on screen.")
    boolean stats;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Window: input mapping file (default $XDG_CONFIG_HOME/machina/input.json when it exists).")
    Path mapping;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Window: folder of save-state slots (default $XDG_DATA_HOME/machina/states).")
    Path stateDir;

    @Option(names = "--screenshot-dir", paramLabel = "DIR", description = "Window: folder of screenshots (default: the current folder).")
    Path screenshotDir = Path.of(".");

    @Option(names = "--frame-log", paramLabel = "FILE", description = "Window: one line per frame: frame number, buttons per player, CRC-32 of the frame.")
    Path frameLog;

    @Option(names = "--record-input", paramLabel = "FILE", description = "Window: write the buttons pressed as an --input-script at the end.")
    Path recordInput;

    @Option(names = "--window-capture", paramLabel = "FILE", description = "Window: write the window's pixels (glReadPixels) as PNG at the end.")
    Path windowCapture;

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
        } catch (IllegalArgumentException e) { // e.g. an engine the machine's CPU lacks or refuses
            throw new Cli.UserError(def.name() + ": " + e.getMessage());
        }
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
        if (rawOut != null) {
            spec.commandLine().getOut().flush();
            out = rawOut;
        }
        Presentable screen = Presentable.of(built).orElse(null);
        boolean display = Display.available();
        boolean headlessOutputs = frames > 0 || screenshot != null || wav != null || inputScript != null || maxCycles > 0;
        if (forceWindow && headless) {
            throw new Cli.UserError("--window and --headless exclude each other");
        }
        if (forceWindow && screen == null) {
            throw new Cli.UserError(def.name() + " has no screen: it runs headless only");
        }
        if (forceWindow && (screenshot != null || wav != null || inputScript != null || maxCycles > 0)) {
            throw new Cli.UserError("--window takes no headless outputs (--screenshot, --wav, --input-script, --max-cycles); "
                    + "use F12, --window-capture or --record-input, or run --headless");
        }
        if (forceWindow && !display) {
            throw new Cli.UserError("--window: no display (" + Display.missing() + ")");
        }
        if (screen != null && !headless && (forceWindow || (display && !headlessOutputs))) {
            try {
                return runWindow(def, media, screen, err);
            } catch (WindowSession.Unavailable e) {
                if (forceWindow) {
                    throw new Cli.UserError("--window: " + e.getMessage());
                }
                err.println("machina: cannot open a window (" + e.getMessage() + "): running headless");
            } catch (IllegalArgumentException e) {
                throw new Cli.UserError(e.getMessage());
            } catch (EmulationException e) {
                err.println("machina: " + e.getMessage());
                err.flush();
                return Cli.FAILED;
            }
        } else if (screen != null && !headless && !display && !headlessOutputs) {
            err.println("machina: no display (" + Display.missing() + "): running headless");
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

    private int runWindow(MachineDefinition def, Map<String, Path> media, Presentable screen, PrintStream err)
            throws WindowSession.Unavailable, EmulationException {
        if (scale < 1 || scale > 8) {
            throw new Cli.UserError("--scale " + scale + ": expected 1..8");
        }
        if (volume < 0 || volume > 100) {
            throw new Cli.UserError("--volume " + volume + ": expected 0..100");
        }
        if (latency < 10 || latency > 500) {
            throw new Cli.UserError("--audio-latency " + latency + ": expected 10..500 ms");
        }
        Viewport.Scaling sc = switch (scaling.toLowerCase(java.util.Locale.ROOT)) {
            case "integer" -> Viewport.Scaling.INTEGER;
            case "fit" -> Viewport.Scaling.FIT;
            default -> throw new Cli.UserError("--scaling " + scaling + ": expected integer or fit");
        };
        boolean lin = switch (filter.toLowerCase(java.util.Locale.ROOT)) {
            case "nearest" -> false;
            case "linear" -> true;
            default -> throw new Cli.UserError("--filter " + filter + ": expected nearest or linear");
        };
        String title = media.values().stream().findFirst()
                .map(p -> p.getFileName().toString().replaceFirst("\\.[^.]*$", ""))
                .orElse(media.isEmpty() && def.name().equals("nes") ? "demo" : def.name());
        Path states = stateDir != null ? stateDir : defaultStateDir();
        WindowOptions o = new WindowOptions(scale, sc, fullscreen, !noVsync, lin, volume, mute, !noAudio, latency, stats,
                mapping, states, screenshotDir, frames, frameLog, recordInput, windowCapture);
        return new WindowSession(screen, def.name(), title, o, err).run();
    }

    private static Path defaultStateDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("machina").resolve("states");
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
