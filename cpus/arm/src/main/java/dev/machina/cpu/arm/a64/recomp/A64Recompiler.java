package dev.machina.cpu.arm.a64.recomp;

import dev.machina.core.recomp.BlockCache;
import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.ExecutionEngine;
import dev.machina.cpu.arm.a64.MemoryFault;
import dev.machina.cpu.arm.a64.PagedMemory;
import dev.machina.cpu.arm.a64.Undefined;

/**
 * The {@code recompiler} engine of an {@link A64Cpu} (and, checking each block, {@code lockstep}):
 * tier 0 interprets and counts entries of block addresses in the core {@link BlockCache}; a
 * block entered often enough is translated by the {@link A64Translator}; translated blocks run
 * from the dispatcher, which follows the successor each block returns (direct exits within a page
 * are linked after their first use) while the slice's instruction budget lasts and no stop was
 * requested. Pages holding translated code are marked in the CPU's {@link PagedMemory}, so a store
 * to them (or a mapping change, or {@code IC IVAU}) drops the blocks there.
 */
public final class A64Recompiler implements ExecutionEngine, PagedMemory.CodeWatcher {
    private final A64Cpu cpu;
    private final PagedMemory memory;
    private final BlockCache<A64Block> cache;
    private final A64Translator translator;
    private final Lockstep lockstep;
    /**
     * Statistics: instructions interpreted, block runs, successor lookups in the cache, and
     * successors taken from a block's {@link A64Block#indirect} hint instead.
     */
    private long interpreted, blockRuns, lookups, hintHits;

    /**
     * @param cpu          the CPU whose state the engine runs on
     * @param hotThreshold interpreted entries before a block is translated (1: at once)
     * @param lockstep     run every translated block on the interpreter too and compare
     */
    public A64Recompiler(A64Cpu cpu, int hotThreshold, boolean lockstep) {
        this.cpu = cpu;
        this.memory = cpu.memory;
        this.cache = new BlockCache<>(PagedMemory.PAGE_BITS, hotThreshold);
        this.translator = new A64Translator(lockstep);
        this.lockstep = lockstep ? new Lockstep(cpu) : null;
        cache.setPageListener((page, marked) -> memory.markCode(page, marked));
        memory.setCodeWatcher(this);
    }

    /** The block cache (statistics for tests and benchmarks). */
    public BlockCache<A64Block> cache() {
        return cache;
    }

    @Override
    public long execute(long cycles) {
        cpu.clearStop();
        long start = cpu.retired;
        long limit = start + cycles;
        while (cpu.retired < limit && !cpu.stopRequested()) {
            long pc = cpu.pc;
            A64Block b = cache.get(pc, 0);
            if (b == null && cache.hot(pc, 0)) {
                b = translator.translate(memory, pc);
                if (b != null) {
                    cache.put(b);
                }
            }
            if (b == null) {
                interpret(limit);
            } else if (lockstep != null) {
                lockstep.run(b);
            } else {
                runChain(b, limit);
            }
        }
        return cpu.retired - start;
    }

    /** Interprets from the PC up to and including the next instruction that does not fall through. */
    private void interpret(long limit) {
        do {
            long at = cpu.pc;
            cpu.interpretOne();
            cpu.retired++;
            interpreted++;
            if (cpu.pc != at + 4) {
                return;
            }
        } while (cpu.retired < limit && !cpu.stopRequested() && cache.get(cpu.pc, 0) == null);
    }

    private void runChain(A64Block b, long limit) {
        cpu.codeWritten = false;
        while (true) {
            A64Block next;
            blockRuns++;
            try {
                next = b.run(cpu);
            } catch (MemoryFault f) {
                cpu.retired++;
                cpu.takeFault(cpu.pc, f);
                return;
            } catch (Undefined u) {
                cpu.retired++;
                cpu.takeUndefined(cpu.pc);
                return;
            }
            if (cpu.codeWritten) {
                cpu.codeWritten = false;
                return;
            }
            if (cpu.retired >= limit || cpu.stopRequested()) {
                return;
            }
            if (next == null || next.dead) {
                long pc = cpu.pc;
                A64Block hint = b.indirect;
                if (hint != null && hint.address == pc && !hint.dead) {
                    next = hint;
                    hintHits++;
                } else {
                    lookups++;
                    next = cache.get(pc, 0);
                    if (next == null) {
                        return;
                    }
                    if (!b.dead) {
                        boolean samePage = pc >>> PagedMemory.PAGE_BITS == b.address >>> PagedMemory.PAGE_BITS;
                        if (samePage && b.target0 == pc) {
                            b.link0 = next;
                        } else if (samePage && b.target1 == pc) {
                            b.link1 = next;
                        } else {
                            b.indirect = next;
                        }
                    }
                }
            }
            b = next;
        }
    }

    /** Statistics of the engine so far, one line. */
    @Override
    public String toString() {
        return (lockstep != null ? "lockstep" : "recompiler") + ": " + cache.translations() + " translations, " + cache.invalidations()
                + " invalidated, " + blockRuns + " block runs, " + lookups + " successor lookups, " + hintHits + " successors from exit hints, "
                + interpreted + " instructions interpreted";
    }

    @Override
    public void invalidate(long address) {
        cache.invalidate(address);
    }

    @Override
    public void flush() {
        cache.flush();
    }

    @Override
    public void codeWritten(long address) {
        if (cache.invalidate(address) > 0) {
            cpu.codeWritten = true;
        }
    }

    @Override
    public void remapped(long start, long endExclusive) {
        if (cache.invalidateRange(start, endExclusive) > 0) {
            cpu.codeWritten = true;
        }
    }
}
