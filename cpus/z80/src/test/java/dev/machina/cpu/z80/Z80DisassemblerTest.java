package dev.machina.cpu.z80;

import dev.machina.core.cpu.Disassembler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Disassembly of encodings taken from the Zilog Z80 CPU User Manual (UM0080) instruction pages. */
class Z80DisassemblerTest {
    private final Z80TestBench b = new Z80TestBench();

    private void expect(String text, int length, int... bytes) {
        b.load(0x100, bytes);
        Disassembler.Line line = b.cpu.disassembler().disassemble(0x100);
        assertEquals(text, line.text());
        assertEquals(length, line.length());
    }

    @Test
    void unprefixed() {
        expect("NOP", 1, 0x00);
        expect("LD A,3EH", 2, 0x3E, 0x3E);
        expect("LD BC,1234H", 3, 0x01, 0x34, 0x12);
        expect("JP 0100H", 3, 0xC3, 0x00, 0x01);
        expect("JR 0100H", 2, 0x18, 0xFE);
        expect("DJNZ 0112H", 2, 0x10, 0x10);
        expect("LD (1000H),A", 3, 0x32, 0x00, 0x10);
        expect("EX AF,AF'", 1, 0x08);
        expect("ADD A,(HL)", 1, 0x86);
        expect("CP 0FFH", 2, 0xFE, 0xFF);
        expect("RST 38H", 1, 0xFF);
        expect("OUT (0FEH),A", 2, 0xD3, 0xFE);
        expect("HALT", 1, 0x76);
    }

    @Test
    void prefixed() {
        expect("RLC (HL)", 2, 0xCB, 0x06);
        expect("BIT 7,A", 2, 0xCB, 0x7F);
        expect("LDIR", 2, 0xED, 0xB0);
        expect("IM 2", 2, 0xED, 0x5E);
        expect("SBC HL,DE", 2, 0xED, 0x52);
        expect("LD (1234H),SP", 4, 0xED, 0x73, 0x34, 0x12);
        expect("OUT (C),0", 2, 0xED, 0x71);
        expect("IN (C)", 2, 0xED, 0x70);
        expect("RETI", 2, 0xED, 0x4D);
        expect("LD (IX+05H),20H", 4, 0xDD, 0x36, 0x05, 0x20);
        expect("LD H,(IX-02H)", 3, 0xDD, 0x66, 0xFE);
        expect("LD A,IXH", 2, 0xDD, 0x7C);
        expect("ADD IY,IY", 2, 0xFD, 0x29);
        expect("JP (IX)", 2, 0xDD, 0xE9);
        expect("RL (IY-02H)", 4, 0xFD, 0xCB, 0xFE, 0x16);
        expect("RLC (IX+01H),B", 4, 0xDD, 0xCB, 0x01, 0x00);
        expect("BIT 0,(IX+10H)", 4, 0xDD, 0xCB, 0x10, 0x46);
        expect("SLL C", 2, 0xCB, 0x31);
        expect("NOP*", 1, 0xDD, 0x00);
    }
}
