package dev.machina.cpu.arm.a64.recomp;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translated classes shared by all A64 CPUs of the JVM, keyed by guest address and the exact
 * instruction words of the region: a forked process, or the same program run again, gets a new block object of
 * an existing class, whose method HotSpot has already compiled. Least recently used classes are
 * forgotten beyond {@value #CAPACITY} (a forgotten class unloads once no CPU's cache holds a block
 * of it). Thread-safe: guest processes run on threads of their own.
 */
final class SharedTranslations {
    /** Classes remembered. */
    static final int CAPACITY = 16_384;

    /** One translated class: what it was made from, and its constructor. */
    record Translation(long address, long end, int instructions, int[] key, long target0, long target1, MethodHandle constructor) {
        /** A new block of this class. */
        A64Block instantiate() {
            try {
                return (A64Block) constructor.invoke(address, end, instructions, target0, target1);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot instantiate the block at 0x" + Long.toHexString(address) + ": " + t, t);
            }
        }
    }

    private final Map<Long, Translation> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Translation> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The class made at {@code address} from exactly the code described by {@code key}, or null. */
    synchronized Translation find(long address, int[] key) {
        Translation e = entries.get(address);
        return e != null && Arrays.equals(e.key(), key) ? e : null;
    }

    synchronized void add(Translation e) {
        entries.put(e.address(), e);
    }
}
