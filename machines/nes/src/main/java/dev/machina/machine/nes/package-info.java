/**
 * The Nintendo Entertainment System (NTSC), after the NESdev wiki.
 *
 * <h2>Parts</h2>
 * <ul>
 * <li>{@link dev.machina.machine.nes.cart} &mdash; iNES / NES 2.0 images, battery saves;</li>
 * <li>{@link dev.machina.machine.nes.mapper} &mdash; cartridge boards (mappers 0, 1, 2, 3, 4, 7);</li>
 * <li>{@link dev.machina.machine.nes.ppu} &mdash; the 2C02 PPU and its NTSC palette;</li>
 * <li>{@link dev.machina.machine.nes.apu} &mdash; the 2A03's APU;</li>
 * <li>{@link dev.machina.machine.nes.input} &mdash; standard controllers;</li>
 * <li>{@link dev.machina.machine.nes.CpuMemoryMap} and {@link dev.machina.machine.nes.OamDma}.</li>
 * </ul>
 *
 * <h2>The machine</h2>
 * {@link dev.machina.machine.nes.NesConsole} adds the 2A03 CPU core ({@code cpus/m6502}) to
 * {@link dev.machina.machine.nes.NesDevices}, driving the devices from the CPU's bus-cycle hook
 * (DMA inside the CPU's next read); {@link dev.machina.machine.nes.NesDefinition} and
 * {@link dev.machina.machine.nes.NesMachine} are the {@code nes} machine of {@code machina run};
 * {@link dev.machina.machine.nes.validate.BlarggRunner},
 * {@link dev.machina.machine.nes.validate.NestestRunner} and
 * {@link dev.machina.machine.nes.NesBenchmark} serve {@code machina validate} and {@code machina bench}.
 *
 * <h2>Wiring (what the machine does)</h2>
 * {@link dev.machina.machine.nes.NesDevices} does all of this except the CPU; the machine then
 * runs the CPU on {@code devices.cpuSpace()}, calls {@code devices.cycle()} once per CPU cycle,
 * {@code devices.runOamDma()} when {@code devices.oamDmaPending()}, and adds the DMC stalls from
 * {@code devices.takeDmcFetches()}. Spelled out:
 * <pre>
 * cart   = INesParser.parse(name, bytes); mapper = Mappers.create(cart)
 * battery: BatterySave.nextTo(romPath).load(mapper.prgRam()) when mapper.hasBattery(); save on exit
 * nmi    = CPU NMI input line; irq = CPU IRQ input line (wired-OR)
 * ppu    = new Ppu(mapper, nmi, Region.NTSC)                 // the mapper is the PPU bus (sees every A12 edge)
 * apu    = new Apu(addr -&gt; cpuSpace.read8(addr), irq, 1, Region.NTSC)   // DMC fetches (+ CPU stall)
 * mapper.setIrqOutput(irq, 2)
 * dma    = new OamDma(cpuSpace::read8, (r, v) -&gt; { ppu.oamDmaWrite(v); return 0; })
 * CpuMemoryMap.install(cpuSpace, ram2k, ppu, apu, ports, dma, mapper)
 * reset: ppu.reset(); apu.reset(); mapper.reset(); CPU reset
 *
 * per CPU cycle, in this order:
 *   if (dma.active()) dma.cycle(apu.isGetCycle()) else the CPU runs one cycle (its bus access)
 *   ppu.tick() 3 times (PAL: 3.2 on average, 16 dots per 5 CPU cycles; see Region)
 *   apu.tick()
 *   mapper.cpuClock()
 * a frame is done when ppu.frameCount() changes (or at ppu.scanline() == 240);
 * ppu.frameBuffer() is 256x240 ARGB; apu.readSamples(...) gives 48 kHz mono 16-bit PCM.
 * </pre>
 * The CPU samples the NMI line's level once per cycle for its edge detector, best after the
 * first of the cycle's 3 dots (see {@link dev.machina.machine.nes.ppu.Ppu}, the $2002 race), and
 * keeps {@code cpuSpace.setOpenBus(lastDataBusValue)} current. The IRQ line is a level: the CPU
 * takes an IRQ while it is asserted and the I flag is clear.
 */
package dev.machina.machine.nes;
