package dev.machina.frontend;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.device.Device;
import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineOption;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.core.sched.Scheduler;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.MediaSlot;
import dev.machina.core.media.RomDefinition;
import dev.machina.core.media.RomSet;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.plugin.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    record Result(int code, String out, String err) {
    }

    private static Result run(Registry r, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(r, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), args);
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static final Registry EMPTY = Registry.of(List.of(), List.of());

    /** CRC-32 and SHA-1 of the ASCII bytes "123456789" (the standard check values). */
    static final class Box implements MachineDefinition {
        public String name() { return "box"; }
        public String description() { return "Test Box"; }
        public String year() { return "1982"; }
        public String manufacturer() { return "Acme"; }
        public List<String> cpus() { return List.of("toy"); }
        public Status status() { return Status.IMPERFECT; }
        public RomSet roms() {
            return new RomSet("box", List.of(RomDefinition.of("boot.rom", 9, 0xCBF43926L, "f7c3bc1d808e04732adf679965ccc34ca7ae3441")));
        }
        public List<MediaSlot> mediaSlots() { return List.of(new MediaSlot("cart", "cartridge", List.of("bin"), true)); }
        public List<MachineOption> options() {
            return List.of(new MachineOption("strace", null, "trace"), new MachineOption("sysroot", "DIR", "root"));
        }
        public Machine build(MachineConfig config) throws MediaException {
            if (config.media().get("cart").toString().endsWith(".bad")) {
                throw new MediaException(config.media().get("cart") + ": truncated header");
            }
            MachineDefinition self = this;
            return new Machine() {
                public MachineDefinition definition() { return self; }
                public Scheduler scheduler() { return new Scheduler(); }
                public List<Device> devices() { return List.of(); }
                public int run(RunOptions o) throws EmulationException {
                    o.out().println("options=" + new java.util.TreeMap<>(config.options()) + " args=" + config.arguments()
                            + " cart=" + config.media().get("cart").getFileName() + " max=" + o.maxCycles());
                    if (o.maxCycles() == 1) {
                        throw new EmulationException("cycle limit of 1 reached at $0000");
                    }
                    return config.arguments().size();
                }
            };
        }
    }

    static final class Toy implements CpuFamily {
        public String name() { return "toyisa"; }
        public String description() { return "Toy ISA"; }
        public List<CpuModel> models() { return List.of(new CpuModel("toy", "Toy CPU", List.of("interpreter", "recompiler"))); }
        public Cpu create(String model, String tag, AddressSpace program, AddressSpace io) { throw new UnsupportedOperationException(); }
        public Optional<SingleStepTests> singleStepTests(String model) {
            // "NOP": final must equal initial
            return Optional.of((file, test, cycles) -> test.get("initial").equals(test.get("final"))
                    ? SingleStepTests.Outcome.PASS
                    : new SingleStepTests.Outcome(List.of("state changed"), List.of()));
        }
    }

    private static final Registry TOY = Registry.of(List.of(new Toy()), List.of(new Box()));

    @TempDir
    Path dir;

    @Test
    void emptyRegistryPrintsHeadersAndSaysNoneInstalled() {
        Result m = run(EMPTY, "list");
        assertEquals(0, m.code());
        assertTrue(m.out().startsWith("NAME  DESCRIPTION  YEAR  MAKER  CPUS  STATUS\n"), m.out());
        assertTrue(m.out().contains("No machine plug-ins installed"), m.out());
        Result c = run(EMPTY, "list", "--cpus");
        assertEquals(0, c.code());
        assertTrue(c.out().startsWith("MODEL  FAMILY  ENGINES  DESCRIPTION\n"), c.out());
        assertTrue(c.out().contains("No CPU plug-ins installed"), c.out());
    }

    @Test
    void listsInstalledPlugins() {
        Result m = run(TOY, "list");
        assertEquals("""
                NAME  DESCRIPTION  YEAR  MAKER  CPUS  STATUS
                box   Test Box     1982  Acme   toy   imperfect
                """, m.out());
        Result c = run(TOY, "list", "--cpus");
        assertEquals("""
                MODEL  FAMILY  ENGINES                 DESCRIPTION
                toy    toyisa  interpreter,recompiler  Toy CPU
                """, c.out());
    }

    @Test
    void infoShowsMachinesAndCpus() {
        Result m = run(TOY, "info", "box");
        assertEquals(0, m.code());
        assertTrue(m.out().contains("rom          boot.rom  9 bytes  crc32 cbf43926  sha1 f7c3bc1d808e04732adf679965ccc34ca7ae3441"), m.out());
        assertTrue(m.out().contains("media        --cart: cartridge (bin), required"), m.out());
        Result c = run(TOY, "info", "toy");
        assertTrue(c.out().contains("engines      interpreter, recompiler"), c.out());
    }

    @Test
    void userErrorsAreOneLineAndExitTwo() {
        for (String[] args : new String[][]{{"info", "nope"}, {"list", "--bogus"}, {"verify", "nope", "--rompath", "."},
                {"verify", "box"}, {"frobnicate"}, {"validate", "sst", "--cpu", "z999", "."}}) {
            Result r = run(TOY, args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals("", r.out(), String.join(" ", args));
            assertTrue(r.err().startsWith("machina: "), r.err());
            assertEquals(1, r.err().lines().count(), "one line for " + String.join(" ", args) + ": " + r.err());
        }
    }

    @Test
    void versionNamesTheBuild() {
        Result r = run(EMPTY, "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("machina "), r.out());
        assertTrue(r.out().contains("Java " + Runtime.version().feature()), r.out());
    }

    @Test
    void verifyReportsGoodAndBadSets() throws IOException {
        Result missing = run(TOY, "verify", "box", "--rompath", dir.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.out().contains("boot.rom             missing"), missing.out());
        assertTrue(missing.out().endsWith("romset box is bad (0 of 1 ROMs usable)\n"), missing.out());
        Files.createDirectories(dir.resolve("box"));
        Files.writeString(dir.resolve("box/boot.rom"), "123456789");
        Result good = run(TOY, "verify", "box", "--rompath", dir.resolve("elsewhere") + ":" + dir);
        assertEquals(2, good.code(), "a rompath entry that is not a directory is a user error");
        good = run(TOY, "verify", "box", "--rompath", dir.toString());
        assertEquals(0, good.code(), good.out());
        assertTrue(good.out().endsWith("romset box is good (1 of 1 ROMs usable)\n"), good.out());
    }

    @Test
    void validateSstRunsTheFamilyBinding() throws IOException {
        Files.writeString(dir.resolve("00.json"), "[{\"name\":\"nop 1\",\"initial\":{\"a\":1},\"final\":{\"a\":1}},"
                + "{\"name\":\"nop 2\",\"initial\":{\"a\":1},\"final\":{\"a\":2}}]");
        Result r = run(TOY, "validate", "sst", "--cpu", "toy", dir.toString());
        assertEquals(1, r.code());
        assertEquals(List.of("00.json: 1 of 2 failed; first: nop 2: state changed", "1 passed, 1 failed"), r.out().lines().toList());
        Result bad = run(TOY, "validate", "sst", "--cpu", "toy", dir.resolve("none").toString());
        assertEquals(2, bad.code());
        assertEquals("machina: " + dir.resolve("none") + ": not a directory\n", bad.err());
        Result engine = run(TOY, "validate", "sst", "--cpu", "toy", "--engine", "recompiler", dir.toString());
        assertEquals(2, engine.code(), "the toy binding has only the interpreter");
        assertEquals("machina: CPU 'toy': this SingleStepTests binding runs only the interpreter, not 'recompiler'\n", engine.err());
    }

    @Test
    void runPassesSlotsOptionsAndGuestArguments() throws IOException {
        Path cart = Files.writeString(dir.resolve("game.bin"), "x");
        Result r = run(TOY, "run", "box", "--cart", cart.toString(), "--strace", "--sysroot=/sys/root", "--max-cycles", "99",
                "--", "busybox", "ls", "--help", "--");
        assertEquals("options={strace=true, sysroot=/sys/root} args=[busybox, ls, --help, --] cart=game.bin max=99\n", r.out());
        assertEquals(4, r.code(), "the machine's exit status is the process's");
        Result engine = run(TOY, "run", "box", "--cart", cart.toString(), "--engine", "interpreter", "--max-cycles", "99");
        assertTrue(engine.out().startsWith("options={engine=interpreter}"), engine.out());
        Result badEngine = run(TOY, "run", "box", "--cart", cart.toString(), "--engine", "jit");
        assertEquals(2, badEngine.code());
        assertEquals("machina: unknown engine 'jit' (interpreter, recompiler, lockstep or auto)\n", badEngine.err());
        Result limit = run(TOY, "run", "box", "--cart", cart.toString(), "--max-cycles", "1");
        assertEquals(1, limit.code());
        assertEquals("machina: cycle limit of 1 reached at $0000\n", limit.err());
    }

    @Test
    void runRejectsBadMachineOptionsAndMedia() throws IOException {
        Path bad = Files.writeString(dir.resolve("x.bad"), "x");
        Map<String[], String> cases = Map.of(
                new String[]{"run", "box"}, "machina: box needs --cart FILE (cartridge)",
                new String[]{"run", "box", "--cart", dir.resolve("none.bin").toString()}, "machina: --cart " + dir.resolve("none.bin") + ": no such file",
                new String[]{"run", "box", "--cart", bad.toString()}, "machina: " + bad + ": truncated header",
                new String[]{"run", "box", "--floppy", "a"}, "machina: machine box has no option --floppy (it takes --cart FILE, --strace, --sysroot DIR)",
                new String[]{"run", "box", "--sysroot"}, "machina: --sysroot needs a value",
                new String[]{"run", "nope"}, "machina: unknown machine 'nope' (see 'machina list')");
        for (Map.Entry<String[], String> c : cases.entrySet()) {
            Result r = run(TOY, c.getKey());
            assertEquals(2, r.code(), String.join(" ", c.getKey()));
            assertEquals(c.getValue() + "\n", r.err(), String.join(" ", c.getKey()));
        }
    }
    /**
     * Every command's {@code --help} renders without picocli's format warnings (picocli formats
     * descriptions with {@code String.format}, so a bare '%' prints "picocli WARN" on System.err
     * and leaves the text unformatted).
     */
    @Test
    void everyHelpRendersWithoutFormatWarnings() {
        java.util.ArrayDeque<List<String>> todo = new java.util.ArrayDeque<>();
        todo.add(List.of());
        int seen = 0;
        PrintStream saved = System.err;
        ByteArrayOutputStream picocli = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(picocli, true, StandardCharsets.UTF_8));
            while (!todo.isEmpty()) {
                List<String> path = todo.poll();
                List<String> args = new java.util.ArrayList<>(path);
                args.add("--help");
                Result r = run(EMPTY, args.toArray(String[]::new));
                assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
                seen++;
                boolean commands = false;
                for (String line : r.out().split("\n")) {
                    if (line.equals("Commands:")) {
                        commands = true;
                    } else if (commands && line.matches("  [a-z0-9-]+ .*")) {
                        List<String> sub = new java.util.ArrayList<>(path);
                        sub.add(line.trim().split(" ")[0]);
                        todo.add(sub);
                    }
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(seen >= 10, "only " + seen + " commands found");
        assertEquals("", picocli.toString(StandardCharsets.UTF_8));
    }
}
