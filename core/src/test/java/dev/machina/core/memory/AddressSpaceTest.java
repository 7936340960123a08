package dev.machina.core.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressSpaceTest {

    private static AddressSpace space16() {
        return new AddressSpace("test", 16, 8, ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void ramMirrorsLikeTheNesInternalRam() {
        AddressSpace s = space16();
        MemorySegment ram = MemorySegment.ofArray(new byte[0x800]);
        s.installRam(0x0000, 0x07FF, 0x1800, ram, 0);
        s.write8(0x0123, 0xAB);
        assertEquals(0xAB, s.read8(0x0923));
        assertEquals(0xAB, s.read8(0x1123));
        assertEquals(0xAB, s.read8(0x1923));
        s.write8(0x1FFF, 0x5A);
        assertEquals(0x5A, ram.get(ValueLayout.JAVA_BYTE, 0x7FF));
        assertEquals(0x5A, s.read8(0x07FF));
    }

    @Test
    void handlersSeeOffsetsWithMirrorBitsRemoved() {
        AddressSpace s = space16();
        List<String> log = new ArrayList<>();
        // 8 registers at $2000-$2007 mirrored every 8 bytes up to $3FFF, like the NES PPU
        s.installHandler(0x2000, 0x2007, 0x1FF8, off -> 0x10 + off, (off, v) -> log.add(off + "=" + v));
        assertEquals(0x12, s.read8(0x2002));
        assertEquals(0x12, s.read8(0x3FFA));
        assertEquals(0x17, s.read8(0x2E8F));
        s.write8(0x3456, 0x99);
        assertEquals(List.of("6=153"), log);
    }

    @Test
    void subPageRegionsShareAPage() {
        AddressSpace s = space16();
        MemorySegment rom = MemorySegment.ofArray(new byte[0x8000]);
        rom.set(ValueLayout.JAVA_BYTE, 0x20, (byte) 0x42);
        // APU/IO registers $4000-$4017 in the same 256-byte page as other things at $4018-$40FF
        s.installHandler(0x4000, 0x4017, off -> 0x40 + off, null);
        s.installRom(0x4020, 0x40FF, 0, rom, 0x20);
        s.setOpenBus(0x40);
        assertEquals(0x55, s.read8(0x4015));
        assertEquals(0x42, s.read8(0x4020));
        assertEquals(0x40, s.read8(0x4018), "gap in the page reads open bus");
        s.write8(0x4020, 0x00);
        assertEquals(0x42, s.read8(0x4020), "ROM ignores writes");
        // re-mapping the whole page joins it again
        s.unmap(0x4000, 0x40FF);
        s.setOpenBus(0x7E);
        assertEquals(0x7E, s.read8(0x4015));
    }

    @Test
    void unmappedReadsReturnOpenBusAndWritesVanish() {
        AddressSpace s = space16();
        s.setOpenBus(0x1C3);
        assertEquals(0xC3, s.read8(0x8000));
        s.write8(0x8000, 1);
        assertEquals(0xC3, s.read8(0x8000));
        assertEquals(0xC3C3, s.read16(0x8000));
    }

    @Test
    void banksSwitchWhatTheWindowShows() {
        AddressSpace s = space16();
        byte[] prg = new byte[4 * 0x4000];
        for (int bank = 0; bank < 4; bank++) {
            prg[bank * 0x4000] = (byte) (0xB0 + bank);
            prg[bank * 0x4000 + 0x3FFF] = (byte) (0xE0 + bank);
        }
        Bank b = new Bank("prg", MemorySegment.ofArray(prg), 0x4000, false);
        s.installBank(0x8000, 0xBFFF, 0, b);
        assertEquals(0xB0, s.read8(0x8000));
        b.select(2);
        assertEquals(0xB2, s.read8(0x8000));
        assertEquals(0xE2, s.read8(0xBFFF));
        b.select(5);                         // wraps: unconnected select bits
        assertEquals(0xB1, s.read8(0x8000));
        assertEquals(1, b.selected());
        assertThrows(IllegalArgumentException.class, () -> s.installBank(0xC000, 0xDFFF, 0, b));
    }

    @Test
    void wideAccessorsFollowTheSpaceByteOrder() {
        AddressSpace le = new AddressSpace("le", 16, 8, ByteOrder.LITTLE_ENDIAN);
        AddressSpace be = new AddressSpace("be", 16, 8, ByteOrder.BIG_ENDIAN);
        MemorySegment m1 = Arena.ofAuto().allocate(0x1000);
        MemorySegment m2 = MemorySegment.ofArray(new byte[0x1000]);
        le.installRam(0x0000, 0x0FFF, m1);
        be.installRam(0x0000, 0x0FFF, m2);
        for (AddressSpace s : List.of(le, be)) {
            for (int i = 0; i < 16; i++) {
                s.write8(0x0F8 + i, 0x11 * (i + 1));   // straddles the $0100 page boundary
            }
        }
        assertEquals(0x2211, le.read16(0x0F8));
        assertEquals(0x1122, be.read16(0x0F8));
        assertEquals(0x44332211, le.read32(0x0F8));
        assertEquals(0x11223344, be.read32(0x0F8));
        // crossing the page boundary composes bytes in order
        assertEquals(0xEEDDCCBBAA998877L, le.read64(0x0FE));
        assertEquals(0x8899AABBCCDDEEFFL, be.read64(0x0FF));
        le.write32(0x0FE, 0xCAFEBABE);
        assertEquals(0xBE, le.read8(0x0FE));
        assertEquals(0xCA, le.read8(0x101));
        be.write16(0x0FF, 0xBEEF);
        assertEquals(0xBE, be.read8(0x0FF));
        assertEquals(0xEF, be.read8(0x100));
        le.write64(0x200, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, le.read64(0x200));
        assertEquals(0x08, le.read8(0x200));
    }

    @Test
    void thirtyTwoBitSpaceWithHighAddresses() {
        AddressSpace s = new AddressSpace("arm", 32, 12, ByteOrder.LITTLE_ENDIAN);
        MemorySegment hi = MemorySegment.ofArray(new byte[0x2000]);
        s.installRam(0xFFFF_E000, 0xFFFF_FFFF, hi);
        s.write32(0xFFFF_FFFC, 0xDEADBEEF);
        assertEquals(0xDEADBEEF, s.read32(0xFFFF_FFFC));
        assertEquals(0xEF, hi.get(ValueLayout.JAVA_BYTE, 0x1FFC) & 0xFF);
    }

    @Test
    void badMappingsAreRejected() {
        AddressSpace s = space16();
        MemorySegment small = MemorySegment.ofArray(new byte[0x100]);
        assertThrows(IllegalArgumentException.class, () -> s.installRam(0x0000, 0x01FF, small));
        assertThrows(IllegalArgumentException.class, () -> s.installRam(0x0000, 0x00FF, 0x0080, small, 0));
        assertThrows(IllegalArgumentException.class, () -> s.installRam(0x0100, 0x00FF, small));
        assertThrows(IllegalArgumentException.class, () -> s.installRam(0x0000, 0x1FFFF, small));
    }

    @Test
    void directReadArrayExposesHeapRamPagesAndTracksMapChanges() {
        AddressSpace s = space16();
        byte[] ram = new byte[0x800];
        s.installRam(0x0000, 0x07FF, 0x1800, MemorySegment.ofArray(ram), 0);
        s.installHandler(0x2000, 0x2007, 0x1FF8, off -> 0x10 + off, null);
        // a mirror of RAM maps to the same array at the mirrored index
        s.write8(0x0923, 0x77);
        byte[] arr = s.directReadArray(0x0923);
        assertEquals(ram, arr);
        assertEquals(0x123, s.directReadArrayIndex(0x0923));
        assertEquals(0x77, arr[s.directReadArrayIndex(0x1123)]);
        // writes through the address space are visible in the array at once
        s.write8(0x1FFF, 0x5A);
        assertEquals(0x5A, arr[s.directReadArrayIndex(0x07FF)]);
        // handler pages and unmapped pages have no array
        assertEquals(null, s.directReadArray(0x2002));
        assertEquals(null, s.directReadArray(0x8000));
        // every mapping change moves the version; accesses do not
        int v = s.mapVersion();
        s.read8(0x0100);
        s.write8(0x0100, 1);
        assertEquals(v, s.mapVersion());
        Bank b = new Bank("prg", MemorySegment.ofArray(new byte[0x8000]), 0x4000, true);
        s.installBank(0x8000, 0xBFFF, 0, b);
        int afterInstall = s.mapVersion();
        org.junit.jupiter.api.Assertions.assertNotEquals(v, afterInstall);
        b.select(1);
        org.junit.jupiter.api.Assertions.assertNotEquals(afterInstall, s.mapVersion());
        s.unmap(0x0000, 0x00FF);
        assertEquals(null, s.directReadArray(0x0000));
    }

    @Test
    void directWriteArrayExposesWritableRamPagesOnly() {
        AddressSpace s = space16();
        byte[] ram = new byte[0x800];
        s.installRam(0x0000, 0x07FF, 0x1800, MemorySegment.ofArray(ram), 0);
        byte[] rom = new byte[0x4000];
        rom[0x0010] = 0x42;
        s.installRom(0xC000, 0xFFFF, MemorySegment.ofArray(rom));
        s.installHandler(0x2000, 0x2007, 0x1FF8, off -> 0, null);
        // RAM and its mirrors: the array itself, at the mirrored index
        assertEquals(ram, s.directWriteArray(0x1923));
        assertEquals(0x123, s.directWriteArrayIndex(0x1923));
        s.directWriteArray(0x0923)[s.directWriteArrayIndex(0x0923)] = 0x66;
        assertEquals(0x66, s.read8(0x0123));
        // ROM is readable directly but not writable; handler and unmapped pages are neither
        assertEquals(rom, s.directReadArray(0xC010));
        assertEquals(null, s.directWriteArray(0xC010));
        s.write8(0xC010, 0x99);
        assertEquals(0x42, s.read8(0xC010));
        assertEquals(null, s.directWriteArray(0x2003));
        assertEquals(null, s.directWriteArray(0x8000));
        // a write-watched page takes the slow path (the watcher must see its writes), and so do
        // its mirrors onto the same bytes; unwatching gives the array back
        int v = s.mapVersion();
        s.watchWrites(0x0100, true);
        org.junit.jupiter.api.Assertions.assertNotEquals(v, s.mapVersion());
        assertEquals(null, s.directWriteArray(0x0100));
        assertEquals(null, s.directWriteArray(0x0900));
        assertEquals(ram, s.directReadArray(0x0100));
        assertEquals(ram, s.directWriteArray(0x0200));
        s.watchWrites(0x0100, false);
        assertEquals(ram, s.directWriteArray(0x0100));
    }
}
