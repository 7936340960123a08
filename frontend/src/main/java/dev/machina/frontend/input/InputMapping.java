package dev.machina.frontend.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which keys and gamepad inputs press which machine buttons and hotkeys. The built-in defaults
 * ({@code default-mapping.json} next to this class) are overlaid by the user's mapping file, a
 * JSON object (read with Jackson):
 * <pre>
 * {
 *   "hotkeys":  { "save-state": ["F5"], "quit": ["ESCAPE", "Q"] },
 *   "machines": {
 *     "nes": { "1": { "A": ["X", "PAD:B"], "START": ["ENTER"] },
 *              "2": { "A": ["H"] } },
 *     "*":   { "1": { ... } }
 *   }
 * }
 * </pre>
 * Each list replaces the default for that hotkey or that machine, player and button; everything
 * not named keeps its default. {@code "*"} is used for machines the file does not name. Inputs
 * are {@link Binding}s; hotkeys are {@link Hotkey#fileName()}s; buttons are the machine's
 * button names ({@code Presentable.buttons()}).
 *
 * <p>Default file: {@code $XDG_CONFIG_HOME/machina/input.json} (else
 * {@code ~/.config/machina/input.json}), used when it exists.
 */
public final class InputMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Hotkey, List<Binding>> hotkeys = new EnumMap<>(Hotkey.class);
    /** machine -> player (1-based) -> button -> bindings. */
    private final Map<String, Map<Integer, Map<String, List<Binding>>>> machines = new LinkedHashMap<>();
    private final Path file;

    private InputMapping(Path file) {
        this.file = file;
    }

    /** The default mapping file's path (it need not exist). */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("machina").resolve("input.json");
    }

    /**
     * The defaults overlaid by {@code file}.
     *
     * @param file     the user's mapping file, or null for the defaults only
     * @param required when false a missing {@code file} is not an error
     * @throws IllegalArgumentException one line naming the file, the JSON path and what is wrong
     */
    public static InputMapping load(Path file, boolean required) {
        InputMapping m = new InputMapping(null);
        try (InputStream in = InputMapping.class.getResourceAsStream("default-mapping.json")) {
            m.overlay(JSON.readTree(in), "built-in default mapping");
        } catch (IOException e) {
            throw new IllegalStateException("built-in default mapping unreadable", e);
        }
        if (file == null) {
            return m;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            if (required) {
                throw new IllegalArgumentException(file + ": no such mapping file");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        InputMapping user = new InputMapping(file);
        user.hotkeys.putAll(m.hotkeys);
        m.machines.forEach((k, v) -> {
            Map<Integer, Map<String, List<Binding>>> copy = new LinkedHashMap<>();
            v.forEach((p, b) -> copy.put(p, new LinkedHashMap<>(b)));
            user.machines.put(k, copy);
        });
        user.overlay(tree, file.toString());
        return user;
    }

    /** The user file that was read, or null when only the defaults apply. */
    public Path file() {
        return file;
    }

    private void overlay(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object with \"hotkeys\" and/or \"machines\"");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("hotkeys") && !f.equals("machines")) {
                throw new IllegalArgumentException(where + ": unknown entry \"" + f + "\" (expected hotkeys, machines)");
            }
        }
        JsonNode hk = root.path("hotkeys");
        for (Iterator<Map.Entry<String, JsonNode>> it = hk.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Hotkey h = null;
            for (Hotkey c : Hotkey.values()) {
                if (c.fileName().equals(e.getKey().toLowerCase(Locale.ROOT))) {
                    h = c;
                }
            }
            if (h == null) {
                throw new IllegalArgumentException(where + ": hotkeys." + e.getKey() + ": unknown hotkey (expected "
                        + String.join(", ", java.util.Arrays.stream(Hotkey.values()).map(Hotkey::fileName).toList()) + ")");
            }
            hotkeys.put(h, bindings(e.getValue(), where + ": hotkeys." + e.getKey()));
        }
        JsonNode ms = root.path("machines");
        for (Iterator<Map.Entry<String, JsonNode>> it = ms.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> me = it.next();
            Map<Integer, Map<String, List<Binding>>> players = machines.computeIfAbsent(me.getKey(), k -> new LinkedHashMap<>());
            for (Iterator<Map.Entry<String, JsonNode>> pit = me.getValue().fields(); pit.hasNext(); ) {
                Map.Entry<String, JsonNode> pe = pit.next();
                int player;
                try {
                    player = Integer.parseInt(pe.getKey());
                } catch (NumberFormatException ex) {
                    player = 0;
                }
                String at = where + ": machines." + me.getKey() + "." + pe.getKey();
                if (player < 1 || player > 8) {
                    throw new IllegalArgumentException(at + ": players are \"1\" .. \"8\"");
                }
                Map<String, List<Binding>> buttons = players.computeIfAbsent(player, k -> new LinkedHashMap<>());
                for (Iterator<Map.Entry<String, JsonNode>> bit = pe.getValue().fields(); bit.hasNext(); ) {
                    Map.Entry<String, JsonNode> be = bit.next();
                    buttons.put(be.getKey().toUpperCase(Locale.ROOT), bindings(be.getValue(), at + "." + be.getKey()));
                }
            }
        }
    }

    private static List<Binding> bindings(JsonNode node, String at) {
        List<Binding> out = new ArrayList<>();
        if (node.isTextual()) {
            node = JSON.createArrayNode().add(node.asText());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(at + ": expected a list of inputs like [\"X\", \"PAD:A\"]");
        }
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException(at + ": expected input names as strings, got " + n);
            }
            try {
                out.add(Binding.parse(n.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** Bindings of a hotkey (possibly empty). */
    public List<Binding> hotkey(Hotkey h) {
        return hotkeys.getOrDefault(h, List.of());
    }

    /**
     * Bindings of {@code machine}'s {@code player} for each of {@code buttons}, in that order: the
     * machine's own entry, else the {@code "*"} entry, else none.
     */
    public List<List<Binding>> buttons(String machine, int player, List<String> buttons) {
        Map<String, List<Binding>> own = machines.getOrDefault(machine, Map.of()).get(player);
        Map<String, List<Binding>> any = machines.getOrDefault("*", Map.of()).get(player);
        List<List<Binding>> out = new ArrayList<>();
        for (String b : buttons) {
            List<Binding> l = own != null ? own.get(b) : null;
            if (l == null && own == null && any != null) {
                l = any.get(b);
            }
            out.add(l == null ? List.of() : l);
        }
        return out;
    }

    /** Machines the mapping names (including {@code "*"}). */
    public List<String> machines() {
        return List.copyOf(machines.keySet());
    }

    /** Players the mapping names for {@code machine} (its own entry, else {@code "*"}). */
    public List<Integer> players(String machine) {
        Map<Integer, Map<String, List<Binding>>> p = machines.containsKey(machine) ? machines.get(machine) : machines.getOrDefault("*", Map.of());
        return List.copyOf(p.keySet());
    }

    /** Button names the mapping names for {@code machine}'s {@code player}. */
    public List<String> buttonNames(String machine, int player) {
        Map<Integer, Map<String, List<Binding>>> p = machines.containsKey(machine) ? machines.get(machine) : machines.getOrDefault("*", Map.of());
        return List.copyOf(p.getOrDefault(player, Map.of()).keySet());
    }
}
