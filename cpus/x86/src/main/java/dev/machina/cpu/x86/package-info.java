/**
 * The Intel x86 CPU family plug-in: the 8086 and 8088 (i386, i686 and the KVM engine follow).
 *
 * <p>The parts, by name:
 * <ul>
 *   <li>{@link dev.machina.cpu.x86.X86State} &mdash; the architectural state (registers 32 bits
 *       wide for the later models, segment registers, IP, FLAGS);</li>
 *   <li>{@link dev.machina.cpu.x86.Decoder} &mdash; the one opcode table, from which the
 *       interpreter's dispatch and the disassembler derive;</li>
 *   <li>{@link dev.machina.cpu.x86.Alu} &mdash; each instruction's arithmetic semantics, once, as
 *       static helpers (flags included, undefined ones as the silicon sets them);</li>
 *   <li>{@code Interpreter} &mdash; decode and execute: a run loop that switches on a route per
 *       opcode (derived from the decode table), the hottest kinds in the loop, the others in
 *       one small handler per decode kind;</li>
 *   <li>{@code BusUnit} &mdash; memory, ports, instruction fetch and the prefetch queue;</li>
 *   <li>{@code Timing} &mdash; the manual's clock counts;</li>
 *   <li>{@link dev.machina.cpu.x86.X86Disassembler} &mdash; Intel syntax;</li>
 *   <li>{@link dev.machina.cpu.x86.X86Cpu} &mdash; the {@code Cpu} facade: interrupt lines,
 *       HLT, single step, save states; {@code X86RegisterView};</li>
 *   <li>{@code X86SingleStepTests}, {@code X86Benchmark}, {@link dev.machina.cpu.x86.X86Family}
 *       &mdash; validation, benchmark and the plug-in entry point.</li>
 * </ul>
 * Tests: {@code src/test/java} (SingleStepTests, nasm programs in {@code src/test/asm}, the
 * disassembler against the suite's instruction names) and the JMH benchmark in {@code bench}.
 */
package dev.machina.cpu.x86;
