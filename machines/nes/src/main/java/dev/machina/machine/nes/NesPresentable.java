package dev.machina.machine.nes;

import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.machine.Presentable;
import dev.machina.core.machine.ScreenFormat;
import dev.machina.core.state.SaveState;
import dev.machina.machine.nes.ppu.Ppu;

import java.util.List;
import java.util.Optional;

/**
 * The {@link Presentable} view of a {@link NesMachine} for the window frontend: the PPU's
 * 256x240 ARGB frame buffer, the APU's 48 kHz mono samples, the two standard controllers and
 * the console's save state.
 *
 * <p>Pixel aspect (NESdev wiki "Overscan"): 8:7 on NTSC, 2950000:2128137 (about 1.386) on PAL.
 * Refresh (NESdev wiki "Cycle reference chart"): the CPU clock times dots per CPU cycle over the
 * dots per frame, 341 x 262 - 0.5 on NTSC (the skipped dot of odd rendered frames, on average:
 * 60.0988 Hz) and 341 x 312 on PAL (50.0070 Hz).
 */
public final class NesPresentable implements Presentable {
    /** NES standard controller buttons in {@link dev.machina.machine.nes.input.StandardController} bit order. */
    public static final List<String> BUTTONS = List.of("A", "B", "SELECT", "START", "UP", "DOWN", "LEFT", "RIGHT");

    private final NesConsole console;
    private final ScreenFormat screen;
    private final long firstFrame;

    /** The view of {@code machine}'s console. */
    public NesPresentable(NesMachine machine) {
        this.console = machine.console();
        Region region = console.devices().region();
        double dotsPerFrame = (double) Ppu.DOTS * region.linesPerFrame() - (region.skipsOddDot() ? 0.5 : 0);
        double hz = region.cpuHz() * region.dotsPerCpuCycleNumerator() / region.dotsPerCpuCycleDenominator() / dotsPerFrame;
        double aspect = region == Region.PAL ? 2950000.0 / 2128137.0 : 8.0 / 7.0;
        this.screen = new ScreenFormat(Ppu.WIDTH, Ppu.HEIGHT, aspect, hz);
        this.firstFrame = console.devices().ppu().frameCount();
    }

    @Override
    public ScreenFormat screen() {
        return screen;
    }

    @Override
    public int[] frameBuffer() {
        return console.devices().ppu().frameBuffer();
    }

    @Override
    public int sampleRate() {
        return dev.machina.machine.nes.apu.Apu.SAMPLE_RATE;
    }

    @Override
    public int readSamples(short[] dst, int offset, int length) {
        return console.devices().apu().readSamples(dst, offset, length);
    }

    @Override
    public List<String> buttons() {
        return BUTTONS;
    }

    @Override
    public int players() {
        return 2;
    }

    @Override
    public void setButtons(int player, int mask) {
        if (player < 1 || player > 2) {
            throw new IllegalArgumentException("nes: player " + player + " (1 or 2)");
        }
        console.devices().ports().controller(player).setButtons(mask);
    }

    @Override
    public void runFrame() throws EmulationException {
        if (!console.runFrame(Long.MAX_VALUE)) {
            throw new EmulationException("nes: frame did not finish at PC=$" + Integer.toHexString(console.cpu().state().pc));
        }
    }

    @Override
    public long frameNumber() {
        return console.devices().ppu().frameCount() - firstFrame;
    }

    @Override
    public void reset() {
        console.reset();
    }

    @Override
    public SaveState saveState() {
        return console.saveState();
    }

    /** {@link Presentable.Provider} for {@link NesMachine}s (registered in META-INF/services). */
    public static final class Provider implements Presentable.Provider {
        @Override
        public Optional<Presentable> present(Machine machine) {
            return machine instanceof NesMachine nes ? Optional.of(new NesPresentable(nes)) : Optional.empty();
        }
    }
}
