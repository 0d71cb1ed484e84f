// vanban-ocr-eval: character and word error rates of OCR output against ground truth, per page and in
// total. Ground truth is DIR/page-NNNN.gt.txt; hypotheses are either vanban's JSON Lines records (one
// per page image, in the order given) or text files named like the images with a .txt extension
// (the tesseract CLI's output).
// Two-column regions of the ground truth are read left column first (vanban::LaidOutTextInReadingOrder);
// --printed-order compares with the ground truth line by line across the columns instead, which
// measures recognition alone (the plain tesseract CLI reads two-column rows that way).
//   vanban-ocr-eval [--printed-order] --truth DIR --vanban records.jsonl IMAGE...
//   vanban-ocr-eval [--printed-order] --truth DIR --text-dir OUT IMAGE...
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "vanban/metrics.h"
#include "vanban/normalize.h"

namespace {

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string truth_dir, jsonl, text_dir;
  std::vector<std::string> images;
  bool printed_order = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--printed-order")) {
      printed_order = true;
    } else if (!std::strcmp(argv[i], "--truth") && i + 1 < argc) {
      truth_dir = argv[++i];
    } else if (!std::strcmp(argv[i], "--vanban") && i + 1 < argc) {
      jsonl = argv[++i];
    } else if (!std::strcmp(argv[i], "--text-dir") && i + 1 < argc) {
      text_dir = argv[++i];
    } else {
      images.push_back(argv[i]);
    }
  }
  if (truth_dir.empty() || (jsonl.empty() == text_dir.empty()) || images.empty()) {
    std::fprintf(stderr,
                 "usage: vanban-ocr-eval [--printed-order] --truth DIR (--vanban records.jsonl | --text-dir DIR) "
                 "IMAGE...\n");
    return 2;
  }
  std::vector<std::string> hypotheses;
  if (!jsonl.empty()) {
    std::istringstream lines(Read(jsonl));
    for (std::string line; std::getline(lines, line);) {
      const auto record = nlohmann::json::parse(line, nullptr, false);
      std::string text;
      if (!record.is_discarded()) {
        for (const auto& page : record["pages"]) text += page["text"].get<std::string>() + "\n";
      }
      hypotheses.push_back(text);
    }
  } else {
    for (const std::string& image : images) {
      hypotheses.push_back(Read(std::filesystem::path(text_dir) / (std::filesystem::path(image).stem().string() + ".txt")));
    }
  }
  if (hypotheses.size() != images.size()) {
    std::fprintf(stderr, "vanban-ocr-eval: %zu hypotheses for %zu images\n", hypotheses.size(), images.size());
    return 1;
  }
  double char_errors = 0, chars = 0, word_errors = 0, words = 0;
  for (size_t i = 0; i < images.size(); ++i) {
    // Two-column regions of the laid-out ground truth (header, signature) are compared in reading
    // order, left column first: reading them line by line across mixes the issuer with the motto.
    const std::string printed =
        Read(std::filesystem::path(truth_dir) / (std::filesystem::path(images[i]).stem().string() + ".gt.txt"));
    const std::string truth = printed_order ? printed : vanban::LaidOutTextInReadingOrder(printed);
    const double n = static_cast<double>(vanban::CollapseWhitespace(truth).size());
    const double cer = vanban::CharacterErrorRate(truth, hypotheses[i]);
    const double wer = vanban::WordErrorRate(truth, hypotheses[i]);
    std::istringstream ws(truth);
    double nw = 0;
    for (std::string w; ws >> w;) ++nw;
    std::printf("%-16s CER %6.2f%%  WER %6.2f%%\n", std::filesystem::path(images[i]).filename().c_str(), cer * 100,
                wer * 100);
    char_errors += cer * n;
    chars += n;
    word_errors += wer * nw;
    words += nw;
  }
  std::printf("TOTAL            CER %6.2f%%  WER %6.2f%%  (%zu pages)\n", 100 * char_errors / chars,
              100 * word_errors / words, images.size());
  return 0;
}
