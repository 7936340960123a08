package dev.machina.machine.linuxuser;

import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.PagedMemory;
import java.nio.file.Path;

/**
 * One guest process: its own {@link PagedMemory}, {@link A64Cpu} (one thread), descriptors,
 * working directory, signal dispositions and exit state.
 */
final class GuestProcess {
    final int pid;
    final int parentPid;
    PagedMemory memory;
    A64Cpu cpu;
    AddressSpaceLayout layout;
    FileTable files;
    Path cwd;
    int umask = 022;
    /** Path of the running executable (readlink /proc/self/exe). */
    Path executable;
    /** struct sigaction (32 bytes: handler, flags, restorer, mask) per signal 1..64. */
    final long[][] sigactions = new long[65][4];
    long sigmask;
    /** Signals sent by other processes to a handler of this one, bit (signal - 1); taken between slices and after syscalls. */
    final java.util.concurrent.atomic.AtomicLong pendingSignals = new java.util.concurrent.atomic.AtomicLong();
    long clearChildTid;
    /** Set when the process has exited: its wait status (exit code &lt;&lt; 8, or the signal number). */
    volatile boolean exited;
    volatile int waitStatus;
    /** Set once a parent's wait4 has collected the status. */
    boolean reaped;
    private boolean execedOrExited;

    /** Blocks until the process calls execve or exits (vfork). */
    synchronized void awaitExecOrExit() {
        while (!execedOrExited && !exited) {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Wakes a vfork parent. */
    synchronized void signalExecOrExit() {
        execedOrExited = true;
        notifyAll();
    }

    GuestProcess(int pid, int parentPid) {
        this.pid = pid;
        this.parentPid = parentPid;
    }

    /** The shell-style exit status: the exit code, or 128 + signal for a process killed by a signal. */
    int exitStatus() {
        return (waitStatus & 0x7f) != 0 ? 128 + (waitStatus & 0x7f) : (waitStatus >>> 8) & 0xff;
    }

    /** Marks the process exited with {@code code} (exit, exit_group). */
    void exit(int code) {
        waitStatus = (code & 0xff) << 8;
        exited = true;
        signalExecOrExit();
        cpu.stopSlice();
    }

    /** Marks the process killed by {@code signal}. */
    void kill(int signal) {
        waitStatus = signal & 0x7f;
        exited = true;
        signalExecOrExit();
        cpu.stopSlice();
    }
}
