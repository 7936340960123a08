/**
 * The 2C02 picture processing unit, stepped per dot ({@link dev.machina.machine.nes.ppu.Ppu}),
 * its scroll registers, palette RAM, sprite unit and generated NTSC palette. NESdev wiki, the
 * "PPU" pages and "NTSC video".
 */
package dev.machina.machine.nes.ppu;
