; selftest.s - Machina's own 6502 trap test (documented NMOS instructions only, so it runs
; on the 6502, 2A03 (not the decimal part) and 65C02 alike).
;
; Convention of Klaus Dormann's functional tests: every check that fails jumps to 'fail',
; which jumps to itself; when all checks pass the program ends at 'success', which jumps to
; itself. The harness (machina validate trap) detects the trap and compares its address with
; --success. The expected values below are worked out by hand from the MCS6500 Programming
; Manual and Bruce Clark's "Decimal Mode" tutorial (6502.org), not taken from an emulator.
;
; Build: ca65 -g [-D DELIBERATE_FAILURE=1] selftest.s && ld65 -t none -S 0x0400 -Ln selftest.lbl -o selftest.bin selftest.o
; Run:   machina validate trap --cpu 6502 --load selftest.bin@0x0400 --start 0x0400 --success <success>
;
; With DELIBERATE_FAILURE defined one decimal-mode check expects a wrong sum, so the program
; must trap at 'fail' instead.

C_FLAG = $01
Z_FLAG = $02
I_FLAG = $04
D_FLAG = $08
B_FLAG = $10
V_FLAG = $40
N_FLAG = $80

zp      = $10           ; scratch in page zero
ptr     = $20           ; pointer for the indirect modes
table   = $0300         ; scratch table, $0300-$03FF (below the program at $0400)

; A must equal value (flags are clobbered)
.macro  expect_a value
        cmp #value
        beq :+
        jmp fail
:
.endmacro

; The P bits in mask must equal value (A is clobbered)
.macro  expect_p mask, value
        php
        pla
        and #mask
        cmp #value
        beq :+
        jmp fail
:
.endmacro

start:  cld
        sei
        ldx #$FF
        txs

; ---------------------------------------------------------------- loads, stores, flags
        lda #$00
        expect_p Z_FLAG|N_FLAG, Z_FLAG
        lda #$80
        expect_p Z_FLAG|N_FLAG, N_FLAG
        ldx #$7F
        stx zp
        ldy zp
        tya
        expect_a $7F

; ---------------------------------------------------------------- binary ADC / SBC
        clc
        lda #$50
        adc #$50                ; $A0: signed overflow, no carry
        expect_p C_FLAG|V_FLAG|N_FLAG|Z_FLAG, V_FLAG|N_FLAG
        clc
        lda #$50
        adc #$50
        expect_a $A0
        sec
        lda #$FF
        adc #$00                ; $FF + 0 + 1 = $100
        expect_p C_FLAG|Z_FLAG|V_FLAG, C_FLAG|Z_FLAG
        sec
        lda #$50
        sbc #$F0                ; $50 - $F0 = $60 with borrow
        expect_p C_FLAG|V_FLAG, $00
        sec
        lda #$50
        sbc #$F0
        expect_a $60
        sec
        lda #$50
        sbc #$B0                ; $50 - $B0 = $A0: borrow and signed overflow
        expect_p C_FLAG|V_FLAG, V_FLAG
        clc
        lda #$10
        sbc #$05                ; carry clear: $10 - $05 - 1 = $0A, no borrow
        expect_a $0A

; ---------------------------------------------------------------- decimal ADC / SBC
        sed
        clc
        lda #$25
        adc #$48                ; 25 + 48 = 73
.ifdef DELIBERATE_FAILURE
        expect_a $74
.else
        expect_a $73
.endif
        clc
        lda #$99
        adc #$01                ; 99 + 1 = 100: A = 00, carry
        php
        expect_a $00
        plp
        expect_p C_FLAG, C_FLAG
        sec
        lda #$42
        sbc #$13                ; 42 - 13 = 29, no borrow
        expect_a $29
        sec
        lda #$10
        sbc #$20                ; 10 - 20 = 90 with borrow
        php
        expect_a $90
        plp
        expect_p C_FLAG, $00
        cld

