package dev.machina.core.machine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a user chose for one run: media per slot, where ROMs are, machine options and program
 * arguments.
 *
 * @param media     file per {@link MediaSlot#name()} (e.g. {@code cart} from {@code --cart FILE})
 * @param rompath   directories searched for the machine's ROM set, in order
 * @param options   values of the machine's {@link MachineOption}s by name (e.g. {@code sysroot},
 *                  {@code strace}); a flag option that was given has the value {@code "true"}
 * @param arguments words after {@code --} on the command line: for Linux user mode the guest
 *                  program and its arguments; empty for most machines
 */
public record MachineConfig(Map<String, Path> media, List<Path> rompath, Map<String, String> options, List<String> arguments) {
    public MachineConfig {
        media = Map.copyOf(media);
        rompath = List.copyOf(rompath);
        options = Map.copyOf(options);
        arguments = List.copyOf(arguments);
    }

    /** No media, no ROM path, no options, no arguments. */
    public static MachineConfig empty() {
        return new MachineConfig(Map.of(), List.of(), Map.of(), List.of());
    }

    /**
     * Key of {@link #options()} under which {@code machina run --engine} passes the execution
     * engine; machines do not declare it as a {@link MachineOption}.
     */
    public static final String ENGINE_OPTION = "engine";

    /**
     * The execution engine the user asked for ({@link dev.machina.core.cpu.Engines}), default
     * {@code auto}. Machines pass it to their CPUs with {@code cpu.setEngine(config.engine())}.
     */
    public String engine() {
        return options.getOrDefault(ENGINE_OPTION, dev.machina.core.cpu.Engines.AUTO);
    }
}
