package dev.machina.machine.linuxuser;

import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.MachineOption;
import dev.machina.core.media.MediaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code linux-aarch64}: runs an unmodified ARM64 Linux executable the way {@code qemu-aarch64}
 * does: {@code machina run linux-aarch64 [--sysroot DIR] [--strace] -- PROGRAM [ARGS...]}. The
 * guest's stdin, stdout and stderr are the run's; its exit status is the run's.
 */
public final class LinuxAarch64 implements MachineDefinition {
    /** Option: directory holding the dynamic linker and libraries of dynamic executables. */
    public static final String SYSROOT = "sysroot";
    /** Option: print each system call with decoded arguments to stderr. */
    public static final String STRACE = "strace";

    @Override
    public String name() {
        return "linux-aarch64";
    }

    @Override
    public String description() {
        return "Linux user mode for AArch64 (ARM64) executables";
    }

    @Override
    public String year() {
        return "2012";
    }

    @Override
    public String manufacturer() {
        return "Arm / Linux";
    }

    @Override
    public List<String> cpus() {
        return List.of("aarch64");
    }

    @Override
    public Status status() {
        return Status.IMPERFECT;
    }

    @Override
    public List<MachineOption> options() {
        return List.of(new MachineOption(SYSROOT, "DIR", "where PT_INTERP (the dynamic linker) and libraries are found"),
                new MachineOption(STRACE, null, "print every system call with its arguments and result to stderr"));
    }

    /**
     * Validates the program (ELF64 AArch64 executable, interpreter present in the sysroot) and
     * prepares the run.
     *
     * @throws MediaException with one line saying what is wrong: no program given, missing file,
     *                        not AArch64, truncated, missing interpreter
     */
    @Override
    public Machine build(MachineConfig config) throws MediaException {
        if (config.arguments().isEmpty()) {
            throw new MediaException("linux-aarch64 needs a program: machina run linux-aarch64 -- PROGRAM [ARGS...]");
        }
        String sysrootText = config.options().get(SYSROOT);
        Path sysroot = sysrootText == null ? null : Path.of(sysrootText);
        if (sysroot != null && !Files.isDirectory(sysroot)) {
            throw new MediaException("--sysroot " + sysroot + ": not a directory");
        }
        boolean strace = "true".equals(config.options().get(STRACE));
        String engine = config.engine();
        if (!engine.equals(dev.machina.core.cpu.Engines.AUTO) && !dev.machina.cpu.arm.a64.A64Cpu.MODEL.engines().contains(engine)) {
            throw new MediaException("--engine " + engine + ": the aarch64 CPU has the engines " + String.join(", ", dev.machina.cpu.arm.a64.A64Cpu.MODEL.engines()) + " and auto");
        }
        String program = config.arguments().getFirst();
        Path path = Path.of(program);
        if (!Files.isRegularFile(path)) {
            throw new MediaException(program + ": no such file");
        }
        return new LinuxMachine(this, path, config.arguments(), sysroot, strace, engine);
    }
}
