package dev.machina.machine.nes.apu;

import java.util.Objects;

/**
 * The delta modulation channel, $4010-$4013 (NESdev wiki "APU DMC"): a memory reader fetches
 * 1-bit delta samples from $C000 + A*64, L*16 + 1 bytes long (wrapping from $FFFF to $8000),
 * and an output unit moves a 7-bit level up or down by 2 per bit at one of 16 rates. At the end
 * of a non-looping sample with IRQs enabled the DMC interrupt flag is set.
 */
public final class DmcChannel {
    /** NTSC rates in CPU cycles per output bit. */
    public static final int[] RATES = {428, 380, 340, 320, 286, 254, 226, 214, 190, 160, 142, 128, 106, 84, 72, 54};
    /** PAL rates in CPU cycles per output bit. */
    public static final int[] RATES_PAL = {398, 354, 316, 298, 276, 236, 210, 198, 176, 148, 132, 118, 98, 78, 66, 50};

    private final int[] rates;

    private final DmcMemory memory;
    private boolean irqEnabled;
    private boolean loop;
    private int rate = RATES[0];
    private int timer = RATES[0];
    private int level;
    private int sampleAddress = 0xC000;
    private int sampleLength = 1;
    private int currentAddress;
    private int bytesRemaining;
    private int buffer;
    private boolean bufferFull;
    private int shift;
    private int bitsRemaining = 8;
    private boolean silence = true;
    private boolean irqFlag;

    /** An NTSC DMC. */
    public DmcChannel(DmcMemory memory) {
        this(memory, RATES);
    }

    /** @param rates {@link #RATES} or {@link #RATES_PAL} */
    public DmcChannel(DmcMemory memory, int[] rates) {
        this.memory = Objects.requireNonNull(memory);
        this.rates = rates.clone();
        rate = this.rates[0];
        timer = rate;
    }

    /** Writes register 0..3 ($4010 flags and rate, $4011 direct load, $4012 address, $4013 length). */
    public void write(int register, int value) {
        switch (register & 3) {
            case 0 -> {
                irqEnabled = (value & 0x80) != 0;
                loop = (value & 0x40) != 0;
                rate = rates[value & 0x0F];
                if (!irqEnabled) {
                    irqFlag = false;
                }
            }
            case 1 -> level = value & 0x7F;
            case 2 -> sampleAddress = 0xC000 | (value << 6);
            default -> sampleLength = (value << 4) | 1;
        }
    }

    /** $4015 bit 4: enabling starts the sample if none is playing; disabling stops it. Clears the IRQ flag. */
    public void setEnabled(boolean enabled) {
        irqFlag = false;
        if (!enabled) {
            bytesRemaining = 0;
        } else if (bytesRemaining == 0) {
            currentAddress = sampleAddress;
            bytesRemaining = sampleLength;
            fill();
        }
    }

    /**
     * CPU-cycle clock.
     *
     * @return true when the output unit clocked (the level may have changed)
     */
    public boolean clock() {
        if (--timer > 0) {
            return false;
        }
        timer = rate;
        if (!silence) {
            if ((shift & 1) != 0) {
                if (level <= 125) {
                    level += 2;
                }
            } else if (level >= 2) {
                level -= 2;
            }
        }
        shift >>= 1;
        if (--bitsRemaining == 0) {
            bitsRemaining = 8;
            if (bufferFull) {
                silence = false;
                shift = buffer;
                bufferFull = false;
                fill();
            } else {
                silence = true;
            }
        }
        return true;
    }

    private void fill() {
        if (bufferFull || bytesRemaining == 0) {
            return;
        }
        buffer = memory.read(currentAddress) & 0xFF;
        bufferFull = true;
        currentAddress = currentAddress == 0xFFFF ? 0x8000 : currentAddress + 1;
        if (--bytesRemaining == 0) {
            if (loop) {
                currentAddress = sampleAddress;
                bytesRemaining = sampleLength;
            } else if (irqEnabled) {
                irqFlag = true;
            }
        }
    }

    /**
     * CPU cycles from now up to and including the next one on which the reader may fetch a
     * sample byte (which stalls the CPU and may set the interrupt flag): the output clock that
     * empties the shift register; {@link Integer#MAX_VALUE} while no bytes remain.
     */
    int cyclesUntilFetch() {
        if (bytesRemaining == 0) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, timer) + (Math.max(1, bitsRemaining) - 1) * rate;
    }

    /** CPU cycles from now up to and including the next output clock, &ge; 1. */
    int cyclesUntilClock() {
        return Math.max(1, timer);
    }

    /** {@code cycles} CPU cycles, fewer than {@link #cyclesUntilClock()}. */
    void skip(int cycles) {
        timer -= cycles;
    }

    /** Output level, 0..127. */
    public int output() {
        return level;
    }

    /** True while sample bytes remain (what $4015 bit 4 reports). */
    public boolean active() {
        return bytesRemaining > 0;
    }

    /** The DMC interrupt flag ($4015 bit 7). */
    public boolean irqFlag() {
        return irqFlag;
    }

    void save(dev.machina.core.state.StateWriter out) {
        out.bool(irqEnabled).bool(loop).u16(rate).u16(timer).u8(level).u16(sampleAddress).u16(sampleLength)
                .u16(currentAddress).u16(bytesRemaining).u8(buffer).bool(bufferFull).u8(shift).u8(bitsRemaining)
                .bool(silence).bool(irqFlag);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        irqEnabled = in.bool();
        loop = in.bool();
        rate = in.u16();
        timer = in.u16();
        level = in.u8() & 0x7F;
        sampleAddress = in.u16();
        sampleLength = in.u16();
        currentAddress = in.u16();
        bytesRemaining = in.u16();
        buffer = in.u8();
        bufferFull = in.bool();
        shift = in.u8();
        bitsRemaining = in.u8();
        silence = in.bool();
        irqFlag = in.bool();
        if (rate == 0 || bitsRemaining == 0 || bitsRemaining > 8) {
            throw new dev.machina.core.state.StateException("apu: DMC rate " + rate + ", " + bitsRemaining + " bits remaining");
        }
    }

    void reset() {
        irqEnabled = false;
        loop = false;
        rate = rates[0];
        timer = rate;
        level = 0;
        sampleAddress = 0xC000;
        sampleLength = 1;
        currentAddress = 0;
        bytesRemaining = 0;
        bufferFull = false;
        shift = 0;
        bitsRemaining = 8;
        silence = true;
        irqFlag = false;
    }
}
