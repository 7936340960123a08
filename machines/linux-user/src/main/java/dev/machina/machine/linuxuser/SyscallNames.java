package dev.machina.machine.linuxuser;

import java.util.HashMap;
import java.util.Map;

/**
 * AArch64 Linux system call numbers (the asm-generic table, include/uapi/asm-generic/unistd.h)
 * with their names and an argument format for {@code --strace}: per argument {@code d} decimal,
 * {@code x} hex, {@code s} string pointer, {@code o} octal; a missing letter means "not shown".
 */
final class SyscallNames {
    private static final Map<Integer, String[]> TABLE = new HashMap<>();

    static {
        def(17, "getcwd", "xd");
        def(19, "eventfd2", "dx");
        def(20, "epoll_create1", "x");
        def(23, "dup", "d");
        def(24, "dup3", "ddx");
        def(25, "fcntl", "ddx");
        def(29, "ioctl", "dxx");
        def(33, "mknodat", "dsox");
        def(34, "mkdirat", "dso");
        def(35, "unlinkat", "dsx");
        def(36, "symlinkat", "sds");
        def(37, "linkat", "dsdsx");
        def(38, "renameat", "dsds");
        def(43, "statfs", "sx");
        def(44, "fstatfs", "dx");
        def(46, "ftruncate", "dd");
        def(48, "faccessat", "dso");
        def(49, "chdir", "s");
        def(50, "fchdir", "d");
        def(52, "fchmod", "do");
        def(53, "fchmodat", "dso");
        def(54, "fchownat", "dsddx");
        def(55, "fchown", "ddd");
        def(56, "openat", "dsxo");
        def(57, "close", "d");
        def(59, "pipe2", "xx");
        def(61, "getdents64", "dxd");
        def(62, "lseek", "ddd");
        def(63, "read", "dxd");
        def(64, "write", "dxd");
        def(65, "readv", "dxd");
        def(66, "writev", "dxd");
        def(67, "pread64", "dxdd");
        def(68, "pwrite64", "dxdd");
        def(71, "sendfile", "ddxd");
        def(72, "pselect6", "dxxxxx");
        def(73, "ppoll", "xdxxd");
        def(78, "readlinkat", "dsxd");
        def(79, "newfstatat", "dsxx");
        def(80, "fstat", "dx");
        def(82, "fsync", "d");
        def(88, "utimensat", "dsxx");
        def(93, "exit", "d");
        def(94, "exit_group", "d");
        def(96, "set_tid_address", "x");
        def(98, "futex", "xdxxxx");
        def(99, "set_robust_list", "xd");
        def(101, "nanosleep", "xx");
        def(113, "clock_gettime", "dx");
        def(114, "clock_getres", "dx");
        def(115, "clock_nanosleep", "ddxx");
        def(123, "sched_getaffinity", "ddx");
        def(124, "sched_yield", "");
        def(129, "kill", "dd");
        def(130, "tkill", "dd");
        def(131, "tgkill", "ddd");
        def(132, "sigaltstack", "xx");
        def(134, "rt_sigaction", "dxxd");
        def(135, "rt_sigprocmask", "dxxd");
        def(139, "rt_sigreturn", "");
        def(153, "times", "x");
        def(154, "setpgid", "dd");
        def(155, "getpgid", "d");
        def(157, "setsid", "");
        def(158, "getgroups", "dx");
        def(160, "uname", "x");
        def(163, "getrlimit", "dx");
        def(165, "getrusage", "dx");
        def(166, "umask", "o");
        def(167, "prctl", "dxxxx");
        def(169, "gettimeofday", "xx");
        def(172, "getpid", "");
        def(173, "getppid", "");
        def(174, "getuid", "");
        def(175, "geteuid", "");
        def(176, "getgid", "");
        def(177, "getegid", "");
        def(178, "gettid", "");
        def(179, "sysinfo", "x");
        def(198, "socket", "ddd");
        def(203, "connect", "dxd");
        def(214, "brk", "x");
        def(215, "munmap", "xx");
        def(216, "mremap", "xxxdx");
        def(220, "clone", "xxxxx");
        def(221, "execve", "sxx");
        def(222, "mmap", "xxdxdx");
        def(226, "mprotect", "xxd");
        def(233, "madvise", "xxd");
        def(260, "wait4", "dxxx");
        def(261, "prlimit64", "ddxx");
        def(276, "renameat2", "dsdsx");
        def(278, "getrandom", "xdx");
        def(291, "statx", "dsxxx");
        def(293, "rseq", "xdxx");
        def(435, "clone3", "xd");
        def(439, "faccessat2", "dsox");
    }

    private SyscallNames() {
    }

    private static void def(int nr, String name, String args) {
        TABLE.put(nr, new String[] {name, args});
    }

    /** The name of {@code nr}, or {@code syscall_NNN}. */
    static String name(int nr) {
        String[] e = TABLE.get(nr);
        return e != null ? e[0] : "syscall_" + nr;
    }

    /** The argument format of {@code nr} (empty when unknown). */
    static String format(int nr) {
        String[] e = TABLE.get(nr);
        return e != null ? e[1] : "xxxxxx";
    }
}
