package dev.machina.core.machine;

import dev.machina.core.state.SaveState;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A machine seen by an interactive frontend (a window with sound and controls), independent of
 * which machine it is: a screen of fixed shape refreshed once per {@link #runFrame()}, a mono
 * stream of 16-bit samples at a stated rate, named buttons per player, reset and save states.
 *
 * <p>The frontend calls, once per frame: {@link #setButtons} for every player, then
 * {@link #runFrame()}, then {@link #readSamples} until it returns 0, then reads
 * {@link #frameBuffer()}. All calls come from one thread.
 *
 * <p>A machine offers this view either by implementing it on its {@link Machine} or through a
 * {@link Provider} plug-in ({@link #of(Machine)} looks at both).
 */
public interface Presentable {

    /** Shape, pixel aspect and refresh rate of the screen; constant for the machine's lifetime. */
    ScreenFormat screen();

    /**
     * The last finished frame: {@code screen().width() * screen().height()} pixels, row-major
     * from the top left, 0xAARRGGBB (alpha ignored). May be the machine's own buffer, valid until
     * the next {@link #runFrame()}; do not modify.
     */
    int[] frameBuffer();

    /** Sample rate in Hz of the stream {@link #readSamples} delivers (e.g. 48000). */
    int sampleRate();

    /**
     * Moves up to {@code length} signed 16-bit mono samples produced so far into {@code dst}
     * from {@code offset}.
     *
     * @return samples copied, 0 when none are waiting
     */
    int readSamples(short[] dst, int offset, int length);

    /**
     * Button names of one controller, in bit order: bit {@code i} of a {@link #setButtons} mask
     * is {@code buttons().get(i)}. Upper case, e.g. {@code A, B, SELECT, START, UP, DOWN, LEFT,
     * RIGHT} for the NES standard controller. At most 32.
     */
    List<String> buttons();

    /** Number of players (controller ports), 1 or more. */
    int players();

    /**
     * The buttons {@code player} (1..{@link #players()}) holds from now on.
     *
     * @param mask bit {@code i} set = {@code buttons().get(i)} pressed
     * @throws IllegalArgumentException when {@code player} is out of range
     */
    void setButtons(int player, int mask);

    /**
     * Runs the machine until its next frame is finished.
     *
     * @throws EmulationException when emulation cannot go on (the message says why and where)
     */
    void runFrame() throws EmulationException;

    /**
     * Frames finished since the machine was built (0 before the first {@link #runFrame()}); a
     * loaded state restores the count it was saved with. Frame {@code n} here is frame {@code n}
     * of a headless run's input script.
     */
    long frameNumber();

    /** Presses the reset button. */
    void reset();

    /**
     * The machine's whole state as a {@link SaveState} (tagged, versioned chunks); {@code save()}
     * and {@code load(...)} on it capture and restore the machine between frames. Loading a
     * state of another machine or version throws a {@code StateException} and changes nothing.
     */
    SaveState saveState();

    /**
     * The view of {@code machine}: the machine itself when it implements this interface, else
     * the first {@link Provider} on the class path that knows it.
     *
     * @return empty for machines without a screen (e.g. CP/M, Linux user mode)
     */
    static Optional<Presentable> of(Machine machine) {
        if (machine instanceof Presentable p) {
            return Optional.of(p);
        }
        for (Provider provider : ServiceLoader.load(Provider.class, Presentable.class.getClassLoader())) {
            Optional<Presentable> p = provider.present(machine);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /**
     * Plug-in ({@code META-INF/services/dev.machina.core.machine.Presentable$Provider}) that gives
     * the {@link Presentable} view of machines it knows, so a machine needs no change to its
     * {@link Machine} class to get a window.
     */
    interface Provider {
        /** The view of {@code machine}, or empty when this provider does not know it. */
        Optional<Presentable> present(Machine machine);
    }
}
