package dev.machina.frontend.session;

import dev.machina.frontend.window.Viewport;

import java.nio.file.Path;

/**
 * Settings of a window session ({@code machina run} options).
 *
 * @param scale          initial window size as a whole multiple of the screen (1..8)
 * @param scaling        integer or fit scaling of the picture in the window
 * @param fullscreen     start in fullscreen
 * @param vsync          swap buffers on vertical retrace
 * @param linear         linear texture filtering instead of nearest
 * @param volume         0..100 (%)
 * @param mute           start muted
 * @param audio          false: no audio device at all (frames paced by the clock)
 * @param latencyMs      audio kept queued at the device, 10..500 ms
 * @param stats          log statistics every second and show them on screen
 * @param mapping        the input mapping file, or null for the default one (used if present)
 * @param stateDir       folder of save-state slots
 * @param screenshotDir  folder of screenshots
 * @param frames         quit after this many frames; 0 = until the user quits
 * @param frameLog       write one line per frame (frame number, buttons, CRC-32 of the frame), or null
 * @param recordInput    write the buttons pressed as an input script at the end, or null
 * @param windowCapture  write the window's pixels ({@code glReadPixels}) as PNG at the end, or null
 */
public record WindowOptions(int scale, Viewport.Scaling scaling, boolean fullscreen, boolean vsync, boolean linear,
                            int volume, boolean mute, boolean audio, int latencyMs, boolean stats, Path mapping,
                            Path stateDir, Path screenshotDir, long frames, Path frameLog, Path recordInput,
                            Path windowCapture) {
}
