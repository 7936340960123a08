package dev.machina.cpu.arm.a64;

import java.util.ArrayList;
import java.util.List;

/**
 * The A64 decode table: every implemented encoding as an {@link Insn} row, built from the
 * instruction-group classes ({@link DataProcessingImmediate}, {@link Branches},
 * {@link LoadStore}, {@link DataProcessingRegister}, {@link FloatingPoint}, {@link AdvancedSimd}).
 * The interpreter dispatches through {@link #lookup} and the disassembler formats through the
 * same row, so an instruction is defined in one place.
 *
 * <p>Lookup indexes rows by instruction bits 31..21 (2,048 buckets, each holding the rows
 * whose fixed bits there agree), then tries the bucket's rows in table order.
 */
public final class DecodeTable {
    private static final DecodeTable INSTANCE = build();

    private final List<Insn> rows;
    private final Insn[][] buckets = new Insn[2048][];

    private DecodeTable(List<Insn> rows) {
        this.rows = List.copyOf(rows);
        for (int b = 0; b < 2048; b++) {
            int hi = b << 21;
            List<Insn> in = new ArrayList<>();
            for (Insn r : rows) {
                if (((hi ^ r.match()) & r.mask() & 0xFFE00000) == 0) {
                    in.add(r);
                }
            }
            buckets[b] = in.toArray(Insn[]::new);
        }
    }

    /** The table (built once). */
    public static DecodeTable a64() {
        return INSTANCE;
    }

    /** Every row in table order. */
    public List<Insn> rows() {
        return rows;
    }

    /** The row {@code insn} belongs to, or null for an unallocated or unimplemented encoding. */
    public Insn lookup(int insn) {
        for (Insn r : buckets[insn >>> 21]) {
            if ((insn & r.mask()) == r.match()) {
                return r;
            }
        }
        return null;
    }

    private static DecodeTable build() {
        List<Insn> rows = new ArrayList<>();
        Branches.register(rows);
        DataProcessingImmediate.register(rows);
        DataProcessingRegister.register(rows);
        LoadStore.register(rows);
        FloatingPoint.register(rows);
        AdvancedSimd.register(rows);
        return new DecodeTable(rows);
    }
}