; ---------------------------------------------------------------- compares and BIT
        lda #$40
        cmp #$40
        expect_p C_FLAG|Z_FLAG|N_FLAG, C_FLAG|Z_FLAG
        lda #$40
        cmp #$41
        expect_p C_FLAG|Z_FLAG|N_FLAG, N_FLAG
        ldx #$05
        cpx #$03
        expect_p C_FLAG|Z_FLAG, C_FLAG
        lda #$C0
        sta zp
        lda #$01
        bit zp                  ; N, V from memory bits 7, 6; Z from $01 AND $C0 = 0
        expect_p N_FLAG|V_FLAG|Z_FLAG, N_FLAG|V_FLAG|Z_FLAG

; ---------------------------------------------------------------- shifts and rotates
        lda #$81
        sta zp
        asl zp                  ; $02, carry out
        lda zp
        expect_a $02
        sec
        ror zp                  ; carry in at bit 7: $81, carry out 0
        lda zp
        expect_a $81
        clc
        lda #$81
        rol a                   ; $02, carry out
        expect_p C_FLAG, C_FLAG
        lda #$01
        lsr a
        expect_p C_FLAG|Z_FLAG, C_FLAG|Z_FLAG

; ---------------------------------------------------------------- increments
        lda #$FF
        sta zp
        inc zp
        expect_p Z_FLAG, Z_FLAG
        dec zp
        dec zp
        lda zp
        expect_a $FE
        ldy #$00
        dey
        tya
        expect_a $FF

; ---------------------------------------------------------------- addressing modes
        ; zero page,X wraps within page zero: $F0 + $20 = $10
        lda #$5A
        sta zp
        ldx #$20
        lda $F0,x
        expect_a $5A
        ; absolute,X across a page: $02FF + 1 = $0300
        lda #$A5
        sta table
        ldx #$01
        lda table-1,x
        expect_a $A5
        ; (zp,X): pointer at ptr+2 -> table+$10
        lda #<(table+$10)
        sta ptr+2
        lda #>(table+$10)
        sta ptr+3
        lda #$3C
        ldx #$02
        sta (ptr,x)
        lda table+$10
        expect_a $3C
        ; (zp),Y across a page: ($02F0) + $20 = $0310
        lda #$F0
        sta ptr
        lda #$02
        sta ptr+1
        ldy #$20
        lda #$C3
        sta table+$10
        lda (ptr),y
        expect_a $C3
        ; JMP (indirect)
        lda #<jmp_target
        sta ptr
        lda #>jmp_target
        sta ptr+1
        jmp (ptr)
        jmp fail
jmp_target:

; ---------------------------------------------------------------- branches
        lda #$00
        bne bad1
        beq :+
bad1:   jmp fail
:       lda #$80
        bpl bad2
        bmi :+
bad2:   jmp fail
:       clc
        bcs bad3
        bcc :+
bad3:   jmp fail
:       clv
        bvs bad4
        bvc :+
bad4:   jmp fail
:       ldx #$05                ; a backward loop: count X down to zero
        lda #$00
loop:   clc
        adc #$03
        dex
        bne loop
        expect_a $0F

; ---------------------------------------------------------------- stack, JSR/RTS
        lda #$11
        pha
        lda #$22
        pha
        tsx
        txa
        expect_a $FD            ; two bytes pushed from $FF
        pla
        expect_a $22
        pla
        expect_a $11
        lda #$00
        jsr add_seven
        jsr add_seven
        expect_a $0E
        tsx
        txa
        expect_a $FF

; ---------------------------------------------------------------- BRK and RTI
        lda #<brk_handler
        sta $FFFE
        lda #>brk_handler
        sta $FFFF
        lda #$00
        sta zp
        brk
        .byte $EA               ; BRK's signature byte, skipped by RTI
        lda zp
        expect_a $01            ; the handler ran once
        expect_p I_FLAG, I_FLAG ; P (I set by SEI) restored by RTI

success:
        jmp success

fail:   jmp fail

add_seven:
        clc
        adc #$07
        rts

brk_handler:
        inc zp
        tsx
        lda $0101,x             ; the pushed P has B set
        and #B_FLAG
        bne :+
        jmp fail
:       rti
