package dev.machina.machine.nes;

import dev.machina.core.audio.WavWriter;
import dev.machina.core.device.Device;
import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.core.sched.Scheduler;
import dev.machina.core.video.PngWriter;
import dev.machina.machine.nes.apu.Apu;
import dev.machina.machine.nes.input.InputScript;
import dev.machina.machine.nes.ppu.Ppu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The built {@code nes} machine: a {@link NesConsole} run frame by frame headless. Frames are
 * counted from power-on; frame {@code n} of an input script applies during the {@code n}th frame
 * run (0-based).
 */
public final class NesMachine implements Machine {
    /** Frames the built-in demo runs when no {@code --frames} is given (5 s of NTSC video). */
    public static final int DEFAULT_DEMO_FRAMES = 300;
    /** Screenshot the built-in demo writes when neither {@code --frames} nor {@code --screenshot} is given. */
    public static final Path DEFAULT_DEMO_SCREENSHOT = Path.of("machina-demo.png");

    private final MachineDefinition definition;
    private final NesCartridges.Loaded cart;
    private final NesConsole console;
    private final Scheduler scheduler = new Scheduler();

    NesMachine(MachineDefinition definition, NesCartridges.Loaded cart, Region region) {
        this.definition = definition;
        this.cart = cart;
        this.console = new NesConsole(cart.mapper(), region);
    }

    /** The console (for tests and tools). */
    public NesConsole console() {
        return console;
    }

    @Override
    public MachineDefinition definition() {
        return definition;
    }

    /** Not used: the NES steps its chips per CPU cycle itself (see {@link NesConsole}). */
    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public List<Device> devices() {
        NesDevices d = console.devices();
        return List.of(console.cpu(), d.ppu(), d.apu());
    }

    @Override
    public void reset() {
        console.reset();
    }

    /**
     * Runs {@code frames} frames (the built-in demo without a cartridge: {@value #DEFAULT_DEMO_FRAMES}
     * and a screenshot to {@code machina-demo.png} when neither frames nor a screenshot is given),
     * then writes the screenshot and WAV atomically and the battery RAM next to the ROM.
     *
     * @throws EmulationException when neither {@code --frames} nor {@code --max-cycles} bounds the
     *                            run of a cartridge, {@code --max-cycles} is hit, the input script
     *                            is bad, or an output file cannot be written
     */
    @Override
    public int run(RunOptions options) throws EmulationException {
        long frames = options.frames();
        Path screenshot = options.screenshot();
        if (cart.demo() && frames == 0 && options.maxCycles() == 0) {
            frames = DEFAULT_DEMO_FRAMES;
            if (screenshot == null) {
                screenshot = DEFAULT_DEMO_SCREENSHOT;
            }
            options.err().println("machina: running the built-in NES demo headless for " + frames + " frames; "
                    + "the last frame goes to " + screenshot.toAbsolutePath());
        }
        if (frames == 0 && options.maxCycles() == 0) {
            throw new EmulationException("nes runs headless only for now: give --frames N (or --max-cycles N)");
        }
        InputScript script = null;
        if (options.inputScript() != null) {
            try {
                script = InputScript.load(options.inputScript());
            } catch (MediaException e) {
                throw new EmulationException(e.getMessage());
            }
        }
        WavWriter wav = options.wav() != null ? new WavWriter(Apu.SAMPLE_RATE, 1) : null;
        short[] audio = new short[4096];
        long limit = options.maxCycles() > 0 ? options.maxCycles() : Long.MAX_VALUE;
        NesDevices d = console.devices();
        try {
            for (long f = 0; frames == 0 || f < frames; f++) {
                if (script != null) {
                    script.apply(d.ports(), f);
                }
                boolean done = console.runFrame(limit);
                drainAudio(d.apu(), audio, wav);
                if (!done) {
                    if (frames == 0) {
                        break; // --max-cycles alone bounds the run
                    }
                    throw new EmulationException(String.format("nes: stopped after --max-cycles %d CPU cycles in frame %d at PC=$%04X",
                            options.maxCycles(), f, console.cpu().state().pc));
                }
            }
        } finally {
            saveBattery(options);
        }
        try {
            if (screenshot != null) {
                PngWriter.write(screenshot, d.ppu().frameBuffer(), Ppu.WIDTH, Ppu.HEIGHT);
            }
            if (wav != null) {
                wav.write(options.wav());
            }
        } catch (IOException e) {
            throw new EmulationException("nes: " + e.getMessage(), e);
        }
        return 0;
    }

    private static void drainAudio(Apu apu, short[] buffer, WavWriter wav) {
        int n;
        while ((n = apu.readSamples(buffer, 0, buffer.length)) > 0) {
            if (wav != null) {
                wav.add(buffer, 0, n);
            }
        }
    }

    private void saveBattery(RunOptions options) throws EmulationException {
        if (cart.battery() != null) {
            try {
                cart.battery().save(cart.mapper().prgRam());
            } catch (IOException e) {
                throw new EmulationException("nes: cannot save battery RAM: " + e.getMessage(), e);
            }
        }
    }
}
