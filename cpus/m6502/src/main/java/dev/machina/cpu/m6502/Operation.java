package dev.machina.cpu.m6502;

/**
 * What a 6502 family instruction does, by its mnemonic. The names of the undocumented NMOS
 * operations follow "No More Secrets" (NMOS 6510 Unintended Opcodes, groepaz) as the
 * SingleStepTests suite uses them: SLO, RLA, SRE, RRA, SAX, LAX, DCP, ISC, ANC, ALR, ARR, ANE,
 * LXA, SBX, SHA, SHX, SHY, TAS, LAS, JAM.
 *
 * <p>The {@link Kind} tells the interpreter which bus-cycle pattern an addressing mode uses for
 * the operation: the mode supplies the address, the kind decides whether it is read, written,
 * or read-modified-written; {@link Kind#CONTROL} operations have a cycle sequence of their own.
 */
public enum Operation {
    // loads, arithmetic, logic, compares: read the operand
    LDA(Kind.READ), LDX(Kind.READ), LDY(Kind.READ), ADC(Kind.READ), SBC(Kind.READ), AND(Kind.READ),
    ORA(Kind.READ), EOR(Kind.READ), CMP(Kind.READ), CPX(Kind.READ), CPY(Kind.READ), BIT(Kind.READ),
    NOP(Kind.READ), LAX(Kind.READ), ANC(Kind.READ), ALR(Kind.READ), ARR(Kind.READ), ANE(Kind.READ),
    LXA(Kind.READ), SBX(Kind.READ), LAS(Kind.READ),
    // stores
    STA(Kind.WRITE), STX(Kind.WRITE), STY(Kind.WRITE), STZ(Kind.WRITE), SAX(Kind.WRITE),
    SHA(Kind.WRITE), SHX(Kind.WRITE), SHY(Kind.WRITE), TAS(Kind.WRITE),
    // read-modify-write
    ASL(Kind.RMW), LSR(Kind.RMW), ROL(Kind.RMW), ROR(Kind.RMW), INC(Kind.RMW), DEC(Kind.RMW),
    SLO(Kind.RMW), RLA(Kind.RMW), SRE(Kind.RMW), RRA(Kind.RMW), DCP(Kind.RMW), ISC(Kind.RMW),
    TSB(Kind.RMW), TRB(Kind.RMW), RMB(Kind.RMW), SMB(Kind.RMW),
    // control flow, stack, flags, transfers: their own cycle sequences
    BRK(Kind.CONTROL), JSR(Kind.CONTROL), RTI(Kind.CONTROL), RTS(Kind.CONTROL), JMP(Kind.CONTROL),
    PHA(Kind.CONTROL), PHP(Kind.CONTROL), PHX(Kind.CONTROL), PHY(Kind.CONTROL),
    PLA(Kind.CONTROL), PLP(Kind.CONTROL), PLX(Kind.CONTROL), PLY(Kind.CONTROL),
    BPL(Kind.CONTROL), BMI(Kind.CONTROL), BVC(Kind.CONTROL), BVS(Kind.CONTROL),
    BCC(Kind.CONTROL), BCS(Kind.CONTROL), BNE(Kind.CONTROL), BEQ(Kind.CONTROL), BRA(Kind.CONTROL),
    BBR(Kind.CONTROL), BBS(Kind.CONTROL),
    CLC(Kind.CONTROL), SEC(Kind.CONTROL), CLI(Kind.CONTROL), SEI(Kind.CONTROL), CLV(Kind.CONTROL),
    CLD(Kind.CONTROL), SED(Kind.CONTROL),
    TAX(Kind.CONTROL), TXA(Kind.CONTROL), TAY(Kind.CONTROL), TYA(Kind.CONTROL), TSX(Kind.CONTROL),
    TXS(Kind.CONTROL), INX(Kind.CONTROL), INY(Kind.CONTROL), DEX(Kind.CONTROL), DEY(Kind.CONTROL),
    JAM(Kind.CONTROL), WAI(Kind.CONTROL), STP(Kind.CONTROL);

    /** How the operand is accessed. */
    public enum Kind {
        /** The operand is read once. */
        READ,
        /** A value is written to the operand address. */
        WRITE,
        /** The operand is read, modified and written back (NMOS: the old value is written first). */
        RMW,
        /** The instruction has its own cycle sequence. */
        CONTROL
    }

    private final Kind kind;

    Operation(Kind kind) {
        this.kind = kind;
    }

    /** How the operand is accessed. */
    public Kind kind() {
        return kind;
    }

    /** True for RMB/SMB/BBR/BBS, whose mnemonic carries a bit number taken from the opcode. */
    public boolean hasBitNumber() {
        return this == RMB || this == SMB || this == BBR || this == BBS;
    }
}
