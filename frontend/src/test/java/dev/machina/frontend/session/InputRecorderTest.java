package dev.machina.frontend.session;

import dev.machina.machine.nes.NesPresentable;
import dev.machina.machine.nes.input.InputScript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Recorded input is a valid --input-script that gives back the buttons per frame. */
class InputRecorderTest {
    @Test
    void recordsChangesAndRewindsOnStateLoad() throws Exception {
        InputRecorder r = new InputRecorder(NesPresentable.BUTTONS, 2);
        for (long f = 0; f < 10; f++) {
            r.record(f, 1, f >= 3 && f < 6 ? 0x81 : 0);      // A+RIGHT on frames 3..5
            r.record(f, 2, f == 7 ? 0x08 : 0);              // p2 START on frame 7
        }
        // a state of frame 4 loaded: frames 4.. are recorded again, now with B
        for (long f = 4; f < 8; f++) {
            r.record(f, 1, 0x02);
            r.record(f, 2, 0);
        }
        String text = r.text();
        InputScript s = InputScript.parse("recorded", List.of(text.split("\n")));
        assertEquals(0, s.buttons(1, 2));
        assertEquals(0x81, s.buttons(1, 3));
        assertEquals(0x02, s.buttons(1, 4));
        assertEquals(0x02, s.buttons(1, 7));
        assertEquals(0, s.buttons(2, 7), "p2's START at frame 7 was overwritten by the replay after the load");
        assertTrue(text.contains("3 A+RIGHT\n4 B\n"), text);
    }

    @Test
    void slotsWrapAndNameFiles() {
        SaveSlots s = new SaveSlots(java.nio.file.Path.of("/tmp/st"), "nes", "Super Game (E)");
        assertEquals(1, s.slot());
        assertEquals(9, s.step(-1));
        assertEquals(1, s.step(1));
        assertEquals(java.nio.file.Path.of("/tmp/st/nes-Super_Game__E_.1.state"), s.file(1));
    }
}
