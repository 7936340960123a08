package dev.machina.machine.nes.mapper;

import dev.machina.core.media.MediaException;
import dev.machina.machine.nes.cart.Cartridge;

import java.util.Map;

/** Creates the board for a cartridge's mapper number, or says clearly that it is not supported. */
public final class Mappers {
    /** Board names of common mappers we do not emulate (NESdev wiki "Mapper" list), for error messages. */
    private static final Map<Integer, String> KNOWN = Map.ofEntries(
            Map.entry(5, "MMC5 (ExROM)"), Map.entry(9, "MMC2 (PxROM)"), Map.entry(10, "MMC4 (FxROM)"),
            Map.entry(11, "Color Dreams"), Map.entry(13, "CPROM"), Map.entry(16, "Bandai FCG"),
            Map.entry(19, "Namco 129/163"), Map.entry(21, "Konami VRC4"), Map.entry(22, "Konami VRC2"),
            Map.entry(23, "Konami VRC2/VRC4"), Map.entry(24, "Konami VRC6"), Map.entry(25, "Konami VRC4"),
            Map.entry(26, "Konami VRC6"), Map.entry(33, "Taito TC0190"), Map.entry(34, "BNROM / NINA-001"),
            Map.entry(64, "Tengen RAMBO-1"), Map.entry(66, "GxROM"), Map.entry(69, "Sunsoft FME-7"),
            Map.entry(71, "Camerica BF9093"), Map.entry(79, "NINA-03/06"), Map.entry(85, "Konami VRC7"),
            Map.entry(94, "UN1ROM"), Map.entry(118, "TxSROM (MMC3)"), Map.entry(119, "TQROM (MMC3)"),
            Map.entry(180, "UNROM (Crazy Climber)"), Map.entry(206, "DxROM (Namco 108)"));

    /** The mappers {@link #create} supports, for messages. */
    public static final String SUPPORTED = "0 NROM, 1 MMC1, 2 UxROM, 3 CNROM, 4 MMC3, 7 AxROM";

    private Mappers() {
    }

    /**
     * The board for {@code cart}.
     *
     * @throws MediaException for an unsupported mapper:
     *                        {@code "game.nes: mapper 5 (MMC5 (ExROM)) is not supported (supported: ...)"}
     */
    public static Mapper create(Cartridge cart) throws MediaException {
        int n = cart.header().mapper();
        return switch (n) {
            case 0 -> new Nrom(cart);
            case 1 -> new Mmc1(cart);
            case 2 -> new Uxrom(cart);
            case 3 -> new Cnrom(cart);
            case 4 -> new Mmc3(cart);
            case 7 -> new Axrom(cart);
            default -> {
                String board = KNOWN.get(n);
                throw new MediaException(cart.name() + ": mapper " + n + (board != null ? " (" + board + ")" : "")
                        + " is not supported (supported: " + SUPPORTED + ")");
            }
        };
    }
}
