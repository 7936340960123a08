package dev.machina.core.device;

/**
 * A part of an emulated machine: a CPU, a video chip, a timer, a cartridge mapper. Devices are
 * wired together by a machine's build function and know nothing about which machine they are in.
 */
public interface Device {

    /**
     * The device's tag, unique within its machine: a short lower-case name such as
     * {@code "maincpu"}, {@code "ppu"} or {@code "apu"}. Save-state chunks are keyed by it.
     */
    String tag();

    /** Puts the device in its power-on/reset state (the RESET line), as the hardware does. */
    default void reset() {
    }
}
