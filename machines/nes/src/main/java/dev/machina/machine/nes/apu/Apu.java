package dev.machina.machine.nes.apu;

import dev.machina.core.audio.BandLimitedResampler;
import dev.machina.core.device.Device;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.state.Stateful;
import dev.machina.machine.nes.Region;

import java.util.Objects;

/**
 * The 2A03's audio processing unit (NESdev wiki "APU" and its sub-pages): two pulse channels,
 * triangle, noise, DMC, the frame counter, length counters and envelopes, the non-linear mixer,
 * and output band-limited to {@link #SAMPLE_RATE} Hz through the NES's analogue filters.
 *
 * <p>The machine reports every CPU cycle with {@link #owe} (catch-up style; {@link #tick()} is
 * the per-cycle reference it must equal), routes CPU writes to $4000-$4013,
 * $4015 and $4017 to {@link #writeRegister}, and reads of $4015 to {@link #readStatus()}
 * ($4014 is OAM DMA and $4016/$4017 reads are the controllers, not the APU). The APU drives
 * {@link #irqOutput()} (frame interrupt OR DMC interrupt) and fetches DMC samples through
 * {@link DmcMemory}. Samples are collected with {@link #readSamples}.
 */
public final class Apu implements Device, Stateful {
    /** Output sample rate in Hz. */
    public static final int SAMPLE_RATE = 48_000;
    /** NTSC CPU clock in Hz: 236.25 MHz / 11 / 12 (= {@link Region#NTSC}'s). */
    public static final double NTSC_CPU_HZ = 236_250_000.0 / 11 / 12;

    private final PulseChannel pulse1 = new PulseChannel(true);
    private final PulseChannel pulse2 = new PulseChannel(false);
    private final TriangleChannel triangle = new TriangleChannel();
    private final NoiseChannel noise;
    private final DmcChannel dmc;
    private final FrameCounter frameCounter;
    private final InterruptLine irq;
    private final int irqSource;
    private final BandLimitedResampler resampler;
    private final OutputFilter filter = new OutputFilter(SAMPLE_RATE);
    private final float[] scratch = new float[1024];
    private boolean oddCycle;
    private long cycle;
    private int mixKey = -1;
    private boolean irqOut;
    /** Set when a register write or frame clock may have changed a channel's output. */
    private boolean outputDirty = true;
    // catch-up (see owe)
    private int owed;
    private int untilEvent;

    /**
     * True when the next {@link #tick()} is a "get" cycle (the first CPU cycle of an APU cycle),
     * false for a "put" cycle; DMA units align to it (NESdev wiki "DMA").
     */
    public boolean isGetCycle() {
        catchUp();
        return !oddCycle;
    }

    /** An NTSC APU (2A03); see {@link #Apu(DmcMemory, InterruptLine, int, Region)}. */
    public Apu(DmcMemory dmcMemory, InterruptLine irq, int irqSource) {
        this(dmcMemory, irq, irqSource, Region.NTSC);
    }

    /**
     * An APU with {@code region}'s clock and tables (PAL: noise periods, DMC rates and frame
     * counter steps of the 2A07).
     *
     * @param dmcMemory reads DMC sample bytes from CPU memory
     * @param irq       the CPU's IRQ line
     * @param irqSource the wired-OR source number (0..31) the APU drives it as
     * @param region    {@link Region#NTSC} or {@link Region#PAL}
     */
    public Apu(DmcMemory dmcMemory, InterruptLine irq, int irqSource, Region region) {
        boolean pal = region == Region.PAL;
        double cpuHz = region.cpuHz();
        this.noise = new NoiseChannel(pal ? NoiseChannel.PERIODS_PAL : NoiseChannel.PERIODS);
        this.frameCounter = new FrameCounter(pal);
        this.dmc = new DmcChannel(dmcMemory, pal ? DmcChannel.RATES_PAL : DmcChannel.RATES);
        this.irq = Objects.requireNonNull(irq);
        this.irqSource = irqSource;
        this.resampler = new BandLimitedResampler(cpuHz, SAMPLE_RATE, SAMPLE_RATE);
    }

    @Override
    public String tag() {
        return "apu";
    }

