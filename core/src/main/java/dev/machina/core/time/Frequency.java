package dev.machina.core.time;

/**
 * A clock frequency in Hz as an exact rational {@code numerator / denominator}, so that clocks
 * such as the NTSC NES master clock (236.25 MHz / 11, i.e. 236 250 000 / 11 Hz) and its
 * CPU clock (that divided by 12) are represented without rounding. Always stored in lowest terms.
 *
 * <p>Range: numerator in [1, {@value #MAX_NUMERATOR}] (up to 4 GHz for an integral clock),
 * denominator in [1, 2<sup>31</sup>). These bounds keep every conversion in {@link #timeOf} and
 * {@link #cyclesAt} exact in 64-bit integer arithmetic.
 *
 * <p>Conversions are between an <em>absolute</em> cycle count (cycles since time zero) and an
 * {@link Attotime}. Because each conversion starts from the absolute count and the remainder is
 * carried exactly, there is no accumulated drift, however long a machine runs: cycle N is
 * always at exactly {@code floor(N / f)} to the attosecond.
 *
 * @param numerator   Hz numerator, in [1, 4&times;10<sup>9</sup>]
 * @param denominator Hz denominator, in [1, 2<sup>31</sup>)
 */
public record Frequency(long numerator, long denominator) {

    /** Largest numerator accepted: 4&times;10<sup>9</sup>. */
    public static final long MAX_NUMERATOR = 4_000_000_000L;
    private static final long E9 = 1_000_000_000L;
    private static final long E18 = Attotime.ATTOS_PER_SECOND;

    /**
     * @throws IllegalArgumentException when a value is out of range
     */
    public Frequency {
        if (numerator < 1 || denominator < 1 || denominator >= (1L << 31)) {
            throw new IllegalArgumentException("invalid frequency " + numerator + "/" + denominator + " Hz");
        }
        long g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
        if (numerator > MAX_NUMERATOR) {
            throw new IllegalArgumentException("frequency " + numerator + "/" + denominator
                    + " Hz: numerator above " + MAX_NUMERATOR);
        }
    }

    /** An integral frequency of {@code hz} Hz. */
    public static Frequency hz(long hz) {
        return new Frequency(hz, 1);
    }

    /** {@code numerator / denominator} Hz. */
    public static Frequency ratio(long numerator, long denominator) {
        return new Frequency(numerator, denominator);
    }

    /** This frequency divided by {@code divisor} (a clock divider). */
    public Frequency divide(long divisor) {
        return new Frequency(numerator, Math.multiplyExact(denominator, divisor));
    }

    /** This frequency multiplied by {@code factor} (a PLL or clock multiplier). */
    public Frequency multiply(long factor) {
        return new Frequency(Math.multiplyExact(numerator, factor), denominator);
    }

    /**
     * The exact time at which cycle {@code cycles} begins, i.e. {@code cycles / f} rounded down
     * to the attosecond.
     *
     * @param cycles absolute cycle count, &ge; 0 and at most {@code Long.MAX_VALUE / denominator}
     * @throws ArithmeticException on overflow of that bound
     */
    public Attotime timeOf(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("negative cycle count " + cycles);
        }
        long q = Math.multiplyExact(cycles, denominator);
        long s = q / numerator;
        long r = q % numerator;              // r < numerator <= 4e9
        long x = r * E9;                     // < 4e18
        long x1 = x / numerator;             // < 1e9
        long x2 = x % numerator;             // < 4e9
        long atto = x1 * E9 + (x2 * E9) / numerator;
        return new Attotime(s, atto);
    }

    /** The duration of {@code cycles} cycles, identical to {@link #timeOf}. */
    public Attotime duration(long cycles) {
        return timeOf(cycles);
    }

    /**
     * The cycle count reached at time {@code t}: the largest {@code N} with
     * {@code timeOf(N) <= t}. Exact inverse of {@link #timeOf}: {@code cyclesAt(timeOf(N)) == N}.
     *
     * @throws ArithmeticException if the result does not fit in a long
     */
    public long cyclesAt(Attotime t) {
        // timeOf(N) = floor(N/f) <= t  <=>  N < (t + 1 as) * f
        return ceilCycles(t.plus(Attotime.ofAttos(1))) - 1;
    }

    /**
     * The first cycle count whose start is at or after {@code t}: the smallest {@code N} with
     * {@code timeOf(N) >= t}, which is {@code ceil(t * f)}. A device that must reach time
     * {@code t} runs until its cycle count is this value; {@code cyclesUntil(timeOf(N)) == N}.
     *
     * @throws ArithmeticException if the result does not fit in a long
     */
    public long cyclesUntil(Attotime t) {
        return ceilCycles(t);
    }

    /** ceil(t * f), exactly. */
    private long ceilCycles(Attotime t) {
        // t * num / den with t = s + a/1e18.  n = s*num + floor(a*num/1e18), frac = (a*num mod 1e18) != 0
        long p = Math.multiplyExact(t.seconds(), numerator);
        long a = t.attoseconds();
        long a1 = a / E9, a0 = a % E9;
        long m = a1 * numerator;                       // < 1e9 * 4e9 = 4e18
        long m1 = m / E9, m0 = m % E9;
        long low = m0 * E9 + a0 * numerator;           // < 1e18 + 4e18
        long whole = m1 + low / E18;
        boolean frac = low % E18 != 0;
        long n = Math.addExact(p, whole);
        long c = n / denominator;
        if (frac || n % denominator != 0) {
            c++;
        }
        return c;
    }

    /** The period of one cycle (rounded down to the attosecond): for display and quanta only. */
    public Attotime period() {
        return timeOf(1);
    }

    /** Approximate value in Hz, for display only. */
    public double toHzDouble() {
        return (double) numerator / denominator;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** E.g. {@code 1789773 Hz} or {@code 39375000/22 Hz}. */
    @Override
    public String toString() {
        return denominator == 1 ? numerator + " Hz" : numerator + "/" + denominator + " Hz";
    }
}
