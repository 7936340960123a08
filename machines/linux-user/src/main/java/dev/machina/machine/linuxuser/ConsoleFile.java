package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The guest's stdin, stdout or stderr: the run's console streams. */
final class ConsoleFile extends GuestFile {
    private final InputStream in;
    private final OutputStream out;
    private final boolean terminal;

    ConsoleFile(InputStream in, OutputStream out, boolean terminal) {
        this.in = in;
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    int read(byte[] buf, int off, int len) throws IOException {
        if (in == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(buf, off, len);
        return Math.max(n, 0);
    }

    @Override
    int write(byte[] buf, int off, int len) throws IOException {
        if (out == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        out.write(buf, off, len);
        out.flush();
        return len;
    }

    @Override
    FileStat stat() {
        return FileStat.stream(terminal);
    }

    @Override
    boolean isTerminal() {
        return terminal;
    }

    @Override
    boolean readable() {
        try {
            return in != null && in.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }
}
