; smc: self-modifying code checks for CP/M, written for Machina's tests of the recompiler's
; invalidation (a write to a page with translated code drops its blocks; a store into the
; running block ends it after that store). Each part runs often enough to get translated.
; Prints "SMC PASS" or "SMC FAIL n" (n = the part that failed), then returns to CP/M.
; Assemble: z80asm -o smc.com smc.asm

bdos:	equ	5
wboot:	equ	0

	org	100h

	ld	sp,stack
; --- 1: a loop that patches its own LD A,n (the block modifies itself): n = k mod 256 in
; iteration k, summed over 1000 iterations: 3 * 32640 + (0 + .. + 231) = 124716 = 1E72CH,
; 0E72CH in 16 bits.
	ld	hl,0
	ld	d,0
	ld	bc,1000
loop1:
patch1:	ld	a,0		; operand patched below
	ld	e,a
	add	hl,de
	inc	a
	ld	(patch1+1),a
	dec	bc
	ld	a,b
	or	c
	jp	nz,loop1
	ld	de,0e72ch
	or	a
	sbc	hl,de
	ld	a,1
	jp	nz,fail
; --- 2: a routine copied with LDIR, called 1000 times, replaced by another with LDIR, called
; 1000 times again: 3000 then 5000.
	ld	hl,rout1
	ld	de,buf
	ld	bc,rout1e-rout1
	ldir
	ld	bc,1000
	ld	hl,0
loop2:	call	buf
	dec	bc
	ld	a,b
	or	c
	jr	nz,loop2
	ld	de,3000
	or	a
	sbc	hl,de
	ld	a,2
	jp	nz,fail
	ld	hl,rout2
	ld	de,buf
	ld	bc,rout2e-rout2
	ldir
	ld	bc,1000
	ld	hl,0
loop3:	call	buf
	dec	bc
	ld	a,b
	or	c
	jr	nz,loop3
	ld	de,5000
	or	a
	sbc	hl,de
	ld	a,3
	jp	nz,fail
; --- 4: a store into the instruction just ahead in the same block: LD C,n gets n = B first.
	ld	b,0
loop4:	ld	a,b
	ld	(next4+1),a
next4:	ld	c,0ffh		; operand patched just above
	ld	a,c
	cp	b
	ld	a,4
	jp	nz,fail
	djnz	loop4
	ld	de,pass
	ld	c,9
	call	bdos
	jp	wboot

fail:	add	a,'0'
	ld	(failn),a
	ld	de,failmsg
	ld	c,9
	call	bdos
	jp	wboot

rout1:	inc	hl
	inc	hl
	inc	hl
	ret
rout1e:
rout2:	ld	de,5
	add	hl,de
	ret
rout2e:

pass:	db	"SMC PASS",13,10,"$"
failmsg: db	"SMC FAIL "
failn:	db	"0",13,10,"$"
buf:	ds	16
	ds	64
stack:
