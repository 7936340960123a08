/**
 * CPU-independent pieces of the NES validation harnesses: blargg's $6000 result protocol and
 * nestest-style trace lines. The harnesses themselves ({@code machina validate blargg},
 * {@code machina validate nestest}) come with the CPU.
 */
package dev.machina.machine.nes.validate;
