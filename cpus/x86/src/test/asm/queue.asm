; Machina prefetch-queue probe (NASM syntax, flat binary), after the classic 8086/8088 test:
; a STOSB patches an INC BX over a NOP d bytes after itself, for d = 0..7. Where the byte was
; already in the prefetch queue the old NOP runs, so BX counts the patches beyond the queue and
; 8 - BX is the queue length: 6 on the 8086, 4 on the 8088 (Intel iAPX 86/88 User's Manual).
; Loaded at physical 0x00500 and entered at 0050:0000 with SS:SP = 9000:FFFE.

        cpu 8086
        org 0

        jmp start
        align 16
results:
r_queue     dw 0            ; +00 queue length measured
r_done      dw 0            ; +02 0xD0E5 at the end

start:  mov ax, cs
        mov ds, ax
        mov es, ax
        cld
        xor bx, bx
%assign d 0
%rep 8
        mov di, patch_ %+ d
        mov al, 0x43              ; INC BX
        stosb
        times d nop
patch_ %+ d:
        nop
%assign d d+1
%endrep
        mov ax, 8
        sub ax, bx
        mov [r_queue], ax
        mov word [r_done], 0xD0E5
        hlt
