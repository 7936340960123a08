package dev.machina.machine.nes;

import dev.machina.core.media.MediaException;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * {@code machina bench nes}: emulated frames per host second for one cartridge on an NTSC
 * console, after a warm-up of the same length, by wall-clock time and by the running thread's
 * CPU time (the latter is the fairer figure on a loaded machine).
 */
public final class NesBenchmark {
    private NesBenchmark() {
    }

    /**
     * @param frames        frames measured
     * @param wallSeconds   host wall-clock seconds they took
     * @param threadSeconds host CPU seconds of the emulating thread
     */
    public record Result(long frames, double wallSeconds, double threadSeconds) {
        /** Frames per wall-clock second. */
        public double framesPerSecond() {
            return frames / wallSeconds;
        }

        /** Frames per second of the thread's CPU time. */
        public double framesPerThreadCpuSecond() {
            return frames / threadSeconds;
        }

        /** e.g. {@code "nes demo.nes: 600 frames in 0.50 s = 1200 frames/s (thread CPU time: 0.45 s = 1333 frames/s)"}. */
        public String line(String cart) {
            return String.format(java.util.Locale.ROOT, "nes %s: %d frames in %.2f s = %.0f frames/s (thread CPU time: %.2f s = %.0f frames/s)",
                    cart, frames, wallSeconds, framesPerSecond(), threadSeconds, framesPerThreadCpuSecond());
        }
    }

    /**
     * @param cart   the cartridge, or null for the built-in demo
     * @param frames frames to measure (&ge; 1), after as many warm-up frames
     * @throws MediaException for a bad cartridge
     */
    public static Result run(Path cart, long frames) throws MediaException {
        return run(cart, frames, dev.machina.core.cpu.Engines.INTERPRETER);
    }

    /**
     * As {@link #run(Path, long)}, with the 2A03 on {@code engine} ({@link dev.machina.core.cpu.Engines}).
     *
     * @throws IllegalArgumentException when the 2A03 has no such engine (the message names it)
     */
    public static Result run(Path cart, long frames, String engine) throws MediaException {
        NesConsole nes = new NesConsole(NesCartridges.load(cart).mapper(), Region.NTSC);
        nes.cpu().setEngine(engine);
        short[] audio = new short[4096];
        for (long f = 0; f < frames; f++) {
            nes.runFrame(Long.MAX_VALUE);
            while (nes.devices().apu().readSamples(audio, 0, audio.length) > 0) { }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (long f = 0; f < frames; f++) {
            nes.runFrame(Long.MAX_VALUE);
            while (nes.devices().apu().readSamples(audio, 0, audio.length) > 0) { }
        }
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return new Result(frames, wall / 1e9, cpu / 1e9);
    }
}
