; crc16.s - the CPU-bound program of 'machina bench cpu 6502' (M6502Benchmark).
; CRC-16/CCITT-FALSE (poly $1021, init $FFFF, no reflection) of the 256 bytes at $0300,
; bit by bit, forever; after each pass the CRC is stored at $10 (low), $11 (high) and the
; pass counter at $12 is incremented. The bytes are copied into M6502Benchmark.PROGRAM;
; M6502BenchmarkTest assembles this file with ca65/ld65 and checks they are the same.
; Assemble: ca65 crc16.s && ld65 -t none -S 0x0200 -o crc16.bin crc16.o

crc     = $00           ; two bytes, low then high
data    = $0300

        .org $0200
start:  lda #$FF
        sta crc
        sta crc+1
        ldy #$00
nextbyte:   lda data,y
        eor crc+1
        sta crc+1
        ldx #8
nextbit:    asl crc
        rol crc+1
        bcc noxor
        lda crc+1
        eor #$10
        sta crc+1
        lda crc
        eor #$21
        sta crc
noxor:  dex
        bne nextbit
        iny
        bne nextbyte
        lda crc
        sta $10
        lda crc+1
        sta $11
        inc $12
        jmp start
