package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An open directory: {@code getdents64} lists ".", ".." and the entries in the host's order. */
final class DirectoryFile extends GuestFile {
    private final Path path;
    private List<Path> entries;
    private int next;

    DirectoryFile(Path path) {
        this.path = path;
    }

    @Override
    int read(byte[] buf, int off, int len) {
        throw new ErrnoException(Errno.EISDIR);
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
    long seek(long offset, int whence) {
        if (whence == 0) {
            next = (int) offset;
            return offset;
        }
        throw new ErrnoException(Errno.EINVAL);
    }

    /** Fills {@code out} with struct linux_dirent64 records; returns the bytes used (0 at the end). */
    int getdents(byte[] out) throws IOException {
        if (entries == null) {
            entries = new ArrayList<>();
            entries.add(path.resolve("."));
            entries.add(path.resolve(".."));
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path p : ds) {
                    entries.add(p);
                }
            }
        }
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int used = 0;
        while (next < entries.size()) {
            Path p = entries.get(next);
            String name = next == 0 ? "." : next == 1 ? ".." : p.getFileName().toString();
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + nb.length + 1 + 7) & ~7;
            if (used + reclen > out.length) {
                if (used == 0) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                break;
            }
            long ino = 0;
            int type = 0;
            try {
                FileStat st = FileStat.of(p, false);
                ino = st.ino();
                type = switch (st.mode() & FileStat.S_IFMT) {
                    case FileStat.S_IFDIR -> 4;
                    case FileStat.S_IFREG -> 8;
                    case FileStat.S_IFLNK -> 10;
                    case FileStat.S_IFCHR -> 2;
                    case FileStat.S_IFIFO -> 1;
                    case 0060000 -> 6;
                    case 0140000 -> 12;
                    default -> 0;
                };
            } catch (IOException e) {
                // vanished entry: report with unknown type
            }
            b.putLong(used, ino).putLong(used + 8, next + 1).putShort(used + 16, (short) reclen).put(used + 18, (byte) type);
            System.arraycopy(nb, 0, out, used + 19, nb.length);
            for (int k = used + 19 + nb.length; k < used + reclen; k++) {
                out[k] = 0;
            }
            used += reclen;
            next++;
        }
        return used;
    }
}
