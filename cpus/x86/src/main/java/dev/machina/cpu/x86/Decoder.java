package dev.machina.cpu.x86;

/**
 * The 8086 opcode map as one table (Intel 8086 Family User's Manual, table 4-12, plus the
 * undocumented opcodes and aliases the silicon decodes, as the SingleStepTests 8086 metadata
 * lists them). The interpreter dispatches on each entry's {@link Kind}; the disassembler prints
 * its mnemonic and {@link Form}. Group opcodes (80..83, D0..D3, F6, F7, FE, FF) have one entry
 * per ModR/M reg field in {@link #group}.
 */
public final class Decoder {

    /** Operand shapes, for operand fetch and disassembly. */
    public enum Form {
        /** No operands. */
        NONE,
        /** r/m, reg (ModR/M). */
        EG,
        /** reg, r/m (ModR/M). */
        GE,
        /** AL/AX, immediate of the operand size. */
        ACC_IMM,
        /** r/m, immediate of the operand size (group 1, MOV C6/C7, TEST F6/F7 /0 /1). */
        E_IMM,
        /** r/m16, sign-extended imm8 (83). */
        E_SIMM8,
        /** The word register in the opcode's low 3 bits. */
        REG,
        /** The byte/word register in the opcode's low 3 bits, immediate (B0..BF). */
        REG_IMM,
        /** AX and the word register in the opcode's low 3 bits (XCHG 91..97). */
        ACC_REG,
        /** The segment register in opcode bits 4..3 (PUSH/POP sreg, prefixes). */
        SREG,
        /** r/m16, sreg (8C). */
        E_SREG,
        /** sreg, r/m16 (8E). */
        SREG_E,
        /** Relative 8-bit displacement. */
        REL8,
        /** Relative 16-bit displacement. */
        REL16,
        /** Far pointer offset:segment. */
        FAR,
        /** AL/AX, [moffs16]. */
        ACC_MEM,
        /** [moffs16], AL/AX. */
        MEM_ACC,
        /** One r/m operand. */
        E,
        /** r/m, 1. */
        E_1,
        /** r/m, CL. */
        E_CL,
        /** imm16. */
        IMM16,
        /** imm8. */
        IMM8,
        /** AL/AX, imm8 port. */
        ACC_PORT,
        /** imm8 port, AL/AX. */
        PORT_ACC,
        /** AL/AX, DX. */
        ACC_DX,
        /** DX, AL/AX. */
        DX_ACC,
        /** ModR/M of a coprocessor escape. */
        ESC,
        /** String instruction (implicit operands). */
        STRING,
        /** Prefix byte. */
        PREFIX,
        /** ModR/M-addressed memory operand only (LEA, LES, LDS, far indirect). */
        GM
    }

    /** What the interpreter does: one case per kind. */
    public enum Kind {
        ALU, PUSH_SR, POP_SR, SEG, LOCK, REP, DAA, DAS, AAA, AAS, INC_R, DEC_R, PUSH_R, POP_R,
        JCC, GRP1, TEST, XCHG, MOV, MOV_RI, MOV_SR_E, MOV_E_SR, MOV_AM, MOV_MA, MOV_EI, LEA, POP_E,
        XCHG_AR, CBW, CWD, CALLF, WAIT, PUSHF, POPF, SAHF, LAHF, MOVS, CMPS, STOS, LODS, SCAS,
        RET, RETF, LES, LDS, INT3, INT, INTO, IRET, SHIFT, AAM, AAD, SALC, XLAT, ESC, LOOPNE,
        LOOPE, LOOP, JCXZ, IN, OUT, CALL, JMP, JMPF, HLT, CMC, GRP3, CLC, STC, CLI, STI, CLD, STD,
        GRP4, GRP5, TEST_I, NOT, NEG, MUL, IMUL, DIV, IDIV, INC_E, DEC_E, CALL_E, CALLF_E, JMP_E,
        JMPF_E, PUSH_E
    }

    /**
     * One opcode (or group member).
     *
     * @param mnemonic lower-case Intel mnemonic
     * @param form     operand shape
     * @param kind     interpreter operation
     * @param bits     operand size in bits (8 or 16 on the 8086; 0 when none)
     */
    public record Entry(String mnemonic, Form form, Kind kind, int bits) {
    }

    /** The 256 one-byte opcodes. */
    static final Entry[] TABLE = new Entry[256];
    /** For group opcodes, eight entries by ModR/M reg field; else null. */
    static final Entry[][] GROUPS = new Entry[256][];
    /** {@code TABLE[op].kind()} flattened for the interpreter's dispatch. */
    static final Kind[] KIND = new Kind[256];

