package dev.machina.core.state;

/**
 * A device whose state goes into save states, as one tagged, versioned chunk. Implementations
 * write every field that affects future behaviour and nothing derived (caches, translated
 * code), and read them back in the same order.
 */
public interface Stateful {

    /** The chunk tag: the device's tag, unique within the machine. */
    String tag();

    /**
     * The chunk layout version, &ge; 1. Bump it whenever {@link #saveState} changes what it
     * writes; a chunk of another version is refused on load.
     */
    int stateVersion();

    /** Writes the device's state. */
    void saveState(StateWriter out);

    /**
     * Reads the state written by {@link #saveState} of the same {@link #stateVersion()}.
     *
     * @throws StateException when the data is short or a value is out of range; the caller
     *                        restores the previous state of every device
     */
    void loadState(StateReader in) throws StateException;
}
