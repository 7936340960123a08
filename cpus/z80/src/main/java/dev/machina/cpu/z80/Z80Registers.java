package dev.machina.cpu.z80;

import dev.machina.core.cpu.RegisterView;

import java.util.List;

import static dev.machina.cpu.z80.Z80State.*;

/**
 * The Z80's register view. Names (lower case, Zilog's): 8-bit {@code a f b c d e h l i r ixh ixl
 * iyh iyl}, 16-bit {@code af bc de hl af' bc' de' hl' ix iy sp pc wz}, and the control state
 * {@code iff1 iff2} (1 bit), {@code im} (0..2), {@code q} (8 bits: 0 or F, see {@link Z80State#setQ}), {@code ei p halt} (1 bit).
 */
final class Z80Registers implements RegisterView {
    private static final List<String> NAMES = List.of("a", "f", "b", "c", "d", "e", "h", "l", "af", "bc", "de", "hl",
            "af'", "bc'", "de'", "hl'", "ix", "iy", "ixh", "ixl", "iyh", "iyl", "sp", "pc", "i", "r", "wz",
            "iff1", "iff2", "im", "q", "ei", "p", "halt");

    private final Z80State s;

    Z80Registers(Z80State s) {
        this.s = s;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public int width(String name) {
        return switch (name) {
            case "a", "f", "b", "c", "d", "e", "h", "l", "i", "r", "ixh", "ixl", "iyh", "iyl", "q" -> 8;
            case "af", "bc", "de", "hl", "af'", "bc'", "de'", "hl'", "ix", "iy", "sp", "pc", "wz" -> 16;
            case "im" -> 2;
            case "iff1", "iff2", "ei", "p", "halt" -> 1;
            default -> throw unknown(name);
        };
    }

    @Override
    public long get(String name) {
        return switch (name) {
            case "a" -> s.r[A];
            case "f" -> s.f;
            case "b" -> s.r[B];
            case "c" -> s.r[C];
            case "d" -> s.r[D];
            case "e" -> s.r[E];
            case "h" -> s.r[H];
            case "l" -> s.r[L];
            case "ixh" -> s.r[IXH];
            case "ixl" -> s.r[IXL];
            case "iyh" -> s.r[IYH];
            case "iyl" -> s.r[IYL];
            case "af" -> s.af();
            case "bc" -> s.bc();
            case "de" -> s.de();
            case "hl" -> s.hl();
            case "af'" -> s.af2;
            case "bc'" -> s.bc2;
            case "de'" -> s.de2;
            case "hl'" -> s.hl2;
            case "ix" -> s.pair(IX);
            case "iy" -> s.pair(IY);
            case "sp" -> s.sp;
            case "pc" -> s.pc;
            case "i" -> s.i;
            case "r" -> s.r();
            case "wz" -> s.wz;
            case "iff1" -> s.iff1 ? 1 : 0;
            case "iff2" -> s.iff2 ? 1 : 0;
            case "im" -> s.im;
            case "q" -> s.q();
            case "ei" -> s.ei() ? 1 : 0;
            case "p" -> s.p() ? 1 : 0;
            case "halt" -> s.halted ? 1 : 0;
            default -> throw unknown(name);
        };
    }

    @Override
    public void set(String name, long value) {
        int v = (int) value;
        switch (name) {
            case "a" -> s.r[A] = v & 0xFF;
            case "f" -> s.f = v & 0xFF;
            case "b" -> s.r[B] = v & 0xFF;
            case "c" -> s.r[C] = v & 0xFF;
            case "d" -> s.r[D] = v & 0xFF;
            case "e" -> s.r[E] = v & 0xFF;
            case "h" -> s.r[H] = v & 0xFF;
            case "l" -> s.r[L] = v & 0xFF;
            case "ixh" -> s.r[IXH] = v & 0xFF;
            case "ixl" -> s.r[IXL] = v & 0xFF;
            case "iyh" -> s.r[IYH] = v & 0xFF;
            case "iyl" -> s.r[IYL] = v & 0xFF;
            case "af" -> s.setPair(AF, v);
            case "bc" -> s.setPair(BC, v);
            case "de" -> s.setPair(DE, v);
            case "hl" -> s.setPair(HL, v);
            case "af'" -> s.af2 = v & 0xFFFF;
            case "bc'" -> s.bc2 = v & 0xFFFF;
            case "de'" -> s.de2 = v & 0xFFFF;
            case "hl'" -> s.hl2 = v & 0xFFFF;
            case "ix" -> s.setPair(IX, v);
            case "iy" -> s.setPair(IY, v);
            case "sp" -> s.sp = v & 0xFFFF;
            case "pc" -> s.pc = v & 0xFFFF;
            case "i" -> s.i = v & 0xFF;
            case "r" -> s.setR(v);
            case "wz" -> s.wz = v & 0xFFFF;
            case "iff1" -> s.iff1 = (v & 1) != 0;
            case "iff2" -> s.iff2 = (v & 1) != 0;
            case "im" -> {
                if ((v & 3) == 3) {
                    throw new IllegalArgumentException("z80: interrupt mode 3 does not exist");
                }
                s.im = v & 3;
            }
            case "q" -> s.setQ(v & 0xFF);
            case "ei" -> s.setEi((v & 1) != 0);
            case "p" -> s.setP((v & 1) != 0);
            case "halt" -> s.halted = (v & 1) != 0;
            default -> throw unknown(name);
        }
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("z80 has no register '" + name + "'");
    }
}
