; Machina 8086 self-test program (NASM syntax, flat binary).
; Loaded at physical 0x00500 and entered at 0050:0000 with SS:SP = 9000:FFFE. Every routine
; stores its result in the RESULTS block at offset 0x10; the program ends with HLT.
; The JUnit test X86ProgramTest assembles this file with nasm and checks the results against
; values computed independently (published check values and plain arithmetic).

        cpu 8086
        org 0

        jmp start
        align 16
results:
r_primes    dw 0            ; +00 number of primes below 1000 (sieve)
r_crc       dw 0            ; +02 CRC-16/XMODEM of "123456789"
r_fact      dw 0, 0         ; +04 8! as DX:AX (low word first)
r_quot      dw 0            ; +08 100000 / 7
r_rem       dw 0            ; +0A 100000 % 7
r_iquot     dw 0            ; +0C -100 / 7 (IDIV, byte)
r_ints      dw 0            ; +0E number of INT 80h handler calls
r_div0      dw 0            ; +10 offset pushed by the divide-error trap
r_bcd       dw 0, 0, 0      ; +12 packed BCD 12345678 + 87654399, 3 words, low first
r_cmp       dw 0            ; +18 REPE CMPSB: index of the first difference
r_len       dw 0            ; +1A REPNE SCASB: length of a zero-terminated string
r_sorted    dw 0            ; +1C offset of the sorted array
r_done      dw 0            ; +1E 0xD0E5 when the program reached its end
r_sum       dw 0            ; +20 sum of the sorted array
r_shift     dw 0            ; +22 0x8421 rotated/shifted: ((x ROL 4) SHR 1) XOR (x SAR 3)
r_xlat      dw 0            ; +24 XLAT of 3 through a table
r_afterdiv  dw after_div    ; +26 (constant) where the divide error must return

start:
        mov ax, cs
        mov ds, ax
        mov es, ax

        ; ---- install INT 80h and INT 0 handlers in the vector table at 0000:0000
        xor ax, ax
        push ds
        mov ds, ax
        mov word [0x80*4], int80
        mov word [0x80*4+2], cs
        mov word [0*4], int0
        mov word [0*4+2], cs
        pop ds

        ; ---- sieve of Eratosthenes below 1000
        mov di, sieve
        mov cx, 1000
        mov al, 1
        rep stosb                 ; all marked prime
        mov byte [sieve], 0
        mov byte [sieve+1], 0
        mov bx, 2
.outer: mov ax, bx
        mul bx                    ; ax = bx*bx
        cmp ax, 1000
        jae .count
        cmp byte [sieve+bx], 0
        je .next
        mov si, ax
.mark:  mov byte [sieve+si], 0
        add si, bx
        cmp si, 1000
        jb .mark
.next:  inc bx
        jmp .outer
.count: xor dx, dx
        mov si, sieve
        mov cx, 1000
        cld
.cnt:   lodsb
        cbw
        add dx, ax
        loop .cnt
        mov [r_primes], dx

        ; ---- CRC-16/XMODEM (poly 0x1021, init 0) of "123456789"
        mov si, crcdata
        mov cx, 9
        xor dx, dx
.byte:  lodsb
        xor dh, al
        mov bl, 8
.bit:   shl dx, 1
        jnc .nox
        xor dx, 0x1021
.nox:   dec bl
        jnz .bit
        loop .byte
        mov [r_crc], dx

        ; ---- 8! with MUL (32-bit result)
        mov ax, 1
        mov cx, 8
.f:     mul cx
        loop .f
        mov [r_fact], ax
        mov [r_fact+2], dx

        ; ---- DIV and IDIV
        mov dx, 1
        mov ax, 100000 - 65536
        mov bx, 7
        div bx
        mov [r_quot], ax
        mov [r_rem], dx
        mov ax, -100
        mov bl, 7
        idiv bl
        cbw
        mov [r_iquot], ax

        ; ---- software interrupts
        int 0x80
        int 0x80
        int 0x80

        ; ---- divide error: the 8086 pushes the address of the next instruction
        xor ax, ax
        xor bl, bl
        div bl
after_div:

        ; ---- packed BCD addition with DAA: 12345678 + 87654399 = 100000077
        mov si, bcd_a
        mov bx, bcd_b
        mov di, r_bcd
        mov cx, 4
        clc
.bcd:   mov al, [si]
        adc al, [bx]
        daa
        stosb
        inc si
        inc bx
        loop .bcd
        mov al, 0
        adc al, 0
        stosb

        ; ---- string compare and scan
        mov si, str1
        mov di, str2
        mov cx, 16
        repe cmpsb
        mov ax, si
        sub ax, str1 + 1
        mov [r_cmp], ax
        mov di, str1
        mov cx, 0xFFFF
        xor al, al
        repne scasb
        not cx
        dec cx
        mov [r_len], cx

        ; ---- bubble sort of 10 signed words
.again: mov si, array
        mov cx, 9
        xor dx, dx
.pass:  mov ax, [si]
        cmp ax, [si+2]
        jle .ok
        xchg ax, [si+2]
        mov [si], ax
        inc dx
.ok:    add si, 2
        loop .pass
        test dx, dx
        jnz .again
        mov word [r_sorted], array
        mov si, array
        mov cx, 10
        xor bx, bx
.sum:   lodsw
        add bx, ax
        loop .sum
        mov [r_sum], bx

        ; ---- shifts and rotates
        mov ax, 0x8421
        mov cl, 4
        rol ax, cl
        shr ax, 1
        mov dx, 0x8421
        sar dx, 1
        sar dx, 1
        sar dx, 1
        xor ax, dx
        mov [r_shift], ax

        ; ---- XLAT
        mov bx, xtab
        mov al, 3
        xlat
        xor ah, ah
        mov [r_xlat], ax

        mov word [r_done], 0xD0E5
        hlt

int80:  inc word [cs:r_ints]
        iret

int0:   push bp
        mov bp, sp
        mov ax, [bp+2]            ; pushed IP
        mov [cs:r_div0], ax
        pop bp
        iret

crcdata db "123456789"
bcd_a   db 0x78, 0x56, 0x34, 0x12
bcd_b   db 0x99, 0x43, 0x65, 0x87
str1    db "machina 8086!", 0
str2    db "machina 8088!", 0
xtab    db 10, 20, 30, 40, 50
array   dw 300, -5, 42, 7, -1000, 0, 999, 42, -6, 1
sieve   times 1000 db 0
