package dev.machina.machine.linuxuser;

import dev.machina.core.media.MediaException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ELF64 little-endian AArch64 file: header fields and program headers, validated
 * against the file size (System V gABI, "ELF Header" and "Program Header"; AArch64 ELF ABI:
 * {@code e_machine} 183 = EM_AARCH64).
 *
 * @param name     file name used in error messages
 * @param data     the whole file
 * @param type     {@code e_type}: 2 ET_EXEC or 3 ET_DYN
 * @param entry    {@code e_entry}
 * @param phoff    {@code e_phoff}
 * @param phentsize {@code e_phentsize} (56)
 * @param segments the program headers in file order
 * @param interpreter the PT_INTERP path, or null for a static executable
 */
public record ElfImage(String name, byte[] data, int type, long entry, long phoff, int phentsize, List<Segment> segments, String interpreter) {
    /** PT_LOAD. */
    public static final int PT_LOAD = 1;
    /** PT_INTERP. */
    public static final int PT_INTERP = 3;
    /** PT_PHDR. */
    public static final int PT_PHDR = 6;
    /** PT_GNU_STACK. */
    public static final int PT_GNU_STACK = 0x6474e551;
    /** EM_AARCH64. */
    public static final int EM_AARCH64 = 183;

    /**
     * One program header.
     *
     * @param type   p_type
     * @param flags  p_flags (PF_X 1, PF_W 2, PF_R 4)
     * @param offset p_offset
     * @param vaddr  p_vaddr
     * @param filesz p_filesz
     * @param memsz  p_memsz
     */
    public record Segment(int type, int flags, long offset, long vaddr, long filesz, long memsz) {
    }

    /**
     * Parses and validates {@code data}.
     *
     * @throws MediaException (one line naming the file and what is wrong) for a file that is
     *                        not ELF, not 64-bit little-endian AArch64, not an executable, or truncated
     */
    public static ElfImage parse(String name, byte[] data) throws MediaException {
        if (data.length < 4 || data[0] != 0x7f || data[1] != 'E' || data[2] != 'L' || data[3] != 'F') {
            throw new MediaException(name + ": not an ELF file (no \\x7fELF magic)");
        }
        if (data.length < 64) {
            throw new MediaException(name + ": truncated ELF header (" + data.length + " bytes, need 64)");
        }
        if (data[4] != 2) {
            throw new MediaException(name + ": ELF class " + (data[4] == 1 ? "32-bit" : data[4]) + ", need 64-bit (ELFCLASS64)");
        }
        if (data[5] != 1) {
            throw new MediaException(name + ": big-endian ELF, need little-endian AArch64");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_AARCH64) {
            throw new MediaException(name + ": ELF machine " + machine + " (" + machineName(machine) + "), need 183 (AArch64)");
        }
        if (type != 2 && type != 3) {
            throw new MediaException(name + ": ELF type " + type + " is not an executable (need ET_EXEC or ET_DYN)");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        if (phentsize != 56 || phnum == 0) {
            throw new MediaException(name + ": bad program header table (e_phentsize " + phentsize + ", e_phnum " + phnum + ")");
        }
        if (phoff < 0 || phoff + (long) phnum * phentsize > data.length) {
            throw new MediaException(name + ": truncated: program headers end at " + (phoff + (long) phnum * phentsize) + ", file has " + data.length + " bytes");
        }
        List<Segment> segs = new ArrayList<>();
        String interp = null;
        for (int k = 0; k < phnum; k++) {
            int o = (int) phoff + k * phentsize;
            Segment s = new Segment(b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16), b.getLong(o + 32), b.getLong(o + 40));
            if ((s.type == PT_LOAD || s.type == PT_INTERP) && (s.offset < 0 || s.filesz < 0 || s.offset + s.filesz > data.length)) {
                throw new MediaException(name + ": truncated: segment " + k + " needs file bytes up to " + (s.offset + s.filesz) + ", file has " + data.length);
            }
            if (s.type == PT_LOAD && (s.memsz < s.filesz || s.vaddr < 0 || s.vaddr + s.memsz > (1L << 48))) {
                throw new MediaException(name + ": bad PT_LOAD segment " + k + " (vaddr 0x" + Long.toHexString(s.vaddr) + ", memsz 0x" + Long.toHexString(s.memsz) + ")");
            }
            if (s.type == PT_INTERP) {
                int len = (int) s.filesz;
                while (len > 0 && data[(int) s.offset + len - 1] == 0) {
                    len--;
                }
                interp = new String(data, (int) s.offset, len, java.nio.charset.StandardCharsets.UTF_8);
            }
            segs.add(s);
        }
        if (segs.stream().noneMatch(s -> s.type == PT_LOAD)) {
            throw new MediaException(name + ": no PT_LOAD segment");
        }
        return new ElfImage(name, data, type, entry, phoff, phentsize, List.copyOf(segs), interp);
    }

    private static String machineName(int m) {
        return switch (m) {
            case 3 -> "i386";
            case 8 -> "MIPS";
            case 20 -> "PowerPC";
            case 21 -> "PowerPC64";
            case 40 -> "ARM (32-bit)";
            case 62 -> "x86-64";
            case 243 -> "RISC-V";
            default -> "unknown";
        };
    }

    /** Lowest PT_LOAD virtual address, page-aligned down. */
    public long lowAddress() {
        return segments.stream().filter(s -> s.type == PT_LOAD).mapToLong(Segment::vaddr).min().orElseThrow() & ~0xFFFL;
    }

    /** End of the highest PT_LOAD (vaddr + memsz). */
    public long highAddress() {
        return segments.stream().filter(s -> s.type == PT_LOAD).mapToLong(s -> s.vaddr + s.memsz).max().orElseThrow();
    }

    /** Number of program headers. */
    public int phnum() {
        return segments.size();
    }
}
