package dev.machina.core.sched;

import dev.machina.core.time.Attotime;

/**
 * A device callback at an exact emulated time, one-shot or periodic. Created by
 * {@link Scheduler#timer}; armed with {@link #start} or {@link #startPeriodic}. Timers due at
 * the same time fire in the order they were armed.
 */
public final class Timer {
    private final Scheduler scheduler;
    private final String name;
    private final TimerCallback callback;
    Attotime due = Attotime.NEVER;
    Attotime period = Attotime.NEVER;
    long sequence;
    boolean armed;

    Timer(Scheduler scheduler, String name, TimerCallback callback) {
        this.scheduler = scheduler;
        this.name = name;
        this.callback = callback;
    }

    /** The name given at creation, for diagnostics. */
    public String name() {
        return name;
    }

    /**
     * Fires once, {@code delay} after the scheduler's current time. Re-arming replaces any
     * pending expiry.
     */
    public void start(Attotime delay) {
        startAt(scheduler.now().plus(delay), Attotime.NEVER);
    }

    /**
     * Fires {@code delay} after now and then every {@code period}.
     *
     * @throws IllegalArgumentException if {@code period} is zero
     */
    public void startPeriodic(Attotime delay, Attotime period) {
        if (period.compareTo(Attotime.ZERO) == 0) {
            throw new IllegalArgumentException("timer " + name + ": zero period");
        }
        startAt(scheduler.now().plus(delay), period);
    }

    /** Fires once at absolute time {@code when} (not earlier than now). */
    public void startAt(Attotime when, Attotime period) {
        scheduler.arm(this, Attotime.max(when, scheduler.now()), period);
    }

    /** Disarms the timer; it will not fire until started again. */
    public void stop() {
        scheduler.disarm(this);
    }

    /** True while armed. */
    public boolean isArmed() {
        return armed;
    }

    /** When it fires next, or {@link Attotime#NEVER} when disarmed. */
    public Attotime due() {
        return armed ? due : Attotime.NEVER;
    }

    void fire(Attotime now) {
        callback.fire(this, now);
    }

    @Override
    public String toString() {
        return "Timer[" + name + (armed ? " @ " + due : " idle") + "]";
    }
}
