package dev.machina.core.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class WavWriterTest {
    @TempDir
    Path dir;

    @Test
    void headerAndSamplesAsJavaSoundReadsThem() throws Exception {
        WavWriter w = new WavWriter(48000, 1);
        short[] s = {0, 1000, -1000, 32767, -32768};
        w.add(s, 0, s.length);
        w.add(s, 1, 2);
        Path f = dir.resolve("out.wav");
        w.write(f);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
            AudioFormat fmt = in.getFormat();
            assertEquals(48000f, fmt.getSampleRate());
            assertEquals(16, fmt.getSampleSizeInBits());
            assertEquals(1, fmt.getChannels());
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, fmt.getEncoding());
            assertFalse(fmt.isBigEndian());
            assertEquals(7, in.getFrameLength());
            byte[] data = in.readAllBytes();
            assertEquals(14, data.length);
            assertEquals(1000, (short) ((data[2] & 0xFF) | data[3] << 8));
            assertEquals(-32768, (short) ((data[8] & 0xFF) | data[9] << 8));
            assertEquals(-1000, (short) ((data[12] & 0xFF) | data[13] << 8));
        }
    }
}
