package dev.machina.machine.nes.validate;

import dev.machina.core.media.MediaException;
import dev.machina.machine.nes.NesCartridges;
import dev.machina.machine.nes.NesConsole;
import dev.machina.machine.nes.Region;

import java.nio.file.Path;

/**
 * Runs a blargg-style test ROM ({@link BlarggStatus}: status at $6000, signature $DE $B0 $61 at
 * $6001, text at $6004) on an NTSC console until it reports a result: frame by frame, pressing
 * reset 6 frames (100 ms) after the ROM asks for it with $81.
 */
public final class BlarggRunner {
    /** Frames run before giving up when the ROM never finishes (60 s of NTSC video). */
    public static final int DEFAULT_MAX_FRAMES = 3600;

    private BlarggRunner() {
    }

    /**
     * The outcome.
     *
     * @param status the last status read
     * @param frames frames run
     * @param timedOut true when {@code maxFrames} ran out first
     */
    public record Result(BlarggStatus status, long frames, boolean timedOut) {
        /** True when the ROM finished with code 0. */
        public boolean passed() {
            return !timedOut && status.passed();
        }

        /** The ROM's text, then {@code PASS}, {@code FAIL (code N)} or {@code FAIL (timed out ...)}. */
        public String report() {
            String text = status.text().strip();
            String verdict = passed() ? "PASS"
                    : timedOut ? "FAIL (no result after " + frames + " frames; status " + status.state().name().toLowerCase() + ")"
                    : "FAIL (code " + status.code() + ")";
            return (text.isEmpty() ? "" : text + "\n") + verdict;
        }
    }

    /**
     * @throws MediaException {@code "FILE: ..."} for an unreadable or bad ROM or an unsupported mapper
     */
    public static Result run(Path rom, int maxFrames) throws MediaException {
        NesConsole nes = new NesConsole(NesCartridges.load(rom).mapper(), Region.NTSC);
        var space = nes.devices().cpuSpace();
        var mapper = nes.devices().mapper();
        BlarggStatus status = BlarggStatus.read(mapper::cpuRead);
        long resetAt = -1;
        for (long f = 0; f < maxFrames; f++) {
            nes.runFrame(Long.MAX_VALUE);
            status = BlarggStatus.read(mapper::cpuRead);
            if (status.state() == BlarggStatus.State.DONE) {
                return new Result(status, f + 1, false);
            }
            if (status.state() == BlarggStatus.State.NEEDS_RESET) {
                if (resetAt < 0) {
                    resetAt = f + 6;
                } else if (f >= resetAt) {
                    nes.reset();
                    resetAt = -1;
                }
            }
        }
        return new Result(status, maxFrames, true);
    }
}
