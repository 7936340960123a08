package dev.machina.machine.linuxuser;

import dev.machina.core.media.MediaException;
import dev.machina.cpu.arm.a64.PagedMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Maps an {@link ElfImage}'s PT_LOAD segments into a {@link PagedMemory} as the Linux kernel's
 * {@code load_elf_binary} does: page-aligned, file bytes copied, the rest of {@code memsz} zero,
 * permissions from {@code p_flags}; ET_DYN images at a load bias.
 */
final class ElfLoader {
    /**
     * The result of loading one image.
     *
     * @param bias  added to every p_vaddr (0 for ET_EXEC)
     * @param entry entry point after relocation
     * @param phdr  address of the program headers in memory (for AT_PHDR), or 0 when not mapped
     * @param end   end of the highest segment (start of brk)
     */
    record Loaded(long bias, long entry, long phdr, long end) {
    }

    private ElfLoader() {
    }

    /** Reads {@code file} and parses it. @throws MediaException for unreadable or malformed files */
    static ElfImage read(Path file, String shownName) throws MediaException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MediaException(shownName + ": no such file");
        } catch (IOException e) {
            throw new MediaException(shownName + ": cannot read (" + e.getMessage() + ")");
        }
        return ElfImage.parse(shownName, data);
    }

    /** Loads {@code elf} at {@code base} when it is ET_DYN (ignored for ET_EXEC). */
    static Loaded load(ElfImage elf, PagedMemory mem, long base) {
        long bias = elf.type() == 3 ? base - elf.lowAddress() : 0;
        long phdr = 0;
        for (ElfImage.Segment s : elf.segments()) {
            if (s.type() == ElfImage.PT_PHDR) {
                phdr = s.vaddr() + bias;
            }
        }
        for (ElfImage.Segment s : elf.segments()) {
            if (s.type() != ElfImage.PT_LOAD || s.memsz() == 0) {
                continue;
            }
            long start = (s.vaddr() + bias) & ~0xFFFL;
            long end = PagedMemory.roundUp(s.vaddr() + bias + s.memsz());
            int prot = ((s.flags() & 4) != 0 ? PagedMemory.PROT_READ : 0) | ((s.flags() & 2) != 0 ? PagedMemory.PROT_WRITE : 0)
                    | ((s.flags() & 1) != 0 ? PagedMemory.PROT_EXEC : 0);
            // a page shared with the previous segment keeps its bytes and the union of both permissions
            int existing = Math.max(mem.protection(start), 0);
            byte[] keep = null;
            if (mem.isMapped(start)) {
                keep = new byte[PagedMemory.PAGE_SIZE];
                mem.protect(start, PagedMemory.PAGE_SIZE, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
                mem.copyOut(start, keep, 0, keep.length);
            }
            mem.map(start, end - start, prot | existing);
            if (keep != null) {
                mem.copyIn(start, keep, 0, keep.length, true);
            }
            mem.copyIn(s.vaddr() + bias, elf.data(), (int) s.offset(), (int) s.filesz(), true);
            if (phdr == 0 && elf.phoff() >= s.offset() && elf.phoff() < s.offset() + s.filesz()) {
                phdr = s.vaddr() + bias + (elf.phoff() - s.offset());
            }
        }
        return new Loaded(bias, elf.entry() + bias, phdr, elf.highAddress() + bias);
    }
}
