package dev.machina.machine.nes.machine;

import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.video.PngWriter;
import dev.machina.machine.nes.NesCartridges;
import dev.machina.machine.nes.NesConsole;
import dev.machina.machine.nes.NesDefinition;
import dev.machina.machine.nes.Region;
import dev.machina.machine.nes.ppu.Ppu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whole machine on the built-in demo and on small programs of ours. */
class NesMachineTest {
    @TempDir
    Path dir;

    static String frameHash(NesConsole nes) throws Exception {
        int[] fb = nes.devices().ppu().frameBuffer();
        ByteBuffer b = ByteBuffer.allocate(fb.length * 4);
        b.asIntBuffer().put(fb);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array())).substring(0, 16);
    }

    static NesConsole demo() throws Exception {
        return new NesConsole(NesCartridges.load(null).mapper(), Region.NTSC);
    }

    static void frames(NesConsole nes, int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(nes.runFrame(Long.MAX_VALUE));
        }
    }

    private RunOptions options(long frames, Path png, Path wav, Path script) {
        return new RunOptions(0, frames, png, wav, script, InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    /**
     * The demo's frames at fixed points, hashes recorded after looking at the screenshots this
     * test writes to the temp directory (nes-demo-60.png, nes-demo-300.png). Frame 60: the title
     * "MACHINA NES DEMO" in white over a dark-blue sky with white stars, a band of diagonal
     * green/pink stripes with a row of green blocks, five coloured balls, a brown brick floor
     * with the yellow face sprite standing on it. Frame 300: the same scene scrolled, the text
     * now "PRESS START", the balls elsewhere, the face in the same place.
     */
    @Test
    void demoFrameHashes() throws Exception {
        NesConsole nes = demo();
        frames(nes, 60);
        String at60 = frameHash(nes);
        PngWriter.write(Path.of(System.getProperty("java.io.tmpdir"), "nes-demo-60.png"), nes.devices().ppu().frameBuffer(), Ppu.WIDTH, Ppu.HEIGHT);
        frames(nes, 240);
        String at300 = frameHash(nes);
        PngWriter.write(Path.of(System.getProperty("java.io.tmpdir"), "nes-demo-300.png"), nes.devices().ppu().frameBuffer(), Ppu.WIDTH, Ppu.HEIGHT);
        assertEquals("209a3313a250518b", at60);
        assertEquals("334e9255b0ae588d", at300);
    }

    /** The same frames with the 2A03 on the recompiler (bus hook installed: every cycle still goes to the PPU and APU). */
    @Test
    void demoFrameHashesOnTheRecompiler() throws Exception {
        NesConsole nes = demo();
        nes.cpu().setEngine("recompiler");
        frames(nes, 60);
        assertEquals("209a3313a250518b", frameHash(nes));
        frames(nes, 240);
        assertEquals("334e9255b0ae588d", frameHash(nes));
        assertTrue(nes.cpu().recompiler().cache().translations() > 0, "blocks translated");
    }

    /** Same cartridge and input script: byte-identical screenshot and WAV, and the audio is not silence. */
    @Test
    void deterministicWithInputScript() throws Exception {
        Path script = dir.resolve("input.txt");
        Files.writeString(script, "10 RIGHT\n40 A+DOWN\n70 B\n100 -\n");
        byte[][] png = new byte[2][];
        byte[][] wav = new byte[2][];
        for (int run = 0; run < 2; run++) {
            Machine m = new NesDefinition().build(MachineConfig.empty());
            Path p = dir.resolve("f" + run + ".png");
            Path w = dir.resolve("a" + run + ".wav");
            assertEquals(0, m.run(options(120, p, w, script)));
            png[run] = Files.readAllBytes(p);
            wav[run] = Files.readAllBytes(w);
        }
        assertArrayEquals(png[0], png[1]);
        assertArrayEquals(wav[0], wav[1]);
        // 120 NTSC frames are about 2 s: 48 kHz mono 16-bit after a 44-byte header
        int samples = (wav[0].length - 44) / 2;
        assertTrue(samples > 90_000 && samples < 100_000, "samples " + samples);
        int nonZero = 0;
        for (int i = 44; i + 1 < wav[0].length; i += 2) {
            if (wav[0][i] != 0 || wav[0][i + 1] != 0) {
                nonZero++;
            }
        }
        assertTrue(nonZero > samples / 4, "the demo plays music: " + nonZero + " non-zero samples");
    }

    /** A save state taken mid-run continues exactly as the run it came from. */
    @Test
    void saveStateContinuesIdentically() throws Exception {
        NesConsole a = demo();
        frames(a, 100);
        byte[] state = a.saveState().save();
        frames(a, 50);
        String expected = frameHash(a);
        NesConsole b = demo();
        frames(b, 3);
        b.saveState().load(state, "test");
        frames(b, 50);
        assertEquals(expected, frameHash(b));
        assertEquals(a.cpu().cycles(), b.cpu().cycles());
    }

    /** A battery-backed cartridge's PRG-RAM is written next to the ROM when the run ends, and loaded next time. */
    @Test
    void batteryRamSaved() throws Exception {
        assumeTrue(Ca65.available(), "needs ca65 and ld65 (Debian package cc65)");
        Path rom = Ca65.build(dir, "battery", 0x02, """
                .segment "CODE"
                reset:  sei
                        ldx #$FF
                        txs
                        inc $6000        ; counts power-ons across runs
                        lda #$A5
                        sta $7FFF
                done:   jmp done
                nmi:
                irq:    rti
                .segment "VECTORS"
                .word nmi, reset, irq
                """);
        for (int run = 1; run <= 2; run++) {
            Machine m = new NesDefinition().build(new MachineConfig(Map.of("cart", rom), List.of(), Map.of(), List.of()));
            assertEquals(0, m.run(options(2, null, null, null)));
            byte[] sav = Files.readAllBytes(dir.resolve("battery.sav"));
            assertEquals(8192, sav.length);
            assertEquals(run, sav[0]);
            assertEquals((byte) 0xA5, sav[0x1FFF]);
        }
    }
}
