/* Scalar arithmetic in each FPCR rounding mode (fesetround), printed exactly with %a. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>

static volatile double a = 1.0, b = 3.0, c = -2.0, big = DBL_MAX, tiny = 1e-300, s = 2.0;
static volatile float fa = 1.0f, fb = 3.0f, fc = -7.0f;

int main(void) {
    const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    const char *names[] = {"nearest", "upward", "downward", "towardzero"};
    for (int k = 0; k < 4; k++) {
        fesetround(modes[k]);
        volatile double q = a / b, nq = c / b, sum = q + 1e-17, prod = q * nq, r = sqrt(s), f = fma(q, b, tiny), ov = big * 2.0, nov = -big * 2.0;
        volatile float fq = fa / fb, fn = fc / fb, fp = fq * fn, fs = fq + fn;
        printf("%-10s %a %a %a %a %a %a %a %a\n", names[k], q, nq, sum, prod, r, f, ov, nov);
        printf("%-10s %a %a %a %a\n", names[k], fq, fn, fp, fs);
    }
    return 0;
}
