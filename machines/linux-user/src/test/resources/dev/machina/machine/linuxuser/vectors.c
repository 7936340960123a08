/* Loops GCC auto-vectorises at -O3 (widening, narrowing, reductions, conversions, min/max,
   conditional selects) plus string functions of glibc, printed as checksums. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1003
static int8_t s8[N]; static uint8_t u8[N]; static int16_t s16[N]; static uint16_t u16[N];
static int32_t s32[N]; static uint32_t u32[N]; static int64_t s64[N]; static uint64_t u64[N];
static float f32[N]; static double f64[N];

__attribute__((noinline)) static uint64_t hash(const void *p, size_t n) {
    const unsigned char *b = p; uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

int main(void) {
    uint32_t x = 2463534242u;
    for (int i = 0; i < N; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        s8[i] = (int8_t)x; u8[i] = (uint8_t)(x >> 8); s16[i] = (int16_t)(x >> 3); u16[i] = (uint16_t)(x >> 11);
        s32[i] = (int32_t)x; u32[i] = x * 2654435761u; s64[i] = (int64_t)x * -977; u64[i] = (uint64_t)x << 21 | i;
        f32[i] = (float)(int32_t)x / 65536.0f; f64[i] = (double)(int32_t)x / 3.0;
    }
    int64_t a = 0; uint64_t b = 0; int c = 0; int32_t mn = INT_MAX, mx = INT_MIN; float fs = 0; double ds = 0, dmax = -1e300;
    for (int i = 0; i < N; i++) a += s8[i] * s16[i];
    for (int i = 0; i < N; i++) b += u8[i] + u16[i];
    for (int i = 0; i < N; i++) c += u8[i] > 100;
    for (int i = 0; i < N; i++) { mn = s32[i] < mn ? s32[i] : mn; mx = s32[i] > mx ? s32[i] : mx; }
    for (int i = 0; i < N; i++) fs += f32[i] * 0.5f;
    for (int i = 0; i < N; i++) { ds += f64[i] * f64[i]; dmax = f64[i] > dmax ? f64[i] : dmax; }
    printf("red %lld %llu %d %d %d %.3f %.6e %.3f\n", (long long)a, (unsigned long long)b, c, mn, mx, fs, ds, dmax);
    static int32_t r32[N]; static int16_t r16[N]; static uint8_t r8[N]; static float rf[N]; static double rd[N]; static int64_t r64[N];
    for (int i = 0; i < N; i++) r32[i] = (int32_t)f32[i];
    for (int i = 0; i < N; i++) rf[i] = (float)s32[i] * 0.25f;
    for (int i = 0; i < N; i++) rd[i] = (double)f32[i] + (double)u32[i];
    for (int i = 0; i < N; i++) r16[i] = (int16_t)(s32[i] >> 7);
    for (int i = 0; i < N; i++) r8[i] = (uint8_t)((u16[i] * 3) >> 4);
    for (int i = 0; i < N; i++) r64[i] = (int64_t)s32[i] * u16[i] + (s64[i] >> 3);
    printf("cvt %llx %llx %llx %llx %llx %llx\n", (unsigned long long)hash(r32, sizeof r32), (unsigned long long)hash(rf, sizeof rf),
           (unsigned long long)hash(rd, sizeof rd), (unsigned long long)hash(r16, sizeof r16), (unsigned long long)hash(r8, sizeof r8),
           (unsigned long long)hash(r64, sizeof r64));
    for (int i = 0; i < N; i++) u8[i] = u8[i] > s8[i] ? (uint8_t)(u8[i] - s8[i]) : (uint8_t)(u8[i] + 1);
    for (int i = 0; i < N; i++) u16[i] = (uint16_t)((u16[i] * u16[i]) >> 16) ^ (uint16_t)i;
    for (int i = 0; i < N; i++) u32[i] = (u32[i] << 3 | u32[i] >> 29) + (uint32_t)__builtin_popcount(u32[i]);
    for (int i = 0; i < N; i++) u64[i] = u64[i] / 7 + (u64[i] % 7) * __builtin_clzll(u64[i] | 1);
    for (int i = 0; i < N; i++) s16[i] = (int16_t)abs(s16[i]) - 100;
    for (int i = 0; i < N; i++) f32[i] = f32[i] < 0 ? -f32[i] : f32[i] * 2.0f - 1.0f;
    for (int i = 0; i < N; i++) f64[i] = __builtin_fma(f64[i], 1.5, -2.0) / 3.0;
    printf("ops %llx %llx %llx %llx %llx %llx %llx\n", (unsigned long long)hash(u8, N), (unsigned long long)hash(u16, sizeof u16),
           (unsigned long long)hash(u32, sizeof u32), (unsigned long long)hash(u64, sizeof u64), (unsigned long long)hash(s16, sizeof s16),
           (unsigned long long)hash(f32, sizeof f32), (unsigned long long)hash(f64, sizeof f64));
    char text[4096];
    for (int i = 0; i < 4095; i++) text[i] = (char)('a' + (i * 7 + i / 13) % 26);
    text[4095] = 0;
    char *p = strchr(text + 5, 'q'), *r = strrchr(text, 'z');
    char buf[4096]; strcpy(buf, text); memmove(buf + 3, buf, 2000); memset(buf + 100, 'X', 333);
    printf("str %zu %td %td %d %d %zu %llx %td\n", strlen(text + 17), p - text, r - text, memcmp(text, buf, 4000) > 0, strcmp(text, buf) < 0,
           strspn(text, "abcdefgh"), (unsigned long long)hash(buf, sizeof buf), (char *)memchr(text, 'k', 4000) - text);
    return 0;
}
