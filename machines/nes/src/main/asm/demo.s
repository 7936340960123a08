; Machina NES demo cartridge (NROM-128, mapper 0, vertical mirroring).
;
; Written for Machina from scratch; assembled with ca65/ld65 (Debian package cc65):
;   ca65 demo.s -o demo.o && ld65 -C demo.cfg demo.o -o demo.nes
;
; What it shows:
;   - a background over two nametables that scrolls horizontally every frame
;     (B reverses the direction), with a gentle vertical wobble;
;   - eight bouncing ball sprites and a 16x16 face the D-pad moves;
;   - a 32-step tune using every APU channel: pulse 1 melody, pulse 2 harmony,
;     triangle bass, noise hi-hat and snare, DMC kick drum;
;   - A plays the DMC kick at once and cycles the colours of the middle band;
;     Start pauses and resumes the music.

PPUCTRL   = $2000
PPUMASK   = $2001
PPUSTATUS = $2002
OAMADDR   = $2003
PPUSCROLL = $2005
PPUADDR   = $2006
PPUDATA   = $2007
OAMDMA    = $4014
APUSTATUS = $4015
JOY1      = $4016
FRAMECTR  = $4017

BUTTON_A      = $80
BUTTON_B      = $40
BUTTON_SELECT = $20
BUTTON_START  = $10
BUTTON_UP     = $08
BUTTON_DOWN   = $04
BUTTON_LEFT   = $02
BUTTON_RIGHT  = $01

NUM_BALLS = 8
TEMPO     = 8               ; frames per music step

.segment "HEADER"
    .byte "NES", $1A
    .byte 1                 ; 1 x 16 KiB PRG-ROM
    .byte 1                 ; 1 x 8 KiB CHR-ROM
    .byte $01               ; mapper 0, vertical mirroring
    .byte $00
    .res 8, 0

.segment "ZEROPAGE"
nmi_count:    .res 1
scroll_x:     .res 1
scroll_nt:    .res 1        ; bit 0: which nametable the scroll starts in
scroll_dir:   .res 1        ; 0 = scroll right, 1 = left
wobble:       .res 1
pad:          .res 1
pad_prev:     .res 1
pad_new:      .res 1
player_x:     .res 1
player_y:     .res 1
music_timer:  .res 1
music_step:   .res 1
paused:       .res 1
colour_shift: .res 1
colour_dirty: .res 1
ptr:          .res 2
row:          .res 1
col:          .res 1
nt:           .res 1
ball_x:       .res NUM_BALLS
ball_y:       .res NUM_BALLS
ball_dx:      .res NUM_BALLS
ball_dy:      .res NUM_BALLS

.segment "OAM"
oam:          .res 256

.segment "CODE"

; ---------------------------------------------------------------- reset

reset:
    sei
    cld
    ldx #$40
    stx FRAMECTR            ; no APU frame IRQ
    ldx #$FF
    txs
    inx
    stx PPUCTRL             ; no NMI
    stx PPUMASK             ; rendering off
    stx $4010               ; no DMC IRQ
    bit PPUSTATUS
@vblank1:
    bit PPUSTATUS
    bpl @vblank1
    txa
@clear:
    sta $0000,x
    sta $0100,x
    sta $0300,x
    sta $0400,x
    sta $0500,x
    sta $0600,x
    sta $0700,x
    inx
    bne @clear
    jsr hide_sprites
@vblank2:
    bit PPUSTATUS
    bpl @vblank2

    jsr load_palette
    jsr fill_nametables
    jsr init_objects
    jsr init_sound

    lda #0
    sta PPUSCROLL
    sta PPUSCROLL
    lda #%10001000          ; NMI on, sprites at $1000, background at $0000
    sta PPUCTRL
    lda #%00011110          ; show background and sprites, also in the left column
    sta PPUMASK

main:
    lda nmi_count
@wait:
    cmp nmi_count
    beq @wait
    jsr read_pad
    jsr handle_buttons
    jsr move_scroll
    jsr move_balls
    jsr build_oam
    jsr play_music
    jmp main

