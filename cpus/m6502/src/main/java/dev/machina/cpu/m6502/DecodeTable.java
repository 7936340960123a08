package dev.machina.cpu.m6502;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The opcode matrix of each {@link Variant}: the single source from which the interpreter's
 * dispatch and the disassembler derive. Each row below is one high nibble of the opcode, sixteen
 * {@code MNEMONIC mode} cells for low nibbles 0..F.
 *
 * <p>Sources: NMOS documented opcodes, MOS MCS6500 Programming Manual; NMOS undocumented ones,
 * "No More Secrets" (groepaz) and the NESdev wiki "CPU unofficial opcodes" table; 65C02, WDC
 * W65C02S datasheet table 6-4 (unused opcodes are NOPs of the length and cycle count the
 * datasheet gives).
 */
public final class DecodeTable {

    private static final String[] NMOS = {
            "BRK imp|ORA izx|JAM imp|SLO izx|NOP zp |ORA zp |ASL zp |SLO zp |PHP imp|ORA imm|ASL acc|ANC imm|NOP abs|ORA abs|ASL abs|SLO abs",
            "BPL rel|ORA izy|JAM imp|SLO izy|NOP zpx|ORA zpx|ASL zpx|SLO zpx|CLC imp|ORA aby|NOP imp|SLO aby|NOP abx|ORA abx|ASL abx|SLO abx",
            "JSR abs|AND izx|JAM imp|RLA izx|BIT zp |AND zp |ROL zp |RLA zp |PLP imp|AND imm|ROL acc|ANC imm|BIT abs|AND abs|ROL abs|RLA abs",
            "BMI rel|AND izy|JAM imp|RLA izy|NOP zpx|AND zpx|ROL zpx|RLA zpx|SEC imp|AND aby|NOP imp|RLA aby|NOP abx|AND abx|ROL abx|RLA abx",
            "RTI imp|EOR izx|JAM imp|SRE izx|NOP zp |EOR zp |LSR zp |SRE zp |PHA imp|EOR imm|LSR acc|ALR imm|JMP abs|EOR abs|LSR abs|SRE abs",
            "BVC rel|EOR izy|JAM imp|SRE izy|NOP zpx|EOR zpx|LSR zpx|SRE zpx|CLI imp|EOR aby|NOP imp|SRE aby|NOP abx|EOR abx|LSR abx|SRE abx",
            "RTS imp|ADC izx|JAM imp|RRA izx|NOP zp |ADC zp |ROR zp |RRA zp |PLA imp|ADC imm|ROR acc|ARR imm|JMP ind|ADC abs|ROR abs|RRA abs",
            "BVS rel|ADC izy|JAM imp|RRA izy|NOP zpx|ADC zpx|ROR zpx|RRA zpx|SEI imp|ADC aby|NOP imp|RRA aby|NOP abx|ADC abx|ROR abx|RRA abx",
            "NOP imm|STA izx|NOP imm|SAX izx|STY zp |STA zp |STX zp |SAX zp |DEY imp|NOP imm|TXA imp|ANE imm|STY abs|STA abs|STX abs|SAX abs",
            "BCC rel|STA izy|JAM imp|SHA izy|STY zpx|STA zpx|STX zpy|SAX zpy|TYA imp|STA aby|TXS imp|TAS aby|SHY abx|STA abx|SHX aby|SHA aby",
            "LDY imm|LDA izx|LDX imm|LAX izx|LDY zp |LDA zp |LDX zp |LAX zp |TAY imp|LDA imm|TAX imp|LXA imm|LDY abs|LDA abs|LDX abs|LAX abs",
            "BCS rel|LDA izy|JAM imp|LAX izy|LDY zpx|LDA zpx|LDX zpy|LAX zpy|CLV imp|LDA aby|TSX imp|LAS aby|LDY abx|LDA abx|LDX aby|LAX aby",
            "CPY imm|CMP izx|NOP imm|DCP izx|CPY zp |CMP zp |DEC zp |DCP zp |INY imp|CMP imm|DEX imp|SBX imm|CPY abs|CMP abs|DEC abs|DCP abs",
            "BNE rel|CMP izy|JAM imp|DCP izy|NOP zpx|CMP zpx|DEC zpx|DCP zpx|CLD imp|CMP aby|NOP imp|DCP aby|NOP abx|CMP abx|DEC abx|DCP abx",
            "CPX imm|SBC izx|NOP imm|ISC izx|CPX zp |SBC zp |INC zp |ISC zp |INX imp|SBC imm|NOP imp|SBC imm|CPX abs|SBC abs|INC abs|ISC abs",
            "BEQ rel|SBC izy|JAM imp|ISC izy|NOP zpx|SBC zpx|INC zpx|ISC zpx|SED imp|SBC aby|NOP imp|ISC aby|NOP abx|SBC abx|INC abx|ISC abx",
    };

