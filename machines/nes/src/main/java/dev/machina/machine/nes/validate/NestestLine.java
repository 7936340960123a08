package dev.machina.machine.nes.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a nestest-style CPU trace log: the state before each instruction, e.g.
 * {@code C000  4C F5 C5  JMP $C5F5    A:00 X:00 Y:00 P:24 SP:FD PPU:  0, 21 CYC:7} (the layout of
 * the log that comes with kevtris' nestest ROM). Only the fields the comparison uses are kept:
 * PC, the instruction bytes, A, X, Y, P, SP and the CPU cycle count.
 *
 * @param pc     program counter, 0..$FFFF
 * @param bytes  the instruction's 1-3 bytes
 * @param a      accumulator, 0..255
 * @param x      X, 0..255
 * @param y      Y, 0..255
 * @param p      status, 0..255
 * @param sp     stack pointer, 0..255
 * @param cycles CPU cycles since power-on
 */
public record NestestLine(int pc, int[] bytes, int a, int x, int y, int p, int sp, long cycles) {
    private static final Pattern LINE = Pattern.compile(
            "^([0-9A-Fa-f]{4})\\s+((?:[0-9A-Fa-f]{2}\\s){1,3}).*?"
                    + "A:([0-9A-Fa-f]{2}) X:([0-9A-Fa-f]{2}) Y:([0-9A-Fa-f]{2}) P:([0-9A-Fa-f]{2}) SP:([0-9A-Fa-f]{2})"
                    + ".*?CYC:\\s*(\\d+)\\s*$");

    /**
     * Parses one log line.
     *
     * @param where the file and line for messages, e.g. {@code "nestest.log:12"}
     * @throws IllegalArgumentException {@code "WHERE: not a trace line: ..."} when the layout does not match
     */
    public static NestestLine parse(String line, String where) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            String shown = line.length() > 60 ? line.substring(0, 60) + "..." : line;
            throw new IllegalArgumentException(where + ": not a trace line: " + shown);
        }
        List<Integer> b = new ArrayList<>();
        for (String t : m.group(2).trim().split("\\s+")) {
            b.add(Integer.parseInt(t, 16));
        }
        return new NestestLine(Integer.parseInt(m.group(1), 16), b.stream().mapToInt(Integer::intValue).toArray(),
                hex(m, 3), hex(m, 4), hex(m, 5), hex(m, 6), hex(m, 7), Long.parseLong(m.group(8)));
    }

    private static int hex(Matcher m, int group) {
        return Integer.parseInt(m.group(group), 16);
    }

    /**
     * What differs between this (expected) line and {@code actual}, field by field, e.g.
     * {@code "P: expected 24, got 26; CYC: expected 7, got 8"}; null when they agree.
     */
    public String mismatch(NestestLine actual) {
        StringBuilder s = new StringBuilder();
        field(s, "PC", "%04X", pc, actual.pc);
        if (!java.util.Arrays.equals(bytes, actual.bytes)) {
            s.append(s.isEmpty() ? "" : "; ").append("bytes: expected ").append(hexBytes(bytes))
                    .append(", got ").append(hexBytes(actual.bytes));
        }
        field(s, "A", "%02X", a, actual.a);
        field(s, "X", "%02X", x, actual.x);
        field(s, "Y", "%02X", y, actual.y);
        field(s, "P", "%02X", p, actual.p);
        field(s, "SP", "%02X", sp, actual.sp);
        if (cycles != actual.cycles) {
            s.append(s.isEmpty() ? "" : "; ").append("CYC: expected ").append(cycles).append(", got ").append(actual.cycles);
        }
        return s.isEmpty() ? null : s.toString();
    }

    private static void field(StringBuilder s, String name, String format, int expected, int actual) {
        if (expected != actual) {
            s.append(s.isEmpty() ? "" : "; ").append(name).append(": expected ").append(String.format(format, expected))
                    .append(", got ").append(String.format(format, actual));
        }
    }

    private static String hexBytes(int[] b) {
        StringBuilder s = new StringBuilder();
        for (int v : b) {
            s.append(s.isEmpty() ? "" : " ").append(String.format("%02X", v));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NestestLine l && mismatch(l) == null;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(pc, java.util.Arrays.hashCode(bytes), a, x, y, p, sp, cycles);
    }

    @Override
    public String toString() {
        return String.format("%04X  %-8s  A:%02X X:%02X Y:%02X P:%02X SP:%02X CYC:%d", pc, hexBytes(bytes), a, x, y, p, sp, cycles);
    }
}
