; zcheck: a Z80 instruction checker for CP/M, written for Machina's tests.
; Each check leaves a 16-bit result in HL and calls 'expect', which compares it with the word
; after the CALL. Expected values are worked out by hand from the Zilog Z80 CPU User Manual
; (UM0080) and, for the undocumented flags X (bit 3) and Y (bit 5), from Sean Young's
; "The Undocumented Z80 Documented". Flags byte: S Z Y H X P/V N C (bit 7 .. bit 0).
; Prints "PASS nn checks" or "FAIL check nn: got XXXX, want YYYY" per failure, then returns to CP/M.
; Assemble: z80asm -o zcheck.com zcheck.asm

bdos:	equ	5
wboot:	equ	0

	org	100h

	ld	sp,stack
; --- 8-bit arithmetic and flags
	ld	a,7fh
	add	a,1
	call	af_hl
	call	expect
	dw	8094h		; 7F+1 = 80: S H V
	ld	a,80h
	sub	1
	call	af_hl
	call	expect
	dw	7f3eh		; 80-1 = 7F: Y H X V N
	ld	a,0
	sub	1
	call	af_hl
	call	expect
	dw	0ffbbh		; 0-1 = FF: S Y H X N C
	xor	a
	call	af_hl
	call	expect
	dw	0044h		; Z P
	ld	a,0ffh
	scf
	adc	a,0
	call	af_hl
	call	expect
	dw	0051h		; FF+0+1 = 00: Z H C
	ld	a,0
	scf
	sbc	a,0
	call	af_hl
	call	expect
	dw	0ffbbh		; 0-0-1 = FF
	ld	a,40h
	cp	41h
	call	af_hl
	call	expect
	dw	4093h		; CP: A kept, X/Y from the operand 41h
	ld	a,0f0h
	and	3ch
	call	af_hl
	call	expect
	dw	3034h		; 30: Y H P
	ld	a,1
	or	80h
	call	af_hl
	call	expect
	dw	8184h		; 81: S P
; --- INC / DEC
	ld	a,0ffh
	scf
	inc	a
	call	af_hl
	call	expect
	dw	0051h		; Z H, carry kept
	ld	a,80h
	or	a
	dec	a
	call	af_hl
	call	expect
	dw	7f3eh		; Y H X V N
; --- DAA
	ld	a,15h
	add	a,27h
	daa
	call	af_hl
	call	expect
	dw	4214h		; 15+27 = 42 BCD: H P
	ld	a,91h
	add	a,19h
	daa
	call	af_hl
	call	expect
	dw	1011h		; 91+19 = 110 BCD: H C
	ld	a,42h
	sub	15h
	daa
	call	af_hl
	call	expect
	dw	2726h		; 42-15 = 27 BCD: Y P N
; --- NEG, CPL, SCF after a flag-setting instruction
	ld	a,1
	neg
	call	af_hl
	call	expect
	dw	0ffbbh
	ld	a,80h
	neg
	call	af_hl
	call	expect
	dw	8087h		; S V N C
	ld	a,5ah
	or	a
	cpl
	call	af_hl
	call	expect
	dw	0a536h		; A5: Y H P N
	xor	a
	scf
	call	af_hl
	call	expect
	dw	0045h		; Z P C; X/Y = (Q xor F) or A = 0
; --- 16-bit arithmetic
	ld	a,0
	ld	hl,7fffh
	ld	bc,1
	or	a
	adc	hl,bc
	push	af		; 'expect' changes AF
	call	expect
	dw	8000h
	pop	af
	call	af_hl
	call	expect
	dw	0094h		; S H V
	ld	a,0
	ld	hl,1000h
	ld	de,1
	scf
	sbc	hl,de
	push	af
	call	expect
	dw	0ffeh
	pop	af
	call	af_hl
	call	expect
	dw	001ah		; H X N
	ld	hl,0f000h
	ld	de,1000h
	xor	a
	add	hl,de
	push	af
	call	expect
	dw	0000h
	pop	af
	call	af_hl
	call	expect
	dw	0045h		; Z P kept, C
; --- rotates and shifts
	ld	a,81h
	or	a
	rlca
	call	af_hl
	call	expect
	dw	0385h		; S P kept from OR, C
	ld	b,81h
	or	a
	rl	b
	ld	a,b
	call	af_hl
	call	expect
	dw	0201h
	ld	c,0f1h
	sra	c
	ld	a,c
	call	af_hl
	call	expect
	dw	0f8a9h		; S Y X C
	ld	b,81h
	db	0cbh,30h	; SLL B (undocumented): 03, C
	ld	a,b
	call	af_hl
	call	expect
	dw	0305h
	ld	hl,nibble	; (HL) = 34h
	ld	a,12h
	or	a
	rld
	call	af_hl
	call	expect
	dw	1300h
	ld	a,(nibble)
	ld	l,a
	ld	h,0
	call	expect
	dw	0042h
; --- BIT
	ld	d,10h
	scf
	bit	4,d
	ld	a,d
	call	af_hl
	call	expect
	dw	1011h		; H C
	ld	a,d
	scf
	bit	3,d
	call	af_hl
	call	expect
	dw	1055h		; Z H P C
; --- block instructions
	ld	hl,src
	ld	de,dst
	ld	bc,5
	ldir
	push	de
	ld	h,b
	ld	l,c
	call	expect
	dw	0
	pop	hl
	call	expect
	dw	dst+5
	ld	hl,dst		; sum of the copy: 'A'+..+'E' = 335
	ld	b,5
	ld	de,0
