; Machina 8086 interrupt test program (NASM syntax, flat binary).
; Loaded at physical 0x00500 and entered at 0050:0000 with SS:SP = 9000:FFFE. It installs
; handlers for INTR vector 40h, NMI (vector 2) and the single-step trap (vector 1), then halts
; twice, waiting for the test to raise INTR and NMI, then single-steps three instructions.

        cpu 8086
        org 0

        jmp start
        align 16
results:
r_irqs      dw 0            ; +00 INTR handler calls
r_nmis      dw 0            ; +02 NMI handler calls
r_traps     dw 0            ; +04 single-step traps taken
r_trapip    dw 0, 0, 0      ; +06 IP pushed by each trap
r_expect    dw step1, step2, step3 ; +0C (constants) where the traps must return
r_done      dw 0            ; +12 0xD0E5 at the end

start:
        mov ax, cs
        mov ds, ax
        xor ax, ax
        mov es, ax
        mov word [es:0x40*4], irq
        mov word [es:0x40*4+2], cs
        mov word [es:2*4], nmi
        mov word [es:2*4+2], cs
        mov word [es:1*4], trap
        mov word [es:1*4+2], cs
        mov sp, 0xFFFE
        sti
        hlt                       ; the test raises INTR here
        hlt                       ; and NMI here
        pushf
        pop ax
        or ah, 1                  ; TF
        push ax
        popf
        nop                       ; traced
step1:  nop                       ; traced
step2:  nop                       ; traced; the handler clears TF in the image it returns to
step3:  mov word [r_done], 0xD0E5
        cli
        hlt

irq:    inc word [r_irqs]
        iret
nmi:    inc word [r_nmis]
        iret
trap:   push bp
        mov bp, sp
        push bx
        mov bx, [r_traps]
        shl bx, 1
        mov ax, [bp+2]
        mov [r_trapip+bx], ax
        inc word [r_traps]
        cmp word [r_traps], 3
        jb .out
        and byte [bp+7], 0xFE     ; clear TF in the pushed FLAGS
.out:   pop bx
        pop bp
        iret
