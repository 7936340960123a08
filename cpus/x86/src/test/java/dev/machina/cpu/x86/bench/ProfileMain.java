package dev.machina.cpu.x86.bench;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.cpu.x86.X86Family;

/** Runs the benchmark program for a while, for profilers (JFR): {@code ProfileMain [seconds]}. */
public final class ProfileMain {
    private ProfileMain() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        CpuBenchmark.Run run = new X86Family().benchmark("8086").orElseThrow().prepare("interpreter");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        while (System.nanoTime() < end) {
            n += run.run(10_000_000).instructions();
        }
        System.out.printf("%.1f M instructions/s wall, %.1f M per CPU second%n", n / ((System.nanoTime() - t0) / 1e3),
                n / ((mx.getCurrentThreadCpuTime() - c0) / 1e3));
    }
}
