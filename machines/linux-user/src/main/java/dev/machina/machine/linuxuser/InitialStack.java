package dev.machina.machine.linuxuser;

import dev.machina.cpu.arm.a64.PagedMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a new process's stack as Linux's {@code create_elf_tables} does: from the top, the
 * file name (AT_EXECFN), environment and argument strings, the platform string, 16 random bytes
 * (AT_RANDOM); then, 16-byte aligned, argc, argv[] + NULL, envp[] + NULL and the auxiliary
 * vector ending in AT_NULL. SP points at argc.
 */
final class InitialStack {
    static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9,
            AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
            AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31;

    /**
     * What the interpreter implements, as arm64 HWCAP bits (arch/arm64/include/uapi/asm/hwcap.h):
     * HWCAP_FP (0), HWCAP_ASIMD (1), HWCAP_CRC32 (7), HWCAP_ATOMICS (8, LSE: CAS, CASP, LD&lt;op&gt;,
     * SWP). Not AES/PMULL/SHA, half-precision arithmetic (FPHP/ASIMDHP), CPUID or later extensions.
     */
    static final long HWCAP = 1 | 2 | 1 << 7 | 1 << 8;

    private InitialStack() {
    }

    /**
     * Writes the stack into {@code mem} below {@code top} and returns the initial SP.
     *
     * @param auxv pairs (type, value) without AT_NULL, AT_RANDOM, AT_EXECFN and AT_PLATFORM, which are added here
     */
    static long build(PagedMemory mem, long top, List<String> argv, List<String> envp, String execfn, List<long[]> auxv, byte[] random16) {
        long p = top;
        p = pushString(mem, p, execfn);
        long execfnAddr = p;
        List<Long> envAddrs = new ArrayList<>();
        for (int k = envp.size() - 1; k >= 0; k--) {
            p = pushString(mem, p, envp.get(k));
            envAddrs.add(0, p);
        }
        List<Long> argAddrs = new ArrayList<>();
        for (int k = argv.size() - 1; k >= 0; k--) {
            p = pushString(mem, p, argv.get(k));
            argAddrs.add(0, p);
        }
        p = pushString(mem, p, "aarch64");
        long platform = p;
        p = (p - 16) & ~15L;
        mem.copyIn(p, random16, 0, 16, true);
        long random = p;
        List<long[]> aux = new ArrayList<>(auxv);
        aux.add(new long[] {AT_PLATFORM, platform});
        aux.add(new long[] {AT_RANDOM, random});
        aux.add(new long[] {AT_EXECFN, execfnAddr});
        aux.add(new long[] {AT_NULL, 0});
        int words = 1 + argv.size() + 1 + envp.size() + 1 + 2 * aux.size();
        long sp = (p - 8L * words) & ~15L;
        long w = sp;
        w = put(mem, w, argv.size());
        for (long a : argAddrs) {
            w = put(mem, w, a);
        }
        w = put(mem, w, 0);
        for (long a : envAddrs) {
            w = put(mem, w, a);
        }
        w = put(mem, w, 0);
        for (long[] kv : aux) {
            w = put(mem, w, kv[0]);
            w = put(mem, w, kv[1]);
        }
        return sp;
    }

    private static long pushString(PagedMemory mem, long p, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p -= b.length + 1;
        mem.copyIn(p, b, 0, b.length, true);
        mem.copyIn(p + b.length, new byte[1], 0, 1, true);
        return p;
    }

    private static long put(PagedMemory mem, long w, long v) {
        mem.write64(w, v);
        return w + 8;
    }
}
