; halt: disables interrupts and halts; nothing can wake the CPU, so the run must stop with an error.
; Assemble: z80asm -o halt.com halt.asm
	org	100h
	di
	halt
