/**
 * The 2A03's audio processing unit ({@link dev.machina.machine.nes.apu.Apu}): pulse, triangle,
 * noise and DMC channels, length counters, envelopes, sweep, the frame counter, the non-linear
 * mixer and the analogue output filters, band-limited to 48 kHz. NESdev wiki, the "APU" pages.
 */
package dev.machina.machine.nes.apu;