; ---------------------------------------------------------------- setup

hide_sprites:
    lda #$FF
    ldx #0
@loop:
    sta oam,x
    inx
    bne @loop
    rts

load_palette:
    lda #$3F
    sta PPUADDR
    lda #$00
    sta PPUADDR
    ldx #0
@loop:
    lda palette,x
    sta PPUDATA
    inx
    cpx #32
    bne @loop
    rts

; Fills nametables 0 ($2000) and 1 ($2400) and their attribute tables.
fill_nametables:
    lda #0
    sta nt
@table:
    lda nt
    asl a
    asl a
    clc
    adc #$20                ; $20 or $24
    sta PPUADDR
    lda #$00
    sta PPUADDR
    lda #0
    sta row
@row:
    lda #0
    sta col
@col:
    jsr tile_at
    sta PPUDATA
    inc col
    lda col
    cmp #32
    bne @col
    inc row
    lda row
    cmp #30
    bne @row
    ldx #0
@attr:
    lda attributes,x
    sta PPUDATA
    inx
    cpx #64
    bne @attr
    inc nt
    lda nt
    cmp #2
    bne @table
    rts

; A = the tile at (row, col) of nametable nt.
tile_at:
    lda row
    cmp #4
    bcs @not_sky
    ; sky: a star where (col + 5*row + 3*nt) & 7 == 0
    lda row
    asl a
    asl a
    adc row
    adc col
    adc nt
    adc nt
    adc nt
    and #7
    bne @blank
    lda #TILE_STAR
    rts
@not_sky:
    cmp #5
    bne @not_text
    lda nt
    bne @text1
    ldx col
    lda text0,x
    rts
@text1:
    ldx col
    lda text1,x
    rts
@not_text:
    cmp #7
    bcc @blank
    cmp #20
    bcs @ground
    cmp #13
    bne @diagonal
    lda col
    and #3
    cmp #2
    bne @diagonal
    lda #TILE_CHECKER
    rts
@diagonal:
    clc
    lda col
    adc row
    and #7
    bne @blank
    lda #TILE_DIAGONAL
    rts
@ground:
    cmp #20
    bne @brick
    lda #TILE_SOLID
    rts
@brick:
    lda #TILE_BRICK
    rts
@blank:
    lda #TILE_BLANK
    rts

init_objects:
    lda #120
    sta player_x
    lda #176
    sta player_y
    ldx #0
@loop:
    lda ball_start_x,x
    sta ball_x,x
    lda ball_start_y,x
    sta ball_y,x
    lda ball_start_dx,x
    sta ball_dx,x
    lda ball_start_dy,x
    sta ball_dy,x
    inx
    cpx #NUM_BALLS
    bne @loop
    rts

init_sound:
    lda #$0F
    sta APUSTATUS           ; pulse 1, pulse 2, triangle, noise on
    lda #$08
    sta $4001               ; sweep off (negate keeps the target in range)
    sta $4005
    lda #0
    sta $4011               ; DMC output level 0
    lda #$0F
    sta $4010               ; DMC rate 15, no loop, no IRQ
    lda #<((kick_sample - $C000) >> 6)
    sta $4012
    lda #((kick_sample_end - kick_sample - 1) >> 4)
    sta $4013
    rts

; ---------------------------------------------------------------- input

read_pad:
    lda pad
    sta pad_prev
    lda #1
    sta JOY1
    lda #0
    sta JOY1
    ldx #8
@loop:
    lda JOY1
    lsr a
    rol pad                 ; A ends up in bit 7, Right in bit 0
    dex
    bne @loop
    lda pad_prev
    eor #$FF
    and pad
    sta pad_new
    rts

handle_buttons:
    lda pad_new
    and #BUTTON_START
    beq @no_start
    lda paused
    eor #1
    sta paused
    beq @resume
    lda #$00
    sta APUSTATUS           ; silence every channel
    jmp @no_start
@resume:
    lda #$0F
    sta APUSTATUS
