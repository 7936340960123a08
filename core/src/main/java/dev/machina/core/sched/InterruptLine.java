package dev.machina.core.sched;

import java.util.Objects;

/**
 * An interrupt (or other control) input line, e.g. a CPU's IRQ, NMI or INTR pin. Several
 * sources may drive one line wired-OR, as open-collector IRQ lines do: the line is asserted
 * while any source holds it ({@code source} numbers 0..31). The receiving device installs a
 * {@link Listener} and, for vectored interrupts, an {@link Acknowledge} callback.
 *
 * <p>If created with a {@link Scheduler}, asserting the line ends the current timeslice, so
 * the receiving device sees the change without waiting for the running device's slice to end.
 */
public final class InterruptLine {

    /** Told when the line's level changes. */
    @FunctionalInterface
    public interface Listener {
        /** @param asserted the new level: true when at least one source holds the line */
        void lineChanged(InterruptLine line, boolean asserted);
    }

    /** Supplies the vector/data-bus value in an interrupt-acknowledge cycle. */
    @FunctionalInterface
    public interface Acknowledge {
        /** @return the value the interrupting device drives on the data bus, 0..255 for 8-bit buses */
        int acknowledge(InterruptLine line);
    }

    private final String name;
    private final Scheduler scheduler;
    private int sources;
    private Listener listener = (l, a) -> { };
    private Acknowledge acknowledge = l -> 0xFF;

    /** A line that does not end timeslices on assertion. */
    public InterruptLine(String name) {
        this(name, null);
    }

    /**
     * @param scheduler when non-null, asserting ends the current timeslice
     */
    public InterruptLine(String name, Scheduler scheduler) {
        this.name = Objects.requireNonNull(name);
        this.scheduler = scheduler;
    }

    /** The line's name, e.g. {@code "irq"}. */
    public String name() {
        return name;
    }

    /** Installs the receiver's level listener. */
    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** Installs the callback that answers an acknowledge cycle; default answers 0xFF (open bus). */
    public void setAcknowledge(Acknowledge acknowledge) {
        this.acknowledge = Objects.requireNonNull(acknowledge);
    }

    /** Asserts the line from source 0. */
    public void assertLine() {
        assertLine(0);
    }

    /** Releases source 0. */
    public void clear() {
        clear(0);
    }

    /** Drives the line from source 0: asserted when {@code level} is true. */
    public void set(boolean level) {
        if (level) {
            assertLine(0);
        } else {
            clear(0);
        }
    }

    /** Asserts the line from {@code source} (0..31). */
    public void assertLine(int source) {
        int before = sources;
        sources |= 1 << checkSource(source);
        if (before == 0) {
            listener.lineChanged(this, true);
            if (scheduler != null) {
                scheduler.endSlice();
            }
        }
    }

    /** Releases {@code source} (0..31); the line stays asserted while another source holds it. */
    public void clear(int source) {
        int before = sources;
        sources &= ~(1 << checkSource(source));
        if (before != 0 && sources == 0) {
            listener.lineChanged(this, false);
        }
    }

    /** True while any source holds the line. */
    public boolean isAsserted() {
        return sources != 0;
    }

    /** True while {@code source} holds the line. */
    public boolean isAssertedBy(int source) {
        return (sources & (1 << checkSource(source))) != 0;
    }

    /** Performs an acknowledge cycle: returns the value the interrupting device supplies. */
    public int acknowledge() {
        return acknowledge.acknowledge(this);
    }

    private static int checkSource(int source) {
        if (source < 0 || source > 31) {
            throw new IllegalArgumentException("interrupt source " + source + " outside 0..31");
        }
        return source;
    }

    @Override
    public String toString() {
        return name + (isAsserted() ? "=asserted" : "=clear");
    }
}
