package dev.machina.frontend.session;

import dev.machina.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the buttons applied per frame as an input script ({@code machina run --input-script}
 * format: {@code FRAME [pN] BUTTONS}, '+' between names, '-' for none), so a window session can
 * be replayed headless. A loaded state rewinds the frame count: lines at or after the new frame
 * are dropped and recording goes on from there.
 */
public final class InputRecorder {
    private record Line(long frame, int player, int mask) {
    }

    private final List<String> buttons;
    private final List<Line> lines = new ArrayList<>();
    private final int[] last;

    /** For a machine with these button names (bit order) and this many players. */
    public InputRecorder(List<String> buttons, int players) {
        this.buttons = buttons;
        this.last = new int[players];
        java.util.Arrays.fill(last, 0);
    }

    /** The buttons {@code player} holds during {@code frame}. */
    public void record(long frame, int player, int mask) {
        if (!lines.isEmpty() && lines.getLast().frame() > frame) {
            rewind(frame);
        }
        if (mask != last[player - 1]) {
            lines.add(new Line(frame, player, mask));
            last[player - 1] = mask;
        }
    }

    private void rewind(long frame) {
        lines.removeIf(l -> l.frame() >= frame);
        java.util.Arrays.fill(last, 0);
        for (Line l : lines) {
            last[l.player() - 1] = l.mask();
        }
    }

    /** The script text. */
    public String text() {
        StringBuilder sb = new StringBuilder("# recorded by machina run (window); replay with --input-script\n");
        for (Line l : lines) {
            sb.append(l.frame()).append(l.player() == 1 ? "" : " p" + l.player()).append(' ').append(names(l.mask())).append('\n');
        }
        return sb.toString();
    }

    private String names(int mask) {
        List<String> on = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                on.add(buttons.get(i));
            }
        }
        return on.isEmpty() ? "-" : String.join("+", on);
    }

    /** Writes the script atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, text().getBytes(StandardCharsets.UTF_8));
    }
}
