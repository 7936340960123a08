package dev.machina.machine.linuxuser;

/** A system call fails with {@code errno}; the syscall layer returns {@code -errno} to the guest. */
final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int errno;

    ErrnoException(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }
}
