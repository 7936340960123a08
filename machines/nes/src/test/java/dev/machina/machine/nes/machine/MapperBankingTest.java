package dev.machina.machine.nes.machine;

import dev.machina.machine.nes.NesCartridges;
import dev.machina.machine.nes.NesConsole;
import dev.machina.machine.nes.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A board's banking as CPU code sees it, on programs of ours assembled at test time. */
class MapperBankingTest {
    @TempDir
    Path dir;

    /**
     * UxROM (mapper 2, NESdev "UxROM"): 4 x 16 KiB PRG, $8000-$BFFF switchable by a write to
     * $8000-$FFFF, $C000-$FFFF fixed to the last bank; the write goes to a ROM byte holding the
     * same value (bus conflicts). Each switchable bank starts with a marker $B0 + bank.
     */
    @Test
    void uxromBanksSeenByCpu() throws Exception {
        assumeTrue(Ca65.available(), "needs ca65 and ld65 (Debian package cc65)");
        String config = """
                MEMORY {
                  HDR: start = 0, size = 16, file = %O, fill = yes;
                  B0: start = $8000, size = $4000, file = %O, fill = yes;
                  B1: start = $8000, size = $4000, file = %O, fill = yes;
                  B2: start = $8000, size = $4000, file = %O, fill = yes;
                  FIX: start = $C000, size = $3FFA, file = %O, fill = yes;
                  VEC: start = $FFFA, size = 6, file = %O, fill = yes;
                }
                SEGMENTS {
                  HEADER: load = HDR, type = ro;
                  BANK0: load = B0, type = ro;
                  BANK1: load = B1, type = ro;
                  BANK2: load = B2, type = ro;
                  CODE: load = FIX, type = ro;
                  VECTORS: load = VEC, type = ro;
                }
                """;
        Path rom = Ca65.build(dir, "uxrom", "\"NES\", $1A, 4, 0, $20, 0, 0, 0, 0, 0, 0, 0, 0, 0", config, """
                .segment "BANK0"
                .byte $B0
                .segment "BANK1"
                .byte $B1
                .segment "BANK2"
                .byte $B2
                .segment "CODE"
                reset:  sei
                        ldx #$FF
                        txs
                        ldx #0
                next:   lda banks,x      ; the value to write, read from the ROM byte written to
                        sta banks,x
                        lda $8000
                        sta $0300,x
                        inx
                        cpx #4
                        bne next
                done:   jmp done
                banks:  .byte 2, 0, 1, 3
                nmi:
                irq:    rti
                .segment "VECTORS"
                .word nmi, reset, irq
                """);
        NesConsole nes = new NesConsole(NesCartridges.load(rom).mapper(), Region.NTSC);
        for (int i = 0; i < 200; i++) {
            nes.step();
        }
        byte[] ram = nes.devices().ram();
        assertEquals(0xB2, ram[0x300] & 0xFF);
        assertEquals(0xB0, ram[0x301] & 0xFF);
        assertEquals(0xB1, ram[0x302] & 0xFF);
        assertEquals(0x78, ram[0x303] & 0xFF, "bank 3 (the fixed one) starts with SEI at $C000");
    }
}
