package dev.machina.frontend.session;

import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Presentable;
import dev.machina.core.machine.ScreenFormat;
import dev.machina.core.state.StateException;
import dev.machina.core.video.PngWriter;
import dev.machina.frontend.audio.OpenAlOutput;
import dev.machina.frontend.audio.RateControl;
import dev.machina.frontend.input.Binding;
import dev.machina.frontend.input.Hotkey;
import dev.machina.frontend.input.InputMapping;
import dev.machina.frontend.input.InputState;
import dev.machina.frontend.window.FrameRenderer;
import dev.machina.frontend.window.GlWindow;
import dev.machina.frontend.window.Osd;
import dev.machina.frontend.window.Viewport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

import static org.lwjgl.glfw.GLFW.*;

/**
 * Plays a {@link Presentable} machine in a window: the main loop of {@code machina run} with a
 * display. Per frame: GLFW events (keys, hotkeys, gamepad hot-plug), buttons to the machine,
 * one {@link Presentable#runFrame()}, its samples through {@link RateControl} into
 * {@link OpenAlOutput}, the frame to the {@link FrameRenderer}, swap.
 *
 * <p>Pacing follows the audio clock: after each frame the loop waits while more than the
 * latency setting is queued at the device, so the machine runs at its own refresh as measured by
 * the sound card; the rate control keeps the queue near the target when vsync holds the loop to
 * the display's rate instead. Without audio the loop sleeps to a deadline clock at the machine's
 * refresh. Fast-forward skips pacing and sound; pause waits for events.
 */
public final class WindowSession {
    /** Largest relative resampling change of the rate control (0.5%). */
    public static final double MAX_RATE_DELTA = 0.005;
    /** How long on-screen messages stay (ms). */
    private static final long MESSAGE_MS = 3000;

    private final Presentable machine;
    private final String machineName;
    private final String title;
    private final WindowOptions options;
    private final PrintStream err;
    private final ScreenFormat screen;

    private GlWindow window;
    private FrameRenderer renderer;
    private InputState input;
    private InputMapping mapping;
    private OpenAlOutput audio;
    private RateControl rate;
    private final Osd osd;
    private SaveSlots slots;
    private final ArrayDeque<Hotkey> actions = new ArrayDeque<>();
    private final List<List<Binding>> hotkeyBindings = new ArrayList<>();

    private boolean paused;
    private int advance;
    private boolean linear;
    private Viewport.Scaling scaling;
    private int volume;
    private boolean mute;
    private boolean fastForwarding;

    /** Thrown when no window can be opened (no display, no OpenGL 3.3); the caller may run headless. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param machine     the machine's view
     * @param machineName its short name (mapping, state files, title)
     * @param title       what runs (a cartridge's file name without extension; "demo")
     * @param err         diagnostics and the log lines of the session
     */
    public WindowSession(Presentable machine, String machineName, String title, WindowOptions options, PrintStream err) {
        this.machine = machine;
        this.machineName = machineName;
        this.title = title;
        this.options = options;
        this.err = err;
        this.screen = machine.screen();
        this.osd = new Osd(screen.width(), screen.height());
        this.linear = options.linear();
        this.scaling = options.scaling();
        this.volume = options.volume();
        this.mute = options.mute();
    }

    private void log(String line) {
        err.println("machina: " + line);
        err.flush();
    }

    /** A log line, also shown on screen (with the state folder left out to keep it short). */
    private void say(String line) {
        log(line);
        String shown = line.replace(options.stateDir().toAbsolutePath() + java.io.File.separator, "")
                .replace(options.stateDir() + java.io.File.separator, "");
        osd.message(shown, System.currentTimeMillis(), MESSAGE_MS);
    }

