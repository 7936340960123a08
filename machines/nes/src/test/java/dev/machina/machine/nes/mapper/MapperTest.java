package dev.machina.machine.nes.mapper;

import dev.machina.core.media.MediaException;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.INesParser;
import dev.machina.machine.nes.cart.Mirroring;
import dev.machina.machine.nes.cart.Roms;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Banking per the NESdev wiki mapper pages. The test images fill each PRG 8 KiB bank with its
 * bank number and each CHR 1 KiB bank with its bank number, so a read shows which bank is mapped.
 */
class MapperTest {

    private static Mapper mapper(int number, int prg16k, int chr8k, int flags6) throws MediaException {
        return Mappers.create(Roms.cart(number, prg16k, chr8k, flags6));
    }

    /** 8 KiB PRG banks seen at $8000, $A000, $C000, $E000. */
    private static int[] prg(Mapper m) {
        return new int[]{m.cpuRead(0x8000), m.cpuRead(0xA000), m.cpuRead(0xC000), m.cpuRead(0xFFFF)};
    }

    /** 1 KiB CHR banks seen at $0000..$1C00. */
    private static int[] chr(Mapper m) {
        int[] out = new int[8];
        for (int i = 0; i < 8; i++) {
            out[i] = m.read(i * 0x400 + 0x3FF);
        }
        return out;
    }

    @Test
    void nrom128MirrorsAnd256DoesNot() throws MediaException {
        assertArrayEquals(new int[]{0, 1, 0, 1}, prg(mapper(0, 1, 1, 0)));
        assertArrayEquals(new int[]{0, 1, 2, 3}, prg(mapper(0, 2, 1, 0)));
    }

    @Test
    void unsupportedMapperNamesIt() {
        MediaException e = assertThrows(MediaException.class, () -> mapper(5, 1, 1, 0));
        assertEquals("test.nes: mapper 5 (MMC5 (ExROM)) is not supported (supported: 0 NROM, 1 MMC1, 2 UxROM, 3 CNROM, 4 MMC3, 7 AxROM)",
                e.getMessage());
        MediaException u = assertThrows(MediaException.class, () -> mapper(99, 1, 1, 0));
        assertEquals("test.nes: mapper 99 is not supported (supported: 0 NROM, 1 MMC1, 2 UxROM, 3 CNROM, 4 MMC3, 7 AxROM)",
                u.getMessage());
    }

    @Test
    void installCpuServesReadsWritesAndOpenBus() throws MediaException {
        AddressSpace cpu = new AddressSpace("cpu", 16, 8, ByteOrder.LITTLE_ENDIAN);
        Mapper m = mapper(2, 4, 0, 0);
        m.installCpu(cpu);
        cpu.setOpenBus(0x5A);
        assertEquals(0x5A, cpu.read8(0x5000), "nothing at $5000 on UxROM");
        cpu.write8(0x6000, 0x42);
        assertEquals(0x42, cpu.read8(0x6000), "PRG-RAM");
        cpu.write8(0x8000, 2);
        assertEquals(4, cpu.read8(0x8000), "16 KiB bank 2 = 8 KiB bank 4");
        assertEquals(7, cpu.read8(0xE000), "last bank fixed");
    }

    @Test
    void uxromSwitchesLowWindowAndFixesLast() throws MediaException {
        Mapper m = mapper(2, 8, 0, 0);
        assertArrayEquals(new int[]{0, 1, 14, 15}, prg(m));
        m.cpuWrite(0x8000, 3);
        assertArrayEquals(new int[]{6, 7, 14, 15}, prg(m));
        m.cpuWrite(0xFFFF, 9); // wraps: 9 mod 8 = 1
        assertArrayEquals(new int[]{2, 3, 14, 15}, prg(m));
        // CHR-RAM is writable
        m.write(0x1234, 0xAB);
        assertEquals(0xAB, m.read(0x1234));
    }

