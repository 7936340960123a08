package dev.machina.frontend.window;

import org.lwjgl.system.MemoryUtil;

import java.nio.IntBuffer;

import static org.lwjgl.opengl.GL33C.*;

/**
 * Draws a machine's ARGB frames with OpenGL 3.3 core: one streaming texture of the screen's
 * size, updated with {@code glTexSubImage2D} each frame (BGRA /
 * {@code UNSIGNED_INT_8_8_8_8_REV}, the JVM's 0xAARRGGBB ints as they lie in memory), drawn as a
 * quad generated from {@code gl_VertexID} into a {@link Viewport}. Nearest or linear filtering.
 * Needs a current GL 3.3 core context on the calling thread.
 */
public final class FrameRenderer implements AutoCloseable {
    private static final String VERTEX = """
            #version 330 core
            out vec2 uv;
            void main() {
                vec2 p = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
                uv = vec2(p.x, 1.0 - p.y);
                gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
            }
            """;
    private static final String FRAGMENT = """
            #version 330 core
            in vec2 uv;
            out vec4 color;
            uniform sampler2D frame;
            void main() {
                color = vec4(texture(frame, uv).rgb, 1.0);
            }
            """;

    private final int width;
    private final int height;
    private final int program;
    private final int vao;
    private final int texture;
    private final IntBuffer upload;
    private IntBuffer readback;

    /**
     * @param width  frame width in pixels
     * @param height frame height in pixels
     * @throws IllegalStateException when a shader does not compile or link (the GL log is in the message)
     */
    public FrameRenderer(int width, int height) {
        this.width = width;
        this.height = height;
        this.program = link(compile(GL_VERTEX_SHADER, VERTEX), compile(GL_FRAGMENT_SHADER, FRAGMENT));
        this.vao = glGenVertexArrays();
        this.texture = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, (IntBuffer) null);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        setLinear(false);
        glUseProgram(program);
        glUniform1i(glGetUniformLocation(program, "frame"), 0);
        this.upload = MemoryUtil.memAllocInt(width * height);
    }

    private static int compile(int type, String source) {
        int s = glCreateShader(type);
        glShaderSource(s, source);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) == GL_FALSE) {
            throw new IllegalStateException("GL shader does not compile: " + glGetShaderInfoLog(s));
        }
        return s;
    }

    private static int link(int vs, int fs) {
        int p = glCreateProgram();
        glAttachShader(p, vs);
        glAttachShader(p, fs);
        glLinkProgram(p);
        if (glGetProgrami(p, GL_LINK_STATUS) == GL_FALSE) {
            throw new IllegalStateException("GL program does not link: " + glGetProgramInfoLog(p));
        }
        glDeleteShader(vs);
        glDeleteShader(fs);
        return p;
    }

    /** Nearest (sharp pixels, the default) or linear (smooth) texture filtering. */
    public void setLinear(boolean linear) {
        int f = linear ? GL_LINEAR : GL_NEAREST;
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, f);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, f);
    }

    /** Uploads a frame: {@code width * height} ARGB pixels, row-major from the top left. */
    public void upload(int[] argb) {
        upload.clear();
        upload.put(argb, 0, width * height).flip();
        glBindTexture(GL_TEXTURE_2D, texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, upload);
    }

    /** Clears the framebuffer to black and draws the last uploaded frame into {@code v}. */
    public void draw(Viewport v, int fbWidth, int fbHeight) {
        glViewport(0, 0, fbWidth, fbHeight);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        glViewport(v.x(), fbHeight - v.y() - v.height(), v.width(), v.height());
        glUseProgram(program);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, texture);
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    }

    /**
     * Reads the back buffer as drawn ({@code glReadPixels}): {@code fbWidth * fbHeight} pixels,
     * 0xFFRRGGBB, row-major from the top left.
     */
    public int[] readPixels(int fbWidth, int fbHeight) {
        if (readback == null || readback.capacity() < fbWidth * fbHeight) {
            if (readback != null) {
                MemoryUtil.memFree(readback);
            }
            readback = MemoryUtil.memAllocInt(fbWidth * fbHeight);
        }
        readback.clear();
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
        glReadBuffer(GL_BACK);
        glReadPixels(0, 0, fbWidth, fbHeight, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, readback);
        int[] out = new int[fbWidth * fbHeight];
        for (int row = 0; row < fbHeight; row++) { // GL rows go bottom up
            readback.position((fbHeight - 1 - row) * fbWidth);
            readback.get(out, row * fbWidth, fbWidth);
            for (int i = row * fbWidth; i < (row + 1) * fbWidth; i++) {
                out[i] |= 0xFF000000;
            }
        }
        return out;
    }

    @Override
    public void close() {
        glDeleteTextures(texture);
        glDeleteVertexArrays(vao);
        glDeleteProgram(program);
        MemoryUtil.memFree(upload);
        if (readback != null) {
            MemoryUtil.memFree(readback);
        }
    }
}
