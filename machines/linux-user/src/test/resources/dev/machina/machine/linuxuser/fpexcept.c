/* FPSR cumulative exception flags through <fenv.h>, one operation at a time. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>

static volatile double d0 = 0.0, d1 = 1.0, d3 = 3.0, dmax = DBL_MAX, dmin = DBL_MIN, big = 1e20, half = 2.5, neg = -1.0, dnan = NAN;
static volatile float f1 = 1.0f, f3 = 3.0f, fmx = FLT_MAX, fq = 0.75f;
static volatile long l64 = 9007199254740993L;
static volatile int i32 = 16777217;

static void show(const char *what) {
    int e = fetestexcept(FE_ALL_EXCEPT);
    printf("%-12s%s%s%s%s%s\n", what, e & FE_INVALID ? " invalid" : "", e & FE_DIVBYZERO ? " divbyzero" : "",
           e & FE_OVERFLOW ? " overflow" : "", e & FE_UNDERFLOW ? " underflow" : "", e & FE_INEXACT ? " inexact" : "");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void) {
    volatile double r; volatile float f; volatile long l; volatile int i; volatile int b;
    feclearexcept(FE_ALL_EXCEPT);
    r = d1 + d3; show("exact add");
    r = d1 / d3; show("1/3");
    r = d1 / d0; show("1/0");
    r = d0 / d0; show("0/0");
    r = dmax * d3; show("max*3");
    r = dmin / d3; show("min/3");
    r = sqrt(neg); show("sqrt(-1)");
    r = sqrt(d3); show("sqrt(3)");
    r = fma(d1 / d3, d3, -d1); show("fma");
    l = (long)big; show("(long)1e20");
    i = (int)half; show("(int)2.5");
    i = (int)d3; show("(int)3");
    r = (double)l64; show("(double)l");
    f = (float)i32; show("(float)i");
    f = f1 / f3; show("1f/3f");
    f = fmx * f3; show("fmax*3");
    f = fq * f3; show("0.75f*3");
    f = (float)(d1 / d3); show("fcvt d->s");
    b = d1 < dnan; show("1 < nan");
    b = isless(d1, dnan); show("isless");
    r = rint(half); show("rint 2.5");
    r = nearbyint(half); show("nearbyint");
    r = floor(half); show("floor");
    return 0;
}
