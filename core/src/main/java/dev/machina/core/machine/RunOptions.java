package dev.machina.core.machine;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How {@code machina run} drives a built machine without a window. A machine uses what applies
 * to it and rejects what it cannot honour (e.g. {@code frames} on a machine with no screen) with
 * an {@link EmulationException}.
 *
 * @param maxCycles   stop with an error after this many cycles of the main CPU; 0 = no limit
 * @param frames      for machines with a screen: run this many video frames, then stop; 0 = until
 *                    the machine stops by itself
 * @param screenshot  write the last frame here as PNG, or null
 * @param wav         write the audio here as a WAV file, or null
 * @param inputScript per-frame input script (format documented by the frontend), or null
 * @param in          the guest's console input (stdin)
 * @param out         the guest's console output (stdout)
 * @param err         diagnostics (stderr), e.g. {@code --strace} lines
 */
public record RunOptions(long maxCycles, long frames, Path screenshot, Path wav, Path inputScript,
                         InputStream in, PrintStream out, PrintStream err) {

    /** Console I/O on the process's streams and no limits. */
    public static RunOptions console() {
        return new RunOptions(0, 0, null, null, null, System.in, System.out, System.err);
    }
}
