package dev.machina.core.sched;

import dev.machina.core.time.Attotime;
import dev.machina.core.time.Frequency;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerTest {

    /** A CPU whose instructions take {@code instructionCycles}; records the budgets it is given. */
    static final class FakeCpu implements ExecutableDevice, ProgressReporting {
        final String tag;
        final Frequency clock;
        final int instructionCycles;
        final List<Long> budgets = new ArrayList<>();
        long total;
        long progress;
        boolean stop;
        LongConsumer onInstruction = c -> { };

        FakeCpu(String tag, Frequency clock, int instructionCycles) {
            this.tag = tag;
            this.clock = clock;
            this.instructionCycles = instructionCycles;
        }

        @Override
        public String tag() {
            return tag;
        }

        @Override
        public Frequency clock() {
            return clock;
        }

        @Override
        public long execute(long cycles) {
            budgets.add(cycles);
            stop = false;
            progress = 0;
            while (progress < cycles && !stop) {
                onInstruction.accept(total + progress);
                progress += instructionCycles;
            }
            long ran = progress;
            total += ran;
            progress = 0;
            return ran;
        }

        @Override
        public void stopSlice() {
            stop = true;
        }

        @Override
        public long sliceProgress() {
            return progress;
        }
    }

    @Test
    void twoCpusOnDifferentClocksStayInStep() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", Frequency.hz(1_000_000), 1);
        FakeCpu b = new FakeCpu("b", Frequency.hz(3_000_000), 1);
        s.add(a);
        s.add(b);
        s.setQuantum(Attotime.ofMicros(100));
        s.run(Attotime.ofMillis(10));
        assertEquals(10_000, a.total);
        assertEquals(30_000, b.total);
        assertEquals(100, a.budgets.size(), "one slice per 100 us quantum");
        assertTrue(a.budgets.stream().allMatch(x -> x == 100));
        assertTrue(b.budgets.stream().allMatch(x -> x == 300));
        assertEquals(Attotime.ofMillis(10), s.now());
    }

    @Test
    void overshootIsCarriedIntoTheNextSlice() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", Frequency.hz(1_000_000), 7);   // 7-cycle instructions
        s.add(a);
        s.setQuantum(Attotime.ofMicros(10));
        s.run(Attotime.ofMicros(100));
        // each slice asks only for what is left to reach the slice end: 10, then 20-14, then 30-21
        assertEquals(List.of(10L, 6L, 9L), a.budgets.subList(0, 3));
        // 100 us = 100 cycles, reached by whole 7-cycle instructions: 15 * 7
        assertEquals(105, a.total);
        assertEquals(a.total, s.cyclesOf(a));
    }

    @Test
    void timersFireInTimeOrderThenArmOrder() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", Frequency.hz(1_000_000), 1);
        s.add(a);
        List<String> fired = new ArrayList<>();
        List<Long> cpuCyclesAtFire = new ArrayList<>();
        TimerCallback log = (t, now) -> {
            fired.add(t.name() + "@" + now.attoseconds() / 1_000_000_000_000L);
            cpuCyclesAtFire.add(s.cyclesOf(a));
        };
        s.timer("late", log).start(Attotime.ofMicros(300));
        s.timer("early", log).start(Attotime.ofMicros(100));
        s.timer("tie1", log).start(Attotime.ofMicros(200));
        s.timer("tie2", log).start(Attotime.ofMicros(200));
        s.run(Attotime.ofMillis(1));
        assertEquals(List.of("early@100", "tie1@200", "tie2@200", "late@300"), fired);
        // the CPU had run exactly up to each timer when it fired
        assertEquals(List.of(100L, 200L, 200L, 300L), cpuCyclesAtFire);
    }

    @Test
    void periodicTimerFiresExactlyOnSchedule() {
        Scheduler s = new Scheduler();
        int[] count = {0};
        // 60.0988 Hz-ish: NTSC frame = 89342 dots * 4 master cycles at 236.25/11 MHz
        Frequency master = Frequency.ratio(236_250_000, 11);
        Attotime frame = master.timeOf(357_368);
        s.timer("vblank", (t, now) -> count[0]++).startPeriodic(frame, frame);
        s.run(Attotime.ofSeconds(10));
        // floor(10 s / frame): frame = 357368 * 11 / 236.25e6 s
        assertEquals(10L * 236_250_000 / (357_368L * 11), count[0]);
    }

    @Test
    void endSliceStopsTheRestAtTheCallersTime() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", Frequency.hz(1_000_000), 1);
        FakeCpu b = new FakeCpu("b", Frequency.hz(2_000_000), 1);
        s.add(a);
        s.add(b);
        s.setQuantum(Attotime.ofMicros(100));
        a.onInstruction = c -> {
            if (c == 40) {            // at its cycle 40, A raises something B must see
                s.endSlice();
            }
        };
        s.timeslice(Attotime.ofMillis(1));
        assertEquals(41, a.total, "A finishes the instruction that ended the slice");
        assertEquals(82, b.total, "B runs only to A's local time (41 us)");
        assertEquals(Attotime.ofMicros(41), s.now());
    }

    @Test
    void timerArmedDuringExecutionEndsTheSliceAtItsTime() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", Frequency.hz(1_000_000), 1);
        FakeCpu b = new FakeCpu("b", Frequency.hz(1_000_000), 1);
        s.add(a);
        s.add(b);
        s.setQuantum(Attotime.ofMicros(100));
        List<Attotime> fired = new ArrayList<>();
        Timer t = s.timer("irq", (tm, now) -> fired.add(now));
        a.onInstruction = c -> {
            if (c == 10) {
                assertEquals(Attotime.ofMicros(10), s.now(), "now() is the running CPU's local time");
                t.start(Attotime.ofMicros(5));
            }
        };
        s.timeslice(Attotime.ofMillis(1));
        assertEquals(11, a.total, "A stops after the instruction that armed the timer");
        assertEquals(11, b.total, "B runs only to where A stopped");
        assertEquals(List.of(), fired);
        s.timeslice(Attotime.ofMillis(1));
        assertEquals(List.of(Attotime.ofMicros(15)), fired);
        assertEquals(15, a.total, "the next slice ends exactly at the timer");
        assertEquals(15, b.total);
    }

    @Test
    void interruptLineIsWiredOrAndEndsSlices() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", Frequency.hz(1_000_000), 1);
        s.add(a);
        InterruptLine irq = new InterruptLine("irq", s);
        List<Boolean> edges = new ArrayList<>();
        irq.setListener((l, level) -> edges.add(level));
        irq.setAcknowledge(l -> 0x38);
        a.onInstruction = c -> {
            if (c == 5) {
                irq.assertLine(0);
            }
            if (c == 6) {
                irq.assertLine(3);
            }
        };
        s.setQuantum(Attotime.ofMicros(50));
        s.timeslice(Attotime.ofMillis(1));
        assertEquals(6, a.total, "assertion ended the slice after the instruction");
        s.timeslice(Attotime.ofMillis(1));
        assertTrue(irq.isAsserted());
        irq.clear(0);
        assertTrue(irq.isAsserted(), "source 3 still holds the line");
        irq.clear(3);
        assertEquals(List.of(true, false), edges);
        assertEquals(0x38, irq.acknowledge());
    }
}
