package dev.machina.machine.nes.input;

import dev.machina.core.media.MediaException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Buttons per frame for headless runs ({@code --input-script FILE}). A text file, one change
 * per line; {@code #} starts a comment:
 * <pre>
 * # frame [p1|p2] buttons
 * 60 RIGHT          # from frame 60 player 1 holds Right
 * 90 A+RIGHT        # from frame 90 A and Right ('+' or spaces between names)
 * 120 p2 START      # player 2 presses Start
 * 121 p2 -          # and releases everything ('-' or 'none')
 * </pre>
 * Frames count from 0 and must not decrease; a state holds until the player's next line.
 * Button names: A, B, SELECT, START, UP, DOWN, LEFT, RIGHT (any case).
 */
public final class InputScript {
    private static final String[] NAMES = {"A", "B", "SELECT", "START", "UP", "DOWN", "LEFT", "RIGHT"};

    private final long[][] frames = new long[2][];
    private final int[][] masks = new int[2][];

    private InputScript(List<long[]> p1, List<long[]> p2) {
        store(0, p1);
        store(1, p2);
    }

    private void store(int player, List<long[]> changes) {
        frames[player] = new long[changes.size()];
        masks[player] = new int[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            frames[player][i] = changes.get(i)[0];
            masks[player][i] = (int) changes.get(i)[1];
        }
    }

    /**
     * Reads a script file.
     *
     * @throws MediaException when the file cannot be read or a line is invalid:
     *                        {@code "FILE:LINE: what is wrong"}
     */
    public static InputScript load(Path file) throws MediaException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MediaException(file + ": cannot read input script: " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    /**
     * Parses script lines; {@code name} is used in messages.
     *
     * @throws MediaException on the first invalid line: {@code "NAME:LINE: what is wrong"}
     */
    public static InputScript parse(String name, List<String> lines) throws MediaException {
        List<long[]> p1 = new ArrayList<>();
        List<long[]> p2 = new ArrayList<>();
        long lastFrame = 0;
        for (int i = 0; i < lines.size(); i++) {
            String where = name + ":" + (i + 1) + ": ";
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            String[] tokens = line.trim().replace('+', ' ').split("\\s+");
            if (tokens.length == 1 && tokens[0].isEmpty()) {
                continue;
            }
            long frame;
            try {
                frame = Long.parseLong(tokens[0]);
            } catch (NumberFormatException e) {
                throw new MediaException(where + "'" + tokens[0] + "' is not a frame number");
            }
            if (frame < 0) {
                throw new MediaException(where + "frame " + frame + " is negative");
            }
            if (frame < lastFrame) {
                throw new MediaException(where + "frame " + frame + " comes after frame " + lastFrame);
            }
            lastFrame = frame;
            int at = 1;
            List<long[]> target = p1;
            if (at < tokens.length && tokens[at].toLowerCase(Locale.ROOT).matches("p[0-9]+")) {
                String p = tokens[at].toLowerCase(Locale.ROOT);
                if (p.equals("p2")) {
                    target = p2;
                } else if (!p.equals("p1")) {
                    throw new MediaException(where + "player '" + tokens[at] + "' (expected p1 or p2)");
                }
                at++;
            }
            if (at >= tokens.length) {
                throw new MediaException(where + "no buttons (use '-' to release all)");
            }
            int mask = 0;
            for (; at < tokens.length; at++) {
                String t = tokens[at].toUpperCase(Locale.ROOT);
                if (t.equals("-") || t.equals("NONE")) {
                    continue;
                }
                int bit = Arrays.asList(NAMES).indexOf(t);
                if (bit < 0) {
                    throw new MediaException(where + "unknown button '" + tokens[at]
                            + "' (expected A, B, SELECT, START, UP, DOWN, LEFT, RIGHT or -)");
                }
                mask |= 1 << bit;
            }
            target.add(new long[]{frame, mask});
        }
        return new InputScript(p1, p2);
    }

    /**
     * The buttons {@code player} (1 or 2) holds during {@code frame}, as a
     * {@link StandardController} mask; 0 before the player's first line.
     */
    public int buttons(int player, long frame) {
        long[] f = frames[player - 1];
        int i = Arrays.binarySearch(f, frame);
        if (i < 0) {
            i = -i - 2;
        } else {
            while (i + 1 < f.length && f[i + 1] == frame) {
                i++; // the last line for this frame wins
            }
        }
        return i < 0 ? 0 : masks[player - 1][i];
    }

    /** Sets both controllers to the script's state for {@code frame}. */
    public void apply(ControllerPorts ports, long frame) {
        ports.controller(1).setButtons(buttons(1, frame));
        ports.controller(2).setButtons(buttons(2, frame));
    }
}
