package dev.machina.frontend;

import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.core.machine.EmulationException;
import dev.machina.core.plugin.Registry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code machina bench linux-aarch64 [--runs N] [--engine E] [--sysroot DIR] -- PROGRAM [ARGS...]}: host
 * wall time of one guest program under machina (in this JVM, after one warm-up run; output
 * discarded) and under {@code qemu-aarch64-static} (a process per run, output discarded), the
 * best of N runs each, and their ratio.
 */
@Command(name = "linux-aarch64", mixinStandardHelpOptions = true,
        description = "Time an ARM64 Linux program under machina and under qemu-aarch64-static; print both and the ratio.")
public final class BenchGuestCommand implements Callable<Integer> {
    private final Registry registry;

    @Parameters(paramLabel = "PROGRAM", arity = "1..*", description = "The guest program and its arguments (after --).")
    List<String> guest;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Measured runs of each (default: ${DEFAULT-VALUE}); the best counts.")
    int runs;

    @Option(names = "--sysroot", paramLabel = "DIR", description = "Sysroot for dynamic executables (also passed to qemu as -L).")
    Path sysroot;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
            description = "Engine of the guest CPU: interpreter, recompiler, lockstep or auto (default: ${DEFAULT-VALUE}).")
    String engine;

    @Spec
    CommandSpec spec;

    public BenchGuestCommand(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new Cli.UserError("--runs must be >= 1");
        }
        MachineDefinition def = registry.machine("linux-aarch64").orElseThrow(() ->
                new Cli.UserError("machine linux-aarch64 is not installed"));
        Map<String, String> options = new HashMap<>();
        options.put(MachineConfig.ENGINE_OPTION, engine);
        if (sysroot != null) {
            options.put("sysroot", sysroot.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int status = 0;
        for (int r = 0; r <= runs; r++) {
            Machine m;
            try {
                m = def.build(new MachineConfig(Map.of(), List.of(), options, guest));
            } catch (MediaException e) {
                throw new Cli.UserError(e.getMessage());
            }
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            try {
                status = m.run(new RunOptions(0, 0, null, null, null, new ByteArrayInputStream(new byte[0]), sink, sink));
            } catch (EmulationException e) {
                throw new Cli.UserError(e.getMessage());
            }
            long t = System.nanoTime() - t0;
            long c = threads.getCurrentThreadCpuTime() - c0;
            if (r > 0) {
                best = Math.min(best, t);
                bestCpu = Math.min(bestCpu, c);
            }
        }
        out.printf("machina (%s): %.3f s (best of %d after 1 warm-up; exit status %d; thread CPU time %.3f s)%n", engine, best / 1e9, runs, status, bestCpu / 1e9);
        long qbest = Long.MAX_VALUE;
        List<String> cmd = new ArrayList<>(List.of("qemu-aarch64-static"));
        if (sysroot != null) {
            cmd.addAll(List.of("-L", sysroot.toString()));
        }
        cmd.addAll(guest);
        try {
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                p.waitFor();
                qbest = Math.min(qbest, System.nanoTime() - t0);
            }
        } catch (IOException e) {
            out.println("qemu-aarch64-static: not available (" + e.getMessage() + "); install Debian qemu-user-static for the comparison");
            out.flush();
            return Cli.OK;
        }
        out.printf("qemu-aarch64-static:   %.3f s (best of %d)%n", qbest / 1e9, runs);
        out.printf("ratio machina/qemu:    %.1fx%n", (double) best / qbest);
        out.flush();
        return Cli.OK;
    }
}
