package dev.machina.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Audits a {@link RomSet} against the files in a rompath, as MAME's {@code -verifyroms} does.
 *
 * <p>For each ROM and each rompath directory in order, it looks for
 * {@code DIR/SET/NAME}, then an entry {@code NAME} (in any folder of the archive) in
 * {@code DIR/SET.zip}, then any entry of that zip with the ROM's size and CRC-32 (renamed
 * files are found as MAME finds them). A candidate with the right size, CRC-32 and SHA-1 is
 * good; otherwise the first candidate found is reported with what differs. The CRC-32 is the
 * zip one (ISO-HDLC); SHA-1 comes from {@link MessageDigest}.
 */
public final class RomVerifier {

    /** The outcome for one ROM. */
    public enum Status {
        /** Found with the right size and hashes. */
        GOOD,
        /** Found and matching a known bad dump: usable, "best available". */
        BAD_DUMP,
        /** Never dumped; nothing to find. */
        NO_DUMP,
        /** Not found anywhere in the rompath. */
        MISSING,
        /** Found with another size. */
        WRONG_SIZE,
        /** Found with the right size but other hashes. */
        WRONG_CHECKSUM,
        /** Found but unreadable (I/O error, corrupt zip). */
        UNREADABLE
    }

    /**
     * @param rom      the ROM checked
     * @param status   outcome
     * @param location where it was found ({@code dir/set/name} or {@code dir/set.zip:entry}), or null
     * @param detail   one line for the user, e.g. {@code "wrong size: expected 8192 bytes, found 4096"}
     */
    public record Result(RomDefinition rom, Status status, String location, String detail) {
        /** True when the machine can run with this ROM (good, bad dump or no dump). */
        public boolean usable() {
            return status == Status.GOOD || status == Status.BAD_DUMP || status == Status.NO_DUMP;
        }
    }

    /** The audit of a set: one result per ROM, in the set's order. */
    public record Report(RomSet set, List<Result> results) {
        /** True when every ROM is usable. */
        public boolean usable() {
            return results.stream().allMatch(Result::usable);
        }

        /** MAME's verdict words: {@code good}, {@code best available} or {@code bad}. */
        public String verdict() {
            if (!usable()) {
                return "bad";
            }
            return results.stream().anyMatch(r -> r.status() != Status.GOOD) ? "best available" : "good";
        }
    }

    /** A file or zip entry that may be the ROM: its bytes (null when the size already differs), its size, or the error reading it. */
    private record Candidate(String location, byte[] data, long size, IOException error) {
        static Candidate failed(String location, IOException error) {
            return new Candidate(location, null, -1, error);
        }
    }

    private RomVerifier() {
    }

    /** Audits {@code set} against {@code rompath} (directories searched in order; missing ones are skipped). */
    public static Report verify(RomSet set, List<Path> rompath) {
        List<Result> results = new ArrayList<>();
        for (RomDefinition rom : set.roms()) {
            results.add(verifyOne(set.name(), rom, rompath));
        }
        return new Report(set, List.copyOf(results));
    }

    private static Result verifyOne(String setName, RomDefinition rom, List<Path> rompath) {
        if (rom.status() == RomDefinition.DumpStatus.NO_DUMP) {
            return new Result(rom, Status.NO_DUMP, null, "no good dump known");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Path dir : rompath) {
            collect(dir, setName, rom, candidates);
        }
        if (candidates.isEmpty()) {
            return new Result(rom, Status.MISSING, null, "not found in " + setName + "/ or " + setName + ".zip in the rompath " + rompath);
        }
        Result first = null;
        for (Candidate c : candidates) {
            Result r = judge(rom, c);
            if (r.usable()) {
                return r;
            }
            if (first == null) {
                first = r;
            }
        }
        return first;
    }

    private static Result judge(RomDefinition rom, Candidate c) {
        if (c.error() != null) {
            return new Result(rom, Status.UNREADABLE, c.location(), "cannot read: " + c.error().getMessage());
        }
        byte[] data = c.data();
        if (c.size() != rom.size() || data == null) {
            return new Result(rom, Status.WRONG_SIZE, c.location(),
                    "wrong size: expected " + rom.size() + " bytes, found " + c.size());
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        String sha1 = sha1(data);
        if (crc.getValue() != rom.crc32() || !sha1.equals(rom.sha1())) {
            return new Result(rom, Status.WRONG_CHECKSUM, c.location(), String.format(
                    "wrong checksums: expected CRC32 %s SHA1 %s, found CRC32 %08x SHA1 %s",
                    rom.crcHex(), rom.sha1(), crc.getValue(), sha1));
        }
        if (rom.status() == RomDefinition.DumpStatus.BAD_DUMP) {
            return new Result(rom, Status.BAD_DUMP, c.location(), "matches a known bad dump (best available)");
        }
        return new Result(rom, Status.GOOD, c.location(), "good");
    }

    private static void collect(Path dir, String setName, RomDefinition rom, List<Candidate> out) {
        Path file = dir.resolve(setName).resolve(rom.name());
        if (Files.isRegularFile(file)) {
            out.add(readFile(file, rom));
        }
        Path zip = dir.resolve(setName + ".zip");
        if (!Files.isRegularFile(zip)) {
            return;
        }
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            ZipEntry byName = null;
            ZipEntry byCrc = null;
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (byName == null && base.equalsIgnoreCase(rom.name())) {
                    byName = e;
                } else if (byCrc == null && e.getSize() == rom.size() && e.getCrc() == rom.crc32()) {
                    byCrc = e;
                }
            }
            for (ZipEntry e : new ZipEntry[]{byName, byCrc}) {
                if (e != null) {
                    out.add(readEntry(zf, e, zip, rom));
                }
            }
        } catch (ZipException e) {
            out.add(Candidate.failed(zip.toString(), new IOException("corrupt zip: " + e.getMessage(), e)));
        } catch (IOException e) {
            out.add(Candidate.failed(zip.toString(), e));
        }
    }

    private static Candidate readFile(Path file, RomDefinition rom) {
        try {
            long size = Files.size(file);
            if (size != rom.size()) {
                return new Candidate(file.toString(), null, size, null);
            }
            byte[] data = Files.readAllBytes(file);
            return new Candidate(file.toString(), data, data.length, null);
        } catch (IOException e) {
            return Candidate.failed(file.toString(), e);
        }
    }

    private static Candidate readEntry(ZipFile zf, ZipEntry e, Path zip, RomDefinition rom) {
        String loc = zip + ":" + e.getName();
        if (e.getSize() >= 0 && e.getSize() != rom.size()) {
            return new Candidate(loc, null, e.getSize(), null);
        }
        try (InputStream in = zf.getInputStream(e)) {
            byte[] data = in.readNBytes((int) Math.min(rom.size() + 1, Integer.MAX_VALUE - 8));
            return new Candidate(loc, data.length == rom.size() ? data : null, data.length, null);
        } catch (IOException ex) {
            return Candidate.failed(loc, ex);
        }
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
