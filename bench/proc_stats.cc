// proc_stats RUNS CMD [ARGS...]: runs CMD RUNS times (stdout/stderr to
// /dev/null) and prints "median_ms p10_ms p90_ms median_peak_rss_kib".
// fork + execvp + wait4 gives both wall time and peak RSS without a shell.
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

static double NowMs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s RUNS CMD [ARGS...]\n", argv[0]);
    return 2;
  }
  int runs = atoi(argv[1]);
  std::vector<double> wall;
  std::vector<long> rss;
  for (int i = 0; i < runs; i++) {
    double t0 = NowMs();
    pid_t pid = fork();
    if (pid == 0) {
      int null = open("/dev/null", O_RDWR);
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
      execvp(argv[2], argv + 2);
      _exit(127);
    }
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    wall.push_back(NowMs() - t0);
    rss.push_back(ru.ru_maxrss);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "%s: command failed (status %d)\n", argv[0], status);
      return 1;
    }
  }
  std::sort(wall.begin(), wall.end());
  std::sort(rss.begin(), rss.end());
  printf("%.2f %.2f %.2f %ld\n", wall[runs / 2], wall[runs / 10], wall[runs * 9 / 10], rss[runs / 2]);
  return 0;
}
