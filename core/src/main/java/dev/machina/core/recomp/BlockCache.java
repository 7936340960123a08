package dev.machina.core.recomp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The translated blocks of one CPU, keyed by (guest address, mode bits), with per-page code marks
 * so that a store to guest code drops exactly the blocks on that page (DESIGN.md, Recompilers).
 *
 * <p>Lookups go through a direct-mapped front table of {@value #FRONT_SIZE} entries, then a hash
 * map. Entry counting for tier-up uses a direct-mapped table of counters, so two addresses that
 * share a slot count together and one of them may be translated a little early; that only moves
 * the moment of translation, never the result.
 *
 * <p>Addresses are unsigned guest addresses below 2<sup>56</sup>. Not thread-safe: one cache per
 * CPU, used by the thread that runs it.
 *
 * @param <B> the ISA's block type
 */
public final class BlockCache<B extends TranslatedBlock> {
    /** Number of entries of the direct-mapped front table and of the tier-up counter table. */
    public static final int FRONT_SIZE = 4096;

    /** Told when a page gets its first translated block or loses its last one. */
    @FunctionalInterface
    public interface PageListener {
        /**
         * @param page   page number ({@code address >>> pageBits})
         * @param marked true when the page now holds translated code, false when it no longer does
         */
        void codePage(long page, boolean marked);
    }

    private final int pageBits;
    private final int hotThreshold;
    private final TranslatedBlock[] front = new TranslatedBlock[FRONT_SIZE];
    private final long[] counterTag = new long[FRONT_SIZE];
    private final int[] counter = new int[FRONT_SIZE];
    private final Map<Long, B> blocks = new HashMap<>();
    private final Map<Long, List<B>> pages = new HashMap<>();
    private PageListener listener = (page, marked) -> { };
    private long translations;
    private long invalidations;

    /**
     * @param pageBits     log2 of the invalidation page size in bytes, 1..40 (e.g. 8 for 256-byte
     *                     pages on a 64 KiB space, 12 for 4 KiB pages)
     * @param hotThreshold interpreted entries after which {@link #hot} says to translate; 0 or 1
     *                     translates at the first entry
     * @throws IllegalArgumentException when an argument is out of range
     */
    public BlockCache(int pageBits, int hotThreshold) {
        if (pageBits < 1 || pageBits > 40) {
            throw new IllegalArgumentException("pageBits " + pageBits + " out of range 1..40");
        }
        if (hotThreshold < 0) {
            throw new IllegalArgumentException("hotThreshold " + hotThreshold + " is negative");
        }
        this.pageBits = pageBits;
        this.hotThreshold = hotThreshold;
        java.util.Arrays.fill(counterTag, -1L);
    }

    /** log2 of the page size in bytes. */
    public int pageBits() {
        return pageBits;
    }

    /** Sets the listener for page marks (default: none). */
    public void setPageListener(PageListener listener) {
        this.listener = listener == null ? (page, marked) -> { } : listener;
    }

    private static long key(long address, int mode) {
        return address << 8 | mode;
    }

    private static int slot(long address, int mode) {
        long h = (address ^ (address >>> 17) ^ ((long) mode << 9)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 52);
    }

    /**
     * The live block for {@code (address, mode)}, or null.
     *
     * @param address guest address
     * @param mode    mode bits, 0..255
     */
    @SuppressWarnings("unchecked")
    public B get(long address, int mode) {
        int s = slot(address, mode);
        TranslatedBlock f = front[s];
        if (f != null && f.address == address && f.mode == mode) {
            return (B) f;
        }
        B b = blocks.get(key(address, mode));
        if (b != null) {
            front[s] = b;
        }
        return b;
    }

    /**
     * Counts one interpreted entry at {@code (address, mode)}.
     *
     * @return true when the block should now be translated (the count reached the threshold)
     */
    public boolean hot(long address, int mode) {
        if (hotThreshold <= 1) {
            return true;
        }
        int s = slot(address, mode);
        long tag = key(address, mode);
        if (counterTag[s] != tag) {
            counterTag[s] = tag;
            counter[s] = 1;
            return false;
        }
        if (++counter[s] >= hotThreshold) {
            counter[s] = 0;
            return true;
        }
        return false;
    }

    /**
     * Adds a block, replacing (and killing) any block with the same address and mode, and marks
     * the pages it covers.
     */
    public void put(B block) {
        long k = key(block.address, block.mode);
        B old = blocks.put(k, block);
        if (old != null) {
            remove(old, Long.MIN_VALUE);
        }
        front[slot(block.address, block.mode)] = block;
        translations++;
        long first = block.address >>> pageBits;
        long last = (block.endAddress - 1) >>> pageBits;
        for (long p = first; ; p++) {
            List<B> list = pages.computeIfAbsent(p, x -> new ArrayList<>(4));
            list.add(block);
            if (list.size() == 1) {
                listener.codePage(p, true);
            }
            if (p == last) {
                break;
            }
        }
    }

    /**
     * Drops every block with a byte on the page of {@code address}.
     *
     * @return the number of blocks dropped
     */
    public int invalidate(long address) {
        long page = address >>> pageBits;
        List<B> list = pages.remove(page);
        if (list == null) {
            return 0;
        }
        listener.codePage(page, false);
        for (B b : list) {
            blocks.remove(key(b.address, b.mode), b);
            remove(b, page);
        }
        return list.size();
    }

    /**
     * Drops every block with a byte on a page that overlaps {@code [start, endExclusive)}.
     *
     * @return the number of blocks dropped
     */
    public int invalidateRange(long start, long endExclusive) {
        if (Long.compareUnsigned(endExclusive, start) <= 0) {
            return 0;
        }
        int n = 0;
        long first = start >>> pageBits;
        long last = (endExclusive - 1) >>> pageBits;
        if (last - first > pages.size()) {
            for (Long p : new ArrayList<>(pages.keySet())) {
                if (p >= first && p <= last) {
                    n += invalidate(p << pageBits);
                }
            }
            return n;
        }
        for (long p = first; ; p++) {
            n += invalidate(p << pageBits);
            if (p == last) {
                break;
            }
        }
        return n;
    }

    /** Kills {@code b} and unlists it from every page but {@code skipPage}. */
    private void remove(B b, long skipPage) {
        b.kill();
        invalidations++;
        int s = slot(b.address, b.mode);
        if (front[s] == b) {
            front[s] = null;
        }
        long first = b.address >>> pageBits;
        long last = (b.endAddress - 1) >>> pageBits;
        for (long p = first; ; p++) {
            if (p != skipPage) {
                List<B> list = pages.get(p);
                if (list != null && list.remove(b) && list.isEmpty()) {
                    pages.remove(p);
                    listener.codePage(p, false);
                }
            }
            if (p == last) {
                break;
            }
        }
    }

    /** Drops every block, e.g. when a save state is loaded. */
    public void flush() {
        for (Long p : new ArrayList<>(pages.keySet())) {
            invalidate(p << pageBits);
        }
        blocks.values().forEach(TranslatedBlock::kill);
        blocks.clear();
        java.util.Arrays.fill(front, null);
        java.util.Arrays.fill(counterTag, -1L);
    }

    /** Whether page {@code page} ({@code address >>> pageBits}) holds translated code. */
    public boolean hasCode(long page) {
        return pages.containsKey(page);
    }

    /** Blocks translated since creation (including replaced and dropped ones). */
    public long translations() {
        return translations;
    }

    /** Blocks dropped since creation (invalidated, replaced or flushed). */
    public long invalidations() {
        return invalidations;
    }

    /** Live blocks now in the cache. */
    public int size() {
        return blocks.size();
    }
}
