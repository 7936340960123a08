package dev.machina.cpu.arm.a64;

/** The programs of {@link A64CpuTest} on the {@code recompiler} engine, every block translated at its first entry. */
class A64CpuRecompilerTest extends A64CpuTest {
    @Override
    String engine() {
        return "recompiler";
    }
}
