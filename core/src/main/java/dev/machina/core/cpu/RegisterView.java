package dev.machina.core.cpu;

import java.util.List;

/**
 * Named access to a CPU's architectural registers for debuggers, tests and the validation
 * harness. Names are the field's standard ones in lower case ({@code a}, {@code x}, {@code pc},
 * {@code sp}, {@code af'}, {@code ax}, {@code x0}..{@code x30}, ...).
 */
public interface RegisterView {

    /** Register names in display order. */
    List<String> names();

    /** Width in bits of register {@code name}. @throws IllegalArgumentException for an unknown name */
    int width(String name);

    /** The value, zero-extended to 64 bits. @throws IllegalArgumentException for an unknown name */
    long get(String name);

    /** Sets the value (extra high bits ignored). @throws IllegalArgumentException for an unknown name */
    void set(String name, long value);
}
