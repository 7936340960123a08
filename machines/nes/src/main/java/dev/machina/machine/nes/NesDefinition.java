package dev.machina.machine.nes;

import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.MachineOption;
import dev.machina.core.machine.MediaSlot;
import dev.machina.core.media.MediaException;

import java.util.List;
import java.util.Locale;

/**
 * {@code nes}: the Nintendo Entertainment System, headless: {@code machina run nes [--cart
 * FILE.nes] [--region ntsc|pal] --frames N [--screenshot out.png] [--wav out.wav]
 * [--input-script FILE]}. Without {@code --cart} it runs Machina's own demo cartridge (the nes
 * jar's {@code demo/demo.nes}), and with no {@code --frames} and no {@code --screenshot} it
 * writes {@code machina-demo.png} after {@value NesMachine#DEFAULT_DEMO_FRAMES} frames.
 * Status: {@link Status#IMPERFECT}: only the interpreter CPU; DMC DMA stall lengths simplified.
 */
public final class NesDefinition implements MachineDefinition {
    /** The cartridge slot (optional: the built-in demo when absent). */
    public static final MediaSlot CART = new MediaSlot("cart",
            "cartridge (iNES / NES 2.0; mappers " + dev.machina.machine.nes.mapper.Mappers.SUPPORTED + "); default: the built-in demo",
            List.of("nes"), false);
    /** {@code --region ntsc|pal}. */
    public static final MachineOption REGION = new MachineOption("region", "ntsc|pal",
            "TV system: ntsc (2C02, 3 dots per CPU cycle; the default) or pal (2C07, 3.2)");

    @Override
    public String name() {
        return "nes";
    }

    @Override
    public String description() {
        return "Nintendo Entertainment System (NTSC; PAL with --region pal)";
    }

    @Override
    public String year() {
        return "1985";
    }

    @Override
    public String manufacturer() {
        return "Nintendo";
    }

    @Override
    public List<String> cpus() {
        return List.of("2a03");
    }

    @Override
    public Status status() {
        return Status.IMPERFECT;
    }

    @Override
    public List<MediaSlot> mediaSlots() {
        return List.of(CART);
    }

    @Override
    public List<MachineOption> options() {
        return List.of(REGION);
    }

    /**
     * @throws MediaException when the cartridge is unreadable, truncated, has a bad header or an
     *                        unsupported mapper, or {@code --region} is neither ntsc nor pal
     */
    @Override
    public Machine build(MachineConfig config) throws MediaException {
        String r = config.options().getOrDefault(REGION.name(), "ntsc").toLowerCase(Locale.ROOT);
        Region region = switch (r) {
            case "ntsc" -> Region.NTSC;
            case "pal" -> Region.PAL;
            default -> throw new MediaException("--region " + r + ": expected ntsc or pal");
        };
        NesMachine machine = new NesMachine(this, NesCartridges.load(config.media().get(CART.name())), region);
        machine.console().cpu().setEngine(config.engine());
        return machine;
    }
}
