package dev.machina.core.cpu;

/**
 * A CPU-bound guest program of our own that a family ships for {@code machina bench cpu MODEL}
 * and its JMH benchmark: e.g. a sieve or CRC loop, loaded into a flat memory map.
 */
public interface CpuBenchmark {

    /** What the program does, one line, e.g. {@code "sieve of Eratosthenes over 8 KiB, repeated"}. */
    String description();

    /**
     * A fresh CPU with the program loaded and reset, running on {@code engine}.
     *
     * @throws IllegalArgumentException when the model lacks that engine
     */
    Run prepare(String engine);

    /** One prepared program instance. */
    interface Run {
        /**
         * Runs at least {@code instructions} more instructions (the program loops forever).
         *
         * @return what was executed by this call
         */
        Result run(long instructions);
    }

    /**
     * @param instructions guest instructions executed
     * @param cycles       guest clock cycles (T-states for the Z80) they took
     */
    record Result(long instructions, long cycles) {
    }
}
