package dev.machina.frontend.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.lwjgl.glfw.GLFW.*;

/** Bindings and the mapping file (no display needed: only GLFW's constants are used). */
class InputMappingTest {
    @TempDir
    Path dir;

    @Test
    void bindingsParseAndPrintByGlfwNames() {
        assertEquals(new Binding(Binding.Kind.KEY, GLFW_KEY_X, 0), Binding.parse("x"));
        assertEquals(new Binding(Binding.Kind.KEY, GLFW_KEY_RIGHT_SHIFT, 0), Binding.parse("RIGHT_SHIFT"));
        assertEquals(new Binding(Binding.Kind.PAD_BUTTON, GLFW_GAMEPAD_BUTTON_DPAD_UP, 0), Binding.parse("pad:dpad_up"));
        assertEquals(new Binding(Binding.Kind.PAD_AXIS, GLFW_GAMEPAD_AXIS_LEFT_X, -1), Binding.parse("PAD:LEFT_X-"));
        for (String s : List.of("ENTER", "F12", "KP_ADD", "PAD:START", "PAD:RIGHT_TRIGGER+")) {
            assertEquals(s, Binding.parse(s).toString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binding.parse("FOO"));
        assertTrue(e.getMessage().startsWith("unknown key 'FOO'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Binding.parse("PAD:LEFT_X"));
    }

    @Test
    void defaultsGiveTheNesControllerAndHotkeys() {
        InputMapping m = InputMapping.load(null, false);
        List<List<Binding>> p1 = m.buttons("nes", 1, List.of("A", "B", "SELECT", "START", "UP", "DOWN", "LEFT", "RIGHT"));
        assertEquals(List.of(Binding.parse("X"), Binding.parse("PAD:B")), p1.get(0));
        assertEquals(Binding.parse("ENTER"), p1.get(3).getFirst());
        assertEquals(Binding.parse("RIGHT"), p1.get(7).getFirst());
        assertEquals(List.of(Binding.parse("F5")), m.hotkey(Hotkey.SAVE_STATE));
        for (Hotkey h : Hotkey.values()) {
            assertTrue(m.hotkey(h).contains(Binding.parse(h.defaultKey())), h + " default key in default-mapping.json");
        }
        // a machine the mapping does not name falls back to "*"
        assertEquals(Binding.parse("S"), m.buttons("snes", 1, List.of("X")).getFirst().getFirst());
    }

    @Test
    void userFileOverridesOnlyWhatItNames() throws Exception {
        Path f = dir.resolve("input.json");
        Files.writeString(f, """
                {"hotkeys": {"quit": ["Q"]},
                 "machines": {"nes": {"1": {"A": ["SPACE", "PAD:A"]}}}}
                """);
        InputMapping m = InputMapping.load(f, true);
        assertEquals(f, m.file());
        assertEquals(List.of(Binding.parse("Q")), m.hotkey(Hotkey.QUIT));
        assertEquals(List.of(Binding.parse("F5")), m.hotkey(Hotkey.SAVE_STATE));
        List<List<Binding>> p1 = m.buttons("nes", 1, List.of("A", "B"));
        assertEquals(List.of(Binding.parse("SPACE"), Binding.parse("PAD:A")), p1.get(0));
        assertEquals(Binding.parse("Z"), p1.get(1).getFirst());
    }

    @Test
    void badFilesAreOneLineErrorsNamingFileAndEntry() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"machines\": {\"nes\": {\"1\": {\"A\": [\"NOPE\"]}}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputMapping.load(f, true));
        assertTrue(e.getMessage().startsWith(f + ": machines.nes.1.A: unknown key 'NOPE'"), e.getMessage());
        Files.writeString(f, "{\"hotkeys\": {\"explode\": [\"X\"]}}");
        e = assertThrows(IllegalArgumentException.class, () -> InputMapping.load(f, true));
        assertTrue(e.getMessage().startsWith(f + ": hotkeys.explode: unknown hotkey"), e.getMessage());
        Files.writeString(f, "{\"hotkeys\": ");
        e = assertThrows(IllegalArgumentException.class, () -> InputMapping.load(f, true));
        assertTrue(e.getMessage().startsWith(f + ": not valid JSON at line 1"), e.getMessage());
        assertEquals(dir.resolve("none.json") + ": no such mapping file",
                assertThrows(IllegalArgumentException.class, () -> InputMapping.load(dir.resolve("none.json"), true)).getMessage());
        assertNull(InputMapping.load(dir.resolve("none.json"), false).file());
    }
}
