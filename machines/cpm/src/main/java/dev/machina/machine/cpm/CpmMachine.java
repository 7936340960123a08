package dev.machina.machine.cpm;

import dev.machina.core.device.Device;
import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.Scheduler;
import dev.machina.core.time.Attotime;
import dev.machina.cpu.z80.Z80Cpu;
import dev.machina.cpu.z80.Z80LockstepMismatch;
import dev.machina.cpu.z80.Z80Family;
import dev.machina.cpu.z80.Z80State;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The built {@code cpm} machine: a 4 MHz Z80, 64 KiB of heap RAM laid out by
 * {@link CpmMemoryMap}, and an I/O space whose ports 0FEH/0FFH (low byte) are the warm-boot and
 * BDOS traps served by {@link Bdos}.
 */
final class CpmMachine implements Machine {
    private final MachineDefinition definition;
    private final byte[] ram = new byte[0x10000];
    private final AddressSpace mem;
    private final byte[] program;
    private final List<String> arguments;
    private final Z80Cpu cpu;
    private final Scheduler scheduler = new Scheduler();
    private Bdos bdos;

    CpmMachine(MachineDefinition definition, byte[] program, List<String> arguments) throws MediaException {
        this.definition = definition;
        this.program = program.clone();
        this.arguments = List.copyOf(arguments);
        CommandTail.install(new byte[0x100], this.arguments); // checks the tail before anything runs
        mem = new AddressSpace("maincpu program", 16, 8, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace("maincpu io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        io.installHandler(0, 0xFFFF, port -> 0xFF, this::portWrite);
        cpu = new Z80Cpu(Z80Family.Z80, "maincpu", mem, io, Z80Family.DEFAULT_CLOCK);
        scheduler.add(cpu);
        scheduler.setQuantum(Attotime.ofMillis(10));
        reset();
    }

    private void portWrite(int port, int value) {
        if (bdos == null) {
            return;
        }
        switch (port & 0xFF) {
            case CpmMemoryMap.PORT_BDOS -> {
                if (!bdos.call()) {
                    scheduler.endSlice();
                }
            }
            case CpmMemoryMap.PORT_WARM_BOOT -> {
                bdos.warmBoot();
                scheduler.endSlice();
            }
            default -> {
            }
        }
    }

    /** Reloads the program, page zero and the command tail, and resets the CPU to 0100H with SP = {@link CpmMemoryMap#STACK}. */
    @Override
    public void reset() {
        java.util.Arrays.fill(ram, (byte) 0);
        CpmMemoryMap.install(ram);
        try {
            CommandTail.install(ram, arguments);
        } catch (MediaException e) {
            throw new IllegalStateException(e); // checked in the constructor
        }
        System.arraycopy(program, 0, ram, CpmMemoryMap.TPA_START, program.length);
        cpu.reset();
        Z80State s = cpu.state();
        s.pc = CpmMemoryMap.TPA_START;
        s.sp = CpmMemoryMap.STACK;
    }

    /** The 64 KiB of RAM (for tests). */
    byte[] ram() {
        return ram;
    }

    /** The CPU (for tests and debuggers). */
    Z80Cpu cpu() {
        return cpu;
    }

    @Override
    public MachineDefinition definition() {
        return definition;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public List<Device> devices() {
        return List.of(cpu);
    }

    /**
     * Runs the program until it returns to CP/M (exit status 0).
     *
     * @throws EmulationException for an unimplemented BDOS function, a HALT nothing can end, or
     *                            {@code maxCycles} T-states without a return to CP/M
     */
    @Override
    public int run(RunOptions options) throws EmulationException {
        if (options.frames() > 0) {
            throw new EmulationException("cpm has no screen: --frames does not apply");
        }
        bdos = new Bdos(cpu.state(), ram, mem, options.in(), options.out());
        try {
            long max = options.maxCycles();
            Attotime end = max > 0 ? cpu.clock().timeOf(max) : Attotime.NEVER;
            while (!bdos.exited() && bdos.failure() == null) {
                if (max > 0 && scheduler.cyclesOf(cpu) >= max) {
                    throw new EmulationException(String.format("cpm: stopped after --max-cycles %d T-states at PC=%04XH without a return to CP/M",
                            max, cpu.state().pc));
                }
                Z80State s = cpu.state();
                if (s.halted) {
                    throw new EmulationException(String.format("cpm: HALT at %04XH and nothing can interrupt the CPU", (s.pc - 1) & 0xFFFF));
                }
                try {
                    scheduler.timeslice(end);
                } catch (Z80LockstepMismatch e) {
                    throw new EmulationException("cpm: " + e.getMessage());
                }
            }
            if (bdos.failure() != null) {
                throw new EmulationException("cpm: " + bdos.failure());
            }
            return 0;
        } finally {
            options.out().flush();
            bdos = null;
        }
    }
}
