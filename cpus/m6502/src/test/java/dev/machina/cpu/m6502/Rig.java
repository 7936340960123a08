package dev.machina.cpu.m6502;

import dev.machina.core.memory.AddressSpace;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A test bench: 64 KiB of RAM, vectors NMI $0300, RESET $0200, IRQ/BRK $0400, a CPU, and a bus
 * hook that logs every cycle and can run an action at a given cycle number (1-based, counted
 * from the rig's creation), e.g. to assert an interrupt line in the middle of an instruction.
 */
final class Rig {
    static final int RESET = 0x0200, NMI = 0x0300, IRQ = 0x0400;

    final byte[] ram = new byte[0x10000];
    final AddressSpace space = new AddressSpace("test", 16, 8, ByteOrder.LITTLE_ENDIAN);
    final M6502 cpu;
    final List<int[]> bus = new ArrayList<>();   // {address, kind}
    private final List<Long> at = new ArrayList<>();
    private final List<LongConsumer> actions = new ArrayList<>();
    private long cycle;

    Rig(String model) {
        space.installRam(0, 0xFFFF, MemorySegment.ofArray(ram));
        poke(0xFFFA, NMI & 0xFF, NMI >> 8, RESET & 0xFF, RESET >> 8, IRQ & 0xFF, IRQ >> 8);
        cpu = (M6502) new M6502Family().create(model, "maincpu", space, null);
        cpu.setBusCycleHook((address, kind) -> {
            cycle++;
            bus.add(new int[]{address, kind});
            for (int k = 0; k < at.size(); k++) {
                if (at.get(k) == cycle) {
                    actions.get(k).accept(cycle);
                }
            }
        });
    }

    /** Writes bytes from {@code address}. */
    Rig poke(int address, int... bytes) {
        for (int b : bytes) {
            ram[address++ & 0xFFFF] = (byte) b;
        }
        return this;
    }

    int peek(int address) {
        return ram[address & 0xFFFF] & 0xFF;
    }

    /** Runs {@code action} at the start of bus cycle {@code n} (the cycle itself then follows). */
    Rig at(long n, Runnable action) {
        at.add(n);
        actions.add(c -> action.run());
        return this;
    }

    long cycle() {
        return cycle;
    }

    /** Runs the reset sequence (the CPU's first step) and returns the cycles it took. */
    long boot() {
        return cpu.step();
    }

    M6502State s() {
        return cpu.state();
    }
}
