/* Signal handlers: raise() with a handler that returns, a SIGSEGV caught and left with siglongjmp,
   SA_RESETHAND, the blocked mask inside a handler, and finally death by SIGABRT (exit status 134). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static sigjmp_buf env;

static void on_usr1(int sig) { got += sig; }
static void on_segv(int sig, siginfo_t *si, void *uc) { (void)uc; got = (int)(long)si->si_addr; siglongjmp(env, sig); }
static void on_usr2(int sig) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("in handler %d: usr2 blocked=%d\n", sig, sigismember(&now, SIGUSR2));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("usr1 handled, got=%d\n", (int)got);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    int r = sigsetjmp(env, 1);
    if (r == 0) {
        *(volatile int *)0x1230 = 1;
        printf("not reached\n");
    }
    printf("segv caught: ret=%d addr=0x%x\n", r, (unsigned)got);

    signal(SIGUSR2, on_usr2);
    raise(SIGUSR2);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("after handler: usr2 blocked=%d\n", sigismember(&now, SIGUSR2));

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    got = 0;
    raise(SIGUSR1);
    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    printf("resethand: got=%d default=%d\n", (int)got, old.sa_handler == SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    int fds[2];
    pipe(fds);
    close(fds[0]);
    printf("write to closed pipe: %ld\n", (long)write(fds[1], "x", 1));
    got = 0;
    signal(SIGUSR1, on_usr1);
    pid_t child = fork();
    if (child == 0) {
        kill(getppid(), SIGUSR1);
        _exit(9);
    }
    int status;
    while (waitpid(child, &status, 0) < 0) {
    }
    for (int spin = 0; spin < 1000000 && got == 0; spin++) {
        getpid();
    }
    printf("from child: got=%d exit=%d\n", (int)got, WEXITSTATUS(status));
    abort();
}
