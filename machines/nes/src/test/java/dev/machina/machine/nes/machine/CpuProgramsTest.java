package dev.machina.machine.nes.machine;

import dev.machina.machine.nes.NesCartridges;
import dev.machina.machine.nes.NesConsole;
import dev.machina.machine.nes.Region;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PPU and APU timing as a CPU program sees it, on programs of ours assembled at test time.
 * Expected figures come from the NESdev wiki, not from this emulator.
 */
class CpuProgramsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsCa65() {
        assumeTrue(Ca65.available(), "needs ca65 and ld65 (Debian package cc65)");
    }

    private NesConsole console(String name, String source) throws Exception {
        return new NesConsole(NesCartridges.load(Ca65.build(dir, name, 0, source)).mapper(), Region.NTSC);
    }

    /** CPU cycle counts at which the CPU entered the handler at {@code vector} ($FFFA NMI, $FFFE IRQ). */
    private static List<Long> entries(NesConsole nes, int vector, int count, long maxCycles) {
        int handler = nes.devices().mapper().cpuRead(vector) | nes.devices().mapper().cpuRead(vector + 1) << 8;
        List<Long> at = new ArrayList<>();
        while (at.size() < count && nes.cpu().cycles() < maxCycles) {
            nes.step();
            if (nes.cpu().state().pc == handler) {
                at.add(nes.cpu().cycles());
            }
        }
        return at;
    }

    /**
     * NMI once per frame: NESdev "PPU frame timing": with rendering off a frame is 341 x 262 dots
     * = 89342 dots = 29780 2/3 CPU cycles; the handler is entered at an instruction boundary, so
     * one NMI-to-NMI gap is 29780.67 within the 3-cycle loop's jitter, and three frames are
     * 89342 cycles within the same jitter.
     */
    @Test
    void nmiOncePerFrameAtPpuFrameLength() throws Exception {
        NesConsole nes = console("nmi", """
                .segment "CODE"
                reset:  sei
                        ldx #$FF
                        txs
                w1:     bit $2002
                        bpl w1
                w2:     bit $2002
                        bpl w2
                        lda #$80
                        sta $2000
                loop:   jmp loop
                nmi:    inc $10
                        rti
                irq:    rti
                .segment "VECTORS"
                .word nmi, reset, irq
                """);
        List<Long> at = entries(nes, 0xFFFA, 5, 400_000);
        assertEquals(5, at.size());
        for (int i = 1; i < at.size(); i++) {
            long gap = at.get(i) - at.get(i - 1);
            assertTrue(gap >= 29778 && gap <= 29784, "NMI gap " + gap);
        }
        long three = at.get(4) - at.get(1);
        assertTrue(Math.abs(three - 89342) <= 3, "3 frames took " + three);
        assertEquals(4, nes.devices().ram()[0x10], "four handlers ran, the fifth has just been entered");
    }

    /**
     * Sprite 0 hit (NESdev "PPU OAM", "PPU registers" $2002 bit 6): sprite 0 at Y=100 is drawn
     * from scanline 101; over an opaque background the hit is set on that line, and a CPU polling
     * $2002 sees it there.
     */
    @Test
    void sprite0HitSeenOnItsScanline() throws Exception {
        NesConsole nes = console("sprite0", """
                .segment "CODE"
                reset:  sei
                        ldx #$FF
                        txs
                w1:     bit $2002
                        bpl w1
                w2:     bit $2002
                        bpl w2
                        lda #$20         ; nametable 0: every tile is tile 1 (solid)
                        sta $2006
                        lda #$00
                        sta $2006
                        lda #1
                        ldy #4
                        ldx #0
                fill:   sta $2007
                        dex
                        bne fill
                        dey
                        bne fill
                        lda #0
                        sta $2003
                        lda #100         ; sprite 0: Y=100, tile 1, attributes 0, X=50
                        sta $2004
                        lda #1
                        sta $2004
                        lda #0
                        sta $2004
                        lda #50
                        sta $2004
                w3:     bit $2002
                        bpl w3
                        lda #0
                        sta $2005
                        sta $2005
                        sta $2000
                        lda #$1E         ; background and sprites on, left column too
                        sta $2001
                hit:    bit $2002
                        bvc hit
                        lda #1
                        sta $0300
                done:   jmp done
                nmi:
                irq:    rti
                .segment "VECTORS"
                .word nmi, reset, irq
                .segment "CHR"
                .res 16, 0
                .res 16, $FF         ; tile 1: colour 3 everywhere
                """);
        while (nes.devices().ram()[0x300] != 1 && nes.cpu().cycles() < 500_000) {
            nes.step();
        }
        assertEquals(1, nes.devices().ram()[0x300], "no sprite 0 hit seen");
        assertEquals(101, nes.devices().ppu().scanline());
    }

    /**
     * APU frame counter, 4-step mode with IRQ enabled (NESdev "APU Frame Counter"): the frame IRQ
     * flag is set every 29830 CPU cycles (NTSC); the handler acknowledges it by reading $4015, and
     * $4015 bit 6 showed it set.
     */
    @Test
    void apuFrameIrqEvery29830Cycles() throws Exception {
        NesConsole nes = console("frameirq", """
                .segment "CODE"
                reset:  sei
                        ldx #$FF
                        txs
                        lda #$00
                        sta $4017        ; 4-step, IRQ enabled
                        cli
                loop:   jmp loop
                irq:    lda $4015        ; acknowledges the frame IRQ
                        sta $11
                        inc $10
                        rti
                nmi:    rti
                .segment "VECTORS"
                .word nmi, reset, irq
                """);
        List<Long> at = entries(nes, 0xFFFE, 4, 200_000);
        assertEquals(4, at.size());
        for (int i = 1; i < at.size(); i++) {
            long gap = at.get(i) - at.get(i - 1);
            assertTrue(gap >= 29826 && gap <= 29834, "frame IRQ gap " + gap);
        }
        for (int i = 0; i < 30; i++) {
            nes.step(); // the 4th handler finishes
        }
        assertEquals(0x40, nes.devices().ram()[0x11] & 0x40, "$4015 bit 6 read in the handler");
        assertEquals(4, nes.devices().ram()[0x10]);
    }

    /**
     * DMA halts the CPU (NESdev wiki "DMA"): an OAM DMA ($4014 write) takes 513 or 514 cycles
     * (one more on an odd cycle); a DMC sample fetch takes 4 in the usual case. A 17-byte sample
     * ($4013 = 1) played once at the fastest rate is 17 fetches. The stall is the difference
     * between the cycles the devices ran and the cycles the CPU ran (the devices finish the
     * CPU's last cycle when the next one starts, hence the +1).
     */
    @Test
    void oamAndDmcDmaStallTheCpu() throws Exception {
        NesConsole nes = console("dma", """
                .segment "CODE"
                reset:  sei
                        ldx #$FF
                        txs
                        lda #$02
                        sta $4014        ; OAM DMA from $0200
                        lda #1
                        sta $10
                w1:     lda $10          ; marker: OAM DMA done
                        lda #$0F
                        sta $4010        ; DMC: rate 15, no loop, no IRQ
                        lda #0
                        sta $4012        ; sample at $C000
                        lda #1
                        sta $4013        ; 17 bytes
                        lda #$10
                        sta $4015        ; start
                loop:   jmp loop
                nmi:
                irq:    rti
                .segment "VECTORS"
                .word nmi, reset, irq
                """);
        while (nes.devices().ram()[0x10] != 1) {
            nes.step();
        }
        nes.step(); // LDA $10: the OAM DMA ran inside its first read
        long oam = nes.devices().cycles() - nes.cpu().cycles() + 1;
        assertTrue(oam == 513 || oam == 514, "OAM DMA stall " + oam);
        while (nes.cpu().cycles() < 60_000) {
            nes.step();
        }
        long dmc = nes.devices().cycles() - nes.cpu().cycles() + 1 - oam;
        assertEquals(17 * 4, dmc, "17 DMC fetches of 4 cycles");
    }
}
