package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An open file description of the guest (what a file descriptor points to): a host file, a
 * directory, a console stream or a pipe end. Shared by {@code dup}ed descriptors; closed when
 * the last descriptor goes. Errors are {@link ErrnoException}s.
 */
abstract class GuestFile {
    private int references = 1;
    /** O_APPEND, O_NONBLOCK ... as the guest set them (F_GETFL). */
    int statusFlags;

    /** Reads up to {@code len} bytes; 0 at end of file. */
    int read(byte[] buf, int off, int len) throws IOException {
        throw new ErrnoException(Errno.EBADF);
    }

    /** Writes {@code len} bytes; returns the count written. */
    int write(byte[] buf, int off, int len) throws IOException {
        throw new ErrnoException(Errno.EBADF);
    }

    /** Positional read. */
    int pread(byte[] buf, int off, int len, long pos) throws IOException {
        throw new ErrnoException(Errno.ESPIPE);
    }

    /** Positional write. */
    int pwrite(byte[] buf, int off, int len, long pos) throws IOException {
        throw new ErrnoException(Errno.ESPIPE);
    }

    /** lseek with whence 0 SEEK_SET, 1 SEEK_CUR, 2 SEEK_END. */
    long seek(long offset, int whence) throws IOException {
        throw new ErrnoException(Errno.ESPIPE);
    }

    /** fstat. */
    abstract FileStat stat() throws IOException;

    /** True for a terminal (ioctl TCGETS succeeds). */
    boolean isTerminal() {
        return false;
    }

    /** The host path, or null for streams and pipes. */
    Path path() {
        return null;
    }

    /** Truncates to {@code length}. */
    void truncate(long length) throws IOException {
        throw new ErrnoException(Errno.EINVAL);
    }

    /** True when a read would not block (for poll). */
    boolean readable() {
        return true;
    }

    /** Another descriptor (dup, fork) refers to this file; processes run on several threads. */
    final synchronized void retain() {
        references++;
    }

    /** A descriptor went away; the last one closes the file. */
    final void release() throws IOException {
        boolean last;
        synchronized (this) {
            last = --references == 0;
        }
        if (last) {
            close();
        }
    }

    /** Frees host resources. */
    void close() throws IOException {
    }
}
