package dev.machina.machine.cpm;

import dev.machina.core.media.MediaException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The command line as the CCP leaves it for a program (CP/M 2.2 Interface Guide, section 1.1):
 * the words after the program name, upper-cased, as a tail at 0080H (length byte, a leading
 * space, the text, a 0 byte), and the first two words parsed as file names into the default
 * FCBs at 005CH and 006CH (drive byte 0 = default or 1..16 for A:..P:, 8-character name and
 * 3-character type, blank-padded).
 */
final class CommandTail {
    private CommandTail() {
    }

    /** Longest tail the 128-byte buffer at 0080H holds (length byte and final 0 excluded). */
    static final int MAX = 126;

    /**
     * Writes the tail and FCBs for {@code words} into {@code ram}.
     *
     * @throws MediaException when the tail is longer than {@link #MAX} characters
     */
    static void install(byte[] ram, List<String> words) throws MediaException {
        String text = words.isEmpty() ? "" : " " + String.join(" ", words).toUpperCase(Locale.ROOT);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX) {
            throw new MediaException("cpm: command tail is " + bytes.length + " characters, at most " + MAX + " fit at 0080H");
        }
        ram[0x80] = (byte) bytes.length;
        System.arraycopy(bytes, 0, ram, 0x81, bytes.length);
        ram[0x81 + bytes.length] = 0;
        fcb(ram, 0x5C, words.size() > 0 ? words.get(0) : "");
        fcb(ram, 0x6C, words.size() > 1 ? words.get(1) : "");
    }

    private static void fcb(byte[] ram, int at, String word) {
        String w = word.toUpperCase(Locale.ROOT);
        int drive = 0;
        if (w.length() >= 2 && w.charAt(1) == ':' && w.charAt(0) >= 'A' && w.charAt(0) <= 'P') {
            drive = w.charAt(0) - 'A' + 1;
            w = w.substring(2);
        }
        int dot = w.indexOf('.');
        String name = dot >= 0 ? w.substring(0, dot) : w;
        String type = dot >= 0 ? w.substring(dot + 1) : "";
        ram[at] = (byte) drive;
        for (int k = 0; k < 8; k++) {
            ram[at + 1 + k] = (byte) (k < name.length() ? name.charAt(k) : ' ');
        }
        for (int k = 0; k < 3; k++) {
            ram[at + 9 + k] = (byte) (k < type.length() ? type.charAt(k) : ' ');
        }
    }
}