    private static final String[] ALU_NAMES = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFT_NAMES = {"rol", "ror", "rcl", "rcr", "shl", "shr", "setmo", "sar"};
    private static final String[] JCC_NAMES = {"jo", "jno", "jb", "jnb", "jz", "jnz", "jbe", "jnbe",
        "js", "jns", "jp", "jnp", "jl", "jnl", "jle", "jnle"};

    static {
        for (int i = 0; i < 0x40; i++) {
            int low = i & 7;
            String alu = ALU_NAMES[i >> 3];
            switch (low) {
                case 0 -> set(i, alu, Form.EG, Kind.ALU, 8);
                case 1 -> set(i, alu, Form.EG, Kind.ALU, 16);
                case 2 -> set(i, alu, Form.GE, Kind.ALU, 8);
                case 3 -> set(i, alu, Form.GE, Kind.ALU, 16);
                case 4 -> set(i, alu, Form.ACC_IMM, Kind.ALU, 8);
                case 5 -> set(i, alu, Form.ACC_IMM, Kind.ALU, 16);
                default -> { }
            }
        }
        // 06/07 0E/0F 16/17 1E/1F: push/pop sreg (0F = POP CS on the 8086)
        for (int sreg = 0; sreg < 4; sreg++) {
            set(0x06 + sreg * 8, "push", Form.SREG, Kind.PUSH_SR, 16);
            set(0x07 + sreg * 8, "pop", Form.SREG, Kind.POP_SR, 16);
            set(0x26 + sreg * 8, "seg", Form.PREFIX, Kind.SEG, 0);
        }
        set(0x27, "daa", Form.NONE, Kind.DAA, 8);
        set(0x2F, "das", Form.NONE, Kind.DAS, 8);
        set(0x37, "aaa", Form.NONE, Kind.AAA, 8);
        set(0x3F, "aas", Form.NONE, Kind.AAS, 8);
        for (int r = 0; r < 8; r++) {
            set(0x40 + r, "inc", Form.REG, Kind.INC_R, 16);
            set(0x48 + r, "dec", Form.REG, Kind.DEC_R, 16);
            set(0x50 + r, "push", Form.REG, Kind.PUSH_R, 16);
            set(0x58 + r, "pop", Form.REG, Kind.POP_R, 16);
            set(0x90 + r, r == 0 ? "nop" : "xchg", r == 0 ? Form.NONE : Form.ACC_REG, Kind.XCHG_AR, 16);
            set(0xB0 + r, "mov", Form.REG_IMM, Kind.MOV_RI, 8);
            set(0xB8 + r, "mov", Form.REG_IMM, Kind.MOV_RI, 16);
            set(0xD8 + r, "esc", Form.ESC, Kind.ESC, 0);
        }
        for (int c = 0; c < 16; c++) {
            set(0x70 + c, JCC_NAMES[c], Form.REL8, Kind.JCC, 0);
            set(0x60 + c, JCC_NAMES[c], Form.REL8, Kind.JCC, 0); // 8086 alias of 70..7F
        }
        for (int op = 0x80; op <= 0x83; op++) {
            int bits = (op & 1) == 0 ? 8 : 16;
            Form f = op == 0x83 ? Form.E_SIMM8 : Form.E_IMM;
            set(op, "grp1", f, Kind.GRP1, bits);
            Entry[] g = new Entry[8];
            for (int r = 0; r < 8; r++) {
                g[r] = new Entry(ALU_NAMES[r], f, Kind.ALU, bits);
            }
            GROUPS[op] = g;
        }
        set(0x84, "test", Form.EG, Kind.TEST, 8);
        set(0x85, "test", Form.EG, Kind.TEST, 16);
        set(0x86, "xchg", Form.GE, Kind.XCHG, 8);
        set(0x87, "xchg", Form.GE, Kind.XCHG, 16);
        set(0x88, "mov", Form.EG, Kind.MOV, 8);
        set(0x89, "mov", Form.EG, Kind.MOV, 16);
        set(0x8A, "mov", Form.GE, Kind.MOV, 8);
        set(0x8B, "mov", Form.GE, Kind.MOV, 16);
        set(0x8C, "mov", Form.E_SREG, Kind.MOV_E_SR, 16);
        set(0x8D, "lea", Form.GM, Kind.LEA, 16);
        set(0x8E, "mov", Form.SREG_E, Kind.MOV_SR_E, 16);
        set(0x8F, "pop", Form.E, Kind.POP_E, 16);
        set(0x98, "cbw", Form.NONE, Kind.CBW, 16);
        set(0x99, "cwd", Form.NONE, Kind.CWD, 16);
        set(0x9A, "callf", Form.FAR, Kind.CALLF, 16);
        set(0x9B, "wait", Form.NONE, Kind.WAIT, 0);
        set(0x9C, "pushf", Form.NONE, Kind.PUSHF, 16);
        set(0x9D, "popf", Form.NONE, Kind.POPF, 16);
        set(0x9E, "sahf", Form.NONE, Kind.SAHF, 8);
        set(0x9F, "lahf", Form.NONE, Kind.LAHF, 8);
        set(0xA0, "mov", Form.ACC_MEM, Kind.MOV_AM, 8);
        set(0xA1, "mov", Form.ACC_MEM, Kind.MOV_AM, 16);
        set(0xA2, "mov", Form.MEM_ACC, Kind.MOV_MA, 8);
        set(0xA3, "mov", Form.MEM_ACC, Kind.MOV_MA, 16);
        set(0xA4, "movsb", Form.STRING, Kind.MOVS, 8);
        set(0xA5, "movsw", Form.STRING, Kind.MOVS, 16);
        set(0xA6, "cmpsb", Form.STRING, Kind.CMPS, 8);
        set(0xA7, "cmpsw", Form.STRING, Kind.CMPS, 16);
        set(0xA8, "test", Form.ACC_IMM, Kind.TEST, 8);
        set(0xA9, "test", Form.ACC_IMM, Kind.TEST, 16);
        set(0xAA, "stosb", Form.STRING, Kind.STOS, 8);
        set(0xAB, "stosw", Form.STRING, Kind.STOS, 16);
        set(0xAC, "lodsb", Form.STRING, Kind.LODS, 8);
        set(0xAD, "lodsw", Form.STRING, Kind.LODS, 16);
        set(0xAE, "scasb", Form.STRING, Kind.SCAS, 8);
        set(0xAF, "scasw", Form.STRING, Kind.SCAS, 16);
        for (int a : new int[]{0xC0, 0xC2}) { // C0 aliases C2 on the 8086
            set(a, "retn", Form.IMM16, Kind.RET, 16);
            set(a + 1, "retn", Form.NONE, Kind.RET, 16);
            set(a + 8, "retf", Form.IMM16, Kind.RETF, 16); // C8 aliases CA
            set(a + 9, "retf", Form.NONE, Kind.RETF, 16);
        }
        set(0xC4, "les", Form.GM, Kind.LES, 16);
        set(0xC5, "lds", Form.GM, Kind.LDS, 16);
        set(0xC6, "mov", Form.E_IMM, Kind.MOV_EI, 8);
        set(0xC7, "mov", Form.E_IMM, Kind.MOV_EI, 16);
        set(0xCC, "int3", Form.NONE, Kind.INT3, 0);
        set(0xCD, "int", Form.IMM8, Kind.INT, 0);
        set(0xCE, "into", Form.NONE, Kind.INTO, 0);
        set(0xCF, "iret", Form.NONE, Kind.IRET, 16);
        for (int op = 0xD0; op <= 0xD3; op++) {
            int bits = (op & 1) == 0 ? 8 : 16;
            Form f = op < 0xD2 ? Form.E_1 : Form.E_CL;
            set(op, "grp2", f, Kind.SHIFT, bits);
            Entry[] g = new Entry[8];
            for (int r = 0; r < 8; r++) {
                // /6 is SETMO (by 1) or SETMOC (by CL): all ones unless the count is 0
                String name = r == Alu.SETMO && f == Form.E_CL ? "setmoc" : SHIFT_NAMES[r];
                g[r] = new Entry(name, f, Kind.SHIFT, bits);
            }
            GROUPS[op] = g;
        }
        set(0xD4, "aam", Form.IMM8, Kind.AAM, 8);
        set(0xD5, "aad", Form.IMM8, Kind.AAD, 8);
        set(0xD6, "salc", Form.NONE, Kind.SALC, 8);
        set(0xD7, "xlat", Form.NONE, Kind.XLAT, 8);
        set(0xE0, "loopne", Form.REL8, Kind.LOOPNE, 0);
        set(0xE1, "loope", Form.REL8, Kind.LOOPE, 0);
        set(0xE2, "loop", Form.REL8, Kind.LOOP, 0);
        set(0xE3, "jcxz", Form.REL8, Kind.JCXZ, 0);
        set(0xE4, "in", Form.ACC_PORT, Kind.IN, 8);
        set(0xE5, "in", Form.ACC_PORT, Kind.IN, 16);
        set(0xE6, "out", Form.PORT_ACC, Kind.OUT, 8);
        set(0xE7, "out", Form.PORT_ACC, Kind.OUT, 16);
        set(0xE8, "call", Form.REL16, Kind.CALL, 0);
        set(0xE9, "jmp", Form.REL16, Kind.JMP, 0);
        set(0xEA, "jmpf", Form.FAR, Kind.JMPF, 0);
        set(0xEB, "jmp", Form.REL8, Kind.JMP, 0);
        set(0xEC, "in", Form.ACC_DX, Kind.IN, 8);
        set(0xED, "in", Form.ACC_DX, Kind.IN, 16);
        set(0xEE, "out", Form.DX_ACC, Kind.OUT, 8);
        set(0xEF, "out", Form.DX_ACC, Kind.OUT, 16);
        set(0xF0, "lock", Form.PREFIX, Kind.LOCK, 0);
        set(0xF1, "lock", Form.PREFIX, Kind.LOCK, 0); // 8086 alias of F0
        set(0xF2, "repne", Form.PREFIX, Kind.REP, 0);
        set(0xF3, "rep", Form.PREFIX, Kind.REP, 0);
        set(0xF4, "hlt", Form.NONE, Kind.HLT, 0);
        set(0xF5, "cmc", Form.NONE, Kind.CMC, 0);
        for (int op = 0xF6; op <= 0xF7; op++) {
            int bits = op == 0xF6 ? 8 : 16;
            set(op, "grp3", Form.E, Kind.GRP3, bits);
            GROUPS[op] = new Entry[]{
                new Entry("test", Form.E_IMM, Kind.TEST_I, bits),
                new Entry("test", Form.E_IMM, Kind.TEST_I, bits), // undocumented alias of /0
                new Entry("not", Form.E, Kind.NOT, bits),
                new Entry("neg", Form.E, Kind.NEG, bits),
                new Entry("mul", Form.E, Kind.MUL, bits),
                new Entry("imul", Form.E, Kind.IMUL, bits),
                new Entry("div", Form.E, Kind.DIV, bits),
                new Entry("idiv", Form.E, Kind.IDIV, bits)};
        }
        set(0xF8, "clc", Form.NONE, Kind.CLC, 0);
        set(0xF9, "stc", Form.NONE, Kind.STC, 0);
        set(0xFA, "cli", Form.NONE, Kind.CLI, 0);
        set(0xFB, "sti", Form.NONE, Kind.STI, 0);
        set(0xFC, "cld", Form.NONE, Kind.CLD, 0);
        set(0xFD, "std", Form.NONE, Kind.STD, 0);
        set(0xFE, "grp4", Form.E, Kind.GRP4, 8);
        // FE /2../7 run the FF microcode with a byte operand on the 8086 (undefined results).
        GROUPS[0xFE] = new Entry[]{
            new Entry("inc", Form.E, Kind.INC_E, 8), new Entry("dec", Form.E, Kind.DEC_E, 8),
            new Entry("call", Form.E, Kind.CALL_E, 8), new Entry("callf", Form.GM, Kind.CALLF_E, 8),
            new Entry("jmp", Form.E, Kind.JMP_E, 8), new Entry("jmpf", Form.GM, Kind.JMPF_E, 8),
            new Entry("push", Form.E, Kind.PUSH_E, 8), new Entry("push", Form.E, Kind.PUSH_E, 8)};
        set(0xFF, "grp5", Form.E, Kind.GRP5, 16);
        GROUPS[0xFF] = new Entry[]{
            new Entry("inc", Form.E, Kind.INC_E, 16), new Entry("dec", Form.E, Kind.DEC_E, 16),
            new Entry("call", Form.E, Kind.CALL_E, 16), new Entry("callf", Form.GM, Kind.CALLF_E, 16),
            new Entry("jmp", Form.E, Kind.JMP_E, 16), new Entry("jmpf", Form.GM, Kind.JMPF_E, 16),
            new Entry("push", Form.E, Kind.PUSH_E, 16), new Entry("push", Form.E, Kind.PUSH_E, 16)}; // /7 alias
        for (int i = 0; i < 256; i++) {
            if (TABLE[i] == null) {
                throw new IllegalStateException("opcode " + Integer.toHexString(i) + " missing from the 8086 table");
            }
            KIND[i] = TABLE[i].kind();
        }
    }

    private Decoder() {
    }

    private static void set(int op, String mnemonic, Form form, Kind kind, int bits) {
        TABLE[op] = new Entry(mnemonic, form, kind, bits);
    }

    /** The entry for one-byte opcode {@code op} (0..255). */
    public static Entry entry(int op) {
        return TABLE[op & 0xFF];
    }

    /** The entry for {@code op} with ModR/M {@code modrm}: the group member for group opcodes. */
    public static Entry entry(int op, int modrm) {
        Entry[] g = GROUPS[op & 0xFF];
        return g == null ? TABLE[op & 0xFF] : g[(modrm >> 3) & 7];
    }

    /** Whether {@code op} is followed by a ModR/M byte. */
    public static boolean hasModrm(int op) {
        return switch (TABLE[op & 0xFF].form()) {
            case EG, GE, E_IMM, E_SIMM8, E_SREG, SREG_E, E, E_1, E_CL, ESC, GM -> true;
            default -> false;
        };
    }
}
