package dev.machina.frontend.window;

import dev.machina.core.machine.ScreenFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Picture placement for the NES's 256x240 screen with 8:7 pixels (displayed 292.57 x 240 at scale 1). */
class ViewportTest {
    static final ScreenFormat NES = new ScreenFormat(256, 240, 8.0 / 7.0, 60.0988);

    @Test
    void windowSizesAreWholeScalesOfTheAspectCorrectPicture() {
        assertArrayEquals(new int[]{293, 240}, Viewport.windowSize(NES, 1));
        assertArrayEquals(new int[]{585, 480}, Viewport.windowSize(NES, 2));
        assertArrayEquals(new int[]{878, 720}, Viewport.windowSize(NES, 3));
    }

    @Test
    void integerScalingFillsItsOwnWindowAndCentresInLargerOnes() {
        assertEquals(new Viewport(0, 0, 585, 480), Viewport.of(NES, 585, 480, Viewport.Scaling.INTEGER));
        // 1920x1080: scale 4 (1170x960), bars of 375 and 60
        assertEquals(new Viewport(375, 60, 1170, 960), Viewport.of(NES, 1920, 1080, Viewport.Scaling.INTEGER));
        // too narrow for scale 2 in width: back to 1
        assertEquals(new Viewport(53, 120, 293, 240), Viewport.of(NES, 400, 480, Viewport.Scaling.INTEGER));
    }

    @Test
    void fitScalingUsesTheLimitingSide() {
        // 1920x1080: height limits, 4.5 x 240 = 1080, width 292.57 x 4.5 = 1316.6
        assertEquals(new Viewport(301, 0, 1317, 1080), Viewport.of(NES, 1920, 1080, Viewport.Scaling.FIT));
        // 400x1000: width limits, 400 / 292.57 = 1.367, height 328
        assertEquals(new Viewport(0, 336, 400, 328), Viewport.of(NES, 400, 1000, Viewport.Scaling.FIT));
    }
}