    @Test
    void busConflictsWithNes2Submapper2() throws MediaException {
        byte[] img = Roms.image(2, 8, 0, 0);
        img[7] = 0x08;                  // NES 2.0
        img[8] = 0x20;                  // submapper 2: bus conflicts
        Mapper m = Mappers.create(INesParser.parse("c.nes", img));
        // the ROM byte at $C000 (fixed last bank, 8 KiB bank 14) is 14 = %1110: writing 3 there
        // drives %0011 AND %1110 = 2
        m.cpuWrite(0xC000, 3);
        assertArrayEquals(new int[]{4, 5, 14, 15}, prg(m));
        Mapper plain = mapper(2, 8, 0, 0);
        plain.cpuWrite(0xC000, 3);
        assertArrayEquals(new int[]{6, 7, 14, 15}, prg(plain), "no conflicts without the submapper");
    }

    @Test
    void mmc3MirroringControlIsIgnoredWithFourScreenVram() throws MediaException {
        Mapper m = mapper(4, 2, 1, 0x08);
        m.cpuWrite(0xA000, 1);
        assertEquals(Mirroring.FOUR_SCREEN, m.mirroring());
    }

    @Test
    void cnromSwitchesChr8k() throws MediaException {
        Mapper m = mapper(3, 2, 4, 0);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7}, chr(m));
        m.cpuWrite(0x8000, 2);
        assertArrayEquals(new int[]{16, 17, 18, 19, 20, 21, 22, 23}, chr(m));
        m.write(0x0000, 0x99); // CHR-ROM ignores writes
        assertEquals(16, m.read(0x0000));
    }

    @Test
    void axromSwitches32kAndSingleScreen() throws MediaException {
        Mapper m = mapper(7, 8, 0, 0);
        assertArrayEquals(new int[]{0, 1, 2, 3}, prg(m));
        m.cpuWrite(0x8000, 0x12); // bank 2, upper screen
        assertArrayEquals(new int[]{8, 9, 10, 11}, prg(m));
        assertEquals(Mirroring.SINGLE_SCREEN_UPPER, m.mirroring());
        m.write(0x2000, 0x11);
        assertEquals(0x11, m.read(0x2C00), "all four nametables are the same page");
        m.cpuWrite(0x8000, 0x00);
        assertEquals(Mirroring.SINGLE_SCREEN_LOWER, m.mirroring());
        assertNotEquals(0x11, m.read(0x2000));
    }

    @Test
    void fixedMirroringFromHeader() throws MediaException {
        Mapper h = mapper(0, 1, 1, 0);
        h.write(0x2000, 1);
        h.write(0x2800, 2);
        assertEquals(1, h.read(0x2400), "horizontal: $2400 mirrors $2000");
        assertEquals(2, h.read(0x2C00), "horizontal: $2C00 mirrors $2800");
        Mapper v = mapper(0, 1, 1, 1);
        v.write(0x2000, 1);
        v.write(0x2400, 2);
        assertEquals(1, v.read(0x2800), "vertical: $2800 mirrors $2000");
        assertEquals(2, v.read(0x2C00), "vertical: $2C00 mirrors $2400");
        Mapper f = mapper(0, 1, 1, 8);
        for (int i = 0; i < 4; i++) {
            f.write(0x2000 + i * 0x400, 10 + i);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(10 + i, f.read(0x2000 + i * 0x400), "four-screen");
        }
        assertEquals(10, f.read(0x3000), "$3000-$3EFF mirrors $2000-$2EFF");
    }

    // ------------------------------------------------------------------ MMC1

    /** Five serial writes, one bit each, low bit first, on cycles that are not consecutive. */
    private static void mmc1Write(Mapper m, int address, int value) {
        for (int i = 0; i < 5; i++) {
            m.cpuWrite(address, (value >> i) & 1);
            m.cpuClock();
            m.cpuClock();
        }
    }

    @Test
    void mmc1PowerOnIsPrgMode3() throws MediaException {
        Mapper m = mapper(1, 8, 2, 0);
        assertArrayEquals(new int[]{0, 1, 14, 15}, prg(m));
    }

    @Test
    void mmc1SerialWritesLoadRegisters() throws MediaException {
        Mmc1 m = (Mmc1) mapper(1, 8, 2, 0);
        mmc1Write(m, 0xE000, 5);          // PRG bank 5 at $8000 in mode 3
        assertArrayEquals(new int[]{10, 11, 14, 15}, prg(m));
        mmc1Write(m, 0x8000, 0x08 | 0x02); // mode 2 (fix first at $8000), vertical
        assertArrayEquals(new int[]{0, 1, 10, 11}, prg(m));
        assertEquals(Mirroring.VERTICAL, m.mirroring());
        mmc1Write(m, 0x8000, 0x00 | 0x03); // mode 0: 32 KiB, low bit ignored: bank 5 -> 4,5
        assertArrayEquals(new int[]{8, 9, 10, 11}, prg(m));
        assertEquals(Mirroring.HORIZONTAL, m.mirroring());
        // 8 KiB CHR mode: CHR bank 0 value 3 selects 8 KiB bank 1 (low bit ignored)
        mmc1Write(m, 0xA000, 3);
        assertArrayEquals(new int[]{8, 9, 10, 11, 12, 13, 14, 15}, chr(m));
        // 4 KiB CHR mode: $A000 -> $0000, $C000 -> $1000
        mmc1Write(m, 0x8000, 0x10 | 0x0C);
        mmc1Write(m, 0xA000, 3);
        mmc1Write(m, 0xC000, 1);
        assertArrayEquals(new int[]{12, 13, 14, 15, 4, 5, 6, 7}, chr(m));
    }

    @Test
    void mmc1OnlyTheFifthWriteCountsItsAddress() throws MediaException {
        Mmc1 m = (Mmc1) mapper(1, 8, 2, 0);
        // bits to $8000..$C000, the fifth write at $E000 chooses the PRG register
        for (int i = 0; i < 4; i++) {
            m.cpuWrite(0x8000 + i * 0x2000 % 0x6000, (6 >> i) & 1);
            m.cpuClock();
            m.cpuClock();
        }
        m.cpuWrite(0xE000, 0);
        assertArrayEquals(new int[]{12, 13, 14, 15}, prg(m));
    }

    @Test
    void mmc1ResetBitClearsShiftAndSetsMode3() throws MediaException {
        Mmc1 m = (Mmc1) mapper(1, 8, 2, 0);
        mmc1Write(m, 0x8000, 0x00); // mode 0
        m.cpuWrite(0x8000, 1);      // one stray bit
        m.cpuClock();
        m.cpuClock();
        m.cpuWrite(0x8000, 0x80);   // reset
        m.cpuClock();
        m.cpuClock();
        assertEquals(0x0C, m.control() & 0x0C);
        mmc1Write(m, 0xE000, 2);    // a full fresh sequence lands in the PRG register
        assertArrayEquals(new int[]{4, 5, 14, 15}, prg(m));
    }

    @Test
    void mmc1IgnoresWriteOnConsecutiveCycle() throws MediaException {
        Mmc1 m = (Mmc1) mapper(1, 8, 2, 0);
        // A read-modify-write instruction writes the old value then the new one on the next cycle:
        // only the first counts. Here: 5 bits of value 3 where each bit is written twice in a row,
        // the second copy (inverted) must be ignored.
        for (int i = 0; i < 5; i++) {
            int bit = (3 >> i) & 1;
            m.cpuWrite(0xE000, bit);
            m.cpuClock();
            m.cpuWrite(0xE000, bit ^ 1);
            m.cpuClock();
            m.cpuClock();
        }
        assertArrayEquals(new int[]{6, 7, 14, 15}, prg(m));
    }

    @Test
    void mmc1PrgRamDisableBit() throws MediaException {
        Mapper m = mapper(1, 8, 2, 0);
        m.cpuWrite(0x6000, 0x55);
        assertEquals(0x55, m.cpuRead(0x6000));
        mmc1Write(m, 0xE000, 0x10);
        assertEquals(Mapper.OPEN_BUS, m.cpuRead(0x6000));
    }

    // ------------------------------------------------------------------ MMC3

    @Test
    void mmc3PrgBanking() throws MediaException {
        Mapper m = mapper(4, 8, 4, 0); // 16 x 8 KiB PRG banks
        m.cpuWrite(0x8000, 6);
        m.cpuWrite(0x8001, 3);
        m.cpuWrite(0x8000, 7);
        m.cpuWrite(0x8001, 5);
        assertArrayEquals(new int[]{3, 5, 14, 15}, prg(m));
        m.cpuWrite(0x8000, 0x40); // PRG mode 1: R6 at $C000, second-last at $8000
        assertArrayEquals(new int[]{14, 5, 3, 15}, prg(m));
    }

    @Test
    void mmc3ChrBankingAndInversion() throws MediaException {
        Mapper m = mapper(4, 2, 4, 0); // 32 x 1 KiB CHR banks
        int[] values = {9, 20, 1, 2, 3, 4}; // R0 odd: low bit ignored
        for (int i = 0; i < 6; i++) {
            m.cpuWrite(0x8000, i);
            m.cpuWrite(0x8001, values[i]);
        }
        assertArrayEquals(new int[]{8, 9, 20, 21, 1, 2, 3, 4}, chr(m));
        m.cpuWrite(0x8000, 0x80);
        assertArrayEquals(new int[]{1, 2, 3, 4, 8, 9, 20, 21}, chr(m));
    }

    @Test
    void mmc3MirroringAndPrgRamProtect() throws MediaException {
        Mapper m = mapper(4, 2, 1, 0);
        m.cpuWrite(0xA000, 0);
        assertEquals(Mirroring.VERTICAL, m.mirroring());
        m.cpuWrite(0xA000, 1);
        assertEquals(Mirroring.HORIZONTAL, m.mirroring());
        m.cpuWrite(0x6000, 0x12);
        m.cpuWrite(0xA001, 0xC0); // enabled, write-protected
        m.cpuWrite(0x6000, 0x34);
        assertEquals(0x12, m.cpuRead(0x6000));
        m.cpuWrite(0xA001, 0x00); // disabled
        assertEquals(Mapper.OPEN_BUS, m.cpuRead(0x6000));
    }

    /** One scanline's worth of A12 activity with BG at $0000 and sprites at $1000: low long enough, then a rise. */
    private static void scanline(Mapper m) {
        for (int i = 0; i < 80; i++) { // background fetches: A12 low for ~85 CPU cycles
            m.read(0x0000 | (i & 0xFF0));
            m.cpuClock();
        }
        for (int i = 0; i < 8; i++) { // sprite fetches: A12 high, several edges close together
            m.read(0x1000);
            m.read(0x2000); // garbage nametable fetch: A12 low briefly, no M2 cycle between
            m.read(0x1008);
        }
    }

    @Test
    void mmc3CountsScanlinesFromA12AndRaisesIrq() throws MediaException {
        Mmc3 m = (Mmc3) mapper(4, 2, 1, 0);
        InterruptLine irq = new InterruptLine("irq");
        m.setIrqOutput(irq, 1);
        m.cpuWrite(0xC000, 3);   // latch 3
        m.cpuWrite(0xC001, 0);   // reload
        m.cpuWrite(0xE001, 0);   // enable
        scanline(m);             // reload -> 3
        assertEquals(3, m.irqCounter());
        scanline(m);             // 2
        scanline(m);             // 1
        assertFalse(irq.isAsserted());
        scanline(m);             // 0 -> IRQ
        assertEquals(0, m.irqCounter());
        assertTrue(irq.isAssertedBy(1));
        m.cpuWrite(0xE000, 0);   // disable + acknowledge
        assertFalse(irq.isAsserted());
        scanline(m);             // counter 0 -> reload 3
        assertEquals(3, m.irqCounter());
    }

    @Test
    void mmc3IgnoresRisesAfterShortLowTime() throws MediaException {
        Mmc3 m = (Mmc3) mapper(4, 2, 1, 0);
        m.cpuWrite(0xC000, 5);
        m.cpuWrite(0xC001, 0);
        scanline(m);
        assertEquals(5, m.irqCounter());
        // rises with A12 low for only 2 CPU cycles do not clock
        for (int i = 0; i < 10; i++) {
            m.read(0x0000);
            m.cpuClock();
            m.cpuClock();
            m.read(0x1000);
        }
        assertEquals(5, m.irqCounter());
        // a $2006-style address write with A12 after enough low time clocks it
        m.read(0x0000);
        for (int i = 0; i < 3; i++) {
            m.cpuClock();
        }
        m.address(0x1000);
        assertEquals(4, m.irqCounter());
    }

    @Test
    void batteryRamIsTheBoardsRam() throws MediaException {
        Cartridge c = INesParser.parse("b.nes", Roms.image(1, 2, 1, 0x02));
        Mapper m = Mappers.create(c);
        assertTrue(m.hasBattery());
        m.cpuWrite(0x7FFF, 0x3C);
        assertEquals(0x3C, m.prgRam()[0x1FFF]);
    }
}
