; forever: prints a mark and loops forever, so only --max-cycles can end the run.
; Assemble: z80asm -o forever.com forever.asm
	org	100h
	ld	e,'*'
	ld	c,2
	call	5
loop:	jr	loop
