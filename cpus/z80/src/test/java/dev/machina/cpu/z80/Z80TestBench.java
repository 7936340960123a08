package dev.machina.cpu.z80;

import dev.machina.core.memory.AddressSpace;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** A Z80 on 64 KiB of RAM and an I/O space, for unit tests. */
final class Z80TestBench {
    final byte[] ram = new byte[65536];
    final AddressSpace mem = new AddressSpace("test memory", 16, 8, ByteOrder.LITTLE_ENDIAN);
    final AddressSpace io = new AddressSpace("test io", 16, 8, ByteOrder.LITTLE_ENDIAN);
    final Z80Cpu cpu;
    final Z80State s;

    Z80TestBench() {
        mem.installRam(0, 0xFFFF, MemorySegment.ofArray(ram));
        cpu = new Z80Cpu(Z80Family.Z80, "test", mem, io, Z80Family.DEFAULT_CLOCK);
        s = cpu.state();
    }

    /** Puts {@code bytes} at {@code address}. */
    Z80TestBench load(int address, int... bytes) {
        for (int k = 0; k < bytes.length; k++) {
            ram[(address + k) & 0xFFFF] = (byte) bytes[k];
        }
        return this;
    }

    int word(int address) {
        return (ram[address] & 0xFF) | (ram[(address + 1) & 0xFFFF] & 0xFF) << 8;
    }
}