@no_start:
    lda pad_new
    and #BUTTON_B
    beq @no_b
    lda scroll_dir
    eor #1
    sta scroll_dir
@no_b:
    lda pad_new
    and #BUTTON_A
    beq @no_a
    jsr play_kick
    inc colour_shift
    lda #1
    sta colour_dirty
@no_a:
    lda pad
    and #BUTTON_UP
    beq @no_up
    lda player_y
    cmp #16
    bcc @no_up
    dec player_y
    dec player_y
@no_up:
    lda pad
    and #BUTTON_DOWN
    beq @no_down
    lda player_y
    cmp #208
    bcs @no_down
    inc player_y
    inc player_y
@no_down:
    lda pad
    and #BUTTON_LEFT
    beq @no_left
    lda player_x
    cmp #4
    bcc @no_left
    dec player_x
    dec player_x
@no_left:
    lda pad
    and #BUTTON_RIGHT
    beq @no_right
    lda player_x
    cmp #236
    bcs @no_right
    inc player_x
    inc player_x
@no_right:
    rts

; ---------------------------------------------------------------- motion

move_scroll:
    lda scroll_dir
    bne @left
    inc scroll_x
    bne @done
    lda scroll_nt
    eor #1
    sta scroll_nt
    jmp @done
@left:
    lda scroll_x
    bne @no_wrap
    lda scroll_nt
    eor #1
    sta scroll_nt
@no_wrap:
    dec scroll_x
@done:
    inc wobble
    rts

move_balls:
    ldx #0
@loop:
    clc
    lda ball_x,x
    adc ball_dx,x
    sta ball_x,x
    cmp #8
    bcc @flip_x
    cmp #240
    bcc @x_ok
@flip_x:
    lda #0
    sec
    sbc ball_dx,x
    sta ball_dx,x
@x_ok:
    clc
    lda ball_y,x
    adc ball_dy,x
    sta ball_y,x
    cmp #16
    bcc @flip_y
    cmp #200
    bcc @y_ok
@flip_y:
    lda #0
    sec
    sbc ball_dy,x
    sta ball_dy,x
@y_ok:
    inx
    cpx #NUM_BALLS
    bne @loop
    rts

; OAM: sprites 0-3 the face (2x2 tiles), 4-11 the balls.
build_oam:
    ldx #0
    ldy #0
@face:
    lda player_y
    clc
    adc face_dy,y
    sta oam,x
    lda face_tiles,y
    sta oam+1,x
    lda #1                  ; sprite palette 1
    sta oam+2,x
    lda player_x
    clc
    adc face_dx,y
    sta oam+3,x
    inx
    inx
    inx
    inx
    iny
    cpy #4
    bne @face
    ldy #0
@ball:
    lda ball_y,y
    sta oam,x
    lda #TILE_BALL
    sta oam+1,x
    tya
    and #3                  ; palettes 0-3 in turn; balls go in front of the background
    sta oam+2,x
    lda ball_x,y
    sta oam+3,x
    inx
    inx
    inx
    inx
    iny
    cpy #NUM_BALLS
    bne @ball
    rts

; ---------------------------------------------------------------- music

play_music:
    lda paused
    beq @running
    rts
@running:
    dec music_timer
    bmi @step
    rts
@step:
    lda #TEMPO - 1
    sta music_timer
    ldx music_step
    ; pulse 1: melody
    lda melody,x
    cmp #REST
    beq @no_melody
    pha
    lda #$84                ; 50% duty, envelope decay period 4
    sta $4000
    pla
    ldy #0
    jsr play_note
    ; pulse 2: harmony two notes below, on even steps
    txa
    and #1
    bne @no_melody
    lda melody,x
    sec
    sbc #2
    pha
    lda #$46                ; 25% duty, envelope decay period 6
    sta $4004
    pla
    ldy #4
    jsr play_note
@no_melody:
    ; triangle: bass
    lda bass,x
    cmp #REST
    beq @no_bass
    pha
    lda #$18                ; linear counter 24 quarter frames
    sta $4008
    pla
    ldy #8
    jsr play_note
