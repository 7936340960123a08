package dev.machina.frontend.input;

import org.lwjgl.glfw.GLFW;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One physical input a button or hotkey is bound to, written as text in the mapping file:
 * <ul>
 *   <li>a keyboard key by its GLFW name without {@code GLFW_KEY_}: {@code X}, {@code ENTER},
 *       {@code RIGHT_SHIFT}, {@code UP}, {@code F5}, {@code 1}, {@code KP_ADD}, ...;</li>
 *   <li>{@code PAD:} and a GLFW gamepad button name without {@code GLFW_GAMEPAD_BUTTON_}
 *       ({@code PAD:A}, {@code PAD:START}, {@code PAD:DPAD_UP}, ...) on the player's gamepad;</li>
 *   <li>{@code PAD:} and a gamepad axis without {@code GLFW_GAMEPAD_AXIS_} and a direction
 *       ({@code PAD:LEFT_X-}, {@code PAD:LEFT_Y+}, {@code PAD:RIGHT_TRIGGER+}): pressed past
 *       {@value #AXIS_THRESHOLD}.</li>
 * </ul>
 * The GLFW gamepad names follow the SDL controller database layout (A bottom, B right, X left,
 * Y top), GLFW manual "Gamepad input".
 *
 * @param kind  what it is
 * @param code  GLFW key, gamepad button or gamepad axis code
 * @param sign  for axes: +1 or -1; else 0
 */
public record Binding(Kind kind, int code, int sign) {
    /** Axis deflection that counts as pressed. */
    public static final float AXIS_THRESHOLD = 0.5f;

    /** Kinds of binding. */
    public enum Kind { KEY, PAD_BUTTON, PAD_AXIS }

    /** GLFW key names (e.g. {@code SPACE}) to codes. */
    public static final Map<String, Integer> KEYS = constants("GLFW_KEY_");
    /** GLFW gamepad button names (e.g. {@code DPAD_UP}) to codes. */
    public static final Map<String, Integer> PAD_BUTTONS = constants("GLFW_GAMEPAD_BUTTON_");
    /** GLFW gamepad axis names (e.g. {@code LEFT_X}) to codes. */
    public static final Map<String, Integer> PAD_AXES = constants("GLFW_GAMEPAD_AXIS_");

    private static Map<String, Integer> constants(String prefix) {
        Map<String, Integer> m = new TreeMap<>();
        for (Field f : GLFW.class.getFields()) {
            if (f.getName().startsWith(prefix) && f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                String name = f.getName().substring(prefix.length());
                if (name.equals("LAST") || name.equals("UNKNOWN")) {
                    continue;
                }
                try {
                    m.put(name, f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Parses a binding (any case).
     *
     * @throws IllegalArgumentException naming the text and what is wrong
     */
    public static Binding parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("PAD:")) {
            String n = t.substring(4);
            Integer b = PAD_BUTTONS.get(n);
            if (b != null) {
                return new Binding(Kind.PAD_BUTTON, b, 0);
            }
            if (n.endsWith("+") || n.endsWith("-")) {
                Integer a = PAD_AXES.get(n.substring(0, n.length() - 1));
                if (a != null) {
                    return new Binding(Kind.PAD_AXIS, a, n.endsWith("+") ? 1 : -1);
                }
            }
            throw new IllegalArgumentException("unknown gamepad input '" + text + "' (buttons: "
                    + String.join(", ", PAD_BUTTONS.keySet()) + "; axes with + or -: " + String.join(", ", PAD_AXES.keySet()) + ")");
        }
        Integer k = KEYS.get(t);
        if (k == null) {
            throw new IllegalArgumentException("unknown key '" + text + "' (GLFW key names such as X, ENTER, RIGHT_SHIFT, UP, F5, KP_ADD)");
        }
        return new Binding(Kind.KEY, k, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case KEY -> name(KEYS, code);
            case PAD_BUTTON -> "PAD:" + name(PAD_BUTTONS, code);
            case PAD_AXIS -> "PAD:" + name(PAD_AXES, code) + (sign > 0 ? "+" : "-");
        };
    }

    private static String name(Map<String, Integer> m, int code) {
        return m.entrySet().stream().filter(e -> e.getValue() == code).map(Map.Entry::getKey).findFirst().orElse("?" + code);
    }
}
