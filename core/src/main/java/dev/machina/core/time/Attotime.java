package dev.machina.core.time;

/**
 * A point in (or span of) emulated time, exact to the attosecond: whole {@code seconds} plus
 * {@code attoseconds} (10<sup>-18</sup> s) within that second. This is MAME's {@code attotime}.
 *
 * <p>Range: 0 to {@link Long#MAX_VALUE} seconds (about 2.9&times;10<sup>11</sup> years);
 * {@code attoseconds} is always in [0, 10<sup>18</sup>). Negative times are not represented:
 * subtraction that would go below zero throws. {@link #NEVER} is a sentinel later than every
 * other time, used for "no event pending".
 *
 * <p>Times are values: compare them with {@link #compareTo}, never with {@code ==}.
 *
 * @param seconds     whole seconds, &ge; 0
 * @param attoseconds attoseconds within the second, in [0, 10<sup>18</sup>)
 */
public record Attotime(long seconds, long attoseconds) implements Comparable<Attotime> {

    /** Attoseconds in one second: 10<sup>18</sup>. */
    public static final long ATTOS_PER_SECOND = 1_000_000_000_000_000_000L;
    /** Time zero, the moment a machine is powered on. */
    public static final Attotime ZERO = new Attotime(0, 0);
    /** Later than any reachable time: "never". */
    public static final Attotime NEVER = new Attotime(Long.MAX_VALUE, ATTOS_PER_SECOND - 1);

    /**
     * @throws IllegalArgumentException if {@code seconds} is negative or {@code attoseconds} is
     *                                  outside [0, 10<sup>18</sup>)
     */
    public Attotime {
        if (seconds < 0 || attoseconds < 0 || attoseconds >= ATTOS_PER_SECOND) {
            throw new IllegalArgumentException("invalid Attotime " + seconds + " s + " + attoseconds + " as");
        }
    }

    /** {@code n} whole seconds. */
    public static Attotime ofSeconds(long n) {
        return new Attotime(n, 0);
    }

    /** {@code n} milliseconds, {@code n} &ge; 0. */
    public static Attotime ofMillis(long n) {
        return new Attotime(n / 1000, (n % 1000) * 1_000_000_000_000_000L);
    }

    /** {@code n} microseconds, {@code n} &ge; 0. */
    public static Attotime ofMicros(long n) {
        return new Attotime(n / 1_000_000, (n % 1_000_000) * 1_000_000_000_000L);
    }

    /** {@code n} nanoseconds, {@code n} &ge; 0. */
    public static Attotime ofNanos(long n) {
        return new Attotime(n / 1_000_000_000, (n % 1_000_000_000) * 1_000_000_000L);
    }

    /** {@code n} attoseconds, {@code n} &ge; 0. */
    public static Attotime ofAttos(long n) {
        return new Attotime(n / ATTOS_PER_SECOND, n % ATTOS_PER_SECOND);
    }

    /** Sum of two times; saturates at {@link #NEVER}. */
    public Attotime plus(Attotime o) {
        if (isNever() || o.isNever()) {
            return NEVER;
        }
        long a = attoseconds + o.attoseconds;
        long s = seconds + o.seconds;
        if (a >= ATTOS_PER_SECOND) {
            a -= ATTOS_PER_SECOND;
            s++;
        }
        if (s < 0) {
            return NEVER;
        }
        return new Attotime(s, a);
    }

    /**
     * Difference {@code this - o}.
     *
     * @throws ArithmeticException if {@code o} is later than {@code this}
     */
    public Attotime minus(Attotime o) {
        long a = attoseconds - o.attoseconds;
        long s = seconds - o.seconds;
        if (a < 0) {
            a += ATTOS_PER_SECOND;
            s--;
        }
        if (s < 0) {
            throw new ArithmeticException(o + " is later than " + this);
        }
        return new Attotime(s, a);
    }

    /** This time multiplied by {@code factor} &ge; 0 (exact; saturates at {@link #NEVER}). */
    public Attotime times(long factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("negative factor " + factor);
        }
        // attoseconds * factor may exceed a long: split attoseconds in 10^9 halves.
        long hi = attoseconds / 1_000_000_000L;
        long lo = attoseconds % 1_000_000_000L;
        try {
            long loProd = Math.multiplyExact(lo, factor);          // < 10^9 * factor
            long hiProd = Math.multiplyExact(hi, factor);          // units of 10^9 as
            long s = Math.multiplyExact(seconds, factor);
            s = Math.addExact(s, hiProd / 1_000_000_000L);
            long a = (hiProd % 1_000_000_000L) * 1_000_000_000L;
            s = Math.addExact(s, loProd / ATTOS_PER_SECOND);
            a += loProd % ATTOS_PER_SECOND;
            if (a >= ATTOS_PER_SECOND) {
                a -= ATTOS_PER_SECOND;
                s = Math.addExact(s, 1);
            }
            return new Attotime(s, a);
        } catch (ArithmeticException overflow) {
            return NEVER;
        }
    }

    /** True for the {@link #NEVER} sentinel. */
    public boolean isNever() {
        return seconds == Long.MAX_VALUE;
    }

    /** True when this is later than {@code o}. */
    public boolean isAfter(Attotime o) {
        return compareTo(o) > 0;
    }

    /** True when this is earlier than {@code o}. */
    public boolean isBefore(Attotime o) {
        return compareTo(o) < 0;
    }

    /** The earlier of two times. */
    public static Attotime min(Attotime a, Attotime b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The later of two times. */
    public static Attotime max(Attotime a, Attotime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Attotime o) {
        int c = Long.compare(seconds, o.seconds);
        return c != 0 ? c : Long.compare(attoseconds, o.attoseconds);
    }

    /** Approximate value in seconds, for display only. */
    public double toSecondsDouble() {
        return seconds + attoseconds / 1e18;
    }

    /** Formats as {@code S.AAAAAAAAAAAAAAAAAA s}, or {@code never}. */
    @Override
    public String toString() {
        return isNever() ? "never" : String.format("%d.%018d s", seconds, attoseconds);
    }
}
