package dev.machina.frontend;

/** Whether a window can be shown: an X11 ({@code DISPLAY}) or Wayland ({@code WAYLAND_DISPLAY}) display is named. */
final class Display {
    private Display() {
    }

    /** True when {@code DISPLAY} or {@code WAYLAND_DISPLAY} is set and not empty. */
    static boolean available() {
        return set("DISPLAY") || set("WAYLAND_DISPLAY");
    }

    /** What is missing, for messages. */
    static String missing() {
        return "DISPLAY and WAYLAND_DISPLAY are not set";
    }

    private static boolean set(String name) {
        String v = System.getenv(name);
        return v != null && !v.isBlank();
    }
}
