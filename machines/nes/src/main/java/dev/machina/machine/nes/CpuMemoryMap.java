package dev.machina.machine.nes;

import dev.machina.core.memory.AddressSpace;
import dev.machina.machine.nes.apu.Apu;
import dev.machina.machine.nes.input.ControllerPorts;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.ppu.Ppu;

import java.lang.foreign.MemorySegment;

/**
 * The NES CPU memory map (NESdev wiki "CPU memory map"):
 * <pre>
 * $0000-$07FF  2 KiB internal RAM, mirrored to $1FFF
 * $2000-$2007  PPU registers, mirrored every 8 bytes to $3FFF
 * $4000-$4013  APU channels (write)     $4014 OAM DMA (write)
 * $4015        APU status (read/write)  $4016 controller strobe (write), port 1 (read)
 * $4017        port 2 (read), APU frame counter (write)
 * $4018-$401F  APU test registers: open bus
 * $4020-$FFFF  cartridge
 * </pre>
 * Open bus is the address space's {@link AddressSpace#openBus()}, which the CPU must keep at
 * the last value on the data bus; bits 7-5 of $4016/$4017 and bit 5 of $4015 come from it.
 */
public final class CpuMemoryMap {
    private CpuMemoryMap() {
    }

    /**
     * Installs every region of the map into {@code cpu} (a 16-bit space).
     *
     * @param ram 2048 bytes of internal RAM
     */
    public static void install(AddressSpace cpu, byte[] ram, Ppu ppu, Apu apu, ControllerPorts ports,
                               OamDma dma, Mapper mapper) {
        if (ram.length != 2048) {
            throw new IllegalArgumentException("NES RAM is 2048 bytes, got " + ram.length);
        }
        cpu.installRam(0x0000, 0x07FF, 0x1800, MemorySegment.ofArray(ram), 0);
        ppu.installCpu(cpu);
        cpu.installHandler(0x4000, 0x4017, offset -> switch (offset) {
            case 0x15 -> apu.readStatus() | (cpu.openBus() & 0x20);
            case 0x16 -> ports.read(1, cpu.openBus());
            case 0x17 -> ports.read(2, cpu.openBus());
            default -> cpu.openBus();
        }, (offset, value) -> {
            switch (offset) {
                case 0x14 -> dma.start(value);
                case 0x16 -> ports.write(value);
                default -> apu.writeRegister(0x4000 + offset, value);
            }
        });
        mapper.installCpu(cpu);
    }
}
