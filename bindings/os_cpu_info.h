// os.cpus() data for bindings/os.cc, read as libuv 1.46 reads it on Linux:
// per-CPU times from /proc/stat, the model from /proc/cpuinfo and the current
// frequency from cpufreq. Included by os.cc only (a .cc file here would be
// taken for a binding of its own).
#ifndef KILN_BINDINGS_OS_CPU_INFO_H_
#define KILN_BINDINGS_OS_CPU_INFO_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace kiln::bindings::os {

// Reads a small /proc or /sys file; false when it cannot be read.
inline bool Slurp(const char* path, std::string* out) {
  FILE* fp = fopen(path, "re");
  if (fp == nullptr) return false;
  char buf[4096];
  size_t n;
  out->clear();
  while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) out->append(buf, n);
  fclose(fp);
  return true;
}

struct CpuInfo {
  std::string model = "unknown";
  uint64_t speed = 0;  // MHz
  uint64_t user = 0, nice = 0, sys = 0, idle = 0, irq = 0;  // ms
};

#if defined(__aarch64__)
// /proc/cpuinfo names ARM cores by part number only.
inline const char* ArmPartName(const std::string& part) {
  static const struct { const char* part; const char* name; } kParts[] = {
      {"0x811", "ARM810"}, {"0x920", "ARM920"}, {"0x922", "ARM922"}, {"0x926", "ARM926"},
      {"0x940", "ARM940"}, {"0x946", "ARM946"}, {"0x966", "ARM966"}, {"0xa20", "ARM1020"},
      {"0xa22", "ARM1022"}, {"0xa26", "ARM1026"}, {"0xb02", "ARM11 MPCore"},
      {"0xb36", "ARM1136"}, {"0xb56", "ARM1156"}, {"0xb76", "ARM1176"},
      {"0xc05", "Cortex-A5"}, {"0xc07", "Cortex-A7"}, {"0xc08", "Cortex-A8"},
      {"0xc09", "Cortex-A9"}, {"0xc0d", "Cortex-A17"}, {"0xc0f", "Cortex-A15"},
      {"0xc0e", "Cortex-A17"}, {"0xc14", "Cortex-R4"}, {"0xc15", "Cortex-R5"},
      {"0xc17", "Cortex-R7"}, {"0xc18", "Cortex-R8"}, {"0xc20", "Cortex-M0"},
      {"0xc21", "Cortex-M1"}, {"0xc23", "Cortex-M3"}, {"0xc24", "Cortex-M4"},
      {"0xc27", "Cortex-M7"}, {"0xc60", "Cortex-M0+"}, {"0xd01", "Cortex-A32"},
      {"0xd03", "Cortex-A53"}, {"0xd04", "Cortex-A35"}, {"0xd05", "Cortex-A55"},
      {"0xd06", "Cortex-A65"}, {"0xd07", "Cortex-A57"}, {"0xd08", "Cortex-A72"},
      {"0xd09", "Cortex-A73"}, {"0xd0a", "Cortex-A75"}, {"0xd0b", "Cortex-A76"},
      {"0xd0c", "Neoverse-N1"}, {"0xd0d", "Cortex-A77"}, {"0xd0e", "Cortex-A76AE"},
      {"0xd13", "Cortex-R52"}, {"0xd20", "Cortex-M23"}, {"0xd21", "Cortex-M33"},
      {"0xd41", "Cortex-A78"}, {"0xd42", "Cortex-A78AE"}, {"0xd4a", "Neoverse-E1"},
      {"0xd4b", "Cortex-A78C"},
  };
  for (const auto& p : kParts) {
    if (part == p.part) return p.name;
  }
  return "unknown";
}
static const char kModelMarker[] = "CPU part\t: ";
#elif defined(__arm__)
static const char kModelMarker[] = "Processor\t: ";
#elif defined(__PPC__)
static const char kModelMarker[] = "cpu\t\t: ";
#else
static const char kModelMarker[] = "model name\t: ";
#endif

// Splits `data` into lines without their '\n'.
inline std::vector<std::string> Lines(const std::string& data) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    if (nl == std::string::npos) nl = data.size();
    lines.push_back(data.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// The model of each CPU listed in /proc/cpuinfo: like libuv, every listed
// CPU gets the first model name found (at most 63 bytes).
inline void ReadModels(std::map<unsigned, CpuInfo>* cpus) {
  std::string data;
  if (!Slurp("/proc/cpuinfo", &data)) return;
  std::vector<std::string> lines = Lines(data);
  std::string first_model;
  size_t i = 0;
  while (i < lines.size()) {
    unsigned cpu;
    if (sscanf(lines[i].c_str(), "processor : %u", &cpu) != 1) break;
    i++;
    bool found = false;
    for (; i < lines.size() && !found; i++) {
      found = lines[i].compare(0, sizeof(kModelMarker) - 1, kModelMarker) == 0;
      if (found && first_model.empty()) {
        std::string value = lines[i].substr(sizeof(kModelMarker) - 1);
#if defined(__aarch64__)
        value = ArmPartName(value);
#endif
        first_model = value.substr(0, 63);
      }
    }
    if (found) {
      auto it = cpus->find(cpu);
      if (it != cpus->end()) it->second.model = first_model;
    }
    while (i < lines.size()) {  // past the blank line that ends the block
      if (lines[i++].empty()) break;
    }
  }
}

// Per-CPU times from /proc/stat (clock ticks of 10 ms), models from
// /proc/cpuinfo and the current frequency from cpufreq (0 when absent).
inline bool ReadCpuInfo(std::vector<CpuInfo>* out) {
  std::string data;
  if (!Slurp("/proc/stat", &data)) return false;
  std::vector<std::string> lines = Lines(data);
  std::map<unsigned, CpuInfo> cpus;
  for (size_t i = 1; i < lines.size(); i++) {  // line 0 is the "cpu " total
    unsigned cpu;
    unsigned long long user, nice, sys, idle, iowait, irq;
    if (sscanf(lines[i].c_str(), "cpu%u %llu %llu %llu %llu %llu %llu", &cpu, &user, &nice, &sys,
               &idle, &iowait, &irq) != 7) {
      break;
    }
    if (cpu >= 8192) continue;
    CpuInfo& info = cpus[cpu];
    info.user = 10 * user;
    info.nice = 10 * nice;
    info.sys = 10 * sys;
    info.idle = 10 * idle;
    info.irq = 10 * irq;
  }
  ReadModels(&cpus);
  for (auto& [cpu, info] : cpus) {
    char path[96];
    snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/cpufreq/scaling_cur_freq", cpu);
    std::string freq;
    unsigned long long khz;
    if (Slurp(path, &freq) && sscanf(freq.c_str(), "%llu", &khz) == 1) info.speed = khz / 1000;
    out->push_back(info);
  }
  return true;
}

}  // namespace kiln::bindings::os

#endif  // KILN_BINDINGS_OS_CPU_INFO_H_