@no_bass:
    ; drums: noise hi-hat and snare, DMC kick
    txa
    and #7
    tay
    lda drums,y
    beq @next
    cmp #DRUM_KICK
    bne @noise
    jsr play_kick
    jmp @next
@noise:
    cmp #DRUM_SNARE
    beq @snare
    lda #$01                ; hi-hat: fast decay
    sta $400C
    lda #$03                ; high pitch
    sta $400E
    lda #$08
    sta $400F
    jmp @next
@snare:
    lda #$04
    sta $400C
    lda #$0A
    sta $400E
    lda #$08
    sta $400F
@next:
    inx
    txa
    and #31
    sta music_step
    rts

; A = note index, Y = channel register offset (0 pulse 1, 4 pulse 2, 8 triangle).
play_note:
    stx ptr
    tax
    lda period_lo,x
    sta $4002,y
    lda period_hi,x
    ora #$08                ; length counter index 1 (254)
    sta $4003,y
    ldx ptr
    rts

play_kick:
    lda paused
    bne @done
    lda #$0F
    sta APUSTATUS           ; DMC off: restart the sample from its start
    lda #$1F
    sta APUSTATUS
@done:
    rts

; ---------------------------------------------------------------- interrupts

nmi:
    pha
    txa
    pha
    tya
    pha
    lda #0
    sta OAMADDR
    lda #>oam
    sta OAMDMA
    lda colour_dirty
    beq @no_colour
    lda #0
    sta colour_dirty
    lda #$3F
    sta PPUADDR
    lda #$09
    sta PPUADDR
    lda colour_shift
    and #3
    asl a
    asl a
    tax
    lda band_colours,x
    sta PPUDATA
    lda band_colours+1,x
    sta PPUDATA
    lda band_colours+2,x
    sta PPUDATA
@no_colour:
    bit PPUSTATUS
    lda scroll_x
    sta PPUSCROLL
    lda wobble
    lsr a
    lsr a
    lsr a
    and #7
    tax
    lda wobble_table,x
    sta PPUSCROLL
    lda scroll_nt
    ora #%10001000
    sta PPUCTRL
    inc nmi_count
    pla
    tay
    pla
    tax
    pla
irq:
    rti

; ---------------------------------------------------------------- data

.segment "RODATA"

TILE_BLANK    = 0
TILE_SOLID    = 1
TILE_BRICK    = 2
TILE_CHECKER  = 3
TILE_DIAGONAL = 4
TILE_STAR     = 15
TILE_BALL     = 0           ; in the sprite pattern table

; letters
L_M = 5
L_A = 6
L_C = 7
L_H = 8
L_I = 9
L_N = 10
L_E = 11
L_S = 12
L_D = 13
L_O = 14
L_P = 16
L_R = 17
L_T = 18
__  = 0

palette:
    .byte $01, $11, $21, $30    ; BG 0: blues and white (sky, text)
    .byte $01, $07, $17, $27    ; BG 1: bricks
    .byte $01, $0A, $1A, $2A    ; BG 2: greens (middle band)
    .byte $01, $04, $14, $24    ; BG 3: purples
    .byte $01, $16, $27, $30    ; sprite 0: red ball
    .byte $01, $28, $18, $30    ; sprite 1: yellow face
    .byte $01, $2C, $1C, $30    ; sprite 2: cyan ball
    .byte $01, $24, $14, $30    ; sprite 3: magenta ball

band_colours:                   ; colour cycles of BG palette 2 (4 bytes per entry, 3 used)
    .byte $0A, $1A, $2A, 0
    .byte $02, $12, $22, 0
    .byte $06, $16, $26, 0
    .byte $08, $18, $28, 0