sum:	ld	a,(hl)
	add	a,e
	ld	e,a
	ld	a,0
	adc	a,d
	ld	d,a
	inc	hl
	djnz	sum
	ex	de,hl
	call	expect
	dw	335
	ld	hl,src
	ld	bc,5
	ld	a,'D'
	cpir
	push	af
	call	expect
	dw	src+4
	ld	h,b
	ld	l,c
	call	expect
	dw	1
	pop	hl		; L = flags: Z set (found)
	ld	a,l
	and	40h
	ld	l,a
	ld	h,0
	call	expect
	dw	0040h
	ld	hl,src+4	; LDDR backwards into dst2
	ld	de,dst2+4
	ld	bc,5
	lddr
	ld	a,(dst2)
	ld	h,a
	ld	a,(dst2+4)
	ld	l,a
	call	expect
	dw	4145h		; 'A','E'
; --- index registers
	ld	ix,table	; 10h, 20h, 30h
	ld	a,(ix+2)
	inc	(ix+1)
	ld	b,(ix+1)
	ld	h,a
	ld	l,b
	call	expect
	dw	3021h
	ld	iy,table+3
	ld	a,(iy-3)
	ld	h,a
	ld	l,0
	call	expect
	dw	1000h
	ld	ix,1234h
	db	0ddh,7dh	; LD A,IXL (undocumented)
	ld	l,a
	db	0ddh,7ch	; LD A,IXH
	ld	h,a
	call	expect
	dw	1234h
	ld	ixh,56h
	push	ix
	pop	hl
	call	expect
	dw	5634h
; --- exchanges and stack
	ld	bc,1234h
	exx
	ld	bc,5678h
	exx
	ld	h,b
	ld	l,c
	call	expect
	dw	1234h
	exx
	push	bc
	exx
	pop	hl
	call	expect
	dw	5678h
	ld	hl,1111h
	push	hl
	ld	hl,2222h
	ex	(sp),hl
	pop	de
	push	de
	call	expect
	dw	1111h
	pop	hl
	call	expect
	dw	2222h
; --- loops and a multiply: 123 * 45 = 5535
	ld	b,10
	ld	a,0
loop3:	add	a,3
	djnz	loop3
	call	af_hl
	call	expect
	dw	1e08h		; 30: X
	ld	de,123
	ld	a,45
	ld	hl,0
	ld	b,8
mul:	add	hl,hl
	rla
	jr	nc,mul1
	add	hl,de
mul1:	djnz	mul
	call	expect
	dw	5535
; --- done
	ld	a,(fails)
	or	a
	jr	nz,failed
	ld	de,passmsg
	ld	c,9
	call	bdos
	ld	a,(checks)
	call	prdec
	ld	de,checksmsg
	ld	c,9
	call	bdos
	jp	wboot
failed:	ld	de,failmsg
	ld	c,9
	call	bdos
	jp	wboot

; HL = AF
af_hl:	push	af
	pop	hl
	ret

; expect: compare HL with the word after the CALL; count; report a mismatch
expect:	ex	(sp),hl		; HL -> expected word, result on the stack
	ld	e,(hl)
	inc	hl
	ld	d,(hl)
	inc	hl
	ex	(sp),hl		; return past the word; HL = result
	ld	a,(checks)
	inc	a
	ld	(checks),a
	or	a
	sbc	hl,de
	ret	z
	add	hl,de
	push	de
	push	hl
	ld	a,(fails)
	inc	a
	ld	(fails),a
	ld	de,checkmsg
	ld	c,9
	call	bdos
	ld	a,(checks)
	call	prdec
	ld	de,gotmsg
	ld	c,9
	call	bdos
	pop	hl
	call	prhex16
	ld	de,wantmsg
	ld	c,9
	call	bdos
	pop	hl
	call	prhex16
	ld	de,crlf
	ld	c,9
	call	bdos
	ret

; print A (0..255) in decimal
prdec:	push	af
	xor	a
	ld	(lead),a
	pop	af
	ld	b,100
	call	digit
	ld	b,10
	call	digit
	add	a,'0'
	jr	prchar
digit:	ld	c,'0'-1
dig1:	inc	c
	sub	b
	jr	nc,dig1
	add	a,b
	push	af
	ld	a,c
	cp	'0'
	jr	nz,dig2
	ld	a,(lead)
	or	a
	jr	z,dig3
	ld	a,c
dig2:	ld	(lead),a
	call	prchar
dig3:	pop	af
	ret

; print HL in hex
prhex16: ld	a,h
	call	prhex8
	ld	a,l
prhex8:	push	af
	rrca
	rrca
	rrca
	rrca
	call	prnib
	pop	af
prnib:	and	0fh
	add	a,90h
	daa
	adc	a,40h
	daa
; print the character in A, keeping every register
prchar:	push	af
	push	bc
	push	de
	push	hl
	ld	e,a
	ld	c,2
	call	bdos
	pop	hl
	pop	de
	pop	bc
	pop	af
	ret

checks:	db	0
fails:	db	0
lead:	db	0
nibble:	db	34h
table:	db	10h,20h,30h
src:	defm	"ABCDE"
dst:	ds	5
dst2:	ds	5
passmsg: defm	"PASS $"
checksmsg: defm	" checks", 13, 10, "$"
failmsg: defm	"FAIL", 13, 10, "$"
checkmsg: defm	"check $"
gotmsg:	defm	": got $"
wantmsg: defm	", want $"
crlf:	db	13, 10, "$"
	ds	64
stack:
