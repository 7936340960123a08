package dev.machina.core.machine;

/**
 * The shape of a machine's video output, as a window needs it to size and pace itself.
 *
 * @param width       frame buffer width in pixels (&gt; 0)
 * @param height      frame buffer height in pixels (&gt; 0)
 * @param pixelAspect width of one pixel divided by its height on the machine's display, e.g.
 *                    8/7 for the NES's NTSC pixels (NESdev wiki "Overscan"); 1 for square pixels
 * @param refreshHz   frames per second the machine produces, e.g. 60.0988 for the NTSC NES
 *                    (39375000/11/4/(341*262-0.5) Hz, NESdev wiki "Cycle reference chart")
 * @throws IllegalArgumentException when a value is not positive
 */
public record ScreenFormat(int width, int height, double pixelAspect, double refreshHz) {
    public ScreenFormat {
        if (width <= 0 || height <= 0 || !(pixelAspect > 0) || !(refreshHz > 0)) {
            throw new IllegalArgumentException("screen " + width + "x" + height + ", pixel aspect " + pixelAspect
                    + ", " + refreshHz + " Hz");
        }
    }

    /** The displayed width in square pixels at height scale 1: {@code width * pixelAspect}. */
    public double displayWidth() {
        return width * pixelAspect;
    }
}
