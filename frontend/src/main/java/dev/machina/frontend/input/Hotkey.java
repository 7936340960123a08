package dev.machina.frontend.input;

/**
 * Session controls of the window, with their default keys (changeable in the mapping file's
 * {@code hotkeys} object, by these names in lower case with dashes, e.g. {@code "save-state"}).
 */
public enum Hotkey {
    PAUSE("P", "pause / resume"),
    FRAME_ADVANCE("N", "run one frame, then pause"),
    RESET("F3", "press the machine's reset button"),
    FAST_FORWARD("TAB", "run unthrottled while held (sound off)"),
    SAVE_STATE("F5", "save state to the current slot"),
    LOAD_STATE("F7", "load state from the current slot"),
    SLOT_NEXT("F6", "next state slot (1..9, wraps)"),
    SLOT_PREVIOUS("F4", "previous state slot"),
    SCREENSHOT("F12", "screenshot PNG (the machine's frame, TITLE-YYYYMMDD-HHMMSS.png)"),
    FULLSCREEN("F11", "fullscreen on / off"),
    SCALING("F9", "integer / fit scaling"),
    FILTER("F8", "nearest / linear filter"),
    MUTE("M", "sound on / off"),
    VOLUME_DOWN("MINUS", "volume -10%"),
    VOLUME_UP("EQUAL", "volume +10%"),
    QUIT("ESCAPE", "quit");

    private final String defaultKey;
    private final String description;

    Hotkey(String defaultKey, String description) {
        this.defaultKey = defaultKey;
        this.description = description;
    }

    /** Default key (a {@link Binding} key name). */
    public String defaultKey() {
        return defaultKey;
    }

    /** What it does. */
    public String description() {
        return description;
    }

    /** Name in the mapping file: {@code save-state}. */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
