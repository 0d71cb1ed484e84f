// vanban-bench-commands: times shell commands side by side, alternating them run after run so that
// machine noise hits each alike, and prints medians and ratios against the first (the baseline).
//
//   vanban-bench-commands [--runs N] [--units N --unit-name pages] 'label=command' 'label=command' ...
//
// Wall time from a steady clock; CPU time and peak RSS from wait4()'s rusage of each run.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Sample {
  double wall_s = 0, cpu_s = 0;
  long max_rss_kb = 0;
};

struct Subject {
  std::string label, command;
  std::vector<Sample> samples;
};

bool RunOnce(const std::string& command, Sample& sample) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) != pid) return false;
  sample.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sample.cpu_s = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                 double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  sample.max_rss_kb = usage.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "bench: command failed (status %d): %s\n", status, command.c_str());
    return false;
  }
  return true;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int Usage() {
  std::fprintf(stderr,
               "usage: vanban-bench-commands [--runs N] [--units N] [--unit-name NAME] 'label=command' ...\n"
               "The first command is the baseline; each is run N times (default 5), alternating.\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  double units = 0;
  std::string unit_name = "units";
  std::vector<Subject> subjects;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (arg == "--units" && i + 1 < argc) {
      units = std::atof(argv[++i]);
    } else if (arg == "--unit-name" && i + 1 < argc) {
      unit_name = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      return Usage() - 2;
    } else if (const size_t eq = arg.find('='); eq != std::string::npos && eq > 0) {
      subjects.push_back({arg.substr(0, eq), arg.substr(eq + 1), {}});
    } else {
      return Usage();
    }
  }
  if (subjects.empty() || runs < 1) return Usage();
  for (Subject& s : subjects) {  // one warm-up run each: page cache, fonts, dynamic linking
    Sample warm;
    if (!RunOnce(s.command, warm)) return 1;
  }
  for (int r = 0; r < runs; ++r) {
    for (Subject& s : subjects) {
      Sample sample;
      if (!RunOnce(s.command, sample)) return 1;
      s.samples.push_back(sample);
    }
  }
  std::printf("%-22s %10s %10s %12s %10s %12s\n", "command", "wall_s", "cpu_s", "peak_rss_mb", "x_base",
              units > 0 ? (unit_name + "/s").c_str() : "");
  double base_wall = 0;
  for (const Subject& s : subjects) {
    std::vector<double> wall, cpu;
    long rss = 0;
    for (const Sample& x : s.samples) {
      wall.push_back(x.wall_s);
      cpu.push_back(x.cpu_s);
      rss = std::max(rss, x.max_rss_kb);
    }
    const double w = Median(wall), c = Median(cpu);
    if (base_wall == 0) base_wall = w;
    std::printf("%-22s %10.3f %10.3f %12.1f %10.2f", s.label.c_str(), w, c, double(rss) / 1024, w / base_wall);
    if (units > 0) std::printf(" %12.1f", units / w);
    std::printf("\n");
  }
  std::printf("(medians of %d runs after one warm-up; x_base = wall time / %s's)\n", runs, subjects[0].label.c_str());
  return 0;
}
