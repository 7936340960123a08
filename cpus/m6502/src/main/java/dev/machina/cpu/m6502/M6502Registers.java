package dev.machina.cpu.m6502;

import dev.machina.core.cpu.RegisterView;

import java.util.List;

/**
 * Register view of a 6502 family CPU: {@code a}, {@code x}, {@code y}, {@code s} and {@code p}
 * (8 bits; {@code p} reads with bit 5 set and B clear) and {@code pc} (16 bits). Setting
 * {@code pc} drops a pending reset sequence, so execution starts where a debugger or test
 * harness put it.
 */
final class M6502Registers implements RegisterView {
    private static final List<String> NAMES = List.of("a", "x", "y", "s", "p", "pc");
    private final M6502State r;
    private final M6502Interpreter interpreter;

    M6502Registers(M6502State r, M6502Interpreter interpreter) {
        this.r = r;
        this.interpreter = interpreter;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public int width(String name) {
        return switch (name) {
            case "a", "x", "y", "s", "p" -> 8;
            case "pc" -> 16;
            default -> throw unknown(name);
        };
    }

    @Override
    public long get(String name) {
        return switch (name) {
            case "a" -> r.a;
            case "x" -> r.x;
            case "y" -> r.y;
            case "s" -> r.s;
            case "p" -> r.p();
            case "pc" -> r.pc;
            default -> throw unknown(name);
        };
    }

    @Override
    public void set(String name, long value) {
        int v = (int) value & 0xFF;
        switch (name) {
            case "a" -> r.a = v;
            case "x" -> r.x = v;
            case "y" -> r.y = v;
            case "s" -> r.s = v;
            case "p" -> r.setP(v);
            case "pc" -> {
                r.pc = (int) value & 0xFFFF;
                interpreter.cancelReset();
            }
            default -> throw unknown(name);
        }
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("6502 has no register '" + name + "' (has " + NAMES + ")");
    }
}
