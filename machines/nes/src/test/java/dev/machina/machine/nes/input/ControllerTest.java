package dev.machina.machine.nes.input;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** NESdev wiki "Standard controller": report order A, B, Select, Start, Up, Down, Left, Right, then 1s. */
class ControllerTest {

    @Test
    void strobeThenEightReadsInOrderThenOnes() {
        ControllerPorts ports = new ControllerPorts();
        ports.controller(1).setButtons(StandardController.A | StandardController.START | StandardController.LEFT);
        ports.write(1);
        ports.write(0);
        int[] expected = {1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(0x40 | expected[i], ports.read(1, 0x40), "read " + i);
        }
    }

    @Test
    void whileStrobeHighReadsReturnA() {
        ControllerPorts ports = new ControllerPorts();
        ports.write(1);
        ports.controller(2).setButtons(StandardController.A);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, ports.read(2, 0));
        }
        ports.controller(2).setButtons(StandardController.B);
        assertEquals(0, ports.read(2, 0));
        ports.write(0);
        assertEquals(0, ports.read(2, 0), "A");
        assertEquals(1, ports.read(2, 0), "B");
    }

    @Test
    void portsAreIndependentAndLatchedAtStrobe() {
        ControllerPorts ports = new ControllerPorts();
        ports.controller(1).setButtons(StandardController.RIGHT);
        ports.controller(2).setButtons(StandardController.UP);
        ports.write(1);
        ports.write(0);
        ports.controller(1).setButtons(0); // released after the latch: no effect on this report
        int p1 = 0;
        int p2 = 0;
        for (int i = 0; i < 8; i++) {
            p1 |= (ports.read(1, 0) & 1) << i;
            p2 |= (ports.read(2, 0) & 1) << i;
        }
        assertEquals(StandardController.RIGHT, p1);
        assertEquals(StandardController.UP, p2);
    }
}
