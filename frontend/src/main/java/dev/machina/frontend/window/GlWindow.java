package dev.machina.frontend.window;

import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.glfw.GLFWVidMode;
import org.lwjgl.opengl.GL;
import org.lwjgl.system.MemoryStack;

import java.nio.IntBuffer;

import static org.lwjgl.glfw.GLFW.*;

/**
 * A GLFW window with an OpenGL 3.3 core context, resizable, with a fullscreen toggle (the
 * primary monitor's current video mode) and back to the windowed position and size. Key events
 * go to a {@link KeyListener}. Create and use it on one thread.
 */
public final class GlWindow implements AutoCloseable {
    /** Receives GLFW key events ({@code GLFW_PRESS}, {@code GLFW_RELEASE}, {@code GLFW_REPEAT}). */
    public interface KeyListener {
        void key(int key, int action, int mods);
    }

    private final long handle;
    private boolean fullscreen;
    private final int[] framebuffer = new int[2];
    private final int[] windowed = new int[4];

    /**
     * Initialises GLFW (if needed) and opens the window.
     *
     * @param width  client width in screen pixels
     * @param height client height in screen pixels
     * @param vsync  swap on vertical retrace (swap interval 1) or not (0)
     * @throws IllegalStateException when GLFW cannot start (no display) or no OpenGL 3.3 core
     *                               context can be created; the message has GLFW's reason
     */
    public GlWindow(String title, int width, int height, boolean vsync, KeyListener keys) {
        StringBuilder error = new StringBuilder();
        GLFWErrorCallback previous = glfwSetErrorCallback((code, description) ->
                error.append(error.isEmpty() ? "" : "; ").append(GLFWErrorCallback.getDescription(description)));
        if (previous != null) {
            previous.free();
        }
        if (!glfwInit()) {
            throw new IllegalStateException("cannot start GLFW: " + error);
        }
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
        glfwWindowHint(GLFW_VISIBLE, GLFW_TRUE);
        handle = glfwCreateWindow(width, height, title, 0, 0);
        if (handle == 0) {
            glfwTerminate();
            throw new IllegalStateException("cannot open an OpenGL 3.3 core window: " + error);
        }
        glfwMakeContextCurrent(handle);
        GL.createCapabilities();
        glfwSwapInterval(vsync ? 1 : 0);
        glfwSetKeyCallback(handle, (w, key, scancode, action, mods) -> keys.key(key, action, mods));
        try (MemoryStack s = MemoryStack.stackPush()) {
            IntBuffer w = s.mallocInt(1);
            IntBuffer h = s.mallocInt(1);
            glfwGetFramebufferSize(handle, w, h);
            framebuffer[0] = w.get(0);
            framebuffer[1] = h.get(0);
        }
        glfwSetFramebufferSizeCallback(handle, (win, w, h) -> {
            framebuffer[0] = w;
            framebuffer[1] = h;
        });
    }

    /** The GLFW window handle. */
    public long handle() {
        return handle;
    }

    /**
     * Framebuffer size in pixels, {@code {width, height}}, kept current by GLFW's size callback;
     * the array is reused (read it, do not keep it).
     */
    public int[] framebufferSize() {
        return framebuffer;
    }

    /** True once the user closed the window (or {@link #requestClose()} was called). */
    public boolean shouldClose() {
        return glfwWindowShouldClose(handle);
    }

    /** Asks the window to close. */
    public void requestClose() {
        glfwSetWindowShouldClose(handle, true);
    }

    /** Sets the title bar text. */
    public void setTitle(String title) {
        glfwSetWindowTitle(handle, title);
    }

    /** Swap interval 1 (vsync) or 0. */
    public void setVsync(boolean vsync) {
        glfwSwapInterval(vsync ? 1 : 0);
    }

    /** Shows the back buffer. */
    public void swap() {
        glfwSwapBuffers(handle);
    }

    /** True in fullscreen. */
    public boolean fullscreen() {
        return fullscreen;
    }

    /** Switches between a window and fullscreen on the primary monitor. */
    public void toggleFullscreen() {
        long monitor = glfwGetPrimaryMonitor();
        if (!fullscreen) {
            GLFWVidMode mode = monitor == 0 ? null : glfwGetVideoMode(monitor);
            if (mode == null) {
                return;
            }
            try (MemoryStack s = MemoryStack.stackPush()) {
                IntBuffer a = s.mallocInt(1);
                IntBuffer b = s.mallocInt(1);
                glfwGetWindowPos(handle, a, b);
                windowed[0] = a.get(0);
                windowed[1] = b.get(0);
                glfwGetWindowSize(handle, a, b);
                windowed[2] = a.get(0);
                windowed[3] = b.get(0);
            }
            glfwSetWindowMonitor(handle, monitor, 0, 0, mode.width(), mode.height(), mode.refreshRate());
            fullscreen = true;
        } else {
            glfwSetWindowMonitor(handle, 0, windowed[0], windowed[1], windowed[2], windowed[3], GLFW_DONT_CARE);
            fullscreen = false;
        }
    }

    @Override
    public void close() {
        org.lwjgl.glfw.Callbacks.glfwFreeCallbacks(handle);
        glfwDestroyWindow(handle);
        glfwTerminate();
        GLFWErrorCallback cb = glfwSetErrorCallback(null);
        if (cb != null) {
            cb.free();
        }
    }
}
