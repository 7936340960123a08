package dev.machina.core.memory;

/**
 * Told when bytes on a watched page of an {@link AddressSpace} may have changed: after a write
 * lands there, and when the page is remapped (bank switch, install, unmap). Recompilers use it to
 * drop translated code whose guest bytes changed (DESIGN.md, Recompilers).
 */
@FunctionalInterface
public interface WriteWatcher {
    /**
     * @param address the address written (called once per byte written, after the write), or the
     *                first address of a page that was remapped
     */
    void written(int address);
}
