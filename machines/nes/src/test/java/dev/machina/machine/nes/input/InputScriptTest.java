package dev.machina.machine.nes.input;

import dev.machina.core.media.MediaException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class InputScriptTest {

    @Test
    void statesHoldUntilThePlayersNextLine() throws MediaException {
        InputScript s = InputScript.parse("t.txt", List.of(
                "# demo",
                "60 RIGHT",
                "90 a+right   # two buttons",
                "",
                "120 p2 START",
                "121 p2 -",
                "150 none"));
        assertEquals(0, s.buttons(1, 0));
        assertEquals(0, s.buttons(1, 59));
        assertEquals(StandardController.RIGHT, s.buttons(1, 60));
        assertEquals(StandardController.RIGHT, s.buttons(1, 89));
        assertEquals(StandardController.A | StandardController.RIGHT, s.buttons(1, 90));
        assertEquals(StandardController.A | StandardController.RIGHT, s.buttons(1, 149));
        assertEquals(0, s.buttons(1, 150));
        assertEquals(0, s.buttons(2, 119));
        assertEquals(StandardController.START, s.buttons(2, 120));
        assertEquals(0, s.buttons(2, 121));
        ControllerPorts ports = new ControllerPorts();
        s.apply(ports, 120);
        assertEquals(StandardController.A | StandardController.RIGHT, ports.controller(1).buttons());
        assertEquals(StandardController.START, ports.controller(2).buttons());
    }

    @Test
    void lastLineForAFrameWins() throws MediaException {
        InputScript s = InputScript.parse("t.txt", List.of("5 A", "5 B"));
        assertEquals(StandardController.B, s.buttons(1, 5));
    }

    @Test
    void errorsNameFileLineAndProblem() {
        assertEquals("s.txt:2: unknown button 'JUMP' (expected A, B, SELECT, START, UP, DOWN, LEFT, RIGHT or -)",
                error(List.of("1 A", "2 JUMP")));
        assertEquals("s.txt:1: 'x' is not a frame number", error(List.of("x A")));
        assertEquals("s.txt:2: frame 5 comes after frame 10", error(List.of("10 A", "5 B")));
        assertEquals("s.txt:1: player 'p3' (expected p1 or p2)", error(List.of("1 p3 A")));
        assertEquals("s.txt:1: no buttons (use '-' to release all)", error(List.of("7")));
        assertEquals("s.txt:1: frame -1 is negative", error(List.of("-1 A")));
    }

    private static String error(List<String> lines) {
        return assertThrows(MediaException.class, () -> InputScript.parse("s.txt", lines)).getMessage();
    }
}
