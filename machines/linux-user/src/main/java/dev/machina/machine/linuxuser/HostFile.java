package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A regular host file opened through a {@link FileChannel}. */
final class HostFile extends GuestFile {
    private final FileChannel channel;
    private final Path path;
    private final boolean append;

    HostFile(FileChannel channel, Path path, boolean append) {
        this.channel = channel;
        this.path = path;
        this.append = append;
    }

    @Override
    int read(byte[] buf, int off, int len) throws IOException {
        int n = channel.read(ByteBuffer.wrap(buf, off, len));
        return Math.max(n, 0);
    }

    @Override
    int write(byte[] buf, int off, int len) throws IOException {
        if (append) {
            channel.position(channel.size());
        }
        ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        return len;
    }

    @Override
    int pread(byte[] buf, int off, int len, long pos) throws IOException {
        int n = channel.read(ByteBuffer.wrap(buf, off, len), pos);
        return Math.max(n, 0);
    }

    @Override
    int pwrite(byte[] buf, int off, int len, long pos) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
        int done = 0;
        while (bb.hasRemaining()) {
            done += channel.write(bb, pos + done);
        }
        return done;
    }

    @Override
    long seek(long offset, int whence) throws IOException {
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> channel.position();
            case 2 -> channel.size();
            default -> throw new ErrnoException(Errno.EINVAL);
        };
        long p = base + offset;
        if (p < 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        channel.position(p);
        return p;
    }

    @Override
    FileStat stat() throws IOException {
        return FileStat.of(path, true);
    }

    @Override
    Path path() {
        return path;
    }

    @Override
    void truncate(long length) throws IOException {
        if (length < channel.size()) {
            channel.truncate(length);
        } else if (length > channel.size()) {
            channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
        }
    }

    @Override
    void close() throws IOException {
        channel.close();
    }
}
