package dev.machina.core.memory;

/** Serves 8-bit writes to an I/O region of an {@link AddressSpace}. */
@FunctionalInterface
public interface WriteHandler {
    /**
     * @param offset address minus the region's start, after mirror bits are removed
     * @param value  the byte written, 0..255
     */
    void write(int offset, int value);
}
