package dev.machina.cpu.arm.a64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PagedMemoryTest {
    @Test
    void littleEndianAccessesAcrossPageBoundaries() {
        PagedMemory m = new PagedMemory();
        long top = 0x7fff_ffff_e000L;
        m.map(top, 0x2000, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        m.write64(top + 0xffd, 0x0102030405060708L);
        assertEquals(0x08, m.read8(top + 0xffd));
        assertEquals(0x01, m.read8(top + 0x1004));
        assertEquals(0x0102030405060708L, m.read64(top + 0xffd));
        assertEquals(0x05060708, m.read32(top + 0xffd));
        m.write16(top + 0xfff, 0xabcd);
        assertEquals(0xcd, m.read8(top + 0xfff));
        assertEquals(0xab, m.read8(top + 0x1000));
    }

    @Test
    void faultsOnUnmappedAndProtectedPages() {
        PagedMemory m = new PagedMemory();
        m.map(0x10000, 0x1000, PagedMemory.PROT_READ);
        MemoryFault w = assertThrows(MemoryFault.class, () -> m.write8(0x10010, 1));
        assertTrue(w.write);
        assertTrue(w.permission);
        MemoryFault r = assertThrows(MemoryFault.class, () -> m.read32(0x20000));
        assertFalse(r.permission);
        assertEquals(0x20000, r.address);
        assertThrows(MemoryFault.class, () -> m.read8(1L << 48), "beyond 48 bits");
        assertThrows(MemoryFault.class, () -> m.fetch32(0x10000), "not executable");
        // a cross-page store that would fault on the second page writes nothing
        m.map(0x30000, 0x1000, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        assertThrows(MemoryFault.class, () -> m.write64(0x30ffc, -1L));
        assertEquals(0, m.read32(0x30ffc));
    }

    @Test
    void protectUnmapMoveAndCopy() {
        PagedMemory m = new PagedMemory();
        m.map(0x40000, 0x3000, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        m.write32(0x41000, 0x12345678);
        assertTrue(m.protect(0x41000, 0x1000, PagedMemory.PROT_READ));
        assertThrows(MemoryFault.class, () -> m.write8(0x41000, 0));
        assertFalse(m.protect(0x50000, 0x1000, PagedMemory.PROT_READ), "unmapped range");
        PagedMemory copy = m.copy();
        m.unmap(0x41000, 0x1000);
        assertFalse(m.isMapped(0x41000));
        assertEquals(0x12345678, copy.read32(0x41000), "the copy keeps its own pages");
        copy.move(0x40000, 0x90000, 0x3000);
        assertEquals(0x12345678, copy.read32(0x91000));
        assertTrue(copy.isFree(0x40000, 0x3000));
        assertEquals(3, copy.mappedPages());
        byte[] s = "hello".getBytes();
        copy.map(0x1000, 0x1000, PagedMemory.PROT_READ | PagedMemory.PROT_WRITE);
        copy.copyIn(0x1000, s, 0, 5, false);
        assertArrayEquals(s, copy.readCString(0x1000, 100));
    }
}
