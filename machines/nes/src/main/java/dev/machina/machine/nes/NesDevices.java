package dev.machina.machine.nes;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.apu.Apu;
import dev.machina.machine.nes.input.ControllerPorts;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.ppu.Ppu;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Everything in an NES except the CPU, wired as in {@code package-info}: 2 KiB RAM, the board,
 * PPU, APU, controller ports and OAM DMA on one CPU address space, stepped together per CPU
 * cycle (NESdev wiki "Cycle reference chart": 3 PPU dots per CPU cycle on NTSC, 16 per 5 on
 * PAL). The PPU and APU are clocked in catch-up style ({@link Ppu#owe}, {@link Apu#owe}): they
 * run owed time only when something observes them or an event of theirs falls due, with the
 * same results as stepping them every cycle. The machine adds the CPU: it runs the CPU on {@link #cpuSpace()}, calls {@link #cycle()}
 * once per CPU cycle, and calls {@link #runOamDma()} when {@link #oamDmaPending()} after the
 * CPU's $4014 write.
 */
public final class NesDevices {
    private final Region region;
    private final byte[] ram = new byte[2048];
    private final AddressSpace cpuSpace = new AddressSpace("maincpu program", 16, 8, ByteOrder.LITTLE_ENDIAN);
    private final Mapper mapper;
    private final Ppu ppu;
    private final Apu apu;
    private final ControllerPorts ports = new ControllerPorts();
    private final OamDma dma;
    private final int dotsNumerator;
    private final int dotsDenominator;
    private int dotRemainder;
    private int dmcFetches;
    private long cycles;

    /**
     * @param mapper the cartridge board
     * @param nmi    the CPU's NMI input (driven by the PPU)
     * @param irq    the CPU's IRQ input (driven by the APU as source 1 and the board as source 2)
     * @param region NTSC or PAL timing
     */
    public NesDevices(Mapper mapper, InterruptLine nmi, InterruptLine irq, Region region) {
        this.region = Objects.requireNonNull(region);
        this.mapper = Objects.requireNonNull(mapper);
        this.ppu = new Ppu(mapper, nmi, region);
        this.apu = new Apu(address -> {
            dmcFetches++;
            return cpuSpace.read8(address);
        }, irq, 1, region);
        mapper.setIrqOutput(irq, 2);
        mapper.setBeforeRegisterWrite(() -> {
            ppu.catchUp();
            apu.catchUp();
        });
        this.dma = new OamDma(cpuSpace::read8, (register, value) -> {
            ppu.oamDmaWrite(value);
            return 0;
        });
        CpuMemoryMap.install(cpuSpace, ram, ppu, apu, ports, dma, mapper);
        this.dotsNumerator = region.dotsPerCpuCycleNumerator();
        this.dotsDenominator = region.dotsPerCpuCycleDenominator();
    }

    /** Power-on: PPU, APU and board reset, RAM cleared. */
    public void powerOn() {
        java.util.Arrays.fill(ram, (byte) 0);
        ppu.reset();
        apu.reset();
        mapper.reset();
        dotRemainder = 0;
        cycles = 0;
    }

    /**
     * One CPU cycle has passed: the PPU runs its dots (3 on NTSC; 3 or 4 on PAL, 16 per 5
     * cycles), then the APU and the board's M2 clock.
     */
    public void cycle() {
        beginCycle();
        endCycle();
    }

    /**
     * The first part of a CPU cycle, up to the CPU's bus access: the cycle's first PPU dot. A
     * machine that splits cycles calls this before the CPU's access and {@link #endCycle()}
     * after it, so the CPU sees the PPU one dot into the cycle (NESdev wiki "PPU frame timing":
     * the $2002-read-near-VBlank race) and samples NMI after that dot.
     */
    public void beginCycle() {
        if (dotsDenominator == 1) { // NTSC: the cycle's first dot now, the others in endCycle
            dotRemainder = dotsNumerator - 1;
            ppu.owe(1);
            return;
        }
        dotRemainder += dotsNumerator;
        if (dotRemainder >= dotsDenominator) {
            ppu.owe(1);
            dotRemainder -= dotsDenominator;
        }
    }

    /** The rest of a CPU cycle begun with {@link #beginCycle()}: the remaining dots, the APU, the board's M2. */
    public void endCycle() {
        if (dotsDenominator == 1) {
            ppu.owe(dotRemainder);
            dotRemainder = 0;
            apu.owe(1);
            mapper.cpuClock();
            cycles++;
            return;
        }
        int dots = 0;
        while (dotRemainder >= dotsDenominator) {
            dots++;
            dotRemainder -= dotsDenominator;
        }
        ppu.owe(dots);
        apu.owe(1);
        mapper.cpuClock();
        cycles++;
    }

    /**
     * The state NesDevices keeps itself (internal RAM, the PAL dot remainder, the cycle count,
     * uncounted DMC fetches), as a save-state chunk {@code nesdevices}; the PPU, APU, board and
     * ports are chunks of their own.
     */
    public dev.machina.core.state.Stateful coreState() {
        return new dev.machina.core.state.Stateful() {
            @Override
            public String tag() {
                return "nesdevices";
            }

            @Override
            public int stateVersion() {
                return 1;
            }

            @Override
            public void saveState(dev.machina.core.state.StateWriter out) {
                ppu.catchUp();
                apu.catchUp();
                out.bytes(ram).i32(dotRemainder).i64(cycles).i32(dmcFetches);
            }

            @Override
            public void loadState(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
                StateArrays.readBytes(in, ram);
                dotRemainder = in.i32();
                cycles = in.i64();
                dmcFetches = in.i32();
            }
        };
    }

    /**
     * True when a DMA waits to halt the CPU on its next read: an OAM DMA requested
     * ({@link #oamDmaPending()}) or DMC fetches not yet taken ({@link #takeDmcFetches()}).
     */
    public boolean dmaWaiting() {
        return dmcFetches != 0 || dma.active();
    }

    /** True after a $4014 write until {@link #runOamDma()} has copied the page. */
    public boolean oamDmaPending() {
        return dma.active();
    }

    /**
     * Runs the whole OAM DMA with the CPU halted: 513 or 514 {@link #cycle()}s.
     *
     * @return the CPU cycles it took
     */
    public int runOamDma() {
        int n = 0;
        while (dma.active()) {
            dma.cycle(apu.isGetCycle());
            cycle();
            n++;
        }
        return n;
    }

    /**
     * DMC sample fetches since the last call. Each halts the CPU for up to 4 cycles (NESdev
     * wiki "DMA"); the machine runs that many extra {@link #cycle()}s with the CPU halted.
     */
    public int takeDmcFetches() {
        int n = dmcFetches;
        dmcFetches = 0;
        return n;
    }

    /** CPU cycles since power-on. */
    public long cycles() {
        return cycles;
    }

    /** The CPU's address space with the whole NES memory map installed. */
    public AddressSpace cpuSpace() {
        return cpuSpace;
    }

    /** Internal RAM, 2048 bytes (shared). */
    public byte[] ram() {
        return ram;
    }

    /** The board. */
    public Mapper mapper() {
        return mapper;
    }

    /** The PPU. */
    public Ppu ppu() {
        return ppu;
    }

    /** The APU. */
    public Apu apu() {
        return apu;
    }

    /** The controller ports. */
    public ControllerPorts ports() {
        return ports;
    }

    /** The timing model. */
    public Region region() {
        return region;
    }
}
