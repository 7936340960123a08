package dev.machina.frontend.window;

import dev.machina.core.machine.ScreenFormat;

/**
 * Where the machine's picture goes inside a window's framebuffer: a rectangle in framebuffer
 * pixels (origin top left), centred, black bars around it.
 *
 * @param x      left edge, pixels from the framebuffer's left
 * @param y      top edge, pixels from the framebuffer's top
 * @param width  picture width in pixels (&gt;= 1)
 * @param height picture height in pixels (&gt;= 1)
 */
public record Viewport(int x, int y, int width, int height) {

    /** How the picture is scaled to the window. */
    public enum Scaling {
        /** The largest whole multiple of the screen's height that fits (sharp, equal rows). */
        INTEGER,
        /** As large as fits, keeping the aspect ratio. */
        FIT
    }

    /**
     * The picture rectangle for {@code screen} in a {@code fbWidth x fbHeight} framebuffer, keeping
     * the screen's pixel aspect: the displayed width is {@code width * pixelAspect * scale}
     * (rounded), the height {@code height * scale}. {@link Scaling#INTEGER} uses the largest whole
     * scale that fits (at least 1, which may overflow a tiny window).
     */
    public static Viewport of(ScreenFormat screen, int fbWidth, int fbHeight, Scaling scaling) {
        double dw = screen.displayWidth();
        double scale = Math.min(fbWidth / dw, (double) fbHeight / screen.height());
        if (scaling == Scaling.INTEGER) {
            // whole scales of the height; the width (rounded like windowSize) must fit
            int k = fbHeight / screen.height();
            while (k > 1 && Math.round(dw * k) > fbWidth) {
                k--;
            }
            scale = Math.max(1, k);
        }
        int w = Math.max(1, (int) Math.round(dw * scale));
        int h = Math.max(1, (int) Math.round(screen.height() * scale));
        return new Viewport((fbWidth - w) / 2, (fbHeight - h) / 2, w, h);
    }

    /** Window size for a whole {@code scale} (&gt;= 1): the picture exactly, no bars. */
    public static int[] windowSize(ScreenFormat screen, int scale) {
        return new int[]{(int) Math.round(screen.displayWidth() * scale), screen.height() * scale};
    }
}
