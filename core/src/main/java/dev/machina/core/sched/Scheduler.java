package dev.machina.core.sched;

import dev.machina.core.time.Attotime;
import dev.machina.core.time.Frequency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Runs a machine's executable devices in timeslices and fires timers at exact emulated times,
 * after MAME's {@code device_scheduler}.
 *
 * <p>One slice: the slice end is the earliest of the requested end, the next armed timer and
 * {@code now + quantum}. Each executable device, in the order added, runs until its own cycle
 * count reaches the slice end ({@link Frequency#cyclesUntil}). A device may overshoot by part of
 * an instruction; it simply starts the next slice ahead. When a device ends its slice early
 * ({@link #endSlice()}, or a timer armed during execution that is due before the slice end),
 * the slice end is pulled back to that device's local time, and the devices after it run only
 * that far. Then time advances to the slice end and every timer due by then fires, ordered by
 * due time and, for equal times, by the order in which they were armed.
 *
 * <p>Invariant after each slice: every device's local time is at or after {@link #now()}.
 *
 * <p>Not thread-safe: a scheduler and its devices run on one thread.
 */
public final class Scheduler {

    /** Book-keeping for one executable device. */
    private static final class Slot {
        final ExecutableDevice device;
        final Frequency clock;
        long cycles;

        Slot(ExecutableDevice device) {
            this.device = device;
            this.clock = device.clock();
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final TreeSet<Timer> timers = new TreeSet<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    });
    private long sequence;
    private Attotime now = Attotime.ZERO;
    private Attotime quantum = Attotime.ofMillis(1);
    private Attotime sliceEnd = Attotime.ZERO;
    private Slot current;
    private boolean stopRequested;
    private Attotime firing;

    /** Adds an executable device; devices run in the order added within each slice. */
    public void add(ExecutableDevice device) {
        Objects.requireNonNull(device, "device");
        for (Slot s : slots) {
            if (s.device == device) {
                throw new IllegalArgumentException("device " + device.tag() + " already scheduled");
            }
        }
        Slot slot = new Slot(device);
        slot.cycles = slot.clock.cyclesUntil(now);
        slots.add(slot);
    }

    /** The executable devices, in run order. */
    public List<ExecutableDevice> devices() {
        return slots.stream().map(s -> s.device).toList();
    }

    /**
     * The longest slice, bounding how far one device runs ahead of the others when no timer
     * forces a sync. Default 1 ms.
     */
    public void setQuantum(Attotime quantum) {
        if (quantum.compareTo(Attotime.ZERO) == 0) {
            throw new IllegalArgumentException("zero quantum");
        }
        this.quantum = quantum;
    }

    /** The current quantum. */
    public Attotime quantum() {
        return quantum;
    }

    /**
     * The current emulated time: during a device's execution, that device's local time (start of
     * its current instruction, as far as the device reports progress); during a timer callback,
     * the timer's due time; otherwise the end of the last slice.
     */
    public Attotime now() {
        if (firing != null) {
            return firing;
        }
        if (current != null) {
            return current.clock.timeOf(cyclesOf(current.device));
        }
        return now;
    }

    /** The total cycles {@code device} has executed since it was added (its local time in cycles). */
    public long cyclesOf(ExecutableDevice device) {
        Slot s = slot(device);
        long c = s.cycles;
        if (s == current && device instanceof ProgressReporting p) {
            c += p.sliceProgress();
        }
        return c;
    }

    /** The local time of {@code device}: the time at which its next cycle starts. */
    public Attotime localTime(ExecutableDevice device) {
        Slot s = slot(device);
        return s.clock.timeOf(cyclesOf(device));
    }

    /** Creates a disarmed timer. */
    public Timer timer(String name, TimerCallback callback) {
        return new Timer(this, Objects.requireNonNull(name), Objects.requireNonNull(callback));
    }

    /**
     * Ends the current slice early: the device now executing is asked to stop after its current
     * instruction, and the devices after it run only up to where it stopped. Use this when a
     * device changes something another device must see promptly (an interrupt, a shared
     * register). Has no effect outside execution.
     */
    public void endSlice() {
        if (current != null) {
            stopRequested = true;
            current.device.stopSlice();
        }
    }

    /** Runs until emulated time reaches {@code end} (all devices at or past it, timers fired). */
    public void runUntil(Attotime end) {
        while (now.compareTo(end) < 0) {
            timeslice(end);
        }
    }

    /** Runs for {@code span} of emulated time from {@link #now()}. */
    public void run(Attotime span) {
        runUntil(now.plus(span));
    }

    /** Runs one slice toward {@code end}; public for machines that interleave their own work. */
    public void timeslice(Attotime end) {
        if (current != null || firing != null) {
            throw new IllegalStateException("timeslice re-entered from a device or timer");
        }
        Attotime target = Attotime.min(end, now.plus(quantum));
        if (!timers.isEmpty()) {
            target = Attotime.min(target, timers.first().due);
        }
        sliceEnd = target;
        for (Slot slot : slots) {
            long want = slot.clock.cyclesUntil(sliceEnd) - slot.cycles;
            if (want <= 0) {
                continue;
            }
            current = slot;
            stopRequested = false;
            long ran;
            try {
                ran = slot.device.execute(want);
            } finally {
                current = null;
            }
            if (ran < 0) {
                throw new IllegalStateException(slot.device.tag() + " returned negative cycles " + ran);
            }
            slot.cycles += ran;
            if (stopRequested) {
                stopRequested = false;
                Attotime local = slot.clock.timeOf(slot.cycles);
                sliceEnd = Attotime.max(now, Attotime.min(sliceEnd, local));
            }
        }
        now = sliceEnd;
        fireDueTimers();
    }

    private void fireDueTimers() {
        while (!timers.isEmpty() && timers.first().due.compareTo(now) <= 0) {
            Timer t = timers.pollFirst();
            t.armed = false;
            Attotime due = t.due;
            if (!t.period.isNever()) {
                armInternal(t, due.plus(t.period), t.period);
            }
            firing = due;
            try {
                t.fire(due);
            } finally {
                firing = null;
            }
        }
    }

    void arm(Timer t, Attotime due, Attotime period) {
        armInternal(t, due, period);
        if (current != null && due.compareTo(sliceEnd) < 0) {
            // A timer due inside the running slice: end the slice there.
            sliceEnd = Attotime.max(now, due);
            endSlice();
        }
    }

    private void armInternal(Timer t, Attotime due, Attotime period) {
        if (t.armed) {
            timers.remove(t);
        }
        t.due = due;
        t.period = period;
        t.sequence = ++sequence;
        t.armed = true;
        timers.add(t);
    }

    void disarm(Timer t) {
        if (t.armed) {
            timers.remove(t);
            t.armed = false;
        }
    }

    private Slot slot(ExecutableDevice device) {
        for (Slot s : slots) {
            if (s.device == device) {
                return s;
            }
        }
        throw new IllegalArgumentException("device " + device.tag() + " is not scheduled");
    }
}
