package dev.machina.cpu.x86;

import dev.machina.core.cpu.RegisterView;

import java.util.List;

/**
 * The 8086 registers by name: {@code ax bx cx dx sp bp si di cs ds es ss ip flags}, each 16
 * bits (the order and names of the SingleStepTests 8086 schema and of DEBUG.COM).
 */
final class X86RegisterView implements RegisterView {
    private static final List<String> NAMES = List.of("ax", "bx", "cx", "dx", "sp", "bp", "si", "di", "cs", "ds", "es", "ss", "ip", "flags");
    private final X86State s;

    X86RegisterView(X86State s) {
        this.s = s;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public int width(String name) {
        index(name);
        return 16;
    }

    private static int index(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("8086 has no register '" + name + "' (has " + NAMES + ")");
        }
        return i;
    }

    @Override
    public long get(String name) {
        return switch (name) {
            case "ax" -> s.reg16(X86State.AX);
            case "bx" -> s.reg16(X86State.BX);
            case "cx" -> s.reg16(X86State.CX);
            case "dx" -> s.reg16(X86State.DX);
            case "sp" -> s.reg16(X86State.SP);
            case "bp" -> s.reg16(X86State.BP);
            case "si" -> s.reg16(X86State.SI);
            case "di" -> s.reg16(X86State.DI);
            case "cs" -> s.sr[X86State.CS];
            case "ds" -> s.sr[X86State.DS];
            case "es" -> s.sr[X86State.ES];
            case "ss" -> s.sr[X86State.SS];
            case "ip" -> s.ip;
            case "flags" -> s.flags;
            default -> index(name);
        };
    }

    @Override
    public void set(String name, long value) {
        int v = (int) value & 0xFFFF;
        switch (name) {
            case "ax" -> s.setReg16(X86State.AX, v);
            case "bx" -> s.setReg16(X86State.BX, v);
            case "cx" -> s.setReg16(X86State.CX, v);
            case "dx" -> s.setReg16(X86State.DX, v);
            case "sp" -> s.setReg16(X86State.SP, v);
            case "bp" -> s.setReg16(X86State.BP, v);
            case "si" -> s.setReg16(X86State.SI, v);
            case "di" -> s.setReg16(X86State.DI, v);
            case "cs" -> s.sr[X86State.CS] = v;
            case "ds" -> s.sr[X86State.DS] = v;
            case "es" -> s.sr[X86State.ES] = v;
            case "ss" -> s.sr[X86State.SS] = v;
            case "ip" -> s.ip = v;
            case "flags" -> s.loadFlags8086(v);
            default -> index(name);
        }
    }
}
