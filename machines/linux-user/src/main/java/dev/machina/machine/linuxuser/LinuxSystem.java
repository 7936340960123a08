package dev.machina.machine.linuxuser;

import dev.machina.core.media.MediaException;
import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.PagedMemory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated Linux system of one run: its processes (each a CPU and address space of its own,
 * each on its own JVM thread), process creation ({@code clone} as fork/vfork, {@code execve},
 * {@code wait4}), the ELF loading shared by the first process and execve, and the run's
 * console streams.
 */
final class LinuxSystem {
    final PrintStream err;
    final boolean strace;
    final Path sysroot;
    final long startNanos = System.nanoTime();
    private final InputStream in;
    private final PrintStream out;
    private final Map<Integer, GuestProcess> processes = new ConcurrentHashMap<>();
    private final Map<Integer, List<GuestProcess>> children = new ConcurrentHashMap<>();
    private int nextPid = 1000;
    private final long cycleLimit;
    /** Execution engine of every guest CPU ({@code machina run --engine}), default {@code auto}. */
    String engine = dev.machina.core.cpu.Engines.AUTO;

    LinuxSystem(InputStream in, PrintStream out, PrintStream err, boolean strace, Path sysroot, long cycleLimit) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.strace = strace;
        this.sysroot = sysroot;
        this.cycleLimit = cycleLimit;
    }

    /**
     * The host path of an absolute guest path: inside the sysroot when it exists there (as
     * qemu's {@code -L} does, so the dynamic linker finds the guest's libraries), else as is.
     */
    Path hostPath(String guestPath) {
        if (sysroot != null) {
            Path inRoot = sysroot.resolve(guestPath.substring(1));
            if (Files.exists(inRoot, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return inRoot;
            }
        }
        return Path.of(guestPath);
    }

    private synchronized int newPid() {
        return nextPid++;
    }

    /** Creates the first process running {@code program} with {@code argv}, stdin/stdout/stderr on the console. */
    GuestProcess start(ElfImage exe, ElfImage interp, Path program, List<String> argv, List<String> env) {
        GuestProcess p = new GuestProcess(newPid(), 1);
        p.files = new FileTable();
        boolean terminal = System.console() != null && System.console().isTerminal() && in == System.in;
        p.files.add(new ConsoleFile(in, null, terminal), 0, false);
        p.files.add(new ConsoleFile(null, out, terminal), 1, false);
        p.files.add(new ConsoleFile(null, err, terminal), 2, false);
        p.cwd = Path.of("").toAbsolutePath();
        exec(p, exe, interp, program, argv, env);
        processes.put(p.pid, p);
        return p;
    }

    /** Replaces {@code p}'s image: fresh memory and CPU, the ELF (and interpreter) loaded, the initial stack built. */
    private void exec(GuestProcess p, ElfImage exe, ElfImage interp, Path program, List<String> argv, List<String> env) {
        PagedMemory mem = new PagedMemory();
        AddressSpaceLayout layout = new AddressSpaceLayout(mem);
        ElfLoader.Loaded main = ElfLoader.load(exe, mem, AddressSpaceLayout.PIE_BASE);
        layout.setBrk(main.end());
        long entry = main.entry();
        long base = 0;
        if (interp != null) {
            ElfLoader.Loaded li = ElfLoader.load(interp, mem, AddressSpaceLayout.INTERP_BASE);
            entry = li.entry();
            base = li.bias();
        }
        mem.map(AddressSpaceLayout.STACK_TOP - AddressSpaceLayout.STACK_SIZE, AddressSpaceLayout.STACK_SIZE, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        byte[] rnd = new byte[16];
        new SecureRandom().nextBytes(rnd);
        List<long[]> aux = new ArrayList<>();
        aux.add(new long[] {InitialStack.AT_HWCAP, InitialStack.HWCAP});
        aux.add(new long[] {InitialStack.AT_PAGESZ, PagedMemory.PAGE_SIZE});
        aux.add(new long[] {InitialStack.AT_CLKTCK, 100});
        aux.add(new long[] {InitialStack.AT_PHDR, main.phdr()});
        aux.add(new long[] {InitialStack.AT_PHENT, 56});
        aux.add(new long[] {InitialStack.AT_PHNUM, exe.phnum()});
        aux.add(new long[] {InitialStack.AT_BASE, base});
        aux.add(new long[] {InitialStack.AT_FLAGS, 0});
        aux.add(new long[] {InitialStack.AT_ENTRY, main.entry()});
        aux.add(new long[] {InitialStack.AT_UID, HostIdentity.UID});
        aux.add(new long[] {InitialStack.AT_EUID, HostIdentity.UID});
        aux.add(new long[] {InitialStack.AT_GID, HostIdentity.GID});
        aux.add(new long[] {InitialStack.AT_EGID, HostIdentity.GID});
        aux.add(new long[] {InitialStack.AT_SECURE, 0});
        aux.add(new long[] {InitialStack.AT_HWCAP2, 0});
        long sp = InitialStack.build(mem, AddressSpaceLayout.STACK_TOP, argv, env, program.toString(), aux, rnd);
        A64Cpu cpu = new A64Cpu("maincpu", mem, null);
        cpu.setEngine(engine);
        cpu.sp = sp;
        cpu.pc = entry;
        cpu.npc = entry;
        A64Cpu old = p.cpu;
        p.memory = mem;
        p.layout = layout;
        p.cpu = cpu;
        p.executable = program.toAbsolutePath();
        java.util.Arrays.fill(p.sigactions[0], 0);
        for (long[] s : p.sigactions) {
            if (s[0] > 1) {
                java.util.Arrays.fill(s, 0); // handlers reset to default on exec; SIG_IGN stays
            }
        }
        cpu.setSupervisor(new Syscalls(this, p));
        if (old != null) {
            old.stopSlice();
        }
    }

    /** Loads the executable at {@code path} and its interpreter (resolved in the sysroot). */
    ElfImage[] loadImages(Path path, String shown) throws MediaException {
        ElfImage exe = ElfLoader.read(path, shown);
        ElfImage interp = null;
        if (exe.interpreter() != null) {
            if (sysroot == null) {
                throw new MediaException(shown + ": dynamically linked (interpreter " + exe.interpreter() + "); give --sysroot DIR holding it");
            }
            Path ip = sysroot.resolve(exe.interpreter().replaceFirst("^/+", ""));
            if (!Files.isRegularFile(ip)) {
                throw new MediaException(shown + ": interpreter " + exe.interpreter() + " not found under sysroot " + sysroot);
            }
            interp = ElfLoader.read(ip, ip.toString());
        }
        return new ElfImage[] {exe, interp};
    }

    /**
     * Runs {@code p} on the calling thread until it exits.
     *
     * @return false when the cycle limit was reached first
     */
    boolean run(GuestProcess p) {
        long used = 0;
        while (!p.exited) {
            A64Cpu cpu = p.cpu;
            takePendingSignal(p, cpu);
            used += cpu.execute(1_000_000);
            if (cycleLimit > 0 && used >= cycleLimit) {
                return false;
            }
        }
        if (strace) {
            err.println("[" + p.pid + "] exited after " + used + " instructions"
                    + (p.cpu.executionEngine() != null ? " (" + p.cpu.executionEngine() + ")" : ""));
        }
        p.files.closeAll();
        processes.remove(p.pid);
        synchronized (this) {
            notifyAll();
        }
        return true;
    }

    // ---- process syscalls ----------------------------------------------------------------------

    /** clone: fork and vfork (a copy of the address space, a new thread); threads are not supported. */
    long clone(GuestProcess parent, A64Cpu cpu, long flags, long stack, long parentTid, long childTid) {
        if ((flags & 0x100) != 0 && (flags & 0x4000) == 0) { // CLONE_VM without CLONE_VFORK: a thread
            throw new ErrnoException(Errno.ENOSYS);
        }
        GuestProcess child = new GuestProcess(newPid(), parent.pid);
        child.memory = parent.memory.copy();
        child.layout = parent.layout.copyFor(child.memory);
        child.cpu = new A64Cpu("maincpu", child.memory, null);
        child.cpu.setEngine(engine);
        child.cpu.copyRegistersFrom(cpu);
        child.cpu.pc = cpu.npc;
        child.cpu.npc = cpu.npc;
        child.cpu.x[0] = 0;
        if (stack != 0) {
            child.cpu.sp = stack;
        }
        child.files = parent.files.fork();
        child.cwd = parent.cwd;
        child.umask = parent.umask;
        child.executable = parent.executable;
        for (int s = 0; s < parent.sigactions.length; s++) {
            child.sigactions[s] = parent.sigactions[s].clone();
        }
        child.sigmask = parent.sigmask;
        child.cpu.setSupervisor(new Syscalls(this, child));
        processes.put(child.pid, child);
        children.computeIfAbsent(parent.pid, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(child);
        Thread t = new Thread(null, () -> run(child), "guest-" + child.pid, 64L << 20);
        t.setDaemon(true);
        t.start();
        if ((flags & 0x4000) != 0) { // CLONE_VFORK: the parent waits until the child execs or exits
            child.awaitExecOrExit();
        }
        return child.pid;
    }

    /** execve: replaces the calling process's image; returns only on failure. */
    long execve(GuestProcess p, A64Cpu cpu, long pathAddr, long argvAddr, long envAddr) throws IOException {
        PagedMemory m = p.memory;
        String path = new String(m.readCString(pathAddr, 4096), StandardCharsets.UTF_8);
        List<String> argv = strings(m, argvAddr);
        List<String> env = strings(m, envAddr);
        Path file = path.equals("/proc/self/exe") ? p.executable : path.startsWith("/") ? hostPath(path) : p.cwd.resolve(path);
        if (!Files.exists(file)) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (!Files.isExecutable(file) || Files.isDirectory(file)) {
            throw new ErrnoException(Errno.EACCES);
        }
        ElfImage[] images;
        try {
            byte[] head = new byte[4];
            try (var s = Files.newInputStream(file)) {
                int n = s.readNBytes(head, 0, 4);
                if (n >= 2 && head[0] == '#' && head[1] == '!') {
                    throw new ErrnoException(Errno.ENOEXEC); // scripts: the shell runs them itself
                }
            }
            images = loadImages(file, path);
        } catch (MediaException e) {
            throw new ErrnoException(Errno.ENOEXEC);
        }
        p.files.execClose();
        exec(p, images[0], images[1], file, argv, env);
        p.signalExecOrExit();
        return 0;
    }

    private static List<String> strings(PagedMemory m, long arrayAddr) {
        List<String> l = new ArrayList<>();
        if (arrayAddr == 0) {
            return l;
        }
        for (long a = arrayAddr; ; a += 8) {
            long s = m.read64(a);
            if (s == 0) {
                break;
            }
            l.add(new String(m.readCString(s, 1 << 17), StandardCharsets.UTF_8));
        }
        return l;
    }

    /** wait4: waits for a child (pid &gt; 0: that one; -1 or 0: any) to exit and reaps it. */
    long wait4(GuestProcess parent, int pid, long statusAddr, int options) {
        List<GuestProcess> mine = children.getOrDefault(parent.pid, List.of());
        synchronized (this) {
            while (true) {
                boolean any = false;
                for (GuestProcess c : mine) {
                    if (pid > 0 && c.pid != pid) {
                        continue;
                    }
                    any = true;
                    if (c.exited && !c.reaped) {
                        c.reaped = true;
                        mine.remove(c);
                        if (statusAddr != 0) {
                            parent.memory.write32(statusAddr, c.waitStatus);
                        }
                        return c.pid;
                    }
                }
                if (!any) {
                    throw new ErrnoException(Errno.ECHILD);
                }
                if ((options & 1) != 0) { // WNOHANG
                    return 0;
                }
                try {
                    wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ErrnoException(Errno.EINTR);
                }
            }
        }
    }

    /** kill for another process: ignored, the default action, or queued for the target's handler. */
    long killOther(int pid, int sig) {
        GuestProcess p = processes.get(pid);
        if (p == null) {
            throw new ErrnoException(Errno.ESRCH);
        }
        long h = p.sigactions[sig][0];
        if (h == 1 || (h == 0 && (sig == 17 || sig == 18 || sig == 23 || sig == 28))) {
            return 0;
        }
        if (h > 1 && sig != 9) {
            p.pendingSignals.getAndUpdate(m -> m | 1L << (sig - 1));
            p.cpu.stopSlice();
            return 0;
        }
        p.kill(sig);
        return 0;
    }

    /** Between instructions: enters the handler of the lowest pending, unblocked signal sent by another process. */
    static void takePendingSignal(GuestProcess p, A64Cpu cpu) {
        long ready = p.pendingSignals.get() & ~p.sigmask;
        if (ready == 0 || p.exited) {
            return;
        }
        int sig = Long.numberOfTrailingZeros(ready) + 1;
        p.pendingSignals.getAndUpdate(m -> m & ~(1L << (sig - 1)));
        if (p.sigactions[sig][0] <= 1) {
            return; // disposition changed meanwhile
        }
        cpu.npc = cpu.pc;
        SignalFrames.enter(p, cpu, sig, 0, 0);
        cpu.pc = cpu.npc;
    }
}
