; Self-modifying code test for the 6502 recompiler (ours). Assembled at test time with
;   ca65 -o smc.o smc.s && ld65 -t none -S 0x0400 -o smc.bin smc.o
; and loaded at $0400 (M6502RecompilerTest). Each loop runs 256 times, so its blocks are
; translated long before it ends; a stale translation gives a different result.
;
; Phase 1, a block that modifies itself: the STA rewrites the operand of the LDA two
; instructions later in the same straight-line block, so sum = 0 + 1 + ... + 255 = 32640 ($7F80).
; Phase 2, a block that modifies another block: after the call with Y = 100 the operand of
; 'sub' changes from 1 to 3, so count = 101 * 1 + 155 * 3 = 566 ($0236).
; Phase 3, a block that rewrites its own next opcode: INX ($E8) becomes DEX ($CA) once, so
; X ends at 254 after 256 passes of one INX-or-DEX each ($FE: 255 INX, one DEX, from 0).
;
; Phase 4, code in page zero patched by zero-page stores: 'zpsrc' (LDA #imm; RTS) is copied
; to $80 and called 256 times; after each call a zero-page INC raises its operand, so
; zsum = 0 + 1 + ... + 255 = 32640 ($7F80). (Translated code stores to page zero straight into
; RAM only while no block lives there.)
; The program ends at 'done', which jumps to itself.

sum     = $10           ; 16-bit
count   = $12           ; 16-bit
result  = $14           ; final X of phase 3
zsum    = $16           ; 16-bit, phase 4
zpcode  = $80           ; phase 4's routine in page zero

        .segment "CODE"
start:  ldx #0
        stx sum
        stx sum+1
loop1:  txa
        sta patch+1     ; rewrite the operand of the LDA below (same block)
patch:  lda #$00
        clc
        adc sum
        sta sum
        bcc :+
        inc sum+1
:       inx
        bne loop1

        ldy #0
        sty count
        sty count+1
loop2:  jsr sub
        clc
        adc count
        sta count
        bcc :+
        inc count+1
:       cpy #100
        bne :+
        lda #3
        sta sub+1       ; rewrite another block's operand
:       iny
        bne loop2

        ldx #0
        ldy #0
loop3:  cpy #200
        bne :+
        lda #$CA        ; DEX
        sta step3       ; rewrite the opcode of the next instruction but one (same block)
        bne step3
:       lda #$E8        ; INX
        sta step3
step3:  inx
        iny
        bne loop3
        stx result

        ldx #0
copy4:  lda zpsrc,x
        sta zpcode,x
        inx
        cpx #3
        bne copy4
        ldx #0
        stx zsum
        stx zsum+1
loop4:  jsr zpcode
        clc
        adc zsum
        sta zsum
        bcc :+
        inc zsum+1
:       inc zpcode+1    ; rewrite the operand of the routine in page zero
        inx
        bne loop4
done:   jmp done

zpsrc:  lda #0
        rts

sub:    lda #1
        rts
