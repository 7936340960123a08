/**
 * Cartridge images: iNES 1.0 and NES 2.0 headers ({@link dev.machina.machine.nes.cart.INesParser}),
 * the decoded header and ROM contents, and battery-backed PRG-RAM saves next to the image
 * ({@link dev.machina.machine.nes.cart.BatterySave}). NESdev wiki "INES", "NES 2.0".
 */
package dev.machina.machine.nes.cart;
