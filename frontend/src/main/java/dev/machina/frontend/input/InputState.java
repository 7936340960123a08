package dev.machina.frontend.input;

import org.lwjgl.glfw.GLFWGamepadState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.lwjgl.glfw.GLFW.*;

/**
 * Turns keyboard and gamepad state into a button mask per player, through an
 * {@link InputMapping}. Keys are tracked from GLFW key events ({@link #key}); gamepads are read
 * with {@code glfwGetGamepadState} each frame: player {@code n} uses the {@code n}th connected
 * gamepad (by joystick id). Gamepads may come and go at any time (GLFW's joystick callback
 * reports them). Use on the GLFW thread.
 */
public final class InputState implements AutoCloseable {
    private final boolean[] keys = new boolean[GLFW_KEY_LAST + 1];
    private final List<List<List<Binding>>> players = new ArrayList<>();
    private final GLFWGamepadState pad = GLFWGamepadState.malloc();
    private final int[] pads = new int[GLFW_JOYSTICK_LAST + 1];
    private int padCount;

    /**
     * @param mapping  the bindings
     * @param machine  the machine's short name
     * @param buttons  its button names in bit order
     * @param count    its number of players
     * @param log      receives one line per gamepad connected or disconnected
     */
    public InputState(InputMapping mapping, String machine, List<String> buttons, int count, Consumer<String> log) {
        for (int p = 1; p <= count; p++) {
            players.add(mapping.buttons(machine, p, buttons));
        }
        glfwSetJoystickCallback((jid, event) -> {
            if (event == GLFW_CONNECTED) {
                String name = glfwJoystickIsGamepad(jid) ? glfwGetGamepadName(jid) : glfwGetJoystickName(jid);
                log.accept("gamepad " + jid + " connected: " + name + (glfwJoystickIsGamepad(jid) ? "" : " (no gamepad mapping; ignored)"));
            } else if (event == GLFW_DISCONNECTED) {
                log.accept("gamepad " + jid + " disconnected");
            }
        });
    }

    /** A GLFW key event. */
    public void key(int key, int action) {
        if (key >= 0 && key < keys.length) {
            if (action == GLFW_PRESS) {
                keys[key] = true;
            } else if (action == GLFW_RELEASE) {
                keys[key] = false;
            }
        }
    }

    /** True while {@code key} is held. */
    public boolean held(int key) {
        return key >= 0 && key < keys.length && keys[key];
    }

    /** True while any key binding of {@code bindings} is held. */
    public boolean anyKeyHeld(List<Binding> bindings) {
        for (Binding b : bindings) {
            if (b.kind() == Binding.Kind.KEY && held(b.code())) {
                return true;
            }
        }
        return false;
    }

    /** Reads the connected gamepads; call once per frame before {@link #mask}. */
    public void pollGamepads() {
        padCount = 0;
        for (int jid = GLFW_JOYSTICK_1; jid <= GLFW_JOYSTICK_LAST; jid++) {
            if (glfwJoystickPresent(jid) && glfwJoystickIsGamepad(jid)) {
                pads[padCount++] = jid;
            }
        }
    }

    /** Gamepads connected at the last {@link #pollGamepads()}. */
    public int gamepads() {
        return padCount;
    }

    /** The buttons {@code player} (1-based) holds now, bit {@code i} = button {@code i}. */
    public int mask(int player) {
        List<List<Binding>> buttons = players.get(player - 1);
        boolean havePad = player <= padCount && glfwGetGamepadState(pads[player - 1], pad);
        int mask = 0;
        for (int i = 0; i < buttons.size(); i++) {
            for (Binding b : buttons.get(i)) {
                boolean on = switch (b.kind()) {
                    case KEY -> held(b.code());
                    case PAD_BUTTON -> havePad && pad.buttons(b.code()) == GLFW_PRESS;
                    case PAD_AXIS -> havePad && pad.axes(b.code()) * b.sign() > Binding.AXIS_THRESHOLD;
                };
                if (on) {
                    mask |= 1 << i;
                    break;
                }
            }
        }
        return mask;
    }

    @Override
    public void close() {
        var cb = glfwSetJoystickCallback(null);
        if (cb != null) {
            cb.free();
        }
        pad.free();
    }
}
