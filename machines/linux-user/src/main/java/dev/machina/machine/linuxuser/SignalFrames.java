package dev.machina.machine.linuxuser;

import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.PagedMemory;

/**
 * Runs guest signal handlers the way the arm64 kernel does (arch/arm64/kernel/signal.c):
 * {@link #enter} pushes a {@code struct rt_sigframe} (siginfo, then a ucontext whose
 * {@code sigcontext} holds X0..X30, SP, PC, PSTATE and an {@code fpsimd_context} record) and
 * enters the handler with X0 = signal, X1 = &amp;siginfo, X2 = &amp;ucontext, X30 = the
 * sa_restorer or a {@code rt_sigreturn} trampoline page; {@link #leave} ({@code rt_sigreturn})
 * restores every register and the signal mask from that frame.
 */
final class SignalFrames {
    static final long SA_SIGINFO = 4, SA_ONSTACK = 0x08000000L, SA_RESTORER = 0x04000000L, SA_NODEFER = 0x40000000L, SA_RESETHAND = 0x80000000L;
    private static final int SIGINFO = 0;
    private static final int UCONTEXT = 128;
    private static final int UC_SIGMASK = UCONTEXT + 40;
    private static final int MCONTEXT = UCONTEXT + 176;
    private static final int REGS = MCONTEXT + 8;
    private static final int SP = MCONTEXT + 256;
    private static final int PC = MCONTEXT + 264;
    private static final int PSTATE = MCONTEXT + 272;
    private static final int FPSIMD = MCONTEXT + 288;
    private static final int FRAME_SIZE = UCONTEXT + 176 + 288 + 4096;

    private SignalFrames() {
    }

    /** Maps the trampoline page (once per address space). */
    static long trampoline(PagedMemory m) {
        long page = AddressSpaceLayout.TRAMPOLINE;
        if (!m.isMapped(page)) {
            m.map(page, PagedMemory.PAGE_SIZE, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
            m.write32(page, 0xD2801168); // mov x8, #139 (rt_sigreturn)
            m.write32(page + 4, 0xD4000001); // svc #0
            m.protect(page, PagedMemory.PAGE_SIZE, PagedMemory.PROT_READ | PagedMemory.PROT_EXEC);
        }
        return page;
    }

    /**
     * Enters the handler of {@code sig} for {@code proc}; execution resumes at {@code cpu.npc}
     * when the handler returns.
     *
     * @param code  si_code (SI_USER 0, SI_TKILL -6, SEGV_MAPERR 1, ILL_ILLOPC 1, ...)
     * @param addr  si_addr for faults, else 0
     */
    static void enter(GuestProcess proc, A64Cpu cpu, int sig, int code, long addr) {
        long[] act = proc.sigactions[sig];
        long handler = act[0];
        long flags = act[1];
        PagedMemory m = proc.memory;
        long frame = ((cpu.sp - FRAME_SIZE - 16) & ~15L);
        m.zero(frame, FRAME_SIZE + 16);
        m.write32(frame + SIGINFO, sig);
        m.write32(frame + SIGINFO + 8, code);
        if (addr != 0) {
            m.write64(frame + SIGINFO + 16, addr);
        } else {
            m.write32(frame + SIGINFO + 16, proc.pid);
        }
        m.write64(frame + UC_SIGMASK, proc.sigmask);
        m.write64(frame + MCONTEXT, addr);
        for (int r = 0; r < 31; r++) {
            m.write64(frame + REGS + 8L * r, cpu.x[r]);
        }
        m.write64(frame + SP, cpu.sp);
        m.write64(frame + PC, cpu.npc);
        m.write64(frame + PSTATE, cpu.nzcv() & 0xffffffffL);
        m.write32(frame + FPSIMD, 0x46508001);
        m.write32(frame + FPSIMD + 4, 528);
        m.write32(frame + FPSIMD + 8, cpu.fpsr);
        m.write32(frame + FPSIMD + 12, cpu.fpcr);
        for (int v = 0; v < 64; v++) {
            m.write64(frame + FPSIMD + 16 + 8L * v, cpu.vreg[v]);
        }
        // frame record {fp, lr} above the frame, as the kernel links it for unwinders
        m.write64(frame + FRAME_SIZE, cpu.x[29]);
        m.write64(frame + FRAME_SIZE + 8, cpu.npc);
        long restorer = (flags & SA_RESTORER) != 0 && act[2] != 0 ? act[2] : trampoline(m);
        if ((flags & SA_NODEFER) == 0) {
            proc.sigmask |= 1L << (sig - 1);
        }
        proc.sigmask |= act[3];
        if ((flags & SA_RESETHAND) != 0) {
            act[0] = 0;
        }
        cpu.x[0] = sig;
        cpu.x[1] = frame + SIGINFO;
        cpu.x[2] = frame + UCONTEXT;
        cpu.x[29] = frame + FRAME_SIZE;
        cpu.x[30] = restorer;
        cpu.sp = frame;
        cpu.npc = handler;
    }

    /** rt_sigreturn: restores the state saved by {@link #enter} from the frame at SP. */
    static void leave(GuestProcess proc, A64Cpu cpu) {
        PagedMemory m = proc.memory;
        long frame = cpu.sp;
        proc.sigmask = m.read64(frame + UC_SIGMASK) & ~((1L << 8) | (1L << 18)); // SIGKILL, SIGSTOP never blocked
        for (int r = 0; r < 31; r++) {
            cpu.x[r] = m.read64(frame + REGS + 8L * r);
        }
        cpu.sp = m.read64(frame + SP);
        cpu.npc = m.read64(frame + PC);
        cpu.setNzcv((int) (m.read64(frame + PSTATE) >>> 28) & 15);
        if (m.read32(frame + FPSIMD) == 0x46508001) {
            cpu.fpsr = m.read32(frame + FPSIMD + 8);
            cpu.fpcr = m.read32(frame + FPSIMD + 12);
            for (int v = 0; v < 64; v++) {
                cpu.vreg[v] = m.read64(frame + FPSIMD + 16 + 8L * v);
            }
        }
    }
}