    /**
     * Runs until the user quits, the window closes or {@code frames} frames have run.
     *
     * @return exit status 0
     * @throws Unavailable         when the window cannot be opened (nothing has run yet)
     * @throws EmulationException  when the machine stops with an error, or an output file of
     *                             the session cannot be written
     * @throws IllegalArgumentException when the mapping file is bad (one line naming it)
     */
    public int run() throws Unavailable, EmulationException {
        mapping = InputMapping.load(options.mapping() != null ? options.mapping() : InputMapping.defaultFile(), options.mapping() != null);
        for (Hotkey h : Hotkey.values()) {
            hotkeyBindings.add(mapping.hotkey(h));
        }
        int[] size = Viewport.windowSize(screen, options.scale());
        try {
            window = new GlWindow(windowTitle(""), size[0], size[1], options.vsync(), this::key);
            renderer = new FrameRenderer(screen.width(), screen.height());
        } catch (IllegalStateException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            if (window != null) {
                window.close();
            }
            throw new Unavailable(e.getMessage(), e);
        }
        try {
            renderer.setLinear(linear);
            if (options.fullscreen()) {
                window.toggleFullscreen();
            }
            input = new InputState(mapping, machineName, machine.buttons(), machine.players(), this::log);
            slots = new SaveSlots(options.stateDir(), machineName, title);
            openAudio();
            log("window " + size[0] + "x" + size[1] + " (" + screen.width() + "x" + screen.height() + " at pixel aspect "
                    + String.format(Locale.ROOT, "%.4f", screen.pixelAspect()) + ", " + String.format(Locale.ROOT, "%.4f", screen.refreshHz())
                    + " Hz); mapping " + (mapping.file() != null ? mapping.file() : "built-in defaults") + "; keys: 'machina run --help'");
            loop();
            return 0;
        } finally {
            if (audio != null) {
                audio.close();
            }
            input.close();
            renderer.close();
            window.close();
        }
    }

    private void openAudio() {
        if (!options.audio()) {
            log("audio off (--no-audio): frames paced by the clock");
            return;
        }
        String[] why = new String[1];
        audio = OpenAlOutput.open(48_000, options.latencyMs(), why);
        if (audio == null) {
            log("no audio (" + why[0] + "): frames paced by the clock");
            return;
        }
        rate = new RateControl(machine.sampleRate(), audio.rate(), MAX_RATE_DELTA);
        applyGain();
        log("audio: OpenAL '" + audio.deviceName() + "' at " + audio.rate() + " Hz, latency " + options.latencyMs() + " ms");
    }

    private void applyGain() {
        if (audio != null) {
            audio.setGain(mute ? 0f : volume / 100f);
        }
    }

    private String windowTitle(String speed) {
        return "Machina - " + machineName + " - " + title + (speed.isEmpty() ? "" : " - " + speed);
    }

    private void key(int key, int action, int mods) {
        input.key(key, action);
        if (action != GLFW_PRESS && action != GLFW_REPEAT) {
            return;
        }
        for (Hotkey h : Hotkey.values()) {
            boolean repeats = h == Hotkey.FRAME_ADVANCE || h == Hotkey.VOLUME_DOWN || h == Hotkey.VOLUME_UP;
            if (h == Hotkey.FAST_FORWARD || (action == GLFW_REPEAT && !repeats)) {
                continue; // fast-forward is read as held, not as presses
            }
            for (Binding b : hotkeyBindings.get(h.ordinal())) {
                if (b.kind() == Binding.Kind.KEY && b.code() == key) {
                    actions.add(h);
                }
            }
        }
        if (key == GLFW_KEY_ENTER && (mods & GLFW_MOD_ALT) != 0 && action == GLFW_PRESS) {
            actions.add(Hotkey.FULLSCREEN);
        }
    }

