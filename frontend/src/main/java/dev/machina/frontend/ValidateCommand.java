package dev.machina.frontend;

import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.plugin.Registry;
import dev.machina.romstest.sst.SstRunner;
import dev.machina.romstest.trap.TrapRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code machina validate ...}: CPU and machine validation suites. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run validation suites against CPU cores and machines.",
        subcommands = {ValidateCommand.Sst.class, ValidateCommand.Trap.class, ValidateCommand.Blargg.class, ValidateCommand.Nestest.class})
public final class ValidateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code machina validate sst --cpu CPU DIR}. */
    @Command(name = "sst", mixinStandardHelpOptions = true,
            description = "Run SingleStepTests files (*.json, *.json.gz) from DIR; the last line is 'N passed, N failed'.")
    public static final class Sst implements Callable<Integer> {
        private final Registry registry;

        @Option(names = "--cpu", required = true, paramLabel = "CPU", description = "CPU model, e.g. 6502, 65c02, z80, 8086.")
        String cpu;

        @Option(names = "--no-cycles", description = "Do not compare bus cycles.")
        boolean noCycles;

        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
                description = "Engine that runs the tests: interpreter (default), recompiler (translates every instruction at first entry) or lockstep.")
        String engine;

        @Option(names = "--limit", paramLabel = "N", description = "Run at most N tests per file (default: all).")
        int limit;

        @Option(names = "--report", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
        Path report;

        @Parameters(paramLabel = "DIR", description = "Directory of test files.")
        Path dir;

        @Spec
        CommandSpec spec;

        public Sst(Registry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() {
            CpuFamily family = registry.familyOf(cpu).orElseThrow(() ->
                    new Cli.UserError("unknown CPU '" + cpu + "' (see 'machina list --cpus')"));
            SingleStepTests binding = family.singleStepTests(cpu).orElseThrow(() ->
                    new Cli.UserError("CPU '" + cpu + "' has no SingleStepTests binding"));
            if (limit < 0) {
                throw new Cli.UserError("--limit must be >= 0");
            }
            try {
                binding.useEngine(engine);
            } catch (IllegalArgumentException e) {
                throw new Cli.UserError("CPU '" + cpu + "': " + e.getMessage());
            }
            SstRunner runner = new SstRunner(binding, !noCycles, limit);
            PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
            try {
                SstRunner.Summary s = runner.run(dir, out);
                if (report != null) {
                    runner.writeReport(s, cpu, report);
                }
                out.flush();
                return s.ok() ? Cli.OK : Cli.FAILED;
            } catch (IOException e) {
                throw new Cli.UserError(e.getMessage());
            }
        }
    }

    /** {@code machina validate trap --cpu CPU --load FILE@ADDR --start ADDR --success ADDR [--max-cycles N]}. */
    @Command(name = "trap", mixinStandardHelpOptions = true,
            description = {"Run a flat binary test program until the CPU traps (an instruction that jumps or branches to itself),",
                    "the convention of Klaus Dormann's functional tests. Prints PASS or FAIL with the trap address, cycles and",
                    "registers; exit 0 on PASS. Addresses: $hex, 0xhex or decimal."})
    public static final class Trap implements Callable<Integer> {
        private final Registry registry;

        @Option(names = "--cpu", required = true, paramLabel = "CPU", description = "CPU model, e.g. 6502, 65c02.")
        String cpu;

        @Option(names = "--load", required = true, paramLabel = "FILE@ADDR", description = "Load a flat binary at ADDR (repeatable).")
        List<String> loads = new ArrayList<>();

        @Option(names = "--start", required = true, paramLabel = "ADDR", description = "Address to start executing at.")
        String start;

        @Option(names = "--success", required = true, paramLabel = "ADDR", description = "Address of the success trap.")
        String success;

        @Option(names = "--max-cycles", paramLabel = "N", defaultValue = "200000000",
                description = "Give up (FAIL) after N cycles (default: ${DEFAULT-VALUE}).")
        long maxCycles;

        @Option(names = "--address-bits", paramLabel = "N", defaultValue = "16",
                description = "Width of the flat RAM address space (default: ${DEFAULT-VALUE}).")
        int addressBits;

        @Spec
        CommandSpec spec;

        public Trap(Registry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() {
            CpuFamily family = registry.familyOf(cpu).orElseThrow(() ->
                    new Cli.UserError("unknown CPU '" + cpu + "' (see 'machina list --cpus')"));
            try {
                List<TrapRunner.Load> parsed = new ArrayList<>();
                for (String l : loads) {
                    parsed.add(TrapRunner.Load.parse(l));
                }
                TrapRunner runner = new TrapRunner(family, cpu, addressBits);
                TrapRunner.Result r = runner.run(parsed, TrapRunner.parseAddress(start, "--start"),
                        TrapRunner.parseAddress(success, "--success"), maxCycles);
                spec.commandLine().getOut().println(r.line(runner.addressDigits()));
                spec.commandLine().getOut().flush();
                return r.passed() ? Cli.OK : Cli.FAILED;
            } catch (IOException | IllegalArgumentException e) {
                throw new Cli.UserError(e.getMessage());
            }
        }
    }

    /** {@code machina validate blargg FILE.nes [--max-frames N]}. */
    @Command(name = "blargg", mixinStandardHelpOptions = true,
            description = {"Run a blargg-style NES test ROM (status at $6000, text at $6004) until it reports;",
                    "print its text and PASS or FAIL; exit 0 on PASS."})
    public static final class Blargg implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.nes", description = "The test ROM.")
        java.nio.file.Path rom;

        @Option(names = "--max-frames", paramLabel = "N", defaultValue = "3600", description = "Give up (FAIL) after N frames (default: ${DEFAULT-VALUE}).")
        int maxFrames;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                dev.machina.machine.nes.validate.BlarggRunner.Result r = dev.machina.machine.nes.validate.BlarggRunner.run(rom, maxFrames);
                spec.commandLine().getOut().println(r.report());
                spec.commandLine().getOut().flush();
                return r.passed() ? Cli.OK : Cli.FAILED;
            } catch (dev.machina.core.media.MediaException e) {
                throw new Cli.UserError(e.getMessage());
            }
        }
    }

    /** {@code machina validate nestest FILE.nes --log FILE.log}. */
    @Command(name = "nestest", mixinStandardHelpOptions = true,
            description = {"Run a nestest-style ROM in automation mode from $C000 and compare PC, bytes, A, X, Y, P, SP and CYC",
                    "with each line of the log; print the first mismatch or the number of lines matched; exit 0 when all match."})
    public static final class Nestest implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.nes", description = "The test ROM.")
        java.nio.file.Path rom;

        @Option(names = "--log", required = true, paramLabel = "FILE.log", description = "The expected trace (nestest.log layout).")
        java.nio.file.Path log;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                dev.machina.machine.nes.validate.NestestRunner.Result r = dev.machina.machine.nes.validate.NestestRunner.run(rom, log);
                spec.commandLine().getOut().println(r.report());
                spec.commandLine().getOut().flush();
                return r.passed() ? Cli.OK : Cli.FAILED;
            } catch (dev.machina.core.media.MediaException e) {
                throw new Cli.UserError(e.getMessage());
            }
        }
    }
}
