package dev.machina.machine.linuxuser;

import dev.machina.cpu.arm.a64.PagedMemory;

/**
 * Where a Linux process's memory goes: the program break ({@code brk}) above the executable,
 * {@code mmap} areas placed top-down below {@link #MMAP_TOP}, and the stack below
 * {@link #STACK_TOP} (the arm64 kernel's layout with 48-bit virtual addresses, without
 * randomization).
 */
final class AddressSpaceLayout {
    /** One past the top of the initial stack. */
    static final long STACK_TOP = 0x0000_FFFF_FFFF_F000L;
    /** Stack size mapped up front: 8 MiB (the usual RLIMIT_STACK). */
    static final long STACK_SIZE = 8L << 20;
    /** mmap placement starts below this address. */
    static final long MMAP_TOP = 0x0000_FFFF_F000_0000L - STACK_SIZE;
    /** The signal-return trampoline page (the vDSO's {@code __kernel_rt_sigreturn}), above the stack. */
    static final long TRAMPOLINE = STACK_TOP;
    /** Where a position-independent executable is loaded. */
    static final long PIE_BASE = 0x0000_AAAA_AAAA_0000L;
    /** Where the dynamic linker (PT_INTERP) is loaded. */
    static final long INTERP_BASE = 0x0000_FFFF_B7E0_0000L;

    final PagedMemory memory;
    long brkStart;
    long brk;
    private long mmapNext = MMAP_TOP;

    AddressSpaceLayout(PagedMemory memory) {
        this.memory = memory;
    }

    /** The same layout state over {@code copy} (fork). */
    AddressSpaceLayout copyFor(PagedMemory copy) {
        AddressSpaceLayout l = new AddressSpaceLayout(copy);
        l.brkStart = brkStart;
        l.brk = brk;
        l.mmapNext = mmapNext;
        return l;
    }

    /** Sets the initial break just above the loaded image. */
    void setBrk(long end) {
        brkStart = brk = PagedMemory.roundUp(end);
    }

    /** The brk syscall: returns the new break, or the old one when the request cannot be met. */
    long brk(long request) {
        if (request < brkStart) {
            return brk;
        }
        long oldTop = PagedMemory.roundUp(brk);
        long newTop = PagedMemory.roundUp(request);
        if (newTop > oldTop) {
            if (!memory.isFree(oldTop, newTop - oldTop)) {
                return brk;
            }
            memory.map(oldTop, newTop - oldTop, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        } else if (newTop < oldTop) {
            memory.unmap(newTop, oldTop - newTop);
        }
        brk = request;
        return brk;
    }

    /**
     * Finds {@code length} free bytes (page multiple) for mmap: at {@code hint} when free,
     * else top-down below the last placement.
     *
     * @return the address, or -1 when the space is exhausted
     */
    long findFree(long hint, long length) {
        if (hint != 0 && (hint & 0xFFF) == 0 && hint + length <= MMAP_TOP && memory.isFree(hint, length)) {
            return hint;
        }
        long a = (mmapNext - length) & ~0xFFFL;
        while (a > brk + (1L << 30)) {
            if (memory.isFree(a, length)) {
                mmapNext = a;
                return a;
            }
            a -= 0x1000;
        }
        return -1;
    }
}
