package dev.machina.cpu.z80;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.memory.AddressSpace;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * {@code machina bench cpu z80}: a CPU-bound program of ours, a sieve of Eratosthenes over 8 KiB
 * followed by a CRC-16 of the sieve, repeated forever. Hand-assembled (source in the comment of
 * {@link #PROGRAM}) so the benchmark needs no toolchain.
 */
public final class Z80Benchmark implements CpuBenchmark {
    /**
     * The program, loaded at 0000H:
     * <pre>
     * start:  LD   HL,2000H      ; 21 00 20   sieve array at 2000H..3FFFH, 1 = prime candidate
     *         LD   DE,2001H      ; 11 01 20
     *         LD   BC,1FFFH      ; 01 FF 1F
     *         LD   (HL),1        ; 36 01
     *         LDIR               ; ED B0
     *         LD   HL,2002H      ; 21 02 20   n = 2
     * outer:  LD   A,(HL)        ; 7E
     *         OR   A             ; B7
     *         JR   Z,next        ; 28 15      not prime
     *         PUSH HL            ; E5
     *         LD   DE,-2000H     ; 11 00 E0
     *         ADD  HL,DE         ; 19         HL = n
     *         LD   B,H           ; 44
     *         LD   C,L           ; 4D         BC = step n
     *         POP  HL            ; E1
     *         PUSH HL            ; E5
     *         ADD  HL,BC         ; 09         first multiple 2n
     * mark:   LD   A,H           ; 7C
     *         CP   40H           ; FE 40
     *         JR   NC,done       ; 30 05      past the array
     *         LD   (HL),0        ; 36 00
     *         ADD  HL,BC         ; 09
     *         JR   mark          ; 18 F6
     * done:   POP  HL            ; E1
     * next:   INC  HL            ; 23
     *         LD   A,H           ; 7C
     *         CP   40H           ; FE 40
     *         JR   C,outer       ; 38 E1
     *         LD   HL,2000H      ; 21 00 20   CRC-16/XMODEM of the array into DE
     *         LD   DE,0          ; 11 00 00
     * crc:    LD   A,(HL)        ; 7E
     *         XOR  D             ; AA
     *         LD   D,A           ; 57
     *         LD   B,8           ; 06 08
     * bit:    SLA  E             ; CB 23
     *         RL   D             ; CB 12
     *         JR   NC,noxor      ; 30 08
     *         LD   A,D           ; 7A
     *         XOR  10H           ; EE 10
     *         LD   D,A           ; 57
     *         LD   A,E           ; 7B
     *         XOR  21H           ; EE 21
     *         LD   E,A           ; 5F
     * noxor:  DJNZ bit           ; 10 F0
     *         INC  HL            ; 23
     *         LD   A,H           ; 7C
     *         CP   40H           ; FE 40
     *         JR   C,crc         ; 38 E5
     *         LD   (1000H),DE    ; ED 53 00 10
     *         JP   start         ; C3 00 00
     * </pre>
     */
    static final int[] PROGRAM = {
            0x21, 0x00, 0x20, 0x11, 0x01, 0x20, 0x01, 0xFF, 0x1F, 0x36, 0x01, 0xED, 0xB0, 0x21, 0x02, 0x20,
            0x7E, 0xB7, 0x28, 0x15, 0xE5, 0x11, 0x00, 0xE0, 0x19, 0x44, 0x4D, 0xE1, 0xE5, 0x09,
            0x7C, 0xFE, 0x40, 0x30, 0x05, 0x36, 0x00, 0x09, 0x18, 0xF6,
            0xE1, 0x23, 0x7C, 0xFE, 0x40, 0x38, 0xE1,
            0x21, 0x00, 0x20, 0x11, 0x00, 0x00,
            0x7E, 0xAA, 0x57, 0x06, 0x08,
            0xCB, 0x23, 0xCB, 0x12, 0x30, 0x08, 0x7A, 0xEE, 0x10, 0x57, 0x7B, 0xEE, 0x21, 0x5F,
            0x10, 0xF0, 0x23, 0x7C, 0xFE, 0x40, 0x38, 0xE5,
            0xED, 0x53, 0x00, 0x10, 0xC3, 0x00, 0x00};

    @Override
    public String description() {
        return "sieve of Eratosthenes over 8 KiB and a CRC-16 of it, repeated";
    }

    @Override
    public Run prepare(String engine) {
        Z80Cpu cpu = newMachine();
        cpu.setEngine(engine);
        return instructions -> {
            long startInstr = cpu.instructions();
            long cycles = 0;
            while (cpu.instructions() - startInstr < instructions) {
                cycles += cpu.execute(100_000);
            }
            return new Result(cpu.instructions() - startInstr, cycles);
        };
    }

    /** A Z80 on 64 KiB of heap RAM with {@link #PROGRAM} at 0000H, reset. */
    static Z80Cpu newMachine() {
        byte[] ram = new byte[65536];
        for (int k = 0; k < PROGRAM.length; k++) {
            ram[k] = (byte) PROGRAM[k];
        }
        AddressSpace mem = new AddressSpace("bench memory", 16, 8, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace("bench io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        Z80Cpu cpu = new Z80Cpu(Z80Family.Z80, "bench", mem, io, Z80Family.DEFAULT_CLOCK);
        cpu.reset();
        return cpu;
    }
}
