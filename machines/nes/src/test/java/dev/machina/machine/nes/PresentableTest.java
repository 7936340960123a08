package dev.machina.machine.nes;

import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.Presentable;
import dev.machina.core.machine.ScreenFormat;
import dev.machina.core.state.StateException;
import dev.machina.core.state.SaveState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The window frontend's view of the NES, found through the Presentable.Provider plug-in. */
class PresentableTest {
    static Presentable demo(String region) throws Exception {
        Machine m = new NesDefinition().build(new MachineConfig(Map.of(), List.of(), Map.of("region", region), List.of()));
        return Presentable.of(m).orElseThrow();
    }

    @Test
    void ntscAndPalScreens() throws Exception {
        ScreenFormat ntsc = demo("ntsc").screen();
        assertEquals(256, ntsc.width());
        assertEquals(240, ntsc.height());
        assertEquals(8.0 / 7.0, ntsc.pixelAspect(), 1e-12);
        // NESdev wiki "Cycle reference chart": 60.0988 Hz NTSC, 50.0070 Hz PAL
        assertEquals(60.0988, ntsc.refreshHz(), 0.00005);
        assertEquals(50.0070, demo("pal").screen().refreshHz(), 0.00005);
    }

    @Test
    void framesSamplesAndButtonsFollowTheConsole() throws Exception {
        Presentable p = demo("ntsc");
        assertEquals(0, p.frameNumber());
        short[] buf = new short[4096];
        int samples = 0;
        for (int f = 0; f < 60; f++) {
            p.runFrame();
            int n;
            while ((n = p.readSamples(buf, 0, buf.length)) > 0) {
                samples += n;
            }
        }
        assertEquals(60, p.frameNumber());
        // one second of 60.0988 Hz frames at 48 kHz, less the resampler's 8-sample delay
        assertEquals(48000 * 60 / 60.0988, samples, 20);
        assertEquals(256 * 240, p.frameBuffer().length);
        assertEquals(List.of("A", "B", "SELECT", "START", "UP", "DOWN", "LEFT", "RIGHT"), p.buttons());

        // D-pad right moves the demo's face: frames differ from a run without input
        Presentable q = demo("ntsc");
        for (int f = 0; f < 60; f++) {
            q.runFrame();
        }
        p.setButtons(1, 0x80);
        for (int f = 0; f < 30; f++) {
            p.runFrame();
            q.runFrame();
        }
        assertFalse(Arrays.equals(p.frameBuffer(), q.frameBuffer()));
        assertThrows(IllegalArgumentException.class, () -> p.setButtons(3, 1));
    }

    @Test
    void stateRestoresFrameNumberAndRefusesOtherMachines() throws Exception {
        Presentable p = demo("ntsc");
        for (int f = 0; f < 10; f++) {
            p.runFrame();
        }
        byte[] state = p.saveState().save();
        for (int f = 0; f < 5; f++) {
            p.runFrame();
        }
        int[] after15 = p.frameBuffer().clone();
        p.saveState().load(state, "slot");
        assertEquals(10, p.frameNumber());
        for (int f = 0; f < 5; f++) {
            p.runFrame();
        }
        assertArrayEquals(after15, p.frameBuffer());
        byte[] other = new SaveState("zx", 1, List.of()).save();
        StateException e = assertThrows(StateException.class, () -> p.saveState().load(other, "slot 2"));
        assertEquals("slot 2: state of machine 'zx', not 'nes'", e.getMessage());
    }
}
