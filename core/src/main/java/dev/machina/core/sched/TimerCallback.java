package dev.machina.core.sched;

import dev.machina.core.time.Attotime;

/** What a {@link Timer} does when it fires. */
@FunctionalInterface
public interface TimerCallback {

    /**
     * Called at the timer's exact due time.
     *
     * @param timer the timer that fired (may be re-armed from here)
     * @param now   the emulated time of the event, equal to the time it was due
     */
    void fire(Timer timer, Attotime now);
}
