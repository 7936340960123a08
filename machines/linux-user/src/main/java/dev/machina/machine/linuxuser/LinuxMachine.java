package dev.machina.machine.linuxuser;

import dev.machina.core.device.Device;
import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.core.sched.Scheduler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A prepared Linux user-mode run. The program's images are validated at build time (so bad
 * files fail before anything runs); {@link #run} creates the first process on the run's
 * console and returns its exit status (128 + signal number when a signal killed it).
 */
final class LinuxMachine implements Machine {
    private final MachineDefinition definition;
    private final Path program;
    private final List<String> argv;
    private final Path sysroot;
    private final boolean strace;
    private final String engine;
    private final ElfImage[] images;
    private final Scheduler scheduler = new Scheduler();

    LinuxMachine(MachineDefinition definition, Path program, List<String> argv, Path sysroot, boolean strace, String engine) throws MediaException {
        this.engine = engine;
        this.definition = definition;
        this.program = program;
        this.argv = List.copyOf(argv);
        this.sysroot = sysroot;
        this.strace = strace;
        this.images = new LinuxSystem(null, null, null, false, sysroot, 0).loadImages(program, program.toString());
    }

    @Override
    public MachineDefinition definition() {
        return definition;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public List<Device> devices() {
        return List.of();
    }

    /** The environment the guest starts with: the host's, sorted, with PATH kept. */
    static List<String> environment() {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        return env;
    }

    @Override
    public int run(RunOptions options) throws EmulationException {
        if (options.frames() != 0 || options.screenshot() != null || options.wav() != null || options.inputScript() != null) {
            throw new EmulationException("linux-aarch64 has no screen or sound: --frames, --screenshot, --wav and --input do not apply");
        }
        LinuxSystem system = new LinuxSystem(options.in(), options.out(), options.err(), strace, sysroot, options.maxCycles());
        system.engine = engine;
        GuestProcess p = system.start(images[0], images[1], program, argv, environment());
        boolean finished;
        try {
            finished = system.run(p);
        } catch (dev.machina.cpu.arm.a64.recomp.LockstepMismatch e) {
            throw new EmulationException(e.getMessage());
        }
        if (!finished) {
            throw new EmulationException("linux-aarch64: cycle limit of " + options.maxCycles() + " instructions reached at pc 0x" + Long.toHexString(p.cpu.pc));
        }
        options.out().flush();
        return p.exitStatus();
    }
}
