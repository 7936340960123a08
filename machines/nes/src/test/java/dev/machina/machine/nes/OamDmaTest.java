package dev.machina.machine.nes;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** NESdev wiki "DMA": 1 halt cycle, +1 alignment cycle if needed, then 256 get/put pairs: 513 or 514 cycles. */
class OamDmaTest {

    private static int run(boolean firstCycleIsGet, List<Integer> written, List<Integer> readAddresses) {
        OamDma dma = new OamDma(a -> {
            readAddresses.add(a);
            return (a * 7) & 0xFF;
        }, (reg, v) -> {
            assertEquals(0x2004, reg);
            written.add(v);
            return 0;
        });
        dma.start(0x03);
        boolean get = firstCycleIsGet;
        int cycles = 0;
        while (dma.active()) {
            dma.cycle(get);
            get = !get;
            cycles++;
        }
        return cycles;
    }

    @Test
    void haltOnPutCycleTakes513() {
        List<Integer> w = new ArrayList<>();
        List<Integer> r = new ArrayList<>();
        assertEquals(513, run(false, w, r));
        assertEquals(256, w.size());
        assertEquals(0x0300, r.get(0));
        assertEquals(0x03FF, r.get(255));
        assertEquals((0x0305 * 7) & 0xFF, w.get(5));
    }

    @Test
    void haltOnGetCycleNeedsAlignmentAndTakes514() {
        assertEquals(514, run(true, new ArrayList<>(), new ArrayList<>()));
    }
}
