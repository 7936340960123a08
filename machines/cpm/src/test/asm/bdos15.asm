; bdos15: calls BDOS function 15 (open file), which Machina's cpm machine does not implement:
; the run must stop with an error naming the function and the caller.
; Assemble: z80asm -o bdos15.com bdos15.asm
	org	100h
	ld	de,5ch
	ld	c,15
	call	5		; at 0105h
	ret
