; tail: prints the command tail at 0080H and the file name of the first default FCB at 005CH.
; Assemble: z80asm -o tail.com tail.asm
bdos:	equ	5
	org	100h
	ld	hl,80h
	ld	b,(hl)		; length of the tail
	inc	b
	dec	b
	jr	z,fcb
next:	inc	hl
	ld	e,(hl)
	push	hl
	push	bc
	ld	c,2
	call	bdos
	pop	bc
	pop	hl
	djnz	next
fcb:	ld	e,'|'
	ld	c,2
	call	bdos
	ld	hl,5dh		; name and type, 11 characters
	ld	b,11
name:	ld	e,(hl)
	push	hl
	push	bc
	ld	c,2
	call	bdos
	pop	bc
	pop	hl
	inc	hl
	djnz	name
	ld	e,'|'
	ld	c,2
	call	bdos
	ld	a,(5ch)		; drive: 0 default, 1 = A:
	add	a,'0'
	ld	e,a
	ld	c,2
	call	bdos
	ret
