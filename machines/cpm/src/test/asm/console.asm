; console: exercises the BDOS console functions of Machina's cpm machine.
; Checks the version (function 12 returns 0022h for CP/M 2.2), asks for a name with
; function 9, reads it with function 10 (read console buffer), greets with functions 9, 2 and 6,
; reports console status (function 11: 'R' when input is waiting, 'N' when not), reads one
; character with function 1 (echoed by the BDOS), then returns to CP/M with RET.
; Assemble: z80asm -o console.com console.asm

bdos:	equ	5

	org	100h

	ld	c,12
	call	bdos
	ld	a,l
	cp	22h
	jr	z,vok
	ld	de,badver
	ld	c,9
	call	bdos
	ret
vok:	ld	de,prompt
	ld	c,9
	call	bdos
	ld	de,buf
	ld	c,10
	call	bdos
	ld	de,hello
	ld	c,9
	call	bdos
	ld	hl,buf+1
	ld	a,(hl)
	or	a
	jr	z,noname
	ld	b,a
name:	inc	hl
	ld	e,(hl)
	push	hl
	push	bc
	ld	c,2
	call	bdos
	pop	bc
	pop	hl
	djnz	name
noname:	ld	e,'!'
	ld	c,6
	call	bdos
	call	newline
	ld	c,11
	call	bdos
	ld	e,'N'
	or	a
	jr	z,status
	ld	e,'R'
status:	ld	c,2
	call	bdos
	ld	c,1
	call	bdos
	call	newline
	ret

newline: ld	de,crlf
	ld	c,9
	call	bdos
	ret

badver:	defm	"wrong BDOS version$"
prompt:	defm	"Name? $"
hello:	defm	"Hello, $"
crlf:	db	13, 10, "$"
buf:	db	20, 0
	ds	20
