package dev.machina.core.video;

import dev.machina.core.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a frame buffer as a PNG file (headless screenshots), atomically: a failed write leaves
 * any existing file untouched. Uses the JDK's ImageIO PNG encoder.
 */
public final class PngWriter {
    private PngWriter() {
    }

    /**
     * Encodes {@code argb} (row-major, {@code width * height} pixels, 0xAARRGGBB; alpha is
     * ignored) as an opaque 8-bit RGB PNG.
     *
     * @throws IllegalArgumentException when the array is shorter than {@code width * height}
     *                                  or a dimension is not positive
     */
    public static byte[] encode(int[] argb, int width, int height) {
        if (width <= 0 || height <= 0 || argb.length < (long) width * height) {
            throw new IllegalArgumentException("PNG: " + argb.length + " pixels for a " + width + "x" + height + " image");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("PNG: the JDK has no PNG encoder");
            }
        } catch (IOException e) {
            throw new IllegalStateException("PNG: encoding to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code argb} as a PNG file at {@code target}.
     *
     * @throws IOException when the file cannot be written; the message names it
     */
    public static void write(Path target, int[] argb, int width, int height) throws IOException {
        AtomicFiles.write(target, encode(argb, width, height));
    }
}
