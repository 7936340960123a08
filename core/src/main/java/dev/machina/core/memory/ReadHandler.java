package dev.machina.core.memory;

/** Serves 8-bit reads from an I/O region of an {@link AddressSpace}. */
@FunctionalInterface
public interface ReadHandler {
    /**
     * @param offset address minus the region's start, after the region's mirror bits are
     *               removed: in [0, region size)
     * @return the byte read, 0..255 (higher bits are ignored)
     */
    int read(int offset);
}
