package dev.machina.machine.linuxuser;

import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.A64Disassembler;
import dev.machina.cpu.arm.a64.MemoryFault;
import dev.machina.cpu.arm.a64.PagedMemory;
import dev.machina.cpu.arm.a64.Supervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The Linux AArch64 system-call layer: a {@link Supervisor} that takes {@code SVC #0} with the
 * number in X8 and arguments in X0..X5, performs it on the host through Java APIs and returns
 * the result (or {@code -errno}) in X0, following the kernel's syscall ABI
 * (Documentation/arch/arm64, man 2 syscall). It also turns CPU faults into the default action
 * of SIGSEGV, SIGILL and SIGTRAP. An unknown or unsupported call returns {@code -ENOSYS} and is
 * reported once by name on stderr.
 */
final class Syscalls implements Supervisor {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    private static final int O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000, O_APPEND = 02000,
            O_DIRECTORY = 040000, O_NOFOLLOW = 0100000, O_CLOEXEC = 02000000;
    private static final int SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGKILL = 9, SIGSEGV = 11, SIGPIPE = 13, SIGCHLD = 17,
            SIGCONT = 18, SIGURG = 23, SIGWINCH = 28;

    private final LinuxSystem system;
    private final GuestProcess proc;
    private final PrintStream err;
    private final boolean strace;
    private final Set<Integer> reported = new HashSet<>();
    private final SecureRandom random = new SecureRandom();

    Syscalls(LinuxSystem system, GuestProcess proc) {
        this.system = system;
        this.proc = proc;
        this.err = system.err;
        this.strace = system.strace;
    }

    // ---- CPU exceptions ------------------------------------------------------------------------

    @Override
    public void supervisorCall(A64Cpu cpu, int imm16) {
        int nr = (int) cpu.x[8];
        long[] a = {cpu.x[0], cpu.x[1], cpu.x[2], cpu.x[3], cpu.x[4], cpu.x[5]};
        String before = strace ? describe(nr, a) : null;
        long r;
        try {
            r = dispatch(cpu, nr, a);
        } catch (ErrnoException e) {
            r = -e.errno;
        } catch (MemoryFault f) {
            r = -Errno.EFAULT;
        } catch (IOException e) {
            r = -Errno.of(e);
        }
        if (strace) {
            err.println("[" + proc.pid + "] " + before + " = " + (r < 0 && r > -4096 ? r + " (errno " + (-r) + ")" : r >= 0 && r < 1 << 20 ? Long.toString(r) : "0x" + Long.toHexString(r)));
        }
        if (!proc.exited && nr != 139) {
            cpu.x[0] = r;
        }
        deliverPending(cpu);
    }

    /** Signals raised by this process for itself (kill, tgkill, raise, SIGPIPE) are taken at the end of the syscall. */
    private int pendingSignal;

    private void deliverPending(A64Cpu cpu) {
        int sig = pendingSignal;
        pendingSignal = 0;
        if (sig != 0 && !proc.exited) {
            SignalFrames.enter(proc, cpu, sig, -6, 0);
            return;
        }
        if (proc.pendingSignals.get() != 0 && !proc.exited) {
            cpu.pc = cpu.npc;
            LinuxSystem.takePendingSignal(proc, cpu);
        }
    }

    @Override
    public void undefinedInstruction(A64Cpu cpu, long pc, int insn) {
        if (handled(cpu, SIGILL, 1, pc)) {
            return;
        }
        fatalSignal(SIGILL, "illegal instruction 0x" + String.format("%08x", insn) + " (" + A64Disassembler.format(insn, pc) + ") at pc 0x" + Long.toHexString(pc));
    }

    @Override
    public void memoryFault(A64Cpu cpu, long pc, MemoryFault fault) {
        if (handled(cpu, SIGSEGV, fault.permission ? 2 : 1, fault.address)) {
            return;
        }
        fatalSignal(SIGSEGV, "segmentation fault: " + fault.getMessage() + " at pc 0x" + Long.toHexString(pc));
    }

    @Override
    public void breakpoint(A64Cpu cpu, long pc, int imm16) {
        if (handled(cpu, SIGTRAP, 1, pc)) {
            return;
        }
        fatalSignal(SIGTRAP, "breakpoint BRK #0x" + Integer.toHexString(imm16) + " at pc 0x" + Long.toHexString(pc));
    }

    /** Runs the guest's handler for a synchronous fault when it has one and has not blocked the signal. */
    private boolean handled(A64Cpu cpu, int sig, int code, long addr) {
        long handler = proc.sigactions[sig][0];
        if (handler > 1 && (proc.sigmask & (1L << (sig - 1))) == 0) {
            SignalFrames.enter(proc, cpu, sig, code, addr);
            return true;
        }
        return false;
    }

    /** A synchronous fault signal nobody handles: the default action, termination, with one line on stderr. */
    private void fatalSignal(int sig, String what) {
        err.println("machina: " + what);
        proc.kill(sig);
    }

    private static String signalName(int sig) {
        return switch (sig) {
            case SIGILL -> "SIGILL";
            case SIGTRAP -> "SIGTRAP";
            case SIGABRT -> "SIGABRT";
            case SIGBUS -> "SIGBUS";
            case SIGKILL -> "SIGKILL";
            case SIGSEGV -> "SIGSEGV";
            case SIGPIPE -> "SIGPIPE";
            default -> "signal " + sig;
        };
    }

    private void report(int key, String message) {
        if (reported.add(key)) {
            err.println("machina: " + message);
        }
    }

    // ---- dispatch ------------------------------------------------------------------------------

    private long dispatch(A64Cpu cpu, int nr, long[] a) throws IOException {
        PagedMemory m = proc.memory;
        return switch (nr) {
            case 17 -> getcwd(a[0], a[1]);
            case 23 -> proc.files.add(file(a[0]), 0, false);
            case 24 -> dup3(a[0], a[1], a[2]);
            case 25 -> fcntl(a[0], (int) a[1], a[2]);
            case 29 -> ioctl(a[0], a[1], a[2]);
            case 34 -> mkdirat(a[0], a[1], a[2]);
            case 35 -> unlinkat(a[0], a[1], a[2]);
            case 36 -> symlinkat(a[0], a[1], a[2]);
            case 37 -> linkat(a[0], a[1], a[2], a[3]);
            case 38, 276 -> renameat(a[0], a[1], a[2], a[3]);
            case 46 -> {
                file(a[0]).truncate(a[1]);
                yield 0;
            }
            case 48, 439 -> faccessat(a[0], a[1], a[2]);
            case 49 -> chdir(resolve(AT_FDCWD, a[0]));
            case 50 -> chdir(file(a[0]).path());
            case 52 -> chmod(file(a[0]).path(), a[1]);
            case 53 -> chmod(resolve(a[0], a[1]), a[2]);
            case 54, 55 -> 0; // chown: ownership is the host user's
            case 56 -> openat(a[0], a[1], (int) a[2], (int) a[3]);
            case 57 -> {
                proc.files.close(a[0]);
                yield 0;
            }
            case 59 -> pipe2(a[0], a[1]);
            case 61 -> getdents64(a[0], a[1], a[2]);
            case 62 -> file(a[0]).seek(a[1], (int) a[2]);
            case 63 -> read(a[0], a[1], a[2]);
            case 64 -> write(a[0], a[1], a[2]);
            case 65 -> readv(a[0], a[1], a[2]);
            case 66 -> writev(a[0], a[1], a[2]);
            case 67 -> pread(a[0], a[1], a[2], a[3]);
            case 68 -> pwrite(a[0], a[1], a[2], a[3]);
            case 71 -> sendfile(a[0], a[1], a[2], a[3]);
            case 73 -> ppoll(a[0], a[1], a[2]);
            case 78 -> readlinkat(a[0], a[1], a[2], a[3]);
            case 79 -> newfstatat(a[0], a[1], a[2], a[3]);
            case 80 -> {
                m.copyIn(a[1], file(a[0]).stat().encode(), 0, 128, false);
                yield 0;
            }
            case 82, 83 -> {
                file(a[0]);
                yield 0;
            }
            case 88 -> utimensat(a[0], a[1], a[2], a[3]);
            case 93, 94 -> {
                proc.exit((int) a[0]);
                yield 0;
            }
            case 96 -> {
                proc.clearChildTid = a[0];
                yield proc.pid;
            }
            case 98 -> futex(a[0], (int) a[1], a[2]);
            case 99 -> 0; // set_robust_list: one thread, nothing to clean up
            case 101 -> nanosleep(a[0], a[1]);
            case 113 -> clockGettime((int) a[0], a[1]);
            case 114 -> {
                if (a[1] != 0) {
                    m.write64(a[1], 0);
                    m.write64(a[1] + 8, 1);
                }
                yield 0;
            }
            case 115 -> nanosleep(a[2], a[3]);
            case 123 -> {
                if (a[1] < 8) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                m.zero(a[2], a[1]);
                m.write8(a[2], 1);
                yield 8;
            }
            case 124 -> 0;
            case 129, 130 -> kill(a[0], (int) a[1]);
            case 131 -> kill(a[1], (int) a[2]);
            case 132 -> 0; // sigaltstack: handlers run on the current stack
            case 134 -> sigaction((int) a[0], a[1], a[2]);
            case 139 -> {
                SignalFrames.leave(proc, cpu);
                yield 0;
            }
            case 135 -> sigprocmask((int) a[0], a[1], a[2]);
            case 153 -> times(a[0]);
            case 154 -> 0;
            case 155 -> proc.pid;
            case 157 -> proc.pid;
            case 158 -> getgroups((int) a[0], a[1]);
            case 160 -> uname(a[0]);
            case 163 -> rlimit((int) a[0], a[1]);
            case 165 -> {
                m.zero(a[1], 144);
                yield 0;
            }
            case 166 -> {
                int old = proc.umask;
                proc.umask = (int) a[0] & 0777;
                yield old;
            }
            case 167 -> -Errno.EINVAL;
            case 169 -> gettimeofday(a[0]);
            case 172 -> proc.pid;
            case 173 -> proc.parentPid;
            case 174, 175 -> HostIdentity.UID;
            case 176, 177 -> HostIdentity.GID;
            case 178 -> proc.pid;
            case 179 -> sysinfo(a[0]);
            case 214 -> proc.layout.brk(a[0]);
            case 215 -> munmap(a[0], a[1]);
            case 216 -> mremap(a[0], a[1], a[2], (int) a[3], a[4]);
            case 220 -> system.clone(proc, cpu, a[0], a[1], a[2], a[4]);
            case 221 -> system.execve(proc, cpu, a[0], a[1], a[2]);
            case 222 -> mmap(a[0], a[1], (int) a[2], (int) a[3], a[4], a[5]);
            case 226 -> mprotect(a[0], a[1], (int) a[2]);
            case 233 -> 0; // madvise: advice only
            case 260 -> system.wait4(proc, (int) a[0], a[1], (int) a[2]);
            case 261 -> prlimit((int) a[1], a[2], a[3]);
            case 278 -> getrandom(a[0], a[1]);
            case 291 -> statx(a[0], a[1], (int) a[2], a[4]);
            case 293 -> -Errno.ENOSYS; // rseq: declined; glibc works without it
            default -> {
                report(nr, "unsupported syscall " + SyscallNames.name(nr) + " (" + nr + ") at pc 0x" + Long.toHexString(cpu.pc) + ", returning ENOSYS");
                yield -Errno.ENOSYS;
            }
        };
    }

    private String describe(int nr, long[] a) {
        StringBuilder sb = new StringBuilder(SyscallNames.name(nr)).append('(');
        String f = SyscallNames.format(nr);
        for (int k = 0; k < f.length(); k++) {
            if (k > 0) {
                sb.append(", ");
            }
            switch (f.charAt(k)) {
                case 'd' -> sb.append(a[k] == AT_FDCWD ? "AT_FDCWD" : Long.toString(a[k]));
                case 'o' -> sb.append('0').append(Long.toOctalString(a[k]));
                case 's' -> {
                    try {
                        sb.append('"').append(string(a[k])).append('"');
                    } catch (RuntimeException e) {
                        sb.append("0x").append(Long.toHexString(a[k]));
                    }
                }
                default -> sb.append("0x").append(Long.toHexString(a[k]));
            }
        }
        return sb.append(')').toString();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private GuestFile file(long fd) {
        return proc.files.get(fd);
    }

    private String string(long addr) {
        if (addr == 0) {
            throw new ErrnoException(Errno.EFAULT);
        }
        return new String(proc.memory.readCString(addr, 4096), StandardCharsets.UTF_8);
    }

    /** The host path for a guest path relative to {@code dirfd}. */
    private Path resolve(long dirfd, long pathAddr) {
        String s = string(pathAddr);
        return resolve(dirfd, s);
    }

    private Path resolve(long dirfd, String s) {
        if (s.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (s.equals("/proc/self/exe") || s.equals("/proc/" + proc.pid + "/exe")) {
            return proc.executable;
        }
        if (s.startsWith("/")) {
            return system.hostPath(s);
        }
        Path base = (int) dirfd == AT_FDCWD ? proc.cwd : file(dirfd).path();
        if (base == null) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        return base.resolve(s);
    }

    private void writeBytes(long addr, byte[] b) {
        proc.memory.copyIn(addr, b, 0, b.length, false);
    }

    private static ByteBuffer buf(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- files ---------------------------------------------------------------------------------

    private long openat(long dirfd, long pathAddr, int flags, int mode) throws IOException {
        String s = string(pathAddr);
        Path p = resolve(dirfd, s);
        int acc = flags & 3;
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        if (Files.isDirectory(p)) {
            if (acc != 0 || (flags & O_CREAT) != 0) {
                throw new ErrnoException(Errno.EISDIR);
            }
            return proc.files.add(new DirectoryFile(p), 0, cloexec);
        }
        if ((flags & O_DIRECTORY) != 0) {
            throw new ErrnoException(Files.exists(p) ? Errno.ENOTDIR : Errno.ENOENT);
        }
        Set<OpenOption> opts = new HashSet<>();
        if (acc == 0 || acc == O_RDWR) {
            opts.add(StandardOpenOption.READ);
        }
        if (acc == O_WRONLY || acc == O_RDWR) {
            opts.add(StandardOpenOption.WRITE);
        }
        if ((flags & O_CREAT) != 0) {
            opts.add((flags & O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if ((flags & O_TRUNC) != 0 && acc != 0) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if ((flags & O_NOFOLLOW) != 0) {
            opts.add(LinkOption.NOFOLLOW_LINKS);
        }
        boolean existed = Files.exists(p);
        FileChannel ch;
        if ((flags & O_CREAT) != 0 && !existed) {
            ch = FileChannel.open(p, opts, PosixFilePermissions.asFileAttribute(perms(mode & ~proc.umask)));
        } else {
            if (!existed && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new ErrnoException(Errno.ENOENT);
            }
            ch = FileChannel.open(p, opts);
        }
        GuestFile f = new HostFile(ch, p, (flags & O_APPEND) != 0);
        f.statusFlags = flags & ~O_CLOEXEC;
        return proc.files.add(f, 0, cloexec);
    }

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int b = 0; b < 9; b++) {
            if ((mode >>> b & 1) != 0) {
                s.add(order[b]);
            }
        }
        return s;
    }

    private long read(long fd, long addr, long count) throws IOException {
        GuestFile f = file(fd);
        if (f instanceof DirectoryFile) {
            throw new ErrnoException(Errno.EISDIR);
        }
        int n = (int) Math.min(count, 1 << 20);
        byte[] b = new byte[n];
        int got = f.read(b, 0, n);
        proc.memory.copyIn(addr, b, 0, got, false);
        return got;
    }

    private long write(long fd, long addr, long count) throws IOException {
        GuestFile f = file(fd);
        int n = (int) Math.min(count, 1 << 24);
        byte[] b = new byte[n];
        proc.memory.copyOut(addr, b, 0, n);
        return writeAll(f, b);
    }

    private long writeAll(GuestFile f, byte[] b) throws IOException {
        try {
            return f.write(b, 0, b.length);
        } catch (ErrnoException e) {
            if (e.errno == Errno.EPIPE) {
                signal(SIGPIPE);
            }
            throw e;
        }
    }

    private long readv(long fd, long iov, long count) throws IOException {
        long total = 0;
        for (int k = 0; k < count; k++) {
            long base = proc.memory.read64(iov + 16L * k);
            long len = proc.memory.read64(iov + 16L * k + 8);
            if (len == 0) {
                continue;
            }
            long n = read(fd, base, len);
            total += n;
            if (n < len) {
                break;
            }
        }
        return total;
    }

    private long writev(long fd, long iov, long count) throws IOException {
        GuestFile f = file(fd);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < count; k++) {
            long base = proc.memory.read64(iov + 16L * k);
            int len = (int) proc.memory.read64(iov + 16L * k + 8);
            byte[] b = new byte[len];
            proc.memory.copyOut(base, b, 0, len);
            all.write(b, 0, len);
        }
        return writeAll(f, all.toByteArray());
    }

    private long pread(long fd, long addr, long count, long pos) throws IOException {
        int n = (int) Math.min(count, 1 << 20);
        byte[] b = new byte[n];
        int got = file(fd).pread(b, 0, n, pos);
        proc.memory.copyIn(addr, b, 0, got, false);
        return got;
    }

    private long pwrite(long fd, long addr, long count, long pos) throws IOException {
        int n = (int) Math.min(count, 1 << 24);
        byte[] b = new byte[n];
        proc.memory.copyOut(addr, b, 0, n);
        return file(fd).pwrite(b, 0, n, pos);
    }

    private long sendfile(long outFd, long inFd, long offsetAddr, long count) throws IOException {
        GuestFile in = file(inFd);
        GuestFile out = file(outFd);
        int n = (int) Math.min(count, 1 << 20);
        byte[] b = new byte[n];
        int got;
        if (offsetAddr != 0) {
            long pos = proc.memory.read64(offsetAddr);
            got = in.pread(b, 0, n, pos);
            proc.memory.write64(offsetAddr, pos + got);
        } else {
            got = in.read(b, 0, n);
        }
        if (got > 0) {
            out.write(b, 0, got);
        }
        return got;
    }

    private long getdents64(long fd, long addr, long count) throws IOException {
        if (!(file(fd) instanceof DirectoryFile d)) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        byte[] b = new byte[(int) Math.min(count, 1 << 16)];
        int n = d.getdents(b);
        proc.memory.copyIn(addr, b, 0, n, false);
        return n;
    }

    private long newfstatat(long dirfd, long pathAddr, long statAddr, long flags) throws IOException {
        FileStat st = statAt(dirfd, pathAddr, flags);
        writeBytes(statAddr, st.encode());
        return 0;
    }

    private FileStat statAt(long dirfd, long pathAddr, long flags) throws IOException {
        String s = string(pathAddr);
        if (s.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            return file(dirfd).stat();
        }
        return FileStat.of(resolve(dirfd, s), (flags & AT_SYMLINK_NOFOLLOW) == 0);
    }

    private long statx(long dirfd, long pathAddr, int flags, long bufAddr) throws IOException {
        FileStat st = statAt(dirfd, pathAddr, flags);
        writeBytes(bufAddr, st.encodeStatx());
        return 0;
    }

    private long readlinkat(long dirfd, long pathAddr, long bufAddr, long size) throws IOException {
        String s = string(pathAddr);
        String target;
        if (s.equals("/proc/self/exe")) {
            target = proc.executable.toString();
        } else {
            Path p = resolve(dirfd, s);
            if (!Files.isSymbolicLink(p)) {
                throw new ErrnoException(Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Errno.EINVAL : Errno.ENOENT);
            }
            target = Files.readSymbolicLink(p).toString();
        }
        byte[] b = target.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, size);
        proc.memory.copyIn(bufAddr, b, 0, n, false);
        return n;
    }

    private long faccessat(long dirfd, long pathAddr, long mode) {
        Path p = resolve(dirfd, pathAddr);
        if (!Files.exists(p)) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (((mode & 4) != 0 && !Files.isReadable(p)) || ((mode & 2) != 0 && !Files.isWritable(p)) || ((mode & 1) != 0 && !Files.isExecutable(p))) {
            throw new ErrnoException(Errno.EACCES);
        }
        return 0;
    }

    private long mkdirat(long dirfd, long pathAddr, long mode) throws IOException {
        Path p = resolve(dirfd, pathAddr);
        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(perms((int) mode & ~proc.umask)));
        return 0;
    }

    private long unlinkat(long dirfd, long pathAddr, long flags) throws IOException {
        Path p = resolve(dirfd, pathAddr);
        boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        if ((flags & AT_REMOVEDIR) != 0 && !dir) {
            throw new ErrnoException(Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Errno.ENOTDIR : Errno.ENOENT);
        }
        if ((flags & AT_REMOVEDIR) == 0 && dir) {
            throw new ErrnoException(Errno.EISDIR);
        }
        Files.delete(p);
        return 0;
    }

    private long symlinkat(long targetAddr, long dirfd, long linkAddr) throws IOException {
        Files.createSymbolicLink(resolve(dirfd, linkAddr), Path.of(string(targetAddr)));
        return 0;
    }

    private long linkat(long olddir, long oldAddr, long newdir, long newAddr) throws IOException {
        Files.createLink(resolve(newdir, newAddr), resolve(olddir, oldAddr));
        return 0;
    }

    private long renameat(long olddir, long oldAddr, long newdir, long newAddr) throws IOException {
        Files.move(resolve(olddir, oldAddr), resolve(newdir, newAddr), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }

    private long chmod(Path p, long mode) throws IOException {
        if (p == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        Files.setPosixFilePermissions(p, perms((int) mode));
        return 0;
    }

    private long utimensat(long dirfd, long pathAddr, long times, long flags) throws IOException {
        Path p = pathAddr == 0 ? file(dirfd).path() : resolve(dirfd, pathAddr);
        long now = System.currentTimeMillis() * 1_000_000L;
        long mtime = now;
        if (times != 0) {
            long sec = proc.memory.read64(times + 16);
            long nsec = proc.memory.read64(times + 24);
            if (nsec == (1L << 30) - 2) { // UTIME_OMIT
                return 0;
            }
            mtime = nsec == (1L << 30) - 1 ? now : sec * 1_000_000_000L + nsec;
        }
        Files.setLastModifiedTime(p, FileTime.from(mtime, java.util.concurrent.TimeUnit.NANOSECONDS));
        return 0;
    }

    private long getcwd(long addr, long size) {
        byte[] b = (proc.cwd.toString()).getBytes(StandardCharsets.UTF_8);
        if (b.length + 1 > size) {
            throw new ErrnoException(Errno.ERANGE);
        }
        proc.memory.copyIn(addr, b, 0, b.length, false);
        proc.memory.write8(addr + b.length, 0);
        return b.length + 1;
    }

    private long chdir(Path p) {
        if (p == null || !Files.isDirectory(p)) {
            throw new ErrnoException(p != null && Files.exists(p) ? Errno.ENOTDIR : Errno.ENOENT);
        }
        proc.cwd = p.toAbsolutePath().normalize();
        return 0;
    }

    private long dup3(long oldfd, long newfd, long flags) throws IOException {
        GuestFile f = file(oldfd);
        if (oldfd == newfd) {
            throw new ErrnoException(Errno.EINVAL);
        }
        f.retain();
        proc.files.put((int) newfd, f, (flags & O_CLOEXEC) != 0);
        return newfd;
    }

    private long fcntl(long fd, int cmd, long arg) {
        GuestFile f = file(fd);
        return switch (cmd) {
            case 0, 1030 -> {
                f.retain();
                yield proc.files.add(f, (int) arg, cmd == 1030);
            }
            case 1 -> proc.files.closeOnExec((int) fd) ? 1 : 0;
            case 2 -> {
                proc.files.setCloseOnExec((int) fd, (arg & 1) != 0);
                yield 0;
            }
            case 3 -> f.statusFlags;
            case 4 -> {
                f.statusFlags = (f.statusFlags & 3) | ((int) arg & ~3);
                yield 0;
            }
            case 5, 6, 7 -> 0; // record locks: one process owns the files
            default -> throw new ErrnoException(Errno.EINVAL);
        };
    }

    private long ioctl(long fd, long request, long arg) {
        GuestFile f = file(fd);
        if (!f.isTerminal()) {
            throw new ErrnoException(Errno.ENOTTY);
        }
        switch ((int) request) {
            case 0x5401 -> { // TCGETS: a cooked terminal
                proc.memory.zero(arg, 60);
                proc.memory.write32(arg, 0x500); // c_iflag ICRNL|IXON
                proc.memory.write32(arg + 4, 5); // c_oflag OPOST|ONLCR
                proc.memory.write32(arg + 8, 0xbf); // c_cflag B38400|CS8|CREAD
                proc.memory.write32(arg + 12, 0x8a3b); // c_lflag ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN
                return 0;
            }
            case 0x5402, 0x5403, 0x5404, 0x540b -> {
                return 0; // TCSETS*, TCFLSH
            }
            case 0x5413 -> { // TIOCGWINSZ
                proc.memory.write16(arg, 24);
                proc.memory.write16(arg + 2, 80);
                proc.memory.write32(arg + 4, 0);
                return 0;
            }
            case 0x540f -> { // TIOCGPGRP
                proc.memory.write32(arg, proc.pid);
                return 0;
            }
            case 0x5410 -> {
                return 0; // TIOCSPGRP
            }
            default -> throw new ErrnoException(Errno.ENOTTY);
        }
    }

    private long pipe2(long fdsAddr, long flags) {
        PipeFile.Buffer b = new PipeFile.Buffer();
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        int r = proc.files.add(new PipeFile(b, true), 0, cloexec);
        int w = proc.files.add(new PipeFile(b, false), 0, cloexec);
        proc.memory.write32(fdsAddr, r);
        proc.memory.write32(fdsAddr + 4, w);
        return 0;
    }

    /**
     * ppoll(fds, nfds, tmo_p, sigmask): waits until a descriptor is ready, the timeout passes
     * (tmo_p NULL: no timeout; {0, 0}: just check), or a signal from another process is pending
     * (EINTR). Pipes become ready when data arrives or every writer has gone. The console (the
     * run's stdin) cannot be polled without reading, so a wait with no timeout treats it as
     * readable and lets the following read block.
     */
    private long ppoll(long fdsAddr, long nfds, long timeoutAddr) {
        long deadline = Long.MAX_VALUE;
        if (timeoutAddr != 0) {
            long sec = proc.memory.read64(timeoutAddr);
            long nsec = proc.memory.read64(timeoutAddr + 8);
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
                throw new ErrnoException(Errno.EINVAL);
            }
            deadline = System.nanoTime() + Math.min(sec, 1L << 32) * 1_000_000_000L + nsec;
        }
        boolean forever = timeoutAddr == 0;
        for (int round = 0; ; round++) {
            int ready = pollOnce(fdsAddr, nfds, forever);
            if (ready > 0 || System.nanoTime() - deadline >= 0) {
                return ready;
            }
            if (proc.exited || (proc.pendingSignals.get() & ~proc.sigmask) != 0) {
                throw new ErrnoException(Errno.EINTR);
            }
            if (round < 64) {
                Thread.onSpinWait();
            } else {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ErrnoException(Errno.EINTR);
                }
            }
        }
    }

    /** One pass over the pollfd array: sets each revents, returns how many are non-zero. */
    private int pollOnce(long fdsAddr, long nfds, boolean consoleReadable) {
        int ready = 0;
        for (int k = 0; k < nfds; k++) {
            long e = fdsAddr + 8L * k;
            int fd = proc.memory.read32(e);
            int events = proc.memory.read16(e + 4);
            int rev = 0;
            if (fd >= 0) {
                try {
                    GuestFile f = file(fd);
                    if ((events & 1) != 0 && (f.readable() || (consoleReadable && f instanceof ConsoleFile))) {
                        rev |= 1;
                    }
                    rev |= events & 4; // POLLOUT: always writable
                } catch (ErrnoException x) {
                    rev = 0x20; // POLLNVAL
                }
            }
            proc.memory.write16(e + 6, rev);
            if (rev != 0) {
                ready++;
            }
        }
        return ready;
    }

    // ---- memory --------------------------------------------------------------------------------

    private static int prot(long p) {
        return (int) p & 7;
    }

    private long mmap(long addr, long length, int prot, int flags, long fd, long offset) throws IOException {
        if (length == 0 || (offset & 0xFFF) != 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        long len = PagedMemory.roundUp(length);
        boolean fixed = (flags & 0x10) != 0 || (flags & 0x100000) != 0;
        long at;
        if (fixed) {
            if ((addr & 0xFFF) != 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            if ((flags & 0x100000) != 0 && !proc.memory.isFree(addr, len)) {
                throw new ErrnoException(Errno.EEXIST);
            }
            at = addr;
        } else {
            at = proc.layout.findFree(addr & ~0xFFFL, len);
            if (at < 0) {
                throw new ErrnoException(Errno.ENOMEM);
            }
        }
        proc.memory.map(at, len, prot(prot) | PagedMemory.PROT_READ);
        if ((flags & 0x20) == 0) { // file-backed: a private copy of the file's bytes
            GuestFile f = file(fd);
            byte[] b = new byte[(int) Math.min(len, 1 << 30)];
            int total = 0;
            while (total < b.length) {
                int n = f.pread(b, total, b.length - total, offset + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            proc.memory.copyIn(at, b, 0, total, true);
        }
        proc.memory.protect(at, len, prot(prot));
        return at;
    }

    private long munmap(long addr, long length) {
        if ((addr & 0xFFF) != 0 || length == 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        proc.memory.unmap(addr, PagedMemory.roundUp(length));
        return 0;
    }

    private long mprotect(long addr, long length, int prot) {
        if ((addr & 0xFFF) != 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        if (length == 0) {
            return 0;
        }
        if (!proc.memory.protect(addr, PagedMemory.roundUp(length), prot(prot))) {
            throw new ErrnoException(Errno.ENOMEM);
        }
        return 0;
    }

    private long mremap(long old, long oldSize, long newSize, int flags, long newAddr) {
        long os = PagedMemory.roundUp(oldSize);
        long ns = PagedMemory.roundUp(newSize);
        if ((old & 0xFFF) != 0 || ns == 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        int prot = proc.memory.protection(old);
        if (prot < 0) {
            throw new ErrnoException(Errno.EFAULT);
        }
        if (ns <= os) {
            if (ns < os) {
                proc.memory.unmap(old + ns, os - ns);
            }
            return old;
        }
        if (proc.memory.isFree(old + os, ns - os)) {
            proc.memory.map(old + os, ns - os, prot);
            return old;
        }
        if ((flags & 1) == 0) {
            throw new ErrnoException(Errno.ENOMEM);
        }
        long at = proc.layout.findFree(0, ns);
        if (at < 0) {
            throw new ErrnoException(Errno.ENOMEM);
        }
        proc.memory.move(old, at, os);
        proc.memory.map(at + os, ns - os, prot);
        return at;
    }

    // ---- time, identity, misc ------------------------------------------------------------------

    private long clockGettime(int clock, long tsAddr) {
        long sec;
        long nsec;
        if (clock == 0 || clock == 5 || clock == 8 || clock == 11) { // REALTIME, REALTIME_COARSE, REALTIME_ALARM, TAI
            java.time.Instant now = java.time.Instant.now();
            sec = now.getEpochSecond();
            nsec = now.getNano();
        } else {
            long t = clock == 2 || clock == 3 ? System.nanoTime() - system.startNanos : System.nanoTime();
            sec = t / 1_000_000_000L;
            nsec = t % 1_000_000_000L;
        }
        proc.memory.write64(tsAddr, sec);
        proc.memory.write64(tsAddr + 8, nsec);
        return 0;
    }

    private long gettimeofday(long tvAddr) {
        if (tvAddr != 0) {
            java.time.Instant now = java.time.Instant.now();
            proc.memory.write64(tvAddr, now.getEpochSecond());
            proc.memory.write64(tvAddr + 8, now.getNano() / 1000);
        }
        return 0;
    }

    private long nanosleep(long reqAddr, long remAddr) {
        long sec = proc.memory.read64(reqAddr);
        long nsec = proc.memory.read64(reqAddr + 8);
        try {
            Thread.sleep(sec * 1000 + nsec / 1_000_000, (int) (nsec % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrnoException(Errno.EINTR);
        }
        return 0;
    }

    private long times(long addr) {
        long ticks = (System.nanoTime() - system.startNanos) / 10_000_000L;
        if (addr != 0) {
            proc.memory.write64(addr, ticks);
            proc.memory.write64(addr + 8, 0);
            proc.memory.write64(addr + 16, 0);
            proc.memory.write64(addr + 24, 0);
        }
        return ticks;
    }

    private long uname(long addr) {
        String[] fields = {"Linux", "machina", "6.1.0", "#1 SMP machina", "aarch64", "(none)"};
        byte[] b = new byte[65 * 6];
        for (int k = 0; k < fields.length; k++) {
            byte[] f = fields[k].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(f, 0, b, 65 * k, f.length);
        }
        writeBytes(addr, b);
        return 0;
    }

    private long getgroups(int size, long addr) {
        long[] g = HostIdentity.GROUPS;
        if (size == 0) {
            return g.length;
        }
        if (size < g.length) {
            throw new ErrnoException(Errno.EINVAL);
        }
        for (int k = 0; k < g.length; k++) {
            proc.memory.write32(addr + 4L * k, (int) g[k]);
        }
        return g.length;
    }

    private long sysinfo(long addr) {
        byte[] b = new byte[112];
        ByteBuffer bb = buf(b);
        Runtime rt = Runtime.getRuntime();
        bb.putLong(0, (System.nanoTime() - system.startNanos) / 1_000_000_000L);
        bb.putLong(32, rt.maxMemory());
        bb.putLong(40, rt.maxMemory() - rt.totalMemory() + rt.freeMemory());
        bb.putShort(80, (short) 1);
        bb.putInt(104, 1);
        writeBytes(addr, b);
        return 0;
    }

    private static long[] limit(int resource) {
        return switch (resource) {
            case 3 -> new long[] {AddressSpaceLayout.STACK_SIZE, -1L}; // RLIMIT_STACK
            case 7 -> new long[] {FileTable.MAX, FileTable.MAX}; // RLIMIT_NOFILE
            case 4 -> new long[] {0, -1L}; // RLIMIT_CORE
            default -> new long[] {-1L, -1L};
        };
    }

    private long rlimit(int resource, long addr) {
        long[] l = limit(resource);
        proc.memory.write64(addr, l[0]);
        proc.memory.write64(addr + 8, l[1]);
        return 0;
    }

    private long prlimit(int resource, long newAddr, long oldAddr) {
        if (oldAddr != 0) {
            rlimit(resource, oldAddr);
        }
        return 0;
    }

    private long getrandom(long addr, long len) {
        byte[] b = new byte[(int) Math.min(len, 1 << 20)];
        random.nextBytes(b);
        writeBytes(addr, b);
        return b.length;
    }

    private long futex(long addr, int op, long val) {
        int cmd = op & 0x7f;
        if (cmd == 0 || cmd == 9) { // FUTEX_WAIT(_BITSET): one thread, nobody would wake us
            return -Errno.EAGAIN;
        }
        return 0; // FUTEX_WAKE and friends: no waiters
    }

    // ---- signals -------------------------------------------------------------------------------

    private long sigaction(int sig, long act, long oact) {
        if (sig < 1 || sig > 64 || ((sig == SIGKILL || sig == 19) && act != 0)) {
            throw new ErrnoException(Errno.EINVAL);
        }
        long[] s = proc.sigactions[sig];
        if (oact != 0) {
            for (int k = 0; k < 4; k++) {
                proc.memory.write64(oact + 8L * k, s[k]);
            }
        }
        if (act != 0) {
            for (int k = 0; k < 4; k++) {
                s[k] = proc.memory.read64(act + 8L * k);
            }
        }
        return 0;
    }

    private long sigprocmask(int how, long set, long oldset) {
        if (oldset != 0) {
            proc.memory.write64(oldset, proc.sigmask);
        }
        if (set != 0) {
            long m = proc.memory.read64(set);
            proc.sigmask = switch (how) {
                case 0 -> proc.sigmask | m;
                case 1 -> proc.sigmask & ~m;
                case 2 -> m;
                default -> throw new ErrnoException(Errno.EINVAL);
            };
        }
        return 0;
    }

    private long kill(long pid, int sig) {
        if (sig == 0) {
            return 0;
        }
        if (pid != proc.pid && pid != 0 && pid != -1) {
            return system.killOther((int) pid, sig);
        }
        signal(sig);
        return 0;
    }

    /** Raises {@code sig} in this process: ignored, default action, or (not yet supported) a handler. */
    void signal(int sig) {
        long handler = proc.sigactions[sig][0];
        if (handler == 1) {
            return; // SIG_IGN
        }
        if (handler == 0) {
            if (sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH) {
                return;
            }
            proc.kill(sig);
            return;
        }
        if ((proc.sigmask & (1L << (sig - 1))) != 0) {
            return; // blocked: dropped (pending signals are not kept)
        }
        pendingSignal = sig;
    }
}
