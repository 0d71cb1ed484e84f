// libFuzzer target: vanban::fuzz::FuzzPdfSource (tests/fuzz/fuzz_targets.h). Run by scripts/fuzz.sh.
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vanban::fuzz::FuzzPdfSource(data, size);
  return 0;
}
