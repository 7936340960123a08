package dev.machina.core.audio;

import dev.machina.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Collects 16-bit signed PCM samples in memory and writes them as a RIFF/WAVE file
 * (format tag 1, PCM; little-endian), atomically: a failed write leaves any existing file
 * untouched. Headless audio capture for every machine; the NES writes mono at 48 kHz.
 */
public final class WavWriter {
    private final int sampleRate;
    private final int channels;
    private short[] samples = new short[1 << 16];
    private int size;

    /**
     * @param sampleRate samples per second per channel, e.g. 48000
     * @param channels   1 (mono) or 2 (stereo, interleaved left/right)
     * @throws IllegalArgumentException on a non-positive rate or a channel count other than 1 or 2
     */
    public WavWriter(int sampleRate, int channels) {
        if (sampleRate <= 0 || channels < 1 || channels > 2) {
            throw new IllegalArgumentException("WAV: " + sampleRate + " Hz, " + channels + " channels");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** Appends {@code length} samples from {@code src} at {@code offset} (interleaved when stereo). */
    public void add(short[] src, int offset, int length) {
        if (size + length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + length));
        }
        System.arraycopy(src, offset, samples, size, length);
        size += length;
    }

    /** Samples collected so far (all channels). */
    public int size() {
        return size;
    }

    /** The whole file: 44-byte header and the samples. */
    public byte[] toBytes() {
        int dataBytes = size * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{'R', 'I', 'F', 'F'}).putInt(36 + dataBytes).put(new byte[]{'W', 'A', 'V', 'E'});
        b.put(new byte[]{'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.put(new byte[]{'d', 'a', 't', 'a'}).putInt(dataBytes);
        for (int i = 0; i < size; i++) {
            b.putShort(samples[i]);
        }
        return b.array();
    }

    /**
     * Writes the file at {@code target}.
     *
     * @throws IOException when the file cannot be written; the message names it
     */
    public void write(Path target) throws IOException {
        AtomicFiles.write(target, toBytes());
    }
}
