package dev.machina.frontend.audio;

import org.lwjgl.openal.AL;
import org.lwjgl.openal.ALC;
import org.lwjgl.openal.ALC10;
import org.lwjgl.openal.ALCCapabilities;
import org.lwjgl.system.MemoryUtil;

import java.nio.ShortBuffer;
import java.util.ArrayDeque;

import static org.lwjgl.openal.AL10.*;
import static org.lwjgl.openal.AL11.AL_SAMPLE_OFFSET;

/**
 * Streaming mono 16-bit audio through OpenAL (OpenAL Soft from LWJGL's natives): one source
 * and a queue of small buffers ({@value #CHUNK} samples each). Samples written are collected into
 * a chunk; a full chunk is queued when a buffer is free (else it is dropped and counted). The
 * source starts once the queue holds the target latency; when it runs dry it stops, the
 * underrun is counted, and it restarts after the queue has refilled to the target.
 *
 * <p>OpenAL Soft reads its configuration from {@code ALSOFT_CONF} (e.g. {@code drivers=wave}
 * writes the mix to a WAV file; the tests use that).
 */
public final class OpenAlOutput implements AutoCloseable {
    /** Samples per OpenAL buffer (10.7 ms at 48 kHz). */
    public static final int CHUNK = 512;

    private final long device;
    private final long context;
    private final int source;
    private final int rate;
    private final int target;
    private final int[] buffers;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final ShortBuffer chunk;
    private int queued;
    private long played;
    private boolean playing;
    private long underruns;
    private long overflows;

    private OpenAlOutput(long device, long context, int rate, int latencyMs) {
        this.device = device;
        this.context = context;
        this.rate = rate;
        this.target = Math.max(CHUNK * 2, rate * latencyMs / 1000);
        this.source = alGenSources();
        this.buffers = new int[target / CHUNK + 6];
        alGenBuffers(buffers);
        for (int b : buffers) {
            free.add(b);
        }
        this.chunk = MemoryUtil.memAllocShort(CHUNK);
    }

    /**
     * Opens the default output device at {@code rate} Hz.
     *
     * @param latencyMs audio queued before playback starts and kept queued while playing
     * @return the output, or null when OpenAL cannot open a device (no sound hardware or
     *         server); the reason is in {@code why[0]}
     */
    public static OpenAlOutput open(int rate, int latencyMs, String[] why) {
        long dev;
        try {
            dev = ALC10.alcOpenDevice((CharSequence) null);
        } catch (Throwable e) { // native library missing or refusing to load
            why[0] = "OpenAL cannot load: " + e.getMessage();
            return null;
        }
        if (dev == 0) {
            why[0] = "OpenAL found no audio output device";
            return null;
        }
        ALCCapabilities caps = ALC.createCapabilities(dev);
        int[] attrs = {ALC10.ALC_FREQUENCY, rate, 0};
        long ctx = ALC10.alcCreateContext(dev, attrs);
        if (ctx == 0 || !ALC10.alcMakeContextCurrent(ctx)) {
            ALC10.alcCloseDevice(dev);
            why[0] = "OpenAL cannot create a context";
            return null;
        }
        AL.createCapabilities(caps);
        return new OpenAlOutput(dev, ctx, rate, latencyMs);
    }

    /** The device name OpenAL reports. */
    public String deviceName() {
        return ALC10.alcGetString(device, ALC10.ALC_DEVICE_SPECIFIER);
    }

    /** Output rate in Hz. */
    public int rate() {
        return rate;
    }

    /** Target queue length in samples (the latency setting). */
    public int target() {
        return target;
    }

    /** Source gain: 0 (silent) .. 1 (full). */
    public void setGain(float gain) {
        alSourcef(source, AL_GAIN, gain);
    }

    /**
     * Recycles buffers OpenAL has played, notes an underrun when the source ran dry, and
     * (re)starts playback once the target is queued.
     */
    public void service() {
        checkStopped();
        unqueueProcessed();
        if (!playing && queued >= target) {
            alSourcePlay(source);
            playing = true;
        }
    }

    private void unqueueProcessed() {
        int processed = alGetSourcei(source, AL_BUFFERS_PROCESSED);
        for (int i = 0; i < processed; i++) {
            free.add(alSourceUnqueueBuffers(source));
            queued -= CHUNK;
            played += CHUNK;
        }
    }

    /**
     * A source that ran dry is STOPPED, and OpenAL counts every buffer of a stopped source as
     * processed, even ones queued after it stopped: take the played ones off and rewind it to
     * INITIAL before queuing more, so new buffers wait to be played.
     */
    private void checkStopped() {
        if (playing && alGetSourcei(source, AL_SOURCE_STATE) == AL_STOPPED) {
            unqueueProcessed();
            alSourceRewind(source);
            playing = false;
            underruns++;
        }
    }

    /** Samples queued at the device and not yet played, plus the part-filled chunk. */
    public int queuedSamples() {
        int offset = playing ? alGetSourcei(source, AL_SAMPLE_OFFSET) : 0;
        return Math.max(0, queued - offset) + chunk.position();
    }

    /** Appends {@code n} samples; full chunks go to the queue. */
    public void write(short[] samples, int n) {
        for (int i = 0; i < n; i++) {
            chunk.put(samples[i]);
            if (!chunk.hasRemaining()) {
                chunk.flip();
                checkStopped();
                Integer buffer = free.poll();
                if (buffer == null) {
                    overflows++;
                } else {
                    alBufferData(buffer, AL_FORMAT_MONO16, chunk, rate);
                    alSourceQueueBuffers(source, buffer);
                    queued += CHUNK;
                }
                chunk.clear();
            }
        }
    }

    /** Samples the device has played (buffers finished), for tests and statistics. */
    public long played() {
        return played;
    }

    /** Times the queue ran dry while playing. */
    public long underruns() {
        return underruns;
    }

    /** Chunks dropped because every buffer was queued (fast-forward, a stalled device). */
    public long overflows() {
        return overflows;
    }

    /** Drops everything queued (used when pausing or fast-forwarding). */
    public void flush() {
        alSourceStop(source);
        alSourcei(source, AL_BUFFER, 0);
        playing = false;
        free.clear(); // detaching the buffer unqueued every buffer
        for (int b : buffers) {
            free.add(b);
        }
        queued = 0;
        chunk.clear();
    }

    @Override
    public void close() {
        alSourceStop(source);
        alDeleteSources(source);
        alDeleteBuffers(buffers);
        ALC10.alcMakeContextCurrent(0);
        ALC10.alcDestroyContext(context);
        ALC10.alcCloseDevice(device);
        MemoryUtil.memFree(chunk);
    }
}
