package dev.machina.machine.linuxuser;

/**
 * One end of a pipe inside the JVM ({@code pipe2}): a byte queue shared by a read end and a
 * write end. A read blocks until data arrives or every write end is closed (then 0); a write
 * with no read end left fails with EPIPE.
 */
final class PipeFile extends GuestFile {
    /** The shared queue. */
    static final class Buffer {
        private byte[] data = new byte[65536];
        private int head;
        private int count;
        int readers = 1;
        int writers = 1;

        synchronized int read(byte[] b, int off, int len) throws InterruptedException {
            while (count == 0 && writers > 0) {
                wait();
            }
            int n = Math.min(len, count);
            for (int k = 0; k < n; k++) {
                b[off + k] = data[(head + k) % data.length];
            }
            head = (head + n) % data.length;
            count -= n;
            notifyAll();
            return n;
        }

        synchronized int write(byte[] b, int off, int len) {
            if (readers == 0) {
                throw new ErrnoException(Errno.EPIPE);
            }
            if (count + len > data.length) {
                byte[] bigger = new byte[Math.max(data.length * 2, count + len)];
                for (int k = 0; k < count; k++) {
                    bigger[k] = data[(head + k) % data.length];
                }
                data = bigger;
                head = 0;
            }
            for (int k = 0; k < len; k++) {
                data[(head + count + k) % data.length] = b[off + k];
            }
            count += len;
            notifyAll();
            return len;
        }

        synchronized boolean hasData() {
            return count > 0 || writers == 0;
        }

        synchronized void closeEnd(boolean readEnd) {
            if (readEnd) {
                readers--;
            } else {
                writers--;
            }
            notifyAll();
        }
    }

    private final Buffer buffer;
    private final boolean readEnd;

    PipeFile(Buffer buffer, boolean readEnd) {
        this.buffer = buffer;
        this.readEnd = readEnd;
    }

    @Override
    int read(byte[] buf, int off, int len) {
        if (!readEnd) {
            throw new ErrnoException(Errno.EBADF);
        }
        try {
            return buffer.read(buf, off, len);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrnoException(Errno.EINTR);
        }
    }

    @Override
    int write(byte[] buf, int off, int len) {
        if (readEnd) {
            throw new ErrnoException(Errno.EBADF);
        }
        return buffer.write(buf, off, len);
    }

    @Override
    FileStat stat() {
        return FileStat.stream(false);
    }

    @Override
    boolean readable() {
        return buffer.hasData();
    }

    @Override
    void close() {
        buffer.closeEnd(readEnd);
    }
}
