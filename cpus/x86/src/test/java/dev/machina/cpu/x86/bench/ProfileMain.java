package dev.machina.cpu.x86.bench;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.cpu.x86.X86Family;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Runs the benchmark program for a while, for profilers (JFR, perf) and for a figure that a
 * shared machine disturbs less than wall time: {@code ProfileMain [seconds]} prints the emulated
 * instructions per thread-CPU-second of every half second, then the best half second after the
 * first three seconds (JIT warm-up) and the average over the whole run, wall and thread CPU.
 */
public final class ProfileMain {
    private ProfileMain() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        CpuBenchmark.Run run = new X86Family().benchmark("8086").orElseThrow().prepare("interpreter");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        long total = 0;
        double best = 0;
        StringBuilder windows = new StringBuilder();
        for (int i = 0; i < seconds * 2; i++) {
            long wc = mx.getCurrentThreadCpuTime();
            long wt = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - wt < 500_000_000L) {
                n += run.run(2_000_000).instructions();
            }
            double perCpu = n / ((mx.getCurrentThreadCpuTime() - wc) / 1e3);
            windows.append(String.format("%.0f ", perCpu));
            if (i >= 6) {
                best = Math.max(best, perCpu);
            }
            total += n;
        }
        System.out.println("M instructions per thread-CPU-second, each half second: " + windows.toString().trim());
        System.out.printf("best half second %.1f M/s per CPU second; whole run %.1f M/s wall, %.1f M/s per CPU second%n",
                best, total / ((System.nanoTime() - t0) / 1e3), total / ((mx.getCurrentThreadCpuTime() - c0) / 1e3));
    }
}
