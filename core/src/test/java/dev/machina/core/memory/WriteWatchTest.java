package dev.machina.core.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Write watching, the hook recompilers use to drop translated code (DESIGN.md, Recompilers). */
class WriteWatchTest {
    private final byte[] ram = new byte[0x800];
    private final List<Integer> seen = new ArrayList<>();

    /** A NES-like map: 2 KiB RAM at $0000 mirrored four times up to $1FFF. */
    private AddressSpace nesLike() {
        AddressSpace s = new AddressSpace("test", 16, 8, ByteOrder.LITTLE_ENDIAN);
        s.installRam(0x0000, 0x07FF, 0x1800, MemorySegment.ofArray(ram), 0);
        s.setWriteWatcher(seen::add);
        return s;
    }

    @Test
    void writesToAWatchedPageAreReportedAfterTheyLand() {
        AddressSpace s = nesLike();
        s.watchWrites(0x0300, true);
        assertTrue(s.isWatched(0x03FF));
        s.setWriteWatcher(a -> {
            seen.add(a);
            assertEquals(0x5A, ram[0x0312] & 0xFF, "the byte is in RAM when the watcher runs");
        });
        s.write8(0x0312, 0x5A);
        assertEquals(List.of(0x0312), seen);
        s.write8(0x0412, 0x01);
        assertEquals(List.of(0x0312), seen, "unwatched page: no report");
    }

    @Test
    void wideWritesReportEveryByte() {
        AddressSpace s = nesLike();
        s.watchWrites(0x0300, true);
        s.write16(0x0310, 0xBEEF);
        assertEquals(List.of(0x0310, 0x0311), seen);
        assertEquals(0xEF, ram[0x310] & 0xFF);
        assertEquals(0xBE, ram[0x311] & 0xFF);
    }

    @Test
    void writesThroughAMirrorAreReportedAtTheWatchedAddress() {
        AddressSpace s = nesLike();
        s.watchWrites(0x0300, true);
        s.write8(0x0B07, 0x11);   // $0B07 mirrors $0307
        s.write8(0x1B07, 0x22);   // and $1B07 too
        s.write8(0x1F07, 0x33);   // $1F07 mirrors $0707, not watched
        assertEquals(List.of(0x0307, 0x0307), seen);
        assertEquals(0x22, ram[0x307] & 0xFF);
    }

    @Test
    void unwatchingRestoresTheFastPathAndStopsReports() {
        AddressSpace s = nesLike();
        int v0 = s.mapVersion();
        s.watchWrites(0x0300, true);
        assertNotEquals(v0, s.mapVersion());
        s.watchWrites(0x0300, false);
        assertFalse(s.isWatched(0x0300));
        s.write8(0x0300, 1);
        s.write8(0x0B00, 2);
        assertEquals(List.of(), seen);
        assertEquals(2, ram[0x300]);
    }

    @Test
    void directReadsAreUnaffected() {
        AddressSpace s = nesLike();
        s.watchWrites(0x0300, true);
        ram[0x0345] = 0x77;
        byte[] arr = s.directReadArray(0x0345);
        assertArrayEquals(ram, arr);
        assertEquals(0x77, arr[s.directReadArrayIndex(0x0345)]);
    }

    @Test
    void aBankSwitchUnderAWatchedPageIsReported() {
        AddressSpace s = new AddressSpace("test", 16, 8, ByteOrder.LITTLE_ENDIAN);
        byte[] prg = new byte[0x8000];
        Bank b = new Bank("prg", MemorySegment.ofArray(prg), 0x4000, false);
        s.installBank(0x8000, 0xBFFF, 0, b);
        s.setWriteWatcher(seen::add);
        s.watchWrites(0x8100, true);
        b.select(1);
        assertTrue(seen.contains(0x8100), "remap of the watched page reported at its start: " + seen);
        assertFalse(seen.contains(0x8200), "pages not watched are not reported: " + seen);
    }
}
