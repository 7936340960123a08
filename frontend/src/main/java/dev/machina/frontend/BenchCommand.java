package dev.machina.frontend;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.plugin.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code machina bench ...}: speed figures for docs/PERFORMANCE.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure emulation speed.",
        subcommands = {BenchCommand.Cpu.class, BenchCommand.Nes.class, BenchGuestCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code machina bench cpu MODEL}: runs the family's benchmark program, warms up, then reports
     * guest instructions and cycles per host second, measured over whole seconds of wall time.
     */
    @Command(name = "cpu", mixinStandardHelpOptions = true,
            description = "Run a CPU model's built-in CPU-bound program and report emulated instructions and cycles per second.")
    public static final class Cpu implements Callable<Integer> {
        private final Registry registry;

        @Parameters(paramLabel = "MODEL", description = "CPU model, e.g. 6502, z80, 8086.")
        String model;

        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
                description = "interpreter, recompiler, auto ... (default: ${DEFAULT-VALUE}).")
        String engine;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "5", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warmup", paramLabel = "S", defaultValue = "3", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Spec
        CommandSpec spec;

        public Cpu(Registry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() {
            CpuFamily family = registry.familyOf(model).orElseThrow(() ->
                    new Cli.UserError("unknown CPU '" + model + "' (see 'machina list --cpus')"));
            CpuModel m = registry.cpuModel(model).orElseThrow();
            if (!m.engines().contains(engine) && !engine.equals("auto")) {
                throw new Cli.UserError("CPU '" + model + "' has no engine '" + engine + "' (has " + String.join(", ", m.engines()) + ")");
            }
            if (seconds < 1 || warmup < 0) {
                throw new Cli.UserError("--seconds must be >= 1 and --warmup >= 0");
            }
            CpuBenchmark bench = family.benchmark(model).orElseThrow(() ->
                    new Cli.UserError("CPU '" + model + "' ships no benchmark program"));
            CpuBenchmark.Run run = bench.prepare(engine);
            measure(run, warmup * 1_000_000_000L);
            long[] r = measure(run, seconds * 1_000_000_000L);
            double secs = r[2] / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s %s: %s%n", model, engine, bench.description());
            out.printf(java.util.Locale.ROOT, "%.1f M instructions/s, %.1f M cycles/s (%d instructions, %d cycles in %.2f s)%n",
                    r[0] / secs / 1e6, r[1] / secs / 1e6, r[0], r[1], secs);
            if (r[3] > 0) {
                // the benchmark thread's own CPU time: on a shared machine the fairer figure
                double cpuSecs = r[3] / 1e9;
                out.printf(java.util.Locale.ROOT, "thread CPU time: %.2f s = %.1f M instructions/s, %.1f M cycles/s%n",
                        cpuSecs, r[0] / cpuSecs / 1e6, r[1] / cpuSecs / 1e6);
            }
            out.flush();
            return Cli.OK;
        }

        /**
         * Runs chunks until {@code nanos} of wall time have passed; returns {instructions, cycles,
         * elapsed wall ns, this thread's CPU ns (0 when the JVM cannot measure it)}.
         */
        private static long[] measure(CpuBenchmark.Run run, long nanos) {
            long instructions = 0, cycles = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
            long cpu0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            long elapsed;
            long chunk = 1_000_000;
            do {
                CpuBenchmark.Result x = run.run(chunk);
                instructions += x.instructions();
                cycles += x.cycles();
                elapsed = System.nanoTime() - start;
            } while (elapsed < nanos);
            long cpu = cpuTime ? threads.getCurrentThreadCpuTime() - cpu0 : 0;
            return new long[]{instructions, cycles, elapsed, cpu};
        }
    }

    /** {@code machina bench nes [--cart FILE] [--frames N]}: emulated NES frames per host second. */
    @Command(name = "nes", mixinStandardHelpOptions = true,
            description = "Run an NES cartridge (default: the built-in demo) for N frames after N warm-up frames; report frames per host second.")
    public static final class Nes implements Callable<Integer> {
        @Option(names = "--cart", paramLabel = "FILE", description = "iNES cartridge (default: the built-in demo).")
        java.nio.file.Path cart;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "600", description = "Measured frames (default: ${DEFAULT-VALUE}).")
        long frames;

        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
                description = "Engine of the 2A03: interpreter (default), recompiler or auto.")
        String engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (frames < 1) {
                throw new Cli.UserError("--frames must be >= 1");
            }
            try {
                dev.machina.machine.nes.NesBenchmark.Result r = dev.machina.machine.nes.NesBenchmark.run(cart, frames, engine);
                spec.commandLine().getOut().println(r.line(cart == null ? "demo.nes" : cart.toString()));
                spec.commandLine().getOut().flush();
                return Cli.OK;
            } catch (dev.machina.core.media.MediaException | IllegalArgumentException e) {
                throw new Cli.UserError(e.getMessage());
            }
        }
    }
}
