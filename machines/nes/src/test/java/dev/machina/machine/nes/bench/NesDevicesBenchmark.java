package dev.machina.machine.nes.bench;

import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.apu.Apu;
import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.INesParser;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;
import dev.machina.machine.nes.ppu.Ppu;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.InputStream;

/**
 * Emulated NES frames per second of the CPU-independent devices, on our demo cartridge's CHR
 * with a full nametable, 64 sprites (8 on many lines) and every APU channel sounding: the PPU
 * alone (89,342 dots), the APU alone (29,781 cycles with 48 kHz output drained), and both
 * stepped together 3:1 with the mapper's CPU clock, as the machine will.
 *
 * <pre>./mvnw -Pjmh -pl machines/nes -am test-compile exec:exec -Djmh.args="NesDevicesBenchmark -f 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class NesDevicesBenchmark {
    private Mapper mapper;
    private Ppu ppu;
    private Apu apu;
    private final short[] samples = new short[4096];

    @Setup
    public void setUp() throws Exception {
        byte[] image;
        try (InputStream in = NesDevicesBenchmark.class.getResourceAsStream("/dev/machina/machine/nes/demo/demo.nes")) {
            image = in.readAllBytes();
        }
        Cartridge cart = INesParser.parse("demo.nes", image);
        mapper = Mappers.create(cart);
        ppu = new Ppu(mapper, new InterruptLine("nmi"));
        ppu.reset();
        ppu.writeRegister(6, 0x20);
        ppu.writeRegister(6, 0x00);
        for (int i = 0; i < 0x800; i++) {
            ppu.writeRegister(7, i % 20);          // tiles 0..19 everywhere, attributes mixed
        }
        ppu.writeRegister(6, 0x3F);
        ppu.writeRegister(6, 0x00);
        for (int i = 0; i < 32; i++) {
            ppu.writeRegister(7, (i * 7) & 0x3F);
        }
        byte[] oam = ppu.oam();
        for (int i = 0; i < 64; i++) {
            oam[i * 4] = (byte) (20 + (i & 7) * 24);
            oam[i * 4 + 1] = (byte) (i % 5);
            oam[i * 4 + 2] = (byte) (i & 3);
            oam[i * 4 + 3] = (byte) (i * 29);
        }
        ppu.writeRegister(5, 0x13);
        ppu.writeRegister(5, 0x05);
        ppu.writeRegister(0, 0x88);
        ppu.writeRegister(1, 0x1E);
        apu = new Apu(a -> mapper.cpuRead(a), new InterruptLine("irq"), 1);
        apu.reset();
        int[][] writes = {{0x4015, 0x1F}, {0x4000, 0xBF}, {0x4002, 0xFD}, {0x4003, 0x08}, {0x4004, 0x7F},
            {0x4006, 0x7D}, {0x4007, 0x08}, {0x4008, 0xFF}, {0x400A, 0x80}, {0x400B, 0x08}, {0x400C, 0x3F},
            {0x400E, 0x05}, {0x400F, 0x08}, {0x4010, 0x4F}, {0x4012, 0xFF}, {0x4013, 0x02}, {0x4015, 0x1F}};
        for (int[] w : writes) {
            apu.writeRegister(w[0], w[1]);
        }
    }

    /** One PPU frame. */
    @Benchmark
    public long ppuFrame() {
        long f = ppu.frameCount();
        while (ppu.frameCount() == f) {
            ppu.tick();
        }
        return ppu.frameCount();
    }

    /** One frame's worth of APU cycles, output drained. */
    @Benchmark
    public int apuFrame() {
        for (int i = 0; i < 29781; i++) {
            apu.tick();
        }
        int n = 0;
        int got;
        while ((got = apu.readSamples(samples, 0, samples.length)) > 0) {
            n += got;
        }
        return n;
    }

    /** One frame of PPU, APU and mapper stepped per CPU cycle as the machine does (no CPU). */
    @Benchmark
    public long devicesFrame() {
        long f = ppu.frameCount();
        while (ppu.frameCount() == f) {
            ppu.tick();
            ppu.tick();
            ppu.tick();
            apu.tick();
            mapper.cpuClock();
        }
        while (apu.readSamples(samples, 0, samples.length) > 0) {
            // drain
        }
        return ppu.frameCount();
    }
}
