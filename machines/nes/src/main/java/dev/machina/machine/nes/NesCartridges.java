package dev.machina.machine.nes;

import dev.machina.core.media.MediaException;
import dev.machina.machine.nes.cart.BatterySave;
import dev.machina.machine.nes.cart.INesParser;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads cartridges: a file (with its battery save next to it) or the built-in demo. */
public final class NesCartridges {
    /** Resource path of the built-in demo cartridge. */
    public static final String DEMO_RESOURCE = "/dev/machina/machine/nes/demo/demo.nes";

    private NesCartridges() {
    }

    /**
     * A loaded board and where its battery RAM is saved.
     *
     * @param mapper  the board
     * @param battery the battery save file, or null (no battery, or the built-in demo)
     * @param name    file name for messages
     * @param demo    true for the built-in demo
     */
    public record Loaded(Mapper mapper, BatterySave battery, String name, boolean demo) {
    }

    /**
     * @param file the .nes file, or null for the built-in demo
     * @throws MediaException {@code "FILE: ..."} when unreadable, truncated, badly headed or of an
     *                        unsupported mapper; a battery file of the wrong size
     */
    public static Loaded load(Path file) throws MediaException {
        if (file == null) {
            return new Loaded(Mappers.create(INesParser.parse("demo.nes", demoImage())), null, "demo.nes", true);
        }
        byte[] image;
        try {
            image = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MediaException(file + ": cannot read: " + e.getMessage());
        }
        Mapper mapper = Mappers.create(INesParser.parse(file.toString(), image));
        BatterySave battery = null;
        if (mapper.hasBattery()) {
            battery = BatterySave.nextTo(file);
            battery.load(mapper.prgRam());
        }
        return new Loaded(mapper, battery, file.toString(), false);
    }

    /** The built-in demo cartridge's iNES image. */
    public static byte[] demoImage() {
        try (InputStream in = NesCartridges.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEMO_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEMO_RESOURCE, e);
        }
    }
}
