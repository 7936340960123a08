package dev.machina.machine.nes.machine;

import dev.machina.core.media.MediaException;
import dev.machina.machine.nes.validate.BlarggRunner;
import dev.machina.machine.nes.validate.NestestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The blargg and nestest harnesses on small ROMs of ours assembled at test time. */
class ValidateRunnersTest {
    @TempDir
    Path dir;

    /** A ROM following the blargg protocol: $80 while running, then the result and a text. */
    private Path blargg(int result, String text) throws Exception {
        return Ca65.build(dir, "blargg" + result, 0x02, """
                .segment "CODE"
                reset:  sei
                        ldx #$FF
                        txs
                        lda #$80
                        sta $6000
                        lda #$DE
                        sta $6001
                        lda #$B0
                        sta $6002
                        lda #$61
                        sta $6003
                        ldx #0
                copy:   lda msg,x
                        sta $6004,x
                        beq wait
                        inx
                        bne copy
                wait:   ldy #40          ; spin a few frames' worth of cycles first
                outer:  ldx #0
                inner:  dex
                        bne inner
                        dey
                        bne outer
                        lda #%d
                        sta $6000
                done:   jmp done
                nmi:
                irq:    rti
                msg:    .byte "%s", 10, 0
                .segment "VECTORS"
                .word nmi, reset, irq
                """.formatted(result, text));
    }

    @Test
    void blarggPassAndFail() throws Exception {
        assumeTrue(Ca65.available(), "needs ca65 and ld65 (Debian package cc65)");
        BlarggRunner.Result pass = BlarggRunner.run(blargg(0, "all good"), 600);
        assertTrue(pass.passed(), pass.report());
        assertEquals("all good\nPASS", pass.report());
        BlarggRunner.Result fail = BlarggRunner.run(blargg(3, "bad timing"), 600);
        assertFalse(fail.passed());
        assertEquals("bad timing\nFAIL (code 3)", fail.report());
    }

    @Test
    void badRomsGiveOneLineErrors() throws Exception {
        Path truncated = dir.resolve("t.nes");
        Files.write(truncated, new byte[] {'N', 'E', 'S', 0x1A, 2, 1, 0, 0});
        MediaException e = assertThrows(MediaException.class, () -> BlarggRunner.run(truncated, 10));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        Path badHeader = dir.resolve("h.nes");
        Files.write(badHeader, new byte[16 + 16384]);
        e = assertThrows(MediaException.class, () -> BlarggRunner.run(badHeader, 10));
        assertTrue(e.getMessage().startsWith(badHeader.toString()), e.getMessage());
        byte[] mapper99 = new byte[16 + 16384 + 8192];
        System.arraycopy(new byte[] {'N', 'E', 'S', 0x1A, 1, 1, 0x30, 0x60}, 0, mapper99, 0, 8);
        Path unsupported = dir.resolve("m.nes");
        Files.write(unsupported, mapper99);
        e = assertThrows(MediaException.class, () -> BlarggRunner.run(unsupported, 10));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    /**
     * nestest automation mode on a short program; the log is written by hand from the 6502's
     * documented cycle counts (MOS programming manual / NESdev "6502 instruction reference"):
     * reset 7 cycles; LDA # 2; STA zp 3; LDX # 2; INX 2; ADC zp 3; JMP abs 3.
     */
    @Test
    void nestestLogMatchesAndMismatchIsReported() throws Exception {
        assumeTrue(Ca65.available(), "needs ca65 and ld65 (Debian package cc65)");
        Path rom = Ca65.build(dir, "trace", 0, """
                .segment "CODE"
                start:  lda #$41
                        sta $10
                        ldx #$FF
                        inx
                        adc $10
                loop:   jmp loop
                nmi:
                irq:    rti
                .segment "VECTORS"
                .word nmi, start, irq
                """);
        String log = """
                C000  A9 41     LDA #$41                        A:00 X:00 Y:00 P:24 SP:FD PPU:  0, 21 CYC:7
                C002  85 10     STA $10 = 00                    A:41 X:00 Y:00 P:24 SP:FD PPU:  0, 27 CYC:9
                C004  A2 FF     LDX #$FF                        A:41 X:00 Y:00 P:24 SP:FD PPU:  0, 36 CYC:12
                C006  E8        INX                             A:41 X:FF Y:00 P:A4 SP:FD PPU:  0, 42 CYC:14
                C007  65 10     ADC $10 = 41                    A:41 X:00 Y:00 P:26 SP:FD PPU:  0, 48 CYC:16
                C009  4C 09 C0  JMP $C009                       A:82 X:00 Y:00 P:E4 SP:FD PPU:  0, 57 CYC:19
                C009  4C 09 C0  JMP $C009                       A:82 X:00 Y:00 P:E4 SP:FD PPU:  0, 66 CYC:22
                """;
        Path good = dir.resolve("good.log");
        Files.writeString(good, log);
        NestestRunner.Result r = NestestRunner.run(rom, good);
        assertTrue(r.passed(), r.report());
        assertEquals("7 of 7 lines matched", r.report());
        Path bad = dir.resolve("bad.log");
        Files.writeString(bad, log.replace("CYC:16", "CYC:17"));
        r = NestestRunner.run(rom, bad);
        assertFalse(r.passed());
        assertEquals(4, r.matched());
        assertTrue(r.report().contains("CYC: expected 17, got 16"), r.report());
    }
}
