/*
 * Self-modifying code, for the recompiler (issue 9): code written into an executable mapping,
 * made visible with the cache maintenance the architecture asks for (DC CVAU, DSB, IC IVAU,
 * DSB, ISB, here through __builtin___clear_cache), run, then rewritten and run again; and a
 * function that patches an instruction further on in its own straight-line code (one
 * translated block) before reaching it, with and without the maintenance in between.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

extern char patch_start[], patch_site[], patch_end[];
extern char plain_start[], plain_site[], plain_end[];

/* f(word): writes word over patch_site, maintains the caches, then runs it: returns 0 + its effect on w0. */
__asm__(".text\n"
        ".global patch_start\n.global patch_site\n.global patch_end\n"
        "patch_start:\n"
        "  mov w2, w0\n"
        "  mov w0, #0\n"
        "  adr x1, patch_site\n"
        "  str w2, [x1]\n"
        "  dc cvau, x1\n"
        "  dsb ish\n"
        "  ic ivau, x1\n"
        "  dsb ish\n"
        "  isb\n"
        "patch_site:\n"
        "  nop\n"
        "  ret\n"
        "patch_end:\n"
        /* the same without maintenance: the store and the patched word in one straight run */
        ".global plain_start\n.global plain_site\n.global plain_end\n"
        "plain_start:\n"
        "  mov w2, w0\n"
        "  mov w0, #0\n"
        "  adr x1, plain_site\n"
        "  str w2, [x1]\n"
        "  add w0, w0, #1000\n"
        "plain_site:\n"
        "  nop\n"
        "  ret\n"
        "plain_end:\n");

typedef int (*fn)(uint32_t);

static uint32_t add_w0(int k) {
    return 0x11000000u | (uint32_t) k << 10; /* add w0, w0, #k */
}

int main(void) {
    uint32_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    /* 1. a whole function rewritten between calls: add w0, w0, #k; ret */
    long total = 0;
    for (int k = 1; k <= 200; k++) {
        page[0] = add_w0(k);
        page[1] = 0xd65f03c0u; /* ret */
        __builtin___clear_cache((char *) page, (char *) (page + 2));
        fn f = (fn) page;
        for (int i = 0; i < 60; i++) {
            total += f((uint32_t) i) - i;
        }
    }
    printf("rewritten: %ld (expect %ld)\n", total, 60L * 200 * 201 / 2);

    /* 2. code that patches itself ahead, with maintenance, then without */
    char *self = (char *) (page + 64);
    memcpy(self, patch_start, (size_t) (patch_end - patch_start));
    char *plain = (char *) (page + 256);
    memcpy(plain, plain_start, (size_t) (plain_end - plain_start));
    __builtin___clear_cache((char *) page, (char *) page + 4096);
    fn patch = (fn) self;
    fn patchPlain = (fn) plain;
    long sum = 0, sumPlain = 0;
    int wrong = 0, wrongPlain = 0;
    for (int round = 0; round < 3; round++) {
        for (int k = 1; k <= 100; k++) {
            int r = patch(add_w0(k));
            sum += r;
            wrong += r != k;
            int p = patchPlain(add_w0(k));
            sumPlain += p;
            wrongPlain += p != 1000 + k;
        }
    }
    printf("self-patching with maintenance: sum %ld, %d wrong\n", sum, wrong);
    printf("self-patching in one block: sum %ld, %d wrong\n", sumPlain, wrongPlain);
    return wrong + wrongPlain != 0;
}
