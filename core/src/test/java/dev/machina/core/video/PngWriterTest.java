package dev.machina.core.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class PngWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesPixelsThatReadBack() throws Exception {
        int[] px = new int[4 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | (i * 20) << 16 | (255 - i * 20) << 8 | 0x33;
        }
        Path f = dir.resolve("shot.png");
        PngWriter.write(f, px, 4, 3);
        byte[] bytes = Files.readAllBytes(f);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(4, back.getWidth());
        assertEquals(3, back.getHeight());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(px[y * 4 + x] & 0xFFFFFF, back.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @Test
    void rejectsShortBuffers() {
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(new int[5], 4, 3));
    }
}
