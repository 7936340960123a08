package dev.machina.machine.nes;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.apu.Apu;
import dev.machina.machine.nes.cart.Roms;
import dev.machina.machine.nes.input.ControllerPorts;
import dev.machina.machine.nes.input.StandardController;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;
import dev.machina.machine.nes.ppu.Ppu;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

/** NESdev wiki "CPU memory map". */
class CpuMemoryMapTest {

    @Test
    void everyRegionIsWhereTheWikiSays() throws Exception {
        AddressSpace cpu = new AddressSpace("cpu", 16, 8, ByteOrder.LITTLE_ENDIAN);
        byte[] ram = new byte[2048];
        Mapper mapper = Mappers.create(Roms.cart(0, 2, 1, 0));
        Ppu ppu = new Ppu(mapper, new InterruptLine("nmi"));
        ppu.reset();
        InterruptLine irq = new InterruptLine("irq");
        Apu apu = new Apu(cpu::read8, irq, 1);
        apu.reset();
        ControllerPorts ports = new ControllerPorts();
        OamDma dma = new OamDma(cpu::read8, (r, v) -> {
            ppu.oamDmaWrite(v);
            return 0;
        });
        CpuMemoryMap.install(cpu, ram, ppu, apu, ports, dma, mapper);

        cpu.write8(0x0001, 0x5A);
        assertEquals(0x5A, cpu.read8(0x0801), "RAM mirror");
        assertEquals(0x5A, cpu.read8(0x1801));
        assertEquals(0x5A, ram[1]);

        cpu.write8(0x3FFE, 0x20);      // $2006 mirror
        cpu.write8(0x2006, 0x00);
        assertEquals(0x2000, ppu.loopy().v(), "PPU registers mirrored every 8 bytes");

        cpu.write8(0x4015, 0x01);
        cpu.write8(0x4003, 0x08);
        cpu.setOpenBus(0x40);
        assertEquals(0x01, cpu.read8(0x4015) & 0x1F, "APU status");

        ports.controller(1).setButtons(StandardController.A);
        cpu.write8(0x4016, 1);
        cpu.write8(0x4016, 0);
        cpu.setOpenBus(0x40);
        assertEquals(0x41, cpu.read8(0x4016), "port 1, bits 7-5 open bus");
        assertEquals(0x40, cpu.read8(0x4017), "port 2");

        cpu.write8(0x4014, 0x00);
        assertTrue(dma.active(), "$4014 starts OAM DMA");

        cpu.setOpenBus(0x77);
        assertEquals(0x77, cpu.read8(0x4018), "APU test registers: open bus");
        assertEquals(0x77, cpu.read8(0x5000), "no cartridge expansion on NROM: open bus");
        assertEquals(1, cpu.read8(0xA000), "PRG-ROM bank 1 at $A000");
    }
}
