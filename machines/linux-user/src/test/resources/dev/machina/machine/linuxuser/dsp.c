/* Fixed-point DSP intrinsics (saturating doubling multiplies, saturating shifts), scalar FP by
   element and the CRC32 instructions; built with -march=armv8-a+crc. */
#include <arm_acle.h>
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
    int16_t a16[8] = {32767, -32768, 1000, -1000, 12345, -2, 0, 16384};
    int16_t b16[8] = {32767, -32768, -32768, 3, 2, 32767, 5, 16384};
    int32_t a32[4] = {2147483647, -2147483647 - 1, 65536, -7};
    int8_t a8[16] = {1, -1, 63, -64, 100, -100, 127, -128, 2, 3, 4, 5, 6, 7, 8, 9};
    int16x8_t x = vld1q_s16(a16), y = vld1q_s16(b16);
    int32x4_t w = vld1q_s32(a32);
    int16_t r1[8], r2[8], r5[8]; int32_t r3[4]; int8_t r4[16]; uint16_t r6[8]; uint32_t r7[4];
    vst1q_s16(r1, vqdmulhq_s16(x, y));
    vst1q_s16(r2, vqrdmulhq_s16(x, y));
    vst1q_s32(r3, vqrdmulhq_laneq_s32(w, w, 2));
    vst1q_s8(r4, vqshlq_n_s8(vld1q_s8(a8), 2));
    vst1q_s16(r5, vqdmulhq_laneq_s16(x, y, 7));
    vst1q_u16(r6, vqshluq_n_s16(x, 3));
    vst1q_u32(r7, vqshlq_n_u32(vreinterpretq_u32_s32(w), 4));
    for (int i = 0; i < 8; i++) printf("%d %d %d %u\n", r1[i], r2[i], r5[i], r6[i]);
    for (int i = 0; i < 4; i++) printf("%d %u\n", r3[i], r7[i]);
    for (int i = 0; i < 16; i++) printf("%d ", r4[i]);
    printf("\n");
    float32x4_t f = {1.5f, -2.25f, 3.0f, 0.125f};
    volatile float s = 2.0f, acc = 10.0f;
    printf("%.4f %.4f\n", vmuls_laneq_f32(s, f, 1), vfmas_laneq_f32(acc, s, f, 3));
    uint32_t c = 0xffffffffu, cc = 0xffffffffu;
    const char *msg = "The quick brown fox jumps over the lazy dog";
    for (const char *p = msg; *p; p++) { c = __crc32b(c, (uint8_t)*p); cc = __crc32cb(cc, (uint8_t)*p); }
    printf("crc32 %08x crc32c %08x\n", ~c, ~cc);
    uint64_t v = 0x0123456789abcdefULL;
    printf("%08x %08x %08x %08x\n", __crc32h(0, (uint16_t)v), __crc32w(1, (uint32_t)v), __crc32d(2, v), __crc32cd(3, v));
    return 0;
}
