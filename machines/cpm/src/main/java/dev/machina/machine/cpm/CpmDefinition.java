package dev.machina.machine.cpm;

import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.MediaSlot;
import dev.machina.core.media.MediaException;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code cpm}: runs a CP/M 2.2 {@code .COM} program on a Z80 with 64 KiB of RAM and an emulated
 * BDOS console (no disks, no CCP): {@code machina run cpm --program FILE.COM [-- WORDS...]}; the
 * words after {@code --} become the command tail at 0080H and the default FCBs.
 */
public final class CpmDefinition implements MachineDefinition {
    /** The media slot that takes the program. */
    public static final MediaSlot PROGRAM = new MediaSlot("program", "CP/M program (.COM), loaded at 0100H", List.of("com"), true);

    @Override
    public String name() {
        return "cpm";
    }

    @Override
    public String description() {
        return "CP/M 2.2 .COM runner (Z80, 64 KiB RAM, emulated BDOS console)";
    }

    @Override
    public String year() {
        return "1979";
    }

    @Override
    public String manufacturer() {
        return "Digital Research";
    }

    @Override
    public List<String> cpus() {
        return List.of("z80");
    }

    @Override
    public Status status() {
        return Status.WORKING;
    }

    @Override
    public List<MediaSlot> mediaSlots() {
        return List.of(PROGRAM);
    }

    /**
     * @throws MediaException when {@code --program} is missing, unreadable, empty or larger than
     *                        the TPA ({@link CpmMemoryMap#TPA_SIZE} bytes), or the command tail
     *                        is longer than 126 characters
     */
    @Override
    public Machine build(MachineConfig config) throws MediaException {
        Path program = config.media().get(PROGRAM.name());
        if (program == null) {
            throw new MediaException("cpm needs --program FILE.COM");
        }
        CpmMachine machine = new CpmMachine(this, ComFile.read(program), config.arguments());
        machine.cpu().setEngine(config.engine());
        return machine;
    }
}
