package dev.machina.core.recomp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockCacheTest {
    static final class Block extends TranslatedBlock {
        Block(long address, int mode, long end) {
            super(address, mode, end);
        }
    }

    private final List<String> marks = new ArrayList<>();

    private BlockCache<Block> cache(int threshold) {
        BlockCache<Block> c = new BlockCache<>(8, threshold);
        c.setPageListener((page, marked) -> marks.add((marked ? "+" : "-") + Long.toHexString(page)));
        return c;
    }

    @Test
    void blocksAreFoundByAddressAndMode() {
        BlockCache<Block> c = cache(10);
        Block a = new Block(0x1234, 0, 0x1240);
        Block t = new Block(0x1234, 1, 0x1238);
        c.put(a);
        c.put(t);
        assertSame(a, c.get(0x1234, 0));
        assertSame(t, c.get(0x1234, 1));
        assertNull(c.get(0x1235, 0));
        assertEquals(2, c.size());
        assertEquals(List.of("+12"), marks);
    }

    @Test
    void manyBlocksSurviveFrontTableCollisions() {
        BlockCache<Block> c = cache(10);
        List<Block> all = new ArrayList<>();
        for (long a = 0; a < 40_000; a += 3) {
            Block b = new Block(a, 0, a + 3);
            all.add(b);
            c.put(b);
        }
        for (Block b : all) {
            assertSame(b, c.get(b.address, 0));
        }
    }

    @Test
    void aWriteDropsExactlyTheBlocksOnItsPage() {
        BlockCache<Block> c = cache(10);
        Block inPage = new Block(0x0310, 0, 0x0320);
        Block spanning = new Block(0x02F0, 0, 0x0305);   // pages 2 and 3
        Block other = new Block(0x0410, 0, 0x0420);
        c.put(inPage);
        c.put(spanning);
        c.put(other);
        inPage.link0 = other;
        marks.clear();
        assertEquals(2, c.invalidate(0x03AB));
        assertTrue(inPage.dead);
        assertTrue(spanning.dead);
        assertNull(inPage.link0, "links of a dead block are cleared");
        assertFalse(other.dead);
        assertNull(c.get(0x0310, 0));
        assertNull(c.get(0x02F0, 0));
        assertSame(other, c.get(0x0410, 0));
        assertFalse(c.hasCode(2), "page 2 held only the spanning block");
        assertFalse(c.hasCode(3));
        assertTrue(c.hasCode(4));
        assertEquals(List.of("-3", "-2"), marks);
        assertEquals(0, c.invalidate(0x0300), "nothing left on page 3");
    }

    @Test
    void replacingABlockKillsTheOldOne() {
        BlockCache<Block> c = cache(10);
        Block old = new Block(0x100, 0, 0x110);
        Block neu = new Block(0x100, 0, 0x108);
        c.put(old);
        c.put(neu);
        assertTrue(old.dead);
        assertFalse(neu.dead);
        assertSame(neu, c.get(0x100, 0));
        assertEquals(1, c.size());
        assertTrue(c.hasCode(1));
        assertEquals(2, c.translations());
        assertEquals(1, c.invalidations());
    }

    @Test
    void rangesAndFlushDropEverythingCovered() {
        BlockCache<Block> c = cache(10);
        for (long p = 0; p < 8; p++) {
            c.put(new Block(p << 8, 0, (p << 8) + 16));
        }
        assertEquals(4, c.invalidateRange(0x0280, 0x0501), "pages 2, 3, 4 and 5");
        assertEquals(4, c.size());
        assertTrue(c.hasCode(1));
        assertFalse(c.hasCode(5));
        assertTrue(c.hasCode(6));
        c.flush();
        assertEquals(0, c.size());
        for (long p = 0; p < 8; p++) {
            assertFalse(c.hasCode(p));
        }
    }

    @Test
    void tierUpCountsEntries() {
        BlockCache<Block> c = cache(3);
        assertFalse(c.hot(0x800, 0));
        assertFalse(c.hot(0x800, 0));
        assertTrue(c.hot(0x800, 0), "third entry reaches the threshold");
        BlockCache<Block> eager = cache(1);
        assertTrue(eager.hot(0x800, 0), "threshold 1 translates at the first entry");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BlockCache<Block>(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockCache<Block>(8, -1));
        assertThrows(IllegalArgumentException.class, () -> new Block(0x10, 0, 0x10));
        assertThrows(IllegalArgumentException.class, () -> new Block(0x10, 256, 0x11));
    }
}
