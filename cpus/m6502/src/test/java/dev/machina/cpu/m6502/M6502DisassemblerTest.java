package dev.machina.cpu.m6502;

import dev.machina.core.cpu.Disassembler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Disassembly in MOS syntax, with encodings from the MCS6500 manual and the W65C02S datasheet. */
class M6502DisassemblerTest {

    private static Disassembler.Line at(String model, int address, int... bytes) {
        Rig rig = new Rig(model).poke(address, bytes);
        return rig.cpu.disassembler().disassemble(address);
    }

    @Test
    void documentedAddressingModes() {
        assertEquals(new Disassembler.Line(0x1000, 2, "LDA #$44"), at("6502", 0x1000, 0xA9, 0x44));
        assertEquals("LDA ($20),Y", at("6502", 0x1000, 0xB1, 0x20).text());
        assertEquals("STA ($20,X)", at("6502", 0x1000, 0x81, 0x20).text());
        assertEquals("LDX $80,Y", at("6502", 0x1000, 0xB6, 0x80).text());
        assertEquals("INC $1234,X", at("6502", 0x1000, 0xFE, 0x34, 0x12).text());
        assertEquals(new Disassembler.Line(0x1000, 3, "JMP ($1234)"), at("6502", 0x1000, 0x6C, 0x34, 0x12));
        assertEquals("ASL A", at("6502", 0x1000, 0x0A).text());
        assertEquals(new Disassembler.Line(0x1000, 1, "RTS"), at("6502", 0x1000, 0x60));
    }

    @Test
    void branchesShowTheirTarget() {
        assertEquals("BNE $0200", at("6502", 0x0200, 0xD0, 0xFE).text());
        assertEquals("BCC $0212", at("6502", 0x0200, 0x90, 0x10).text());
        assertEquals("BMI $01F2", at("6502", 0x0200, 0x30, 0xF0).text());
    }

    @Test
    void undocumentedNmosOpcodes() {
        assertEquals("SLO $10", at("6502", 0x1000, 0x07, 0x10).text());
        assertEquals("LAX ($10),Y", at("6502", 0x1000, 0xB3, 0x10).text());
        assertEquals("JAM", at("6502", 0x1000, 0x02).text());
        assertEquals("SBC #$01", at("6502", 0x1000, 0xEB, 0x01).text());
        assertEquals("SHA $1234,Y", at("2a03", 0x1000, 0x9F, 0x34, 0x12).text());
    }

    @Test
    void cmosOpcodes() {
        assertEquals(new Disassembler.Line(0x1000, 3, "BBR0 $12,$1000"), at("65c02", 0x1000, 0x0F, 0x12, 0xFD));
        assertEquals("SMB7 $44", at("65c02", 0x1000, 0xF7, 0x44).text());
        assertEquals("LDA ($20)", at("65c02", 0x1000, 0xB2, 0x20).text());
        assertEquals("JMP ($1234,X)", at("65c02", 0x1000, 0x7C, 0x34, 0x12).text());
        assertEquals("STZ $1234,X", at("65c02", 0x1000, 0x9E, 0x34, 0x12).text());
        assertEquals("BRA $1000", at("65c02", 0x1000, 0x80, 0xFE).text());
        assertEquals(new Disassembler.Line(0x1000, 1, "NOP"), at("65c02", 0x1000, 0x03));
        assertEquals("WAI", at("65c02", 0x1000, 0xCB).text());
        assertEquals("STP", at("65c02", 0x1000, 0xDB).text());
        assertEquals("INC A", at("65c02", 0x1000, 0x1A).text());
    }

    @Test
    void everyOpcodeDecodesToTheLengthItsModeGives() {
        for (Variant v : Variant.values()) {
            DecodeTable t = DecodeTable.of(v);
            for (int op = 0; op < 256; op++) {
                Instruction in = t.get(op);
                assertEquals(op, in.opcode());
                Disassembler.Line line = at(v.modelName(), 0x2000, op, 0x11, 0x22);
                assertEquals(in.mode().length(), line.length(), v + " opcode " + op);
                assertEquals(in.mnemonic(), line.text().split(" ")[0]);
            }
        }
    }

    @Test
    void disassemblingDoesNotReadIoHandlers() {
        Rig rig = new Rig("6502");
        int[] reads = {0};
        rig.space.installHandler(0x2000, 0x20FF, offset -> {
            reads[0]++;
            return 0xA9;
        }, null);
        rig.space.setOpenBus(0xEA);
        assertEquals("NOP", rig.cpu.disassembler().disassemble(0x2000).text(), "handler pages read as open bus");
        assertEquals(0, reads[0]);
    }
}
