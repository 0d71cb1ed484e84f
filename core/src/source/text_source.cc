// The plain-text driver: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy Vietnamese
// encodings TCVN3 and VNI, told apart by which decoding reads as Vietnamese.
#include <string>
#include <vector>

#include "source_drivers.h"
#include "vanban/legacy_encoding.h"
#include "vanban/source.h"
#include "vanban/text.h"

namespace vanban {
namespace {

// Splits decoded text into pages at form feeds (pdftotext's page separator) and lines at '\n'.
void FillPages(std::string_view text, Document& doc) {
  int number = 0;
  size_t page_start = 0;
  while (page_start <= text.size()) {
    size_t page_end = text.find('\f', page_start);
    if (page_end == std::string_view::npos) page_end = text.size();
    const std::string_view page_text = text.substr(page_start, page_end - page_start);
    Page page;
    page.number = ++number;
    page.origin = Origin::kPlainText;
    Block block;
    size_t line_start = 0;
    while (line_start <= page_text.size()) {
      size_t line_end = page_text.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = page_text.size();
      std::string_view line = page_text.substr(line_start, line_end - line_start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      block.lines.push_back(Line{std::string(line), page.number, std::nullopt, 1.0f, Origin::kPlainText, {}});
      line_start = line_end + 1;
    }
    page.blocks.push_back(std::move(block));
    doc.pages.push_back(std::move(page));
    page_start = page_end + 1;
  }
}

std::string LineAndColumn(std::string_view bytes, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) {
      ++column;  // columns count characters, not bytes
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool ReadsAsVietnamese(const TextQuality& q) {
  return q.words > 0 && q.ValidRatio() >= 0.5 && q.SuspiciousRatio() < 0.2 && q.vietnamese_marked > 0;
}

// Text in memory, for the driver's opened file.
class TextFile final : public OpenedFile {
 public:
  explicit TextFile(std::shared_ptr<const std::string> bytes) : bytes_(std::move(bytes)) {}
  Status ReadPages(Document& doc) override { return IngestText(*bytes_, doc); }

 private:
  std::shared_ptr<const std::string> bytes_;
};

class TextDriver final : public SourceDriver {
 public:
  std::string_view Name() const override { return "text"; }
  std::string_view Description() const override {
    return "plain text: UTF-8, UTF-16 with BOM, TCVN3 and VNI; form feeds separate pages";
  }
  std::string_view Identify(std::string_view head) const override {
    if (head.starts_with("\xEF\xBB\xBF") || head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
      return kMediaText;
    }
    // Text has no NUL bytes and few control characters; TCVN3's VN1 level uses a handful of C0 codes
    // for capital letters, so a small share is allowed.
    size_t controls = 0;
    for (unsigned char c : head) {
      if (c == 0) return {};
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++controls;
    }
    return controls * 20 > head.size() ? std::string_view() : kMediaText;
  }
  StatusOr<std::unique_ptr<OpenedFile>> Open(std::shared_ptr<const std::string> bytes, std::string_view,
                                             const SourceOptions&) const override {
    return std::unique_ptr<OpenedFile>(new TextFile(std::move(bytes)));
  }
};

}  // namespace

namespace internal {
std::unique_ptr<SourceDriver> MakeTextDriver() { return std::make_unique<TextDriver>(); }
}  // namespace internal

Status IngestText(std::string_view bytes, Document& doc) {
  std::string text;
  Status status;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const bool big_endian = bytes[0] == '\xFE';
    doc.source.encoding = big_endian ? "utf-16be" : "utf-16le";
    VANBAN_ASSIGN_OR_RETURN(text, Utf16ToUtf8(bytes.substr(2), big_endian));
  } else {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (const auto bad = FindInvalidUtf8(bytes); !bad) {
      doc.source.encoding = "utf-8";
      text = std::string(bytes);
      // Legacy-font text copied out of old PDFs and saved as UTF-8 is still TCVN3/VNI underneath.
      if (const auto legacy = DetectLegacyMojibake(text)) {
        text = DecodeLegacyMojibake(text, *legacy);
        doc.source.encoding = "utf-8 (" + std::string(LegacyEncodingName(*legacy)) + " mojibake, decoded)";
      }
    } else {
      std::optional<LegacyEncoding> best;
      double best_ratio = 0;
      for (LegacyEncoding e : {LegacyEncoding::kTcvn3, LegacyEncoding::kVni}) {
        const TextQuality q = MeasureVietnameseQuality(DecodeLegacyBytes(bytes, e));
        if (ReadsAsVietnamese(q) && q.ValidRatio() > best_ratio) {
          best = e;
          best_ratio = q.ValidRatio();
        }
      }
      if (best) {
        doc.source.encoding = std::string(LegacyEncodingName(*best));
        text = DecodeLegacyBytes(bytes, *best);
      } else {
        doc.source.encoding = "utf-8 (invalid)";
        text = ReplaceInvalidUtf8(bytes);
        status = Status::Corrupt("invalid UTF-8 at byte " + std::to_string(*bad) + " (" + LineAndColumn(bytes, *bad) +
                                 "), and the text is not TCVN3 or VNI either; bad bytes were replaced by U+FFFD");
      }
    }
  }
  FillPages(text, doc);
  return status;
}

}  // namespace vanban
