package dev.machina.cpu.arm.a64;

/**
 * The programs of {@link A64CpuTest} on the {@code lockstep} engine, every block translated at
 * its first entry: each block's result is compared with the interpreter's (a difference throws)
 * and the test's own assertions check the final state.
 */
class A64CpuLockstepTest extends A64CpuTest {
    @Override
    String engine() {
        return "lockstep";
    }
}
