package dev.machina.machine.nes;

import java.util.Objects;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * The 2A03's sprite DMA unit ($4014; NESdev wiki "PPU registers" OAMDMA and "DMA"). A write of
 * page XX copies CPU $XX00-$XXFF to the PPU's OAMDATA, halting the CPU: one halt cycle, one
 * more alignment cycle when the cycle after it is a "put" cycle, then 256 pairs of a "get"
 * (read) cycle and a "put" (write) cycle: 513 or 514 CPU cycles in all.
 *
 * <p>The machine calls {@link #cycle(boolean)} instead of running the CPU for every CPU cycle
 * while {@link #active()} (the PPU and APU keep ticking). DMC DMA stealing cycles during an
 * OAM DMA is not modelled here.
 */
public final class OamDma {
    private final IntUnaryOperator read;
    private final IntBinaryOperator write;
    private int page;
    private int index;
    private boolean active;
    private boolean halted;
    private boolean aligned;
    private int data;
    private boolean haveData;

    /**
     * @param read  a CPU bus read, address 0..$FFFF -&gt; 0..255
     * @param write the OAMDATA write; called as {@code write(0x2004, value)}, return value ignored
     */
    public OamDma(IntUnaryOperator read, IntBinaryOperator write) {
        this.read = Objects.requireNonNull(read);
        this.write = Objects.requireNonNull(write);
    }

    /** The $4014 write: starts a transfer from page {@code value} (0..255). */
    public void start(int value) {
        page = (value & 0xFF) << 8;
        index = 0;
        active = true;
        halted = false;
        aligned = false;
        haveData = false;
    }

    /** True while the CPU is halted by the transfer. */
    public boolean active() {
        return active;
    }

    /**
     * One CPU cycle of the transfer.
     *
     * @param getCycle true on a "get" cycle (the first half of an APU cycle), false on a "put" cycle
     */
    public void cycle(boolean getCycle) {
        if (!active) {
            return;
        }
        if (!halted) {
            halted = true;
            return;
        }
        if (!aligned) {
            if (!getCycle) {
                return; // alignment: reads happen on get cycles only
            }
            aligned = true;
        }
        if (!haveData) {
            data = read.applyAsInt(page | index) & 0xFF;
            haveData = true;
        } else {
            write.applyAsInt(0x2004, data);
            haveData = false;
            if (++index == 256) {
                active = false;
            }
        }
    }
}
