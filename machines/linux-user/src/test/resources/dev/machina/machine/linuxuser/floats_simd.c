#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <setjmp.h>
#include <string.h>
#include <arm_neon.h>
static jmp_buf jb;
static int cmp(const void *a, const void *b) { double x = *(const double*)a, y = *(const double*)b; return (x > y) - (x < y); }
static void jump(int n) { if (n > 3) longjmp(jb, n); jump(n + 1); }
__attribute__((noinline)) float dot(const float *a, const float *b, int n) { float s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
__attribute__((noinline)) void saxpy(float *y, const float *x, float a, int n) { for (int i = 0; i < n; i++) y[i] += a * x[i]; }
__attribute__((noinline)) int isum(const int *v, int n) { int s = 0; for (int i = 0; i < n; i++) s += v[i] * 3 - (v[i] >> 2); return s; }
__attribute__((noinline)) void bytes(unsigned char *d, const unsigned char *s, int n) { for (int i = 0; i < n; i++) d[i] = s[i] > 100 ? s[i] - 100 : s[i] + 7; }
int main(int argc, char **argv) {
    double v[64]; float a[1000], b[1000], y[1000]; int iv[1000]; unsigned char s8[1000], d8[1000];
    unsigned seed = 12345;
    for (int i = 0; i < 64; i++) { seed = seed * 1103515245 + 12345; v[i] = (seed % 100000) / 37.0 - 1000; }
    qsort(v, 64, sizeof v[0], cmp);
    for (int i = 0; i < 64; i += 9) printf("%.6f %g %e\n", v[i], v[i], v[i]);
    for (int i = 0; i < 1000; i++) { a[i] = i * 0.5f; b[i] = 1.0f / (i + 1); y[i] = i; iv[i] = i * 7 - 300; s8[i] = (unsigned char)(i * 13); }
    printf("dot %.6f\n", dot(a, b, 1000));
    saxpy(y, a, 0.25f, 1000); printf("saxpy %.4f %.4f\n", y[10], y[999]);
    printf("isum %d\n", isum(iv, 1000));
    bytes(d8, s8, 1000); unsigned t = 0; for (int i = 0; i < 1000; i++) t = t * 31 + d8[i]; printf("bytes %u\n", t);
    printf("math %.10f %.10f %.10f %.10f %.10f\n", sin(1.0), exp(2.5), log(10.0), pow(2.0, 0.3), sqrt(2.0));
    printf("round %ld %ld %.1f %.1f %d\n", lround(2.5), lrint(3.5), floor(-2.5), ceil(-2.5), (int)(-7.9));
    float32x4_t q = vld1q_f32(a + 4), r = vmulq_f32(q, vdupq_n_f32(2.0f));
    float rr[4]; vst1q_f32(rr, r); printf("neon %.1f %.1f %.1f %.1f %.1f\n", rr[0], rr[1], rr[2], rr[3], vaddvq_f32(r));
    uint8x16_t u = vld1q_u8(s8), w = vqaddq_u8(u, vdupq_n_u8(200)); printf("neon8 %u %u\n", vmaxvq_u8(w), vminvq_u8(u));
    int32x4_t i4 = vld1q_s32(iv + 100); printf("neon32 %d\n", vaddvq_s32(vmulq_s32(i4, i4)));
    uint8x16_t tb = vqtbl1q_u8(u, vld1q_u8(s8 + 3)); printf("tbl %u\n", vaddvq_u8(tb));
    int n = setjmp(jb); if (n == 0) jump(0); else printf("longjmp %d\n", n);
    char buf[64]; snprintf(buf, sizeof buf, "%.3f|%-8s|%08.2f", 1.0/3, "ab", -3.14159); printf("%s %zu\n", buf, strlen(buf));
    return argc + 2;
}
