/**
 * Cartridge boards: the CPU side ($4020-$FFFF) and the PPU side (pattern tables and nametable
 * mirroring) of mappers 0 (NROM), 1 (MMC1), 2 (UxROM), 3 (CNROM), 4 (MMC3) and 7 (AxROM),
 * created by {@link dev.machina.machine.nes.mapper.Mappers#create}. NESdev wiki, the mapper pages.
 */
package dev.machina.machine.nes.mapper;
