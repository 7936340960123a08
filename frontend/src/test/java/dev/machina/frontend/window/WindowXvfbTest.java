package dev.machina.frontend.window;

import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.Presentable;
import dev.machina.core.state.SaveState;
import dev.machina.core.video.PngWriter;
import dev.machina.machine.nes.NesDefinition;
import dev.machina.machine.nes.input.InputScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real window under Xvfb and Mesa (llvmpipe): machina in a child JVM, its pixels read back
 * with glReadPixels, its sound recorded by OpenAL Soft's wave-file backend, keys typed with
 * xdotool. Compared with the headless machine on the same frames. Screenshots and logs stay in
 * {@code frontend/target/xvfb/}.
 */
class WindowXvfbTest {
    static final Path OUT = Path.of("target", "xvfb").toAbsolutePath();
    static XvfbDisplay x;

    @BeforeAll
    static void startX() throws Exception {
        Files.createDirectories(OUT);
        x = XvfbDisplay.start();
    }

    @AfterAll
    static void stopX() throws Exception {
        if (x != null) {
            x.close();
        }
    }

    static Presentable headlessDemo() throws Exception {
        return Presentable.of(new NesDefinition().build(new MachineConfig(Map.of(), List.of(), Map.of(), List.of()))).orElseThrow();
    }

    static long crc(int[] argb) {
        ByteBuffer b = ByteBuffer.allocate(argb.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(argb);
        CRC32 c = new CRC32();
        c.update(b.array());
        return c.getValue();
    }

    /** Frame log lines "FRAME p1=MM p2=MM crc=XXXXXXXX". */
    record LogLine(long frame, int p1, long crc) {
        static LogLine parse(String line) {
            String[] t = line.split(" ");
            return new LogLine(Long.parseLong(t[0]), Integer.parseInt(t[1].substring(3), 16), Long.parseLong(t[3].substring(4), 16));
        }
    }

    static List<LogLine> readLog(Path log) throws IOException {
        List<LogLine> lines = new ArrayList<>();
        if (!Files.exists(log)) {
            return lines;
        }
        for (String s : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (s.matches("\\d+ p1=\\p{XDigit}{2} p2=\\p{XDigit}{2} crc=\\p{XDigit}{8}")) {
                lines.add(LogLine.parse(s));
            }
        }
        return lines;
    }

    /** Wall time of a window run from its closing "stats: N frames in S s" line. */
    static double runSeconds(String stderr) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("stats: \\d+ frames in ([0-9.]+) s").matcher(stderr);
        assertTrue(m.find(), stderr);
        return Double.parseDouble(m.group(1));
    }

    static Map<String, String> env() {
        return Map.of("DISPLAY", x.display());
    }

    @Test
    void windowShowsTheHeadlessFrameAtPixelCentres() throws Exception {
        int frames = 90;
        Path capture = OUT.resolve("window-frame90-scale2.png");
        Path log = OUT.resolve("video-frames.txt");
        Files.deleteIfExists(capture);
        try (MachinaProcess p = MachinaProcess.start(OUT, "video", env(), "run", "--window", "--frames", String.valueOf(frames),
                "--scale", "2", "--no-audio", "--window-capture", capture.toString(), "--frame-log", log.toString())) {
            assertEquals(0, p.waitFor(90), p.stderr());
            // paced by the clock at 60.0988 Hz: never faster than real time (slower only on a loaded machine)
            assertTrue(runSeconds(p.stderr()) >= (frames - 1) / 60.0988 * 0.99, p.stderr());
        }
        Presentable ref = headlessDemo();
        for (int f = 0; f < frames; f++) {
            ref.runFrame();
        }
        int[] frame = ref.frameBuffer();
        PngWriter.write(OUT.resolve("headless-frame90.png"), frame, 256, 240);
        BufferedImage win = ImageIO.read(capture.toFile());
        // NES pixels are 8:7: at scale 2 the picture is round(256 * 8/7 * 2) = 585 x 480 and fills the window
        assertEquals(585, win.getWidth());
        assertEquals(480, win.getHeight());
        int mismatched = 0;
        for (int j = 0; j < 240; j++) {
            for (int i = 0; i < 256; i++) {
                int wx = (int) Math.floor((i + 0.5) * 585 / 256.0);
                int wy = (int) Math.floor((j + 0.5) * 480 / 240.0);
                if ((win.getRGB(wx, wy) & 0xFFFFFF) != (frame[j * 256 + i] & 0xFFFFFF)) {
                    mismatched++;
                }
            }
        }
        assertEquals(0, mismatched, "pixels of frame " + frames + " that differ between window and headless run");
        List<LogLine> lines = readLog(log);
        assertEquals(frames, lines.size());
        assertEquals(frames - 1, lines.getLast().frame());
        assertEquals(crc(frame), lines.getLast().crc(), "frame CRC in the window's frame log");
    }

