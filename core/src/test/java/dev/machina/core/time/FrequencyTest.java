package dev.machina.core.time;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrequencyTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    /** floor(cycles * den * 1e18 / num) computed with arbitrary precision. */
    private static Attotime exact(long cycles, long num, long den) {
        BigInteger attos = BigInteger.valueOf(cycles).multiply(BigInteger.valueOf(den)).multiply(E18)
                .divide(BigInteger.valueOf(num));
        BigInteger[] qr = attos.divideAndRemainder(E18);
        return new Attotime(qr[0].longValueExact(), qr[1].longValueExact());
    }

    @Test
    void nesCpuClockOverABillionCyclesHasNoDrift() {
        Frequency f = Frequency.hz(1_789_773);
        // 10^9 / 1789773 s = 558.730...
        Attotime t = f.timeOf(1_000_000_000L);
        assertEquals(558, t.seconds());
        assertEquals(exact(1_000_000_000L, 1_789_773, 1), t);
        // walking there in odd-sized steps from absolute counts lands on the same instant
        long n = 0;
        Attotime last = Attotime.ZERO;
        long step = 12_345_677;
        while (n < 1_000_000_000L) {
            n = Math.min(1_000_000_000L, n + step);
            Attotime now = f.timeOf(n);
            assertEquals(true, now.isAfter(last));
            last = now;
        }
        assertEquals(t, last);
        assertEquals(1_000_000_000L, f.cyclesAt(t));
        assertEquals(1_000_000_000L, f.cyclesUntil(t));
    }

    @Test
    void rationalNtscClockIsExactOverDays() {
        // NTSC NES: master 236.25 MHz / 11, CPU = master / 12
        Frequency master = Frequency.ratio(236_250_000, 11);
        Frequency cpu = master.divide(12);
        assertEquals(Frequency.ratio(236_250_000, 132), cpu);
        long threeDays = 3L * 86_400 * 1_789_772 + 12345;
        assertEquals(exact(threeDays, 236_250_000, 132), cpu.timeOf(threeDays));
        long masterCycles = 3L * 86_400 * 21_477_272;
        Attotime t = master.timeOf(masterCycles);
        assertEquals(exact(masterCycles, 236_250_000, 11), t);
        assertEquals(masterCycles, master.cyclesAt(t));
        // 12 master cycles are exactly one CPU cycle at every point
        assertEquals(master.timeOf(12 * 987_654_321L), cpu.timeOf(987_654_321L));
    }

    @Test
    void cyclesAtFloorsAndCyclesUntilCeils() {
        Frequency f = Frequency.hz(3);            // period 1/3 s: not a whole number of attoseconds
        Attotime oneThird = f.timeOf(1);
        assertEquals(new Attotime(0, 333_333_333_333_333_333L), oneThird);
        assertEquals(1, f.cyclesAt(oneThird));
        assertEquals(1, f.cyclesUntil(oneThird));
        Attotime justAfter = oneThird.plus(Attotime.ofAttos(1));
        assertEquals(1, f.cyclesAt(justAfter));
        assertEquals(2, f.cyclesUntil(justAfter));
        assertEquals(3, f.cyclesAt(Attotime.ofSeconds(1)));
        assertEquals(3, f.cyclesUntil(Attotime.ofSeconds(1)));
        assertEquals(0, f.cyclesUntil(Attotime.ZERO));
    }

    @Test
    void roundTripAtManyPointsOfA4GHzClock() {
        Frequency f = Frequency.hz(4_000_000_000L);
        for (long c : new long[]{0, 1, 3, 4_000_000_000L, 86_400L * 4_000_000_000L, 1L << 50}) {
            Attotime t = f.timeOf(c);
            assertEquals(exact(c, 4_000_000_000L, 1), t, "cycle " + c);
            assertEquals(c, f.cyclesAt(t), "cycle " + c);
            assertEquals(c, f.cyclesUntil(t), "cycle " + c);
        }
    }

    @Test
    void rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Frequency.hz(0));
        assertThrows(IllegalArgumentException.class, () -> Frequency.hz(5_000_000_000L));
        assertThrows(IllegalArgumentException.class, () -> Frequency.hz(1).timeOf(-1));
        assertEquals(Frequency.hz(2), Frequency.ratio(10, 5));
    }

    @Test
    void attotimeArithmetic() {
        Attotime a = new Attotime(1, 900_000_000_000_000_000L);
        Attotime b = Attotime.ofMillis(200);
        assertEquals(new Attotime(2, 100_000_000_000_000_000L), a.plus(b));
        assertEquals(new Attotime(1, 700_000_000_000_000_000L), a.minus(b));
        assertThrows(ArithmeticException.class, () -> b.minus(a));
        assertEquals(new Attotime(5, 700_000_000_000_000_000L), a.times(3));
        assertEquals(Attotime.NEVER, Attotime.NEVER.plus(a));
        assertEquals(Attotime.ofNanos(1_500), Attotime.ofMicros(1).plus(Attotime.ofNanos(500)));
    }
}
