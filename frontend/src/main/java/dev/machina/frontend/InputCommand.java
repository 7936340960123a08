package dev.machina.frontend;

import dev.machina.frontend.input.Binding;
import dev.machina.frontend.input.Hotkey;
import dev.machina.frontend.input.InputMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.lwjgl.glfw.GLFW.*;

/**
 * {@code machina input --list [MACHINE] [--mapping FILE]}: the window's effective input mapping
 * (built-in defaults overlaid by the mapping file): hotkeys, then each machine's buttons per
 * player, then the gamepads connected now (when there is a display for GLFW to start on).
 */
@Command(name = "input", mixinStandardHelpOptions = true,
        description = "Show the window's input mapping: machina input --list [MACHINE] [--mapping FILE]. "
                + "The mapping file (JSON; default $XDG_CONFIG_HOME/machina/input.json) overrides the built-in defaults; "
                + "its format is in the README.")
public final class InputCommand implements Callable<Integer> {
    @Option(names = "--list", required = true, description = "List hotkeys, button bindings per machine and player, and connected gamepads.")
    boolean list;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Mapping file to show instead of the default one.")
    Path mapping;

    @Parameters(arity = "0..1", paramLabel = "MACHINE", description = "Only this machine (default: every machine the mapping names).")
    String machine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path file = mapping != null ? mapping : InputMapping.defaultFile();
        InputMapping m;
        try {
            m = InputMapping.load(file, mapping != null);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(e.getMessage());
        }
        out.println("mapping: " + (m.file() != null ? m.file() : "built-in defaults (" + file + " does not exist)"));
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"hotkey", "inputs", "action"});
        for (Hotkey h : Hotkey.values()) {
            rows.add(new String[]{h.fileName(), join(m.hotkey(h)), h.description()});
        }
        Table.print(out, rows);
        List<String> machines = machine != null ? List.of(machine) : m.machines();
        for (String name : machines) {
            out.println();
            rows = new ArrayList<>();
            rows.add(new String[]{"machine", "player", "button", "inputs"});
            for (int p : m.players(name)) {
                List<String> buttons = m.buttonNames(name, p);
                List<List<Binding>> b = m.buttons(name, p, buttons);
                for (int i = 0; i < buttons.size(); i++) {
                    rows.add(new String[]{name, String.valueOf(p), buttons.get(i), join(b.get(i))});
                }
            }
            Table.print(out, rows);
        }
        out.println();
        out.println(gamepads());
        out.flush();
        return 0;
    }

    private static String join(List<Binding> b) {
        return b.isEmpty() ? "-" : b.stream().map(Binding::toString).collect(Collectors.joining(" "));
    }

    private static String gamepads() {
        if (!Display.available()) {
            return "gamepads: not listed (" + Display.missing() + "; GLFW needs a display)";
        }
        try {
            if (!glfwInit()) {
                return "gamepads: not listed (GLFW cannot start)";
            }
            StringBuilder sb = new StringBuilder();
            for (int jid = GLFW_JOYSTICK_1; jid <= GLFW_JOYSTICK_LAST; jid++) {
                if (glfwJoystickPresent(jid)) {
                    boolean pad = glfwJoystickIsGamepad(jid);
                    sb.append("gamepad ").append(jid).append(": ").append(pad ? glfwGetGamepadName(jid) : glfwGetJoystickName(jid))
                            .append(pad ? "" : " (no gamepad mapping; ignored)").append('\n');
                }
            }
            glfwTerminate();
            return sb.isEmpty() ? "gamepads: none connected" : sb.toString().stripTrailing();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "gamepads: not listed (GLFW unavailable: " + e.getMessage() + ")";
        }
    }
}