attributes:                     ; 8 rows x 8: palette per 32x32-pixel area
    .byte $00, $00, $00, $00, $00, $00, $00, $00   ; rows 0-3: sky
    .byte $00, $00, $00, $00, $00, $00, $00, $00   ; rows 4-7: title
    .byte $AA, $AA, $AA, $AA, $AA, $AA, $AA, $AA   ; rows 8-19: middle band
    .byte $AA, $AA, $AA, $AA, $AA, $AA, $AA, $AA
    .byte $FF, $FF, $FF, $FF, $FF, $FF, $FF, $FF
    .byte $55, $55, $55, $55, $55, $55, $55, $55   ; rows 20-29: ground
    .byte $55, $55, $55, $55, $55, $55, $55, $55
    .byte $55, $55, $55, $55, $55, $55, $55, $55

text0:                          ; "MACHINA NES DEMO", centred
    .byte __,__,__,__,__,__,__,__
    .byte L_M,L_A,L_C,L_H,L_I,L_N,L_A,__,L_N,L_E,L_S,__,L_D,L_E,L_M,L_O
    .byte __,__,__,__,__,__,__,__
text1:                          ; "PRESS START"
    .byte __,__,__,__,__,__,__,__,__,__
    .byte L_P,L_R,L_E,L_S,L_S,__,L_S,L_T,L_A,L_R,L_T
    .byte __,__,__,__,__,__,__,__,__,__,__

wobble_table:
    .byte 0, 1, 2, 3, 3, 2, 1, 0

face_dx:    .byte 0, 8, 0, 8
face_dy:    .byte 0, 0, 8, 8
face_tiles: .byte 1, 2, 3, 4

ball_start_x:  .byte  20,  60, 100, 140, 180, 220,  40, 200
ball_start_y:  .byte  30,  60,  90, 120, 150, 180, 100,  50
ball_start_dx: .byte   1, $FF,   2, $FE,   1, $FF,   2, $FE
ball_start_dy: .byte   1,   2, $FF, $FE,   2,   1, $FE, $FF

; Note periods: NTSC CPU clock / (16 * f) - 1 for the pulses; the triangle plays the same
; period an octave lower. Index: 0 C3, 1 D3, 2 E3, 3 F3, 4 G3, 5 A3, 6 C4, 7 D4, 8 E4, 9 F4,
; 10 G4, 11 A4, 12 C5, 13 D5, 14 E5.
period_lo:
    .byte $56, $F9, $A6, $80, $3A, $FB, $AB, $7C, $52, $3F, $1C, $FD, $D5, $BD, $A9
period_hi:
    .byte $03, $02, $02, $02, $02, $01, $01, $01, $01, $01, $01, $00, $00, $00, $00

REST = $FF
C3 = 0
D3 = 1
E3 = 2
F3 = 3
G3 = 4
A3 = 5
C4 = 6
D4 = 7
E4 = 8
F4 = 9
G4 = 10
A4 = 11
C5 = 12
D5 = 13
E5 = 14

melody:
    .byte E4, G4, A4, G4, E4, D4, C4, D4
    .byte E4, E4, G4, A4, C5, A4, G4, REST
    .byte D5, C5, A4, G4, A4, G4, E4, D4
    .byte C4, D4, E4, G4, E4, D4, C4, REST
bass:
    .byte C3, REST, REST, REST, G3, REST, REST, REST
    .byte A3, REST, REST, REST, E3, REST, REST, REST
    .byte F3, REST, REST, REST, C3, REST, REST, REST
    .byte G3, REST, REST, REST, G3, REST, D3, REST

DRUM_HAT   = 1
DRUM_SNARE = 2
DRUM_KICK  = 3
drums:
    .byte DRUM_KICK, DRUM_HAT, DRUM_HAT, DRUM_HAT, DRUM_SNARE, DRUM_HAT, DRUM_KICK, DRUM_HAT

; DMC kick: 1-bit deltas (1 = level up by 2, 0 = down by 2), a decaying thump; 33 bytes
; (the DMC plays 16 * n + 1 bytes), 64-byte aligned at $C000 + 64 * n.
.segment "SAMPLES"
kick_sample:
    .byte $FF, $FF, $FF, $FF, $00, $00, $00, $00
    .byte $FF, $FF, $FF, $00, $00, $00, $FF, $FF
    .byte $00, $00, $FF, $00, $F0, $0F, $F0, $0F
    .byte $CC, $33, $CC, $33, $AA, $55, $AA, $55
    .byte $AA
