package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.util.Arrays;

/** A process's file descriptors: slots 0..1023, each an open {@link GuestFile} and its FD_CLOEXEC flag. */
final class FileTable {
    static final int MAX = 1024;
    private final GuestFile[] files = new GuestFile[MAX];
    private final boolean[] cloexec = new boolean[MAX];

    /** The file at {@code fd}. @throws ErrnoException EBADF */
    GuestFile get(long fd) {
        if (fd < 0 || fd >= MAX || files[(int) fd] == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        return files[(int) fd];
    }

    /** Installs {@code f} at the lowest free descriptor &ge; {@code min}. @throws ErrnoException EMFILE */
    int add(GuestFile f, int min, boolean closeOnExec) {
        for (int fd = min; fd < MAX; fd++) {
            if (files[fd] == null) {
                files[fd] = f;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        throw new ErrnoException(Errno.EMFILE);
    }

    /** Puts {@code f} at {@code fd}, closing what was there (dup2/dup3). */
    void put(int fd, GuestFile f, boolean closeOnExec) throws IOException {
        if (fd < 0 || fd >= MAX) {
            throw new ErrnoException(Errno.EBADF);
        }
        GuestFile old = files[fd];
        files[fd] = f;
        cloexec[fd] = closeOnExec;
        if (old != null) {
            old.release();
        }
    }

    /** Closes {@code fd}. @throws ErrnoException EBADF */
    void close(long fd) throws IOException {
        GuestFile f = get(fd);
        files[(int) fd] = null;
        f.release();
    }

    boolean closeOnExec(int fd) {
        return cloexec[fd];
    }

    void setCloseOnExec(int fd, boolean v) {
        get(fd);
        cloexec[fd] = v;
    }

    /** A copy sharing every open file (fork). */
    FileTable fork() {
        FileTable t = new FileTable();
        for (int fd = 0; fd < MAX; fd++) {
            if (files[fd] != null) {
                files[fd].retain();
                t.files[fd] = files[fd];
                t.cloexec[fd] = cloexec[fd];
            }
        }
        return t;
    }

    /** Closes the descriptors marked close-on-exec (execve). */
    void execClose() throws IOException {
        for (int fd = 0; fd < MAX; fd++) {
            if (files[fd] != null && cloexec[fd]) {
                close(fd);
            }
        }
    }

    /** Closes everything (process exit). */
    void closeAll() {
        for (int fd = 0; fd < MAX; fd++) {
            if (files[fd] != null) {
                try {
                    close(fd);
                } catch (IOException e) {
                    // nothing left to report to
                }
            }
        }
        Arrays.fill(cloexec, false);
    }
}
