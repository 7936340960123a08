package dev.machina.machine.nes;

import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.Engines;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.SaveState;
import dev.machina.core.state.Stateful;
import dev.machina.cpu.m6502.BusCycleHook;
import dev.machina.cpu.m6502.M6502;
import dev.machina.cpu.m6502.M6502Family;
import dev.machina.machine.nes.mapper.Mapper;

import java.util.List;

/**
 * A whole NES: the 2A03's CPU core ({@code cpus/m6502}, model {@code 2a03}) on
 * {@link NesDevices}, stepped together cycle by cycle.
 *
 * <p>The CPU's {@link BusCycleHook} drives everything else, Mesen-style: before each bus access
 * it finishes the previous CPU cycle ({@link NesDevices#endCycle()}: the remaining PPU dots, the
 * APU, the board's M2), runs any DMA that halts the CPU on this cycle, then starts this cycle
 * ({@link NesDevices#beginCycle()}: one PPU dot), and the access happens. So the CPU sees the
 * PPU one dot into each cycle, and an NMI edge the PPU raises on a cycle's 2nd or 3rd dot is
 * sampled on the next cycle (NESdev wiki "PPU frame timing", "NMI").
 *
 * <p>DMA (NESdev wiki "DMA"): the CPU is halted only on a read cycle, so an OAM DMA requested by
 * a $4014 write runs inside the CPU's next read (513 or 514 cycles, {@link NesDevices#runOamDma()});
 * each DMC sample fetch stalls the CPU's next read by 4 cycles (the common case; the 3- and
 * 2-cycle cases next to writes and OAM DMA are not modelled).
 *
 * <p>Open bus: before each access the hook sets the open-bus value to the address's high byte,
 * which is the last byte on the data bus for absolute and indirect reads of unmapped addresses
 * (the usual case; reads after other patterns see that approximation too).
 */
public final class NesConsole {
    private final M6502 cpu;
    /** While runFrame runs a translating engine: the frame whose end stops the CPU's slice, else -1. */
    private long stopFrame = -1;
    private final NesDevices devices;
    private boolean inCycle;

    /**
     * Builds and powers on the console.
     *
     * @param mapper the cartridge board (not shared with another console)
     * @param region NTSC or PAL timing
     */
    public NesConsole(Mapper mapper, Region region) {
        // the CPU needs its address space at construction, NesDevices creates the space and needs
        // the CPU's lines first: the devices drive lines of their own that follow into the CPU's
        InterruptLine nmiProxy = new InterruptLine("nmi");
        InterruptLine irqProxy = new InterruptLine("irq");
        this.devices = new NesDevices(mapper, nmiProxy, irqProxy, region);
        CpuFamily family = new M6502Family();
        this.cpu = (M6502) family.create("2a03", "maincpu", devices.cpuSpace(), null);
        InterruptLine cpuNmi = cpu.lines().get(0);
        InterruptLine cpuIrq = cpu.lines().get(1);
        nmiProxy.setListener((line, asserted) -> cpuNmi.set(asserted));
        irqProxy.setListener((line, asserted) -> cpuIrq.set(asserted));
        cpu.setBusCycleHook(this::beforeCycle);
        powerOn();
    }

    /** Power-on: devices reset, RAM cleared, the CPU's reset sequence next. */
    public void powerOn() {
        devices.powerOn();
        cpu.reset();
        inCycle = false;
    }

    /** The reset button: PPU, APU and board reset, CPU reset sequence (RAM kept). */
    public void reset() {
        devices.ppu().reset();
        devices.apu().reset();
        devices.mapper().reset();
        cpu.reset();
    }

    private void beforeCycle(int address, int kind) {
        NesDevices d = devices;
        if (inCycle) {
            d.endCycle();
        }
        if (kind != BusCycleHook.WRITE && d.dmaWaiting()) {
            runDma(d);
        }
        d.cpuSpace().setOpenBus(address >>> 8);
        d.beginCycle();
        inCycle = true;
        if (stopFrame >= 0 && d.ppu().frameCount() != stopFrame) {
            cpu.stopSlice();
        }
    }

    /** The DMAs that halt the CPU before this read cycle (kept out of the per-cycle path above). */
    private static void runDma(NesDevices d) {
        if (d.oamDmaPending()) {
            d.runOamDma();
        }
        int fetches = d.takeDmcFetches();
        while (fetches > 0) {
            for (int i = 0; i < 4 * fetches; i++) {
                d.cycle();
            }
            fetches = d.takeDmcFetches();
        }
    }

    /**
     * Runs one CPU instruction (or interrupt sequence) with the devices alongside.
     *
     * @return CPU cycles it took (DMA stalls not counted)
     */
    public long step() {
        return cpu.step();
    }

    /**
     * Runs until the PPU finishes the current frame (its frame counter changes).
     *
     * @param maxCpuCycles stop early once the CPU's cycle count reaches this; Long.MAX_VALUE for none
     * @return true when the frame finished, false when the limit stopped it
     */
    public boolean runFrame(long maxCpuCycles) {
        long frame = devices.ppu().frameCount();
        M6502 c = cpu;
        if (!c.engine().equals(Engines.INTERPRETER)) {
            // translated code runs whole blocks: the hook stops the slice at the instruction
            // during which the frame ends, where the loop below would stop
            stopFrame = frame;
            while (devices.ppu().frameCount() == frame && c.cycles() < maxCpuCycles) {
                c.execute(maxCpuCycles - c.cycles());
            }
            stopFrame = -1;
            return devices.ppu().frameCount() != frame;
        }
        while (devices.ppu().frameCount() == frame) {
            if (c.cycles() >= maxCpuCycles) {
                return false;
            }
            c.step();
        }
        return true;
    }

    /** The CPU. */
    public M6502 cpu() {
        return cpu;
    }

    /** Everything but the CPU. */
    public NesDevices devices() {
        return devices;
    }

    /**
     * A save state of the whole console: CPU, devices' own state, PPU, APU, board, ports and
     * this class's cycle phase. Taken between instructions.
     */
    public SaveState saveState() {
        return new SaveState("nes", 1, stateParts());
    }

    private List<Stateful> stateParts() {
        return List.of(cpu, devices.coreState(), devices.ppu(), devices.apu(), devices.mapper(), devices.ports(), phase());
    }

    private Stateful phase() {
        return new Stateful() {
            @Override
            public String tag() {
                return "nescycle";
            }

            @Override
            public int stateVersion() {
                return 1;
            }

            @Override
            public void saveState(dev.machina.core.state.StateWriter out) {
                out.bool(inCycle);
            }

            @Override
            public void loadState(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
                inCycle = in.bool();
            }
        };
    }
}
