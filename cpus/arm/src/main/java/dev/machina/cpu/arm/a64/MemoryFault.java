package dev.machina.cpu.arm.a64;

/**
 * A guest data or instruction access to an unmapped page or without permission: the CPU turns
 * it into {@code SIGSEGV} (si_code {@code SEGV_MAPERR} or {@code SEGV_ACCERR}) for the guest.
 */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The faulting virtual address. */
    public final long address;
    /** True for a store. */
    public final boolean write;
    /** True when the page is mapped but lacks the permission (SEGV_ACCERR). */
    public final boolean permission;

    /** A fault at {@code address}. */
    public MemoryFault(long address, boolean write, boolean permission) {
        super(null, null, false, false);
        this.address = address;
        this.write = write;
        this.permission = permission;
    }

    @Override
    public String getMessage() {
        return (write ? "write to " : "read of ") + (permission ? "protected" : "unmapped") + " address 0x" + Long.toHexString(address);
    }
}