kick_sample_end:

.segment "VECTORS"
    .word nmi, reset, irq

; ---------------------------------------------------------------- graphics

.segment "CHARS"

; Background pattern table ($0000). Each tile: 8 bytes of plane 0, then 8 of plane 1.
; 0: blank
    .res 16, 0
; 1: solid, colour 1
    .byte $FF, $FF, $FF, $FF, $FF, $FF, $FF, $FF
    .byte $00, $00, $00, $00, $00, $00, $00, $00
; 2: brick, colour 1 with colour 3 mortar
    .byte $FF, $FF, $FF, $FF, $FF, $FF, $FF, $FF
    .byte $FF, $80, $80, $80, $FF, $08, $08, $08
; 3: checker, colours 1 and 2
    .byte $F0, $F0, $F0, $F0, $0F, $0F, $0F, $0F
    .byte $0F, $0F, $0F, $0F, $F0, $F0, $F0, $F0
; 4: diagonal band, colours 1 and 3
    .byte $81, $C0, $60, $30, $18, $0C, $06, $03
    .byte $01, $80, $40, $20, $10, $08, $04, $02

.macro letter r0, r1, r2, r3, r4, r5, r6
    .byte r0, r1, r2, r3, r4, r5, r6, 0     ; plane 0
    .byte r0, r1, r2, r3, r4, r5, r6, 0     ; plane 1: colour 3
.endmacro

; 5..14: M A C H I N E S D O
    letter %11000110, %11101110, %11111110, %11010110, %11000110, %11000110, %11000110
    letter %00111000, %01101100, %11000110, %11000110, %11111110, %11000110, %11000110
    letter %00111100, %01100110, %11000000, %11000000, %11000000, %01100110, %00111100
    letter %11000110, %11000110, %11000110, %11111110, %11000110, %11000110, %11000110
    letter %00111100, %00011000, %00011000, %00011000, %00011000, %00011000, %00111100
    letter %11000110, %11100110, %11110110, %11011110, %11001110, %11000110, %11000110
    letter %11111110, %11000000, %11000000, %11111100, %11000000, %11000000, %11111110
    letter %01111100, %11000110, %11000000, %01111100, %00000110, %11000110, %01111100
    letter %11111000, %11001100, %11000110, %11000110, %11000110, %11001100, %11111000
    letter %01111100, %11000110, %11000110, %11000110, %11000110, %11000110, %01111100
; 15: star, colour 3
    .byte $00, $10, $10, $7C, $10, $10, $00, $00
    .byte $00, $10, $10, $7C, $10, $10, $00, $00
; 16..18: P R T
    letter %11111100, %11000110, %11000110, %11111100, %11000000, %11000000, %11000000
    letter %11111100, %11000110, %11000110, %11111100, %11011000, %11001100, %11000110
    letter %11111110, %00111000, %00111000, %00111000, %00111000, %00111000, %00111000

    .res $1000 - 19 * 16, 0

; Sprite pattern table ($1000).
; 0: ball, colour 1 rim and colour 3 centre
    .byte $3C, $7E, $FF, $FF, $FF, $FF, $7E, $3C
    .byte $00, $18, $3C, $7E, $7E, $3C, $18, $00
; 1..4: 16x16 face (top-left, top-right, bottom-left, bottom-right), colour 1
    .byte %00000111, %00011111, %00111111, %01111111, %01110011, %11110011, %11111111, %11111111
    .res 8, 0
    .byte %11100000, %11111000, %11111100, %11111110, %11001110, %11001111, %11111111, %11111111
    .res 8, 0
    .byte %11111111, %11011111, %11101111, %01110111, %01111000, %00111111, %00011111, %00000111
    .res 8, 0
    .byte %11111111, %11111011, %11110111, %11101110, %00011110, %11111100, %11111000, %11100000
    .res 8, 0

    .res $1000 - 5 * 16, 0
