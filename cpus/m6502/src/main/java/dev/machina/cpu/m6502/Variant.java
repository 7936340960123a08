package dev.machina.cpu.m6502;

/**
 * The 6502 family members this plug-in emulates, and the properties that set them apart.
 *
 * <ul>
 *   <li>{@link #NMOS}: MOS Technology 6502, all 256 opcodes including the undocumented ones
 *       (behaviour as the SingleStepTests {@code 6502} suite records it);</li>
 *   <li>{@link #RICOH_2A03}: the NES CPU, an NMOS 6502 whose decimal mode is disconnected
 *       (the D flag is kept but ADC/SBC/ARR always work in binary; NESdev wiki, "CPU");</li>
 *   <li>{@link #WDC_65C02}: the WDC W65C02S (datasheet), with BBR/BBS/RMB/SMB, STP and WAI,
 *       valid N/Z flags and one extra cycle in decimal mode, and defined NOPs for the unused
 *       opcodes (behaviour as the SingleStepTests {@code wdc65c02} suite records it).</li>
 * </ul>
 */
public enum Variant {
    NMOS("6502", "MOS Technology 6502 (NMOS, undocumented opcodes included)", true, false),
    RICOH_2A03("2a03", "Ricoh 2A03 (NES: 6502 without decimal mode)", false, false),
    WDC_65C02("65c02", "WDC W65C02S (CMOS: BBR/BBS/RMB/SMB, STP, WAI)", true, true);

    private final String modelName;
    private final String description;
    private final boolean decimal;
    private final boolean cmos;

    Variant(String modelName, String description, boolean decimal, boolean cmos) {
        this.modelName = modelName;
        this.description = description;
        this.decimal = decimal;
        this.cmos = cmos;
    }

    /** The model name used on the command line, e.g. {@code "2a03"}. */
    public String modelName() {
        return modelName;
    }

    /** One line for {@code machina list --cpus}. */
    public String description() {
        return description;
    }

    /** True when the D flag switches ADC/SBC to BCD arithmetic. */
    public boolean hasDecimalMode() {
        return decimal;
    }

    /** True for the CMOS 65C02 (its bus cycles, flags and opcode set differ from the NMOS part). */
    public boolean isCmos() {
        return cmos;
    }

    /**
     * The variant named {@code model}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Variant of(String model) {
        for (Variant v : values()) {
            if (v.modelName.equals(model)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown 6502 family model '" + model + "' (have 6502, 2a03, 65c02)");
    }
}