    /** 16-bit PCM samples of a WAV file (first channel), and its rate in [0]. */
    static short[] readWav(Path file, int[] rateAndChannels) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(b, 0));
        assertEquals("WAVE", ascii(b, 8));
        int pos = 12;
        int channels = 1;
        while (pos + 8 <= b.limit()) {
            String id = ascii(b, pos);
            int len = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                channels = b.getShort(pos + 10);
                rateAndChannels[0] = b.getInt(pos + 12);
                rateAndChannels[1] = channels;
                assertEquals(16, b.getShort(pos + 22), "bits per sample");
            } else if (id.equals("data")) {
                int n = (len <= 0 || pos + 8 + len > b.limit()) ? b.limit() - pos - 8 : len;
                short[] s = new short[n / 2 / channels];
                for (int i = 0; i < s.length; i++) {
                    s[i] = b.getShort(pos + 8 + i * 2 * channels);
                }
                return s;
            }
            pos += 8 + len + (len & 1);
        }
        throw new AssertionError(file + ": no data chunk");
    }

    static String ascii(ByteBuffer b, int at) {
        byte[] a = new byte[4];
        b.get(at, a);
        return new String(a, StandardCharsets.US_ASCII);
    }

    /** Mean of each group of {@code k} samples (a low-pass, then decimation). */
    static double[] decimate(short[] s, int from, int to, int k) {
        double[] d = new double[(to - from) / k];
        for (int i = 0; i < d.length; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += s[from + i * k + j];
            }
            d[i] = sum / k;
        }
        return d;
    }

    @Test
    void soundThroughOpenAlMatchesTheHeadlessWav() throws Exception {
        int frames = 150;
        Path wav = OUT.resolve("openal-wave-backend.wav");
        Files.deleteIfExists(wav);
        Path conf = OUT.resolve("alsoft.conf");
        Files.writeString(conf, "[general]\ndrivers = wave\nfrequency = 48000\nchannels = mono\nsample-type = int16\n\n[wave]\nfile = " + wav + "\n");
        try (MachinaProcess p = MachinaProcess.start(OUT, "audio", Map.of("DISPLAY", x.display(), "ALSOFT_CONF", conf.toString()),
                "run", "--window", "--frames", String.valueOf(frames), "--scale", "1", "--volume", "100",
                "--audio-latency", "400", "--stats")) {
            assertEquals(0, p.waitFor(90), p.stderr());
            assertTrue(p.stderr().contains("audio: OpenAL"), p.stderr());
            // paced by the audio clock: the first 400 ms fill the queue at once, the rest plays in real time
            assertTrue(runSeconds(p.stderr()) >= frames / 60.0988 - 0.4 - 0.05, p.stderr());
            // --stats: underruns are counted and reported each second and at the end
            assertTrue(p.stderr().matches("(?s).*machina: stats: [0-9.]+ fps .*, underruns \\d+, .*"), p.stderr());
            assertTrue(p.stderr().matches("(?s).*machina: audio: \\d+ underruns, \\d+ chunks dropped.*"), p.stderr());
        }
        int[] fmt = new int[2];
        short[] rec = readWav(wav, fmt);
        assertEquals(48_000, fmt[0]);
        assertEquals(1, fmt[1]);
        Presentable ref = headlessDemo();
        short[] buf = new short[4096];
        short[] head = new short[frames * 900];
        int n = 0;
        for (int f = 0; f < frames; f++) {
            ref.runFrame();
            int m;
            while ((m = ref.readSamples(buf, 0, buf.length)) > 0) {
                System.arraycopy(buf, 0, head, n, m);
                n += m;
            }
        }
        // The window's last 400 ms (still queued at exit) are not in the recording, the recording
        // starts with the silence of the window opening, underruns on a loaded machine would insert
        // silence, and the rate control stretches time by up to 0.5%. So: low-pass both by 4-sample
        // means (12 kHz); align the first 120 ms of sound globally (the earliest lag within 5% of the
        // best correlation: the demo's music repeats); then find each 40 ms block of the headless
        // sound by normalized cross-correlation (block means removed) within 10 ms of where the
        // previous block was, or, after a gap, up to 0.8 s later (the music repeats after 1.05 s).
        // Tolerance: 90% of the loud blocks found with correlation >= 0.8 (0.5% rate control over
        // 40 ms smears the top octave), median correlation >= 0.9, level within 15% at volume 100%.
        int k = 4;
        double[] r = decimate(rec, 0, rec.length - rec.length % k, k);
        int block = 48_000 * 40 / 1000 / k;
        int usable = (n - 48_000 * 450 / 1000) / k;
        double[] h = decimate(head, 0, usable * k, k);
        int firstLoud = 0;
        while (firstLoud + block <= h.length && rms(centred(h, firstLoud, block)) < 200) {
            firstLoud += block;
        }
        // align on 120 ms of sound (three blocks; the next three if an underrun gap spoils them)
        int span = 3 * block;
        int offset = -1;
        double bestLead = 0;
        for (int lead0 = firstLoud; offset < 0 && lead0 + span <= h.length && lead0 < firstLoud + 10 * block; lead0 += span) {
            double[] lead = centred(h, lead0, span);
            double[] leadCorr = new double[Math.max(0, r.length - span + 1)];
            bestLead = 0;
            for (int at = 0; at < leadCorr.length; at++) {
                leadCorr[at] = correlation(lead, r, at);
                bestLead = Math.max(bestLead, leadCorr[at]);
            }
            for (int at = 0; at < leadCorr.length && offset < 0 && bestLead >= 0.9; at++) {
                if (leadCorr[at] >= 0.95 * bestLead) {
                    offset = at - lead0;
                }
            }
        }
        assertTrue(offset >= 0, "the first sound not found in the recording (best correlation " + bestLead + ")");
        List<Double> correlations = new ArrayList<>();
        int found = 0;
        double gainSum = 0;
        int near = 48_000 / 100 / k;
        for (int b0 = firstLoud; b0 + block <= h.length; b0 += block) {
            double[] hb = centred(h, b0, block);
            if (rms(hb) < 200) {
                continue; // near silence: nothing to match
            }
            double best = -1;
            int bestAt = -1;
            for (int at = Math.max(0, b0 + offset - near); at <= Math.min(r.length - block, b0 + offset + near); at++) {
                double c = correlation(hb, r, at);
                if (c > best) {
                    best = c;
                    bestAt = at;
                }
            }
            if (best < 0.6) { // lost: a gap (underrun); the best match up to 0.8 s later
                for (int at = b0 + offset + near + 1; at <= Math.min(r.length - block, b0 + offset + 48_000 * 8 / 10 / k); at++) {
                    double c = correlation(hb, r, at);
                    if (c > best) {
                        best = c;
                        bestAt = at;
                    }
                }
            }
            correlations.add(best);
            if (best >= 0.6) {
                offset = bestAt - b0; // follow the recording (rate control drift, gaps)
            }
            if (best >= 0.8) {
                found++;
                gainSum += rms(centred(r, bestAt, block)) / rms(hb);
            }
        }
        int blocks = correlations.size();
        assertTrue(blocks >= 20, "the demo should make sound: " + blocks + " loud 40 ms blocks");
        List<Double> sorted = correlations.stream().sorted().toList();
        double median = sorted.get(blocks / 2);
        assertTrue(found >= blocks * 0.9, found + " of " + blocks + " headless 40 ms blocks found in the OpenAL recording "
                + "(correlation >= 0.8); lowest " + sorted.subList(0, Math.min(5, blocks)));
        assertTrue(median >= 0.9, "median correlation " + median);
        double gain = gainSum / found;
        assertEquals(1.0, gain, 0.15, "level of the recording against the headless WAV at volume 100%");
        Files.writeString(OUT.resolve("audio-comparison.txt"), String.format(java.util.Locale.ROOT,
                "%d loud 40 ms blocks, %d found (correlation >= 0.8), median correlation %.4f, lowest %s, level ratio %.4f%n",
                blocks, found, median, sorted.subList(0, Math.min(5, blocks)), gain));
    }

    static double[] centred(double[] a, int from, int len) {
        double mean = 0;
        for (int i = 0; i < len; i++) {
            mean += a[from + i];
        }
        mean /= len;
        double[] c = new double[len];
        for (int i = 0; i < len; i++) {
            c[i] = a[from + i] - mean;
        }
        return c;
    }

    static double rms(double[] a) {
        return Math.sqrt(dot(a, a, 0) / a.length);
    }

    /** Normalized correlation of {@code a} (mean already removed) with {@code r[at..]} (mean removed here). */
    static double correlation(double[] a, double[] r, int at) {
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            mean += r[at + i];
        }
        mean /= a.length;
        double d = 0;
        double rr = 0;
        double aa = 0;
        for (int i = 0; i < a.length; i++) {
            double v = r[at + i] - mean;
            d += a[i] * v;
            rr += v * v;
            aa += a[i] * a[i];
        }
        return rr == 0 || aa == 0 ? 0 : d / Math.sqrt(aa * rr);
    }

    static double dot(double[] a, double[] b, int bFrom) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[bFrom + i];
        }
        return s;
    }

    static void xdotool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("xdotool"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", x.display());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "xdotool " + String.join(" ", args) + ": " + out);
    }

    static String windowId(MachinaProcess p) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until && p.process.isAlive()) {
            ProcessBuilder pb = new ProcessBuilder("xdotool", "search", "--name", "Machina - nes").redirectErrorStream(true);
            pb.environment().put("DISPLAY", x.display());
            Process s = pb.start();
            String out = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (s.waitFor() == 0 && out.matches("\\d+(\\s+\\d+)*")) {
                return out.split("\\s+")[0];
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the window did not appear: " + p.stderr());
    }

    /**
     * Waits for the window's "paused at frame N" line (N = the next frame to run) and for the
     * frame log to hold frames 0..N-1; returns N.
     */
    static int pausedAt(Path log, MachinaProcess p) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        java.util.regex.Pattern paused = java.util.regex.Pattern.compile("machina: paused at frame (\\d+)");
        while (System.nanoTime() < until) {
            java.util.regex.Matcher m = paused.matcher(p.stderr());
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                waitFor(log, n, p);
                assertEquals(n, readLog(log).size(), "frames logged when paused");
                return n;
            }
            assertTrue(p.process.isAlive(), "machina exited: " + p.stderr());
            Thread.sleep(20);
        }
        throw new AssertionError("no 'paused at frame' line: " + p.stderr());
    }

    static void waitFor(Path log, int count, MachinaProcess p) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (readLog(log).size() < count) {
            assertTrue(System.nanoTime() < until, "frame log has " + readLog(log).size() + " of " + count + " lines: " + p.stderr());
            Thread.sleep(20);
        }
    }

    @Test
    void keyPressedInTheWindowReachesTheMachineOnTheExpectedFrame() throws Exception {
        assumeTrue(XvfbDisplay.onPath("xdotool"), "needs xdotool (Debian xdotool)");
        Path log = OUT.resolve("input-frames.txt");
        Path rec = OUT.resolve("input-recorded.txt");
        Files.deleteIfExists(log);
        long pressFrame;
        try (MachinaProcess p = MachinaProcess.start(OUT, "input", env(), "run", "--window", "--no-audio", "--scale", "2",
                "--frame-log", log.toString(), "--record-input", rec.toString(), "--window-capture", OUT.resolve("window-after-right.png").toString())) {
            String wid = windowId(p);
            waitFor(log, 20, p);
            xdotool("windowfocus", wid);
            xdotool("key", "p");                                  // pause
            pressFrame = pausedAt(log, p);                       // the next frame to run
            List<LogLine> before = readLog(log);
            xdotool("keydown", "Right");
            xdotool("key", "--delay", "60", "n", "n", "n");       // three frames with Right held
            waitFor(log, before.size() + 3, p);
            xdotool("keyup", "Right");
            xdotool("key", "--delay", "60", "n", "n", "n");       // three without
            waitFor(log, before.size() + 6, p);
            xdotool("key", "Escape");
            assertEquals(0, p.waitFor(30), p.stderr());
        }
        List<LogLine> lines = readLog(log);
        LogLine firstRight = lines.stream().filter(l -> l.p1() == 0x80).findFirst().orElseThrow(() -> new AssertionError("Right never applied"));
        assertEquals(pressFrame, firstRight.frame(), 1, "frame on which Right was applied (pressed while paused before frame " + pressFrame + ")");
        assertEquals(3, lines.stream().filter(l -> l.p1() == 0x80).count(), "frames with Right held");

        // The machine saw it: replaying the recorded buttons headless gives the window's frames
        InputScript script = InputScript.load(rec);
        Presentable replay = headlessDemo();
        for (LogLine l : lines) {
            assertEquals(l.frame(), replay.frameNumber());
            replay.setButtons(1, script.buttons(1, l.frame()));
            replay.runFrame();
            assertEquals(l.crc(), crc(replay.frameBuffer()), "frame " + l.frame() + " of the window vs the headless replay");
        }
        // and of headless runs holding Right for 3 frames from pressFrame-1, pressFrame or
        // pressFrame+1, the window's frames are those of the one that starts on pressFrame
        List<Long> matching = new ArrayList<>();
        for (long start = pressFrame - 1; start <= pressFrame + 1; start++) {
            Presentable h = headlessDemo();
            boolean same = true;
            for (LogLine l : lines) {
                h.setButtons(1, l.frame() >= start && l.frame() < start + 3 ? 0x80 : 0);
                h.runFrame();
                same &= crc(h.frameBuffer()) == l.crc();
            }
            if (same) {
                matching.add(start);
            }
        }
        assertEquals(List.of(pressFrame), matching, "headless runs with Right from frame pressFrame-1..+1 that give the window's frames");
    }

    @Test
    void stateSavedInTheWindowReplaysIdenticalFramesAndOtherMachinesAreRefused() throws Exception {
        assumeTrue(XvfbDisplay.onPath("xdotool"), "needs xdotool (Debian xdotool)");
        Path log = OUT.resolve("state-frames.txt");
        Path states = OUT.resolve("states");
        Files.deleteIfExists(log);
        Files.createDirectories(states);
        Files.deleteIfExists(states.resolve("nes-demo.1.state"));
        // slot 2 holds a state of another machine
        Files.write(states.resolve("nes-demo.2.state"), new SaveState("zx", 1, List.of()).save());
        Path capture = OUT.resolve("window-state-refused.png");
        Path shots = OUT.resolve("screenshots");
        Files.createDirectories(shots);
        try (var old = Files.list(shots)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        int n = 10;
        try (MachinaProcess p = MachinaProcess.start(OUT, "state", env(), "run", "--window", "--no-audio", "--scale", "2",
                "--frame-log", log.toString(), "--state-dir", states.toString(), "--window-capture", capture.toString(),
                "--screenshot-dir", shots.toString())) {
            String wid = windowId(p);
            waitFor(log, 20, p);
            xdotool("windowfocus", wid);
            xdotool("key", "p");
            int paused = pausedAt(log, p);
            xdotool("key", "F12");                                // screenshot of the paused frame
            xdotool("key", "F5");                                 // save to slot 1
            long until = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(states.resolve("nes-demo.1.state")) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            for (int i = 0; i < n; i++) {
                xdotool("key", "n");
            }
            waitFor(log, paused + n, p);
            xdotool("key", "F7");                                 // load slot 1
            for (int i = 0; i < n; i++) {
                xdotool("key", "n");
            }
            waitFor(log, paused + 2 * n, p);
            xdotool("key", "F6", "F7");                           // slot 2, load: refused
            long refusedBy = System.nanoTime() + 20_000_000_000L;
            while (!p.stderr().contains("state refused") && System.nanoTime() < refusedBy) {
                Thread.sleep(20);
            }
            xdotool("key", "Escape");
            assertEquals(0, p.waitFor(30), p.stderr());
            String err = p.stderr();
            assertTrue(err.contains("state saved to slot 1"), err);
            assertTrue(err.contains("state loaded from slot 1"), err);
            assertTrue(err.contains("state refused: " + states.resolve("nes-demo.2.state") + ": state of machine 'zx', not 'nes'"), err);
        }
        List<LogLine> lines = readLog(log);
        int paused = lines.size() - 2 * n;
        List<LogLine> afterSave = lines.subList(paused, paused + n);
        List<LogLine> afterLoad = lines.subList(paused + n, paused + 2 * n);
        assertEquals(afterSave, afterLoad, "frames after saving vs after loading the state");
        assertEquals(lines.get(paused - 1).frame() + 1, afterSave.getFirst().frame());
        // F12 wrote the paused frame as demo-YYYYMMDD-HHMMSS.png
        List<Path> shotFiles;
        try (var list = Files.list(shots)) {
            shotFiles = list.toList();
        }
        assertEquals(1, shotFiles.size(), shotFiles.toString());
        assertTrue(shotFiles.getFirst().getFileName().toString().matches("demo-\\d{8}-\\d{6}\\.png"), shotFiles.toString());
        BufferedImage shot = ImageIO.read(shotFiles.getFirst().toFile());
        assertEquals(256, shot.getWidth());
        assertEquals(240, shot.getHeight());
        assertEquals(lines.get(paused - 1).crc(), crc(shot.getRGB(0, 0, 256, 240, null, 0, 256)), "screenshot vs the paused frame's CRC");
        // the refusal is on screen: white text in the darkened band at the bottom of the picture
        BufferedImage win = ImageIO.read(capture.toFile());
        int white = 0;
        for (int y = win.getHeight() - 40; y < win.getHeight(); y++) {
            for (int xx = 0; xx < win.getWidth(); xx++) {
                if ((win.getRGB(xx, y) & 0xFFFFFF) == 0xFFFFFF) {
                    white++;
                }
            }
        }
        assertTrue(white > 200, "on-screen message pixels: " + white);
    }
}
