package dev.machina.core.recomp;

import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HiddenClassesTest {
    /** What a translator's generated classes extend in this test. */
    public abstract static class Adder extends TranslatedBlock {
        protected Adder() {
            super(0x100, 0, 0x104);
        }

        public abstract int run(int x);
    }

    /** A class extending {@link Adder} whose run returns x + k. */
    static byte[] adder(int k) {
        ClassDesc self = ClassDesc.of(HiddenClassesTest.class.getPackageName() + ".Generated");
        ClassDesc base = ClassDesc.of(Adder.class.getName());
        return ClassFile.of().build(self, cb -> cb
                .withSuperclass(base)
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL)
                .withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                        .aload(0).invokespecial(base, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void).return_())
                .withMethodBody("run", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int), ClassFile.ACC_PUBLIC, code -> code
                        .iload(1).ldc(k).iadd().ireturn()));
    }

    static Adder instantiate(int k) throws Throwable {
        MethodHandles.Lookup l = HiddenClasses.define(MethodHandles.lookup(), adder(k));
        assertTrue(l.lookupClass().isHidden());
        return (Adder) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
    }

    @Test
    void definedClassRunsAndIsABlock() throws Throwable {
        Adder a = instantiate(40);
        assertEquals(42, a.run(2));
        assertEquals(0x100, a.address);
        Adder b = instantiate(-1);
        assertEquals(1, b.run(2), "a second class with the same name is a separate hidden class");
    }

    @Test
    void droppedClassesCanBeUnloaded() throws Throwable {
        WeakReference<Class<?>> ref = new WeakReference<>(instantiate(7).getClass());
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "a weak hidden class is collected once nothing refers to it");
    }

    @Test
    void aBadClassIsReportedAsATranslatorBug() {
        byte[] bytes = adder(1);
        bytes[0] = 0;   // break the magic number
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HiddenClasses.define(MethodHandles.lookup(), bytes));
        assertTrue(e.getMessage().contains("rejected"), e.getMessage());
    }
}