    private void loop() throws EmulationException {
        short[] samples = new short[4096];
        short[] out = new short[4096];
        float[] scratch = new float[4096];
        BufferedWriter frameLog = openFrameLog();
        InputRecorder recorder = options.recordInput() != null ? new InputRecorder(machine.buttons(), machine.players()) : null;
        ByteBuffer crcBytes = options.frameLog() != null ? ByteBuffer.allocate(screen.width() * screen.height() * 4).order(ByteOrder.LITTLE_ENDIAN) : null;
        CRC32 crc = new CRC32();
        double framePeriodNs = 1e9 / screen.refreshHz();
        long deadline = System.nanoTime();
        long lastDraw = 0;
        long statsStart = System.nanoTime();
        long statsFrames = 0;
        long ran = 0;
        long startWall = System.nanoTime();
        long startCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        int[] masks = new int[machine.players()];
        try {
            while (!window.shouldClose()) {
                if (paused && advance == 0 && actions.isEmpty()) {
                    glfwWaitEventsTimeout(0.05);
                } else {
                    glfwPollEvents();
                }
                boolean wasFast = fastForwarding;
                fastForwarding = input.anyKeyHeld(hotkeyBindings.get(Hotkey.FAST_FORWARD.ordinal()));
                if (fastForwarding != wasFast && audio != null) {
                    audio.flush();
                }
                while (!actions.isEmpty()) {
                    handle(actions.poll(), masks);
                }
                if (window.shouldClose()) {
                    break;
                }
                boolean step = !paused || advance > 0;
                long now = System.nanoTime();
                if (step) {
                    if (paused) {
                        advance--;
                    }
                    input.pollGamepads();
                    long frame = machine.frameNumber();
                    for (int p = 1; p <= masks.length; p++) {
                        masks[p - 1] = input.mask(p);
                        machine.setButtons(p, masks[p - 1]);
                        if (recorder != null) {
                            recorder.record(frame, p, masks[p - 1]);
                        }
                    }
                    machine.runFrame();
                    ran++;
                    statsFrames++;
                    int n;
                    while ((n = machine.readSamples(samples, 0, samples.length)) > 0) {
                        if (audio != null && !fastForwarding && !paused) {
                            rate.push(samples, n);
                            int m;
                            while ((m = rate.read(out, scratch, out.length)) > 0) {
                                audio.write(out, m);
                            }
                        }
                    }
                    if (frameLog != null) {
                        logFrame(frameLog, frame, masks, crcBytes, crc);
                    }
                }
                if (!fastForwarding || now - lastDraw > 16_000_000L || !step) {
                    draw();
                    lastDraw = now;
                }
                if (options.frames() > 0 && ran >= options.frames()) {
                    break;
                }
                // pacing
                if (step && !fastForwarding && !paused) {
                    if (audio != null) {
                        audio.service();
                        long waitUntil = System.nanoTime() + 200_000_000L;
                        while (audio.queuedSamples() > audio.target() && System.nanoTime() < waitUntil) {
                            sleepMillis(1);
                            audio.service();
                        }
                        rate.update(audio.queuedSamples(), audio.target());
                    } else {
                        deadline += (long) framePeriodNs;
                        long wait = deadline - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        } else if (wait < -100_000_000L) {
                            deadline = System.nanoTime(); // far behind (stall, debugger): start over
                        }
                    }
                } else {
                    deadline = System.nanoTime();
                }
                long sinceStats = System.nanoTime() - statsStart;
                if (sinceStats >= 1_000_000_000L) {
                    stats(statsFrames * 1e9 / sinceStats);
                    statsStart = System.nanoTime();
                    statsFrames = 0;
                }
            }
            finish(recorder);
            if (ran > 0) {
                double wall = (System.nanoTime() - startWall) / 1e9;
                double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startCpu) / 1e9;
                log(String.format(Locale.ROOT, "stats: %d frames in %.2f s (%.2f fps), loop thread CPU %.2f s (%.2f ms per frame)",
                        ran, wall, ran / wall, cpu, 1000 * cpu / ran));
            }
        } finally {
            if (frameLog != null) {
                try {
                    frameLog.close();
                } catch (IOException e) {
                    log("cannot write the frame log: " + e.getMessage());
                }
            }
        }
    }

    private BufferedWriter openFrameLog() throws EmulationException {
        if (options.frameLog() == null) {
            return null;
        }
        try {
            return Files.newBufferedWriter(options.frameLog(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EmulationException("cannot write " + options.frameLog() + ": " + e.getMessage(), e);
        }
    }

    private void logFrame(BufferedWriter w, long frame, int[] masks, ByteBuffer bytes, CRC32 crc) throws EmulationException {
        bytes.clear();
        IntBuffer ints = bytes.asIntBuffer();
        ints.put(machine.frameBuffer(), 0, screen.width() * screen.height());
        crc.reset();
        crc.update(bytes.array(), 0, screen.width() * screen.height() * 4);
        StringBuilder sb = new StringBuilder().append(frame);
        for (int p = 0; p < masks.length; p++) {
            sb.append(" p").append(p + 1).append('=').append(String.format("%02x", masks[p]));
        }
        sb.append(" crc=").append(String.format("%08x", crc.getValue()));
        try {
            w.write(sb.append('\n').toString());
            w.flush();
        } catch (IOException e) {
            throw new EmulationException("cannot write " + options.frameLog() + ": " + e.getMessage(), e);
        }
    }

    private void draw() {
        int[] fb = window.framebufferSize();
        if (fb[0] <= 0 || fb[1] <= 0) {
            return; // minimised
        }
        renderer.upload(osd.compose(machine.frameBuffer(), System.currentTimeMillis()));
        renderer.draw(Viewport.of(screen, fb[0], fb[1], scaling), fb[0], fb[1]);
        window.swap();
    }

    private void finish(InputRecorder recorder) throws EmulationException {
        try {
            if (options.windowCapture() != null) {
                int[] fb = window.framebufferSize();
                renderer.upload(osd.compose(machine.frameBuffer(), System.currentTimeMillis()));
                renderer.draw(Viewport.of(screen, fb[0], fb[1], scaling), fb[0], fb[1]);
                int[] pixels = renderer.readPixels(fb[0], fb[1]);
                PngWriter.write(options.windowCapture(), pixels, fb[0], fb[1]);
                log("window pixels (" + fb[0] + "x" + fb[1] + ") written to " + options.windowCapture());
            }
            if (recorder != null) {
                recorder.write(options.recordInput());
                log("input recorded to " + options.recordInput());
            }
        } catch (IOException e) {
            throw new EmulationException(e.getMessage(), e);
        }
        if (audio != null) {
            log("audio: " + audio.underruns() + " underruns, " + audio.overflows() + " chunks dropped");
        }
    }

    private void handle(Hotkey h, int[] masks) {
        switch (h) {
            case PAUSE -> {
                paused = !paused;
                advance = 0;
                if (audio != null) {
                    audio.flush();
                }
                say((paused ? "paused at frame " : "running from frame ") + machine.frameNumber());
            }
            case FRAME_ADVANCE -> {
                if (!paused) {
                    paused = true;
                    if (audio != null) {
                        audio.flush();
                    }
                    say("paused at frame " + machine.frameNumber());
                } else {
                    advance++;
                }
            }
            case RESET -> {
                machine.reset();
                say("reset");
            }
            case SAVE_STATE -> {
                try {
                    Path f = slots.save(machine);
                    say("state saved to slot " + slots.slot() + " at frame " + machine.frameNumber() + " (" + f + ")");
                } catch (StateException e) {
                    say("state not saved: " + e.getMessage());
                }
            }
            case LOAD_STATE -> {
                try {
                    Path f = slots.load(machine);
                    if (audio != null) {
                        audio.flush();
                    }
                    say("state loaded from slot " + slots.slot() + ", frame " + machine.frameNumber() + " (" + f + ")");
                } catch (StateException e) {
                    say("state refused: " + e.getMessage());
                }
            }
            case SLOT_NEXT -> say("state slot " + slots.step(1));
            case SLOT_PREVIOUS -> say("state slot " + slots.step(-1));
            case SCREENSHOT -> {
                try {
                    Path f = Screenshots.write(options.screenshotDir(), title, LocalDateTime.now(), machine.frameBuffer(), screen);
                    say("screenshot " + f);
                } catch (IOException e) {
                    say("screenshot failed: " + e.getMessage());
                }
            }
            case FULLSCREEN -> window.toggleFullscreen();
            case SCALING -> {
                scaling = scaling == Viewport.Scaling.INTEGER ? Viewport.Scaling.FIT : Viewport.Scaling.INTEGER;
                say("scaling " + scaling.name().toLowerCase(Locale.ROOT));
            }
            case FILTER -> {
                linear = !linear;
                renderer.setLinear(linear);
                say("filter " + (linear ? "linear" : "nearest"));
            }
            case MUTE -> {
                mute = !mute;
                applyGain();
                say(mute ? "sound off" : "sound on");
            }
            case VOLUME_DOWN, VOLUME_UP -> {
                volume = Math.max(0, Math.min(100, volume + (h == Hotkey.VOLUME_UP ? 10 : -10)));
                applyGain();
                say("volume " + volume + "%");
            }
            case QUIT -> window.requestClose();
            case FAST_FORWARD -> {
            }
        }
    }

    private void stats(double fps) {
        double speed = 100 * fps / screen.refreshHz();
        String state = paused ? "paused" : fastForwarding ? String.format(Locale.ROOT, "%.0f%% (fast)", speed) : String.format(Locale.ROOT, "%.0f%%", speed);
        window.setTitle(windowTitle(state));
        if (!options.stats()) {
            return;
        }
        String line;
        if (audio != null) {
            line = String.format(Locale.ROOT, "%.1f fps (%.1f%%), audio queue %d ms, rate %.5f, underruns %d, dropped %d, gamepads %d",
                    fps, speed, audio.queuedSamples() * 1000 / audio.rate(), rate.ratio(), audio.underruns(), audio.overflows(), input.gamepads());
            osd.stats(String.format(Locale.ROOT, "%.1f fps %.0f%% q %dms u %d", fps, speed, audio.queuedSamples() * 1000 / audio.rate(), audio.underruns()));
        } else {
            line = String.format(Locale.ROOT, "%.1f fps (%.1f%%), no audio, gamepads %d", fps, speed, input.gamepads());
            osd.stats(String.format(Locale.ROOT, "%.1f fps %.0f%%", fps, speed));
        }
        log("stats: " + line);
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepNanos(long ns) {
        try {
            Thread.sleep(ns / 1_000_000, (int) (ns % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
