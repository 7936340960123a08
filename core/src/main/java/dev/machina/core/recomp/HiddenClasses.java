package dev.machina.core.recomp;

import java.lang.invoke.MethodHandles;

/**
 * Defines translated code as hidden classes (JEP 371) that the JVM may unload once the block
 * cache drops them: they are defined without {@code ClassOption.STRONG}, so the only thing that
 * keeps one alive is a reference to it or to an instance (DESIGN.md, Recompilers).
 */
public final class HiddenClasses {
    /**
     * Upper bound, in bytes of bytecode, for one generated method. HotSpot never JIT-compiles a
     * method over 8,000 bytes ({@code -XX:-DontCompileHugeMethods} aside); staying near 6,000
     * leaves room for the block epilogue. The class-file limit of 65,535 bytes is a hard error.
     */
    public static final int METHOD_BYTE_BUDGET = 6000;

    private HiddenClasses() {
    }

    /**
     * Defines a hidden class in the package of {@code host} and initialises it.
     *
     * @param host       a lookup with full privilege on a class of the package the generated class
     *                   names itself in (the generated class's binary name must be in that package)
     * @param classBytes a complete class file, e.g. from {@code java.lang.classfile.ClassFile.build}
     * @return a lookup on the new class, with which to find its constructor or methods
     * @throws IllegalStateException when the JVM rejects the class (verification or format error);
     *                               the message names the class and the cause, since that is a
     *                               translator bug
     */
    public static MethodHandles.Lookup define(MethodHandles.Lookup host, byte[] classBytes) {
        try {
            return host.defineHiddenClass(classBytes, true);
        } catch (IllegalAccessException | LinkageError e) {
            throw new IllegalStateException("generated class rejected by the JVM: " + e, e);
        }
    }
}