    private static final String[] WDC_65C02 = {
            "BRK imp|ORA izx|NOP imm|NOP non|TSB zp |ORA zp |ASL zp |RMB zp |PHP imp|ORA imm|ASL acc|NOP non|TSB abs|ORA abs|ASL abs|BBR zpr",
            "BPL rel|ORA izy|ORA zpi|NOP non|TRB zp |ORA zpx|ASL zpx|RMB zp |CLC imp|ORA aby|INC acc|NOP non|TRB abs|ORA abx|ASL abx|BBR zpr",
            "JSR abs|AND izx|NOP imm|NOP non|BIT zp |AND zp |ROL zp |RMB zp |PLP imp|AND imm|ROL acc|NOP non|BIT abs|AND abs|ROL abs|BBR zpr",
            "BMI rel|AND izy|AND zpi|NOP non|BIT zpx|AND zpx|ROL zpx|RMB zp |SEC imp|AND aby|DEC acc|NOP non|BIT abx|AND abx|ROL abx|BBR zpr",
            "RTI imp|EOR izx|NOP imm|NOP non|NOP zp |EOR zp |LSR zp |RMB zp |PHA imp|EOR imm|LSR acc|NOP non|JMP abs|EOR abs|LSR abs|BBR zpr",
            "BVC rel|EOR izy|EOR zpi|NOP non|NOP zpx|EOR zpx|LSR zpx|RMB zp |CLI imp|EOR aby|PHY imp|NOP non|NOP abs|EOR abx|LSR abx|BBR zpr",
            "RTS imp|ADC izx|NOP imm|NOP non|STZ zp |ADC zp |ROR zp |RMB zp |PLA imp|ADC imm|ROR acc|NOP non|JMP ind|ADC abs|ROR abs|BBR zpr",
            "BVS rel|ADC izy|ADC zpi|NOP non|STZ zpx|ADC zpx|ROR zpx|RMB zp |SEI imp|ADC aby|PLY imp|NOP non|JMP aix|ADC abx|ROR abx|BBR zpr",
            "BRA rel|STA izx|NOP imm|NOP non|STY zp |STA zp |STX zp |SMB zp |DEY imp|BIT imm|TXA imp|NOP non|STY abs|STA abs|STX abs|BBS zpr",
            "BCC rel|STA izy|STA zpi|NOP non|STY zpx|STA zpx|STX zpy|SMB zp |TYA imp|STA aby|TXS imp|NOP non|STZ abs|STA abx|STZ abx|BBS zpr",
            "LDY imm|LDA izx|LDX imm|NOP non|LDY zp |LDA zp |LDX zp |SMB zp |TAY imp|LDA imm|TAX imp|NOP non|LDY abs|LDA abs|LDX abs|BBS zpr",
            "BCS rel|LDA izy|LDA zpi|NOP non|LDY zpx|LDA zpx|LDX zpy|SMB zp |CLV imp|LDA aby|TSX imp|NOP non|LDY abx|LDA abx|LDX aby|BBS zpr",
            "CPY imm|CMP izx|NOP imm|NOP non|CPY zp |CMP zp |DEC zp |SMB zp |INY imp|CMP imm|DEX imp|WAI imp|CPY abs|CMP abs|DEC abs|BBS zpr",
            "BNE rel|CMP izy|CMP zpi|NOP non|NOP zpx|CMP zpx|DEC zpx|SMB zp |CLD imp|CMP aby|PHX imp|STP imp|NOP abs|CMP abx|DEC abx|BBS zpr",
            "CPX imm|SBC izx|NOP imm|NOP non|CPX zp |SBC zp |INC zp |SMB zp |INX imp|SBC imm|NOP imp|NOP non|CPX abs|SBC abs|INC abs|BBS zpr",
            "BEQ rel|SBC izy|SBC zpi|NOP non|NOP zpx|SBC zpx|INC zpx|SMB zp |SED imp|SBC aby|PLX imp|NOP non|NOP abs|SBC abx|INC abx|BBS zpr",
    };

    private static final Map<Variant, DecodeTable> TABLES = new EnumMap<>(Variant.class);

    static {
        for (Variant v : Variant.values()) {
            TABLES.put(v, new DecodeTable(v, v.isCmos() ? WDC_65C02 : NMOS));
        }
    }

    private final Variant variant;
    private final Instruction[] instructions = new Instruction[256];

    private DecodeTable(Variant variant, String[] rows) {
        this.variant = variant;
        if (rows.length != 16) {
            throw new IllegalStateException("opcode matrix needs 16 rows");
        }
        for (int hi = 0; hi < 16; hi++) {
            String[] cells = rows[hi].split("\\|");
            if (cells.length != 16) {
                throw new IllegalStateException("opcode matrix row " + hi + " has " + cells.length + " cells");
            }
            for (int lo = 0; lo < 16; lo++) {
                String[] parts = cells[lo].trim().split(" ");
                int opcode = hi << 4 | lo;
                instructions[opcode] = new Instruction(opcode, Operation.valueOf(parts[0]), mode(parts[1]));
            }
        }
    }

    private static AddressingMode mode(String name) {
        return name.equals("non") ? AddressingMode.NONE : AddressingMode.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The table of {@code variant}. */
    public static DecodeTable of(Variant variant) {
        return TABLES.get(variant);
    }

    /** The variant this table decodes for. */
    public Variant variant() {
        return variant;
    }

    /** The instruction of {@code opcode} (0..255; higher bits ignored). */
    public Instruction get(int opcode) {
        return instructions[opcode & 0xFF];
    }
}
