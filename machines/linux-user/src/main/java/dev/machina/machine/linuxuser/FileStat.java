package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What {@code stat} reports about a file, in Linux terms (struct stat of asm-generic/stat.h as
 * AArch64 uses it: 128 bytes).
 */
record FileStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size, long atimeNs, long mtimeNs, long ctimeNs) {
    static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFREG = 0100000, S_IFLNK = 0120000, S_IFCHR = 0020000, S_IFIFO = 0010000;

    /** The host's view of {@code path} (through the JDK's "unix" attribute view). */
    static FileStat of(Path path, boolean follow) throws IOException {
        Map<String, Object> a = follow ? Files.readAttributes(path, "unix:*") : Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        return new FileStat(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(), ((Number) a.get("mode")).intValue(),
                ((Number) a.get("nlink")).longValue(), ((Number) a.get("uid")).intValue(), ((Number) a.get("gid")).intValue(),
                ((Number) a.get("rdev")).longValue(), ((Number) a.get("size")).longValue(), nanos(a.get("lastAccessTime")),
                nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")));
    }

    private static long nanos(Object t) {
        FileTime ft = (FileTime) t;
        return ft.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A character device or pipe standing for a console stream. */
    static FileStat stream(boolean terminal) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new FileStat(0x16, 3, (terminal ? S_IFCHR | 0620 : S_IFIFO | 0600), 1, 0, 0, terminal ? 0x8800 : 0, 0, now, now, now);
    }

    /**
     * st_blocks in 512-byte units: the JDK does not expose the host's count, so regular files
     * and directories are taken as fully allocated in 4 KiB blocks (exact except for sparse files).
     */
    long blocks() {
        int type = mode & S_IFMT;
        return type == S_IFREG || type == S_IFDIR ? (size + 4095) / 4096 * 8 : 0;
    }

    /** Encodes as struct stat (128 bytes, little-endian). */
    byte[] encode() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev).putLong(8, ino).putInt(16, mode).putInt(20, (int) nlink).putInt(24, uid).putInt(28, gid).putLong(32, rdev)
                .putLong(48, size).putInt(56, 4096).putLong(64, blocks())
                .putLong(72, Math.floorDiv(atimeNs, 1_000_000_000L)).putLong(80, Math.floorMod(atimeNs, 1_000_000_000L))
                .putLong(88, Math.floorDiv(mtimeNs, 1_000_000_000L)).putLong(96, Math.floorMod(mtimeNs, 1_000_000_000L))
                .putLong(104, Math.floorDiv(ctimeNs, 1_000_000_000L)).putLong(112, Math.floorMod(ctimeNs, 1_000_000_000L));
        return b.array();
    }

    /** Encodes as struct statx (256 bytes) with every basic field valid (STATX_BASIC_STATS). */
    byte[] encodeStatx() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(256).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x7ff).putInt(4, 4096).putInt(16, (int) nlink).putInt(20, uid).putInt(24, gid).putShort(28, (short) mode)
                .putLong(32, ino).putLong(40, size).putLong(48, blocks());
        putTime(b, 64, atimeNs);
        putTime(b, 80, ctimeNs);
        putTime(b, 96, ctimeNs);
        putTime(b, 112, mtimeNs);
        b.putInt(128, (int) (rdev >>> 8 & 0xfff)).putInt(132, (int) (rdev & 0xff)).putInt(136, (int) (dev >>> 8 & 0xfff)).putInt(140, (int) (dev & 0xff));
        return b.array();
    }

    private static void putTime(java.nio.ByteBuffer b, int at, long ns) {
        b.putLong(at, Math.floorDiv(ns, 1_000_000_000L)).putInt(at + 8, (int) Math.floorMod(ns, 1_000_000_000L));
    }
}
