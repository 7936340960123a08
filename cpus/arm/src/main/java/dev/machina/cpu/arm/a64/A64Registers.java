package dev.machina.cpu.arm.a64;

import dev.machina.core.cpu.RegisterView;
import java.util.ArrayList;
import java.util.List;

/**
 * Register view of an {@link A64Cpu}: {@code x0}..{@code x30}, {@code sp}, {@code pc},
 * {@code nzcv} (flags in bits 31..28), {@code fpcr}, {@code fpsr}, {@code tpidr_el0}, and the
 * SIMD&amp;FP registers as {@code d0}..{@code d31} (low 64 bits) and {@code v0h}..{@code v31h}
 * (high 64 bits).
 */
final class A64Registers implements RegisterView {
    private static final List<String> NAMES;

    static {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            l.add("x" + i);
        }
        l.addAll(List.of("sp", "pc", "nzcv", "fpcr", "fpsr", "tpidr_el0"));
        for (int i = 0; i < 32; i++) {
            l.add("d" + i);
        }
        for (int i = 0; i < 32; i++) {
            l.add("v" + i + "h");
        }
        NAMES = List.copyOf(l);
    }

    private final A64Cpu cpu;

    A64Registers(A64Cpu cpu) {
        this.cpu = cpu;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public int width(String name) {
        index(name);
        return switch (name) {
            case "nzcv", "fpcr", "fpsr" -> 32;
            default -> 64;
        };
    }

    private int index(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("aarch64 has no register '" + name + "'");
        }
        return i;
    }

    @Override
    public long get(String name) {
        int i = index(name);
        if (i < 31) {
            return cpu.x[i];
        }
        return switch (name) {
            case "sp" -> cpu.sp;
            case "pc" -> cpu.pc;
            case "nzcv" -> cpu.nzcv() & 0xffffffffL;
            case "fpcr" -> cpu.fpcr & 0xffffffffL;
            case "fpsr" -> cpu.fpsr & 0xffffffffL;
            case "tpidr_el0" -> cpu.tpidr;
            default -> i < 37 + 32 ? cpu.vreg[2 * (i - 37)] : cpu.vreg[2 * (i - 69) + 1];
        };
    }

    @Override
    public void set(String name, long value) {
        int i = index(name);
        if (i < 31) {
            cpu.x[i] = value;
            return;
        }
        switch (name) {
            case "sp" -> cpu.sp = value;
            case "pc" -> cpu.pc = cpu.npc = value;
            case "nzcv" -> cpu.setNzcv((int) (value >>> 28) & 15);
            case "fpcr" -> cpu.fpcr = (int) value;
            case "fpsr" -> cpu.fpsr = (int) value;
            case "tpidr_el0" -> cpu.tpidr = value;
            default -> {
                if (i < 37 + 32) {
                    cpu.vreg[2 * (i - 37)] = value;
                } else {
                    cpu.vreg[2 * (i - 69) + 1] = value;
                }
            }
        }
    }
}
