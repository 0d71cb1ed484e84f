// Extracts one file through vanban's public API and prints its record, as `vanban extract` does.
//   extract_seed FILE   (the data directory from VANBAN_DATA_DIR)
#include <cstdio>

#include <vanban/pipeline.h>
#include <vanban/record.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: extract_seed FILE\n");
    return 2;
  }
  vanban::StatusOr<std::unique_ptr<vanban::Engine>> engine = vanban::Engine::Create();
  if (!engine.ok()) {
    std::fprintf(stderr, "extract_seed: %s\n", engine.status().message().c_str());
    return 2;
  }
  const vanban::ProcessedDocument d = (*engine)->Process(argv[1], vanban::PipelineOptions{});
  std::printf("%s\n", vanban::WriteRecord(d.document, &d.extraction).c_str());
  return d.ok() ? 0 : 1;
}