    /** Power-up: all channels silent and disabled, 4-step mode with interrupts allowed. */
    @Override
    public void reset() {
        catchUp();
        untilEvent = 0;
        pulse1.reset();
        pulse2.reset();
        triangle.reset();
        noise.reset();
        dmc.reset();
        frameCounter.reset();
        oddCycle = false;
        irqOut = irq.isAssertedBy(irqSource);
        outputDirty = true;
        updateIrq();
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    /** Every channel, the frame counter, the output filters and the resampler (queued samples included). */
    @Override
    public void saveState(StateWriter out) {
        catchUp();
        pulse1.save(out);
        pulse2.save(out);
        triangle.save(out);
        noise.save(out);
        dmc.save(out);
        frameCounter.save(out);
        out.bool(oddCycle).i64(cycle).i32(mixKey);
        filter.save(out);
        resampler.saveState(out);
    }

    @Override
    public void loadState(StateReader in) throws StateException {
        catchUp();
        untilEvent = 0;
        pulse1.load(in);
        pulse2.load(in);
        triangle.load(in);
        noise.load(in);
        dmc.load(in);
        frameCounter.load(in);
        oddCycle = in.bool();
        cycle = in.i64();
        mixKey = in.i32();
        filter.load(in);
        resampler.loadState(in);
        outputDirty = true;
        updateIrq();
    }

    /** The IRQ line given at construction. */
    public InterruptLine irqOutput() {
        return irq;
    }

    /**
     * A CPU write to $4000-$4017 ({@code address} the full CPU address); $4014 and $4016 are
     * ignored here. {@code value} 0..255.
     */
    public void writeRegister(int address, int value) {
        catchUp();
        untilEvent = 0;
        switch (address) {
            case 0x4000, 0x4001, 0x4002, 0x4003 -> pulse1.write(address, value);
            case 0x4004, 0x4005, 0x4006, 0x4007 -> pulse2.write(address, value);
            case 0x4008, 0x4009, 0x400A, 0x400B -> triangle.write(address, value);
            case 0x400C, 0x400D, 0x400E, 0x400F -> noise.write(address, value);
            case 0x4010, 0x4011, 0x4012, 0x4013 -> dmc.write(address, value);
            case 0x4015 -> {
                pulse1.length.setEnabled((value & 0x01) != 0);
                pulse2.length.setEnabled((value & 0x02) != 0);
                triangle.length.setEnabled((value & 0x04) != 0);
                noise.length.setEnabled((value & 0x08) != 0);
                dmc.setEnabled((value & 0x10) != 0);
            }
            case 0x4017 -> frameCounter.write(value);
            default -> {
            }
        }
        outputDirty = true;
        updateIrq();
    }

    /**
     * A CPU read of $4015: bits 0-3 length counters of pulse 1, pulse 2, triangle, noise non-zero;
     * bit 4 DMC bytes remaining; bit 6 frame interrupt; bit 7 DMC interrupt; bit 5 is open bus
     * (returned as 0; the machine may merge its open-bus bit). Clears the frame interrupt flag.
     */
    public int readStatus() {
        catchUp();
        untilEvent = 0;
        int v = (pulse1.length.active() ? 0x01 : 0) | (pulse2.length.active() ? 0x02 : 0)
                | (triangle.length.active() ? 0x04 : 0) | (noise.length.active() ? 0x08 : 0)
                | (dmc.active() ? 0x10 : 0) | (frameCounter.irqFlag() ? 0x40 : 0) | (dmc.irqFlag() ? 0x80 : 0);
        frameCounter.clearIrq();
        updateIrq();
        return v;
    }

    /** One CPU cycle. */
    public void tick() {
        catchUp();
        step();
        untilEvent = 0;
    }

    /**
     * The machine's CPU-cycle clock in catch-up style: notes that {@code cycles} (&ge; 0) more
     * CPU cycles have passed and runs the owed cycles only when one of them is an event cycle
     * whose effect other chips see without asking: the frame interrupt flag being set (and a
     * $4017 write taking effect) and a DMC sample fetch (a CPU stall, maybe the DMC interrupt).
     * Register accesses, {@link #isGetCycle()}, the sample readers, the accessors and save
     * states catch up first; so does a board before a bank change ({@link #catchUp()}), since
     * DMC fetches read PRG-ROM. The outputs are the same, on the same CPU cycle, as with
     * {@link #tick()} per cycle, and so are the samples.
     */
    public void owe(int cycles) {
        owed += cycles;
        if (owed >= untilEvent) {
            catchUp();
        }
    }

    /** Runs the cycles owed by {@link #owe}, so the APU's state is current. */
    public void catchUp() {
        int n = owed;
        if (n > 0) {
            owed = 0;
            run(n);
        }
        untilEvent = Math.min(frameCounter.cyclesUntilEvent(), dmc.cyclesUntilFetch());
    }

    /**
     * Runs {@code n} CPU cycles: the same work as {@code n} {@link #step()}s, with the quiet
     * cycles between two that may change an output or a counter (a frame counter step, an
     * audible channel's timer reload, a DMC output clock) done in one {@link #skip}.
     */
    private void run(int n) {
        while (n > 0) {
            if (!outputDirty) {
                int k = Math.min(n, quietCycles());
                if (k > 0) {
                    skip(k);
                    n -= k;
                    if (n == 0) {
                        break;
                    }
                }
            }
            step();
            n--;
        }
    }

    /** Cycles from now on which {@link #step()} would only count down timers (and shift silent channels), &ge; 0. */
    private int quietCycles() {
        int k = Math.min(frameCounter.cyclesUntilStep(), dmc.cyclesUntilClock());
        k = Math.min(k, triangle.cyclesUntilStep());
        k = Math.min(k, noise.cyclesUntilAudibleShift());
        k = Math.min(k, pulse1.cyclesUntilAudible(oddCycle));
        k = Math.min(k, pulse2.cyclesUntilAudible(oddCycle));
        return k - 1;
    }

    /** {@code k} quiet cycles (see {@link #quietCycles()}) in one step. */
    private void skip(int k) {
        frameCounter.skip(k);
        dmc.skip(k);
        triangle.skip(k);
        noise.skip(k);
        int pulseClocks = oddCycle ? (k + 1) >> 1 : k >> 1;
        pulse1.skipClocks(pulseClocks);
        pulse2.skipClocks(pulseClocks);
        if ((k & 1) != 0) {
            oddCycle = !oddCycle;
        }
        cycle += k;
    }

    private void step() {
        boolean dirty = outputDirty;
        int frame = frameCounter.clock();
        if (frame != 0) {
            dirty = true;
            if ((frame & FrameCounter.QUARTER) != 0) {
                pulse1.envelope.clock();
                pulse2.envelope.clock();
                noise.envelope.clock();
                triangle.clockQuarterFrame();
            }
            if ((frame & FrameCounter.HALF) != 0) {
                pulse1.clockHalfFrame();
                pulse2.clockHalfFrame();
                triangle.clockHalfFrame();
                noise.length.clock();
            }
        }
        dirty |= triangle.clockTimer();
        dirty |= noise.clockTimer();
        if (dmc.clock()) {
            dirty = true;
            updateIrq();
        }
        if (oddCycle) {
            dirty |= pulse1.clockTimer();
            dirty |= pulse2.clockTimer();
        }
        oddCycle = !oddCycle;
        if (frame != 0 || frameCounter.irqFlag() != irqOut) {
            updateIrq();
        }
        if (dirty) {
            outputDirty = false;
            int p1 = pulse1.output();
            int p2 = pulse2.output();
            int t = triangle.output();
            int n = noise.output();
            int d = dmc.output();
            int key = p1 | p2 << 4 | t << 8 | n << 12 | d << 16;
            if (key != mixKey) {
                mixKey = key;
                resampler.level(cycle, Mixer.level(p1, p2, t, n, d));
            }
        }
        cycle++;
    }

    private void updateIrq() {
        boolean level = frameCounter.irqFlag() || dmc.irqFlag();
        if (level != irqOut) {
            irqOut = level;
            if (level) {
                irq.assertLine(irqSource);
            } else {
                irq.clear(irqSource);
            }
        }
    }

    /** Output samples ready to be read. */
    public int samplesAvailable() {
        catchUp();
        resampler.advance(cycle);
        return resampler.available();
    }

    /**
     * Moves up to {@code length} 16-bit signed mono samples at {@link #SAMPLE_RATE} Hz into
     * {@code dst} from {@code offset}: the mixer's 0..1 output through the NES's filters,
     * scaled so that 1.0 is full scale, clamped.
     *
     * @return the number of samples written
     */
    public int readSamples(short[] dst, int offset, int length) {
        catchUp();
        resampler.advance(cycle);
        int done = 0;
        while (done < length) {
            int n = resampler.read(scratch, 0, Math.min(scratch.length, length - done));
            if (n == 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double s = filter.apply(scratch[i]) * 32767;
                dst[offset + done + i] = (short) Math.max(-32768, Math.min(32767, Math.round(s)));
            }
            done += n;
        }
        return done;
    }

    /** Pulse channel 1 or 2 (for tests and debuggers). */
    public PulseChannel pulse(int n) {
        catchUp();
        return n == 1 ? pulse1 : pulse2;
    }

    /** The DMC. */
    public DmcChannel dmc() {
        catchUp();
        return dmc;
    }

    /** The triangle channel. */
    public TriangleChannel triangle() {
        catchUp();
        return triangle;
    }

    /** The frame counter. */
    public FrameCounter frameCounter() {
        catchUp();
        return frameCounter;
    }
}
