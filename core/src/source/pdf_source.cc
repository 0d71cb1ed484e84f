// The PDF driver: the text layer of each page through poppler-cpp, with word boxes, and the
// pages rendered as images for OCR. The document is parsed once, when the file is opened.
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vanban/internal/utf8.h"
#include "pdf_document.h"
#include "pdf_triage.h"
#include "source_drivers.h"
#include "vanban/legacy_encoding.h"
#include "vanban/page_images.h"
#include "vanban/source.h"
#include "vanban/text.h"

namespace vanban {
namespace {

// poppler's ustring::to_utf8() opens an iconv converter on every call, which costs more than the
// rest of our per-word work together; ustring is UTF-16 code units, so convert it directly.
std::string ToUtf8(const poppler::ustring& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    UChar32 c;
    U16_NEXT(s.data(), i, s.size(), c);
    internal::AppendUtf8(out, U_IS_SURROGATE(c) ? 0xFFFD : c);
  }
  return out;
}

BoundingBox ToBox(const poppler::rectf& r) { return {r.x(), r.y(), r.x() + r.width(), r.y() + r.height()}; }

struct LaidOutWord {
  Word word;
  bool space_after = false;
};

// Groups poppler's words (in reading order) into lines, and lines into blocks at large vertical gaps.
std::vector<Block> BuildBlocks(std::vector<LaidOutWord> words, int page_number) {
  std::vector<Line> lines;
  bool space_after_previous = false;
  for (LaidOutWord& w : words) {
    const BoundingBox& b = w.word.box;
    const double mid = (b.y0 + b.y1) / 2;
    bool same_line = false;
    if (!lines.empty()) {
      const BoundingBox& lb = *lines.back().box;
      const double h = std::max(lb.height(), b.height());
      same_line = mid > lb.y0 - 0.2 * h && mid < lb.y1 + 0.2 * h && b.x0 >= lines.back().words.back().box.x1 - 0.5 * h;
    }
    if (same_line) {
      Line& line = lines.back();
      if (space_after_previous || b.x0 - line.words.back().box.x1 > 0.15 * b.height()) line.text.push_back(' ');
      line.box = line.box->Including(b);
    } else {
      Line line;
      line.page = page_number;
      line.origin = Origin::kTextLayer;
      line.box = b;
      lines.push_back(std::move(line));
    }
    lines.back().text += w.word.text;
    lines.back().words.push_back(std::move(w.word));
    space_after_previous = w.space_after;
  }
  // Line pitch: the median distance between the tops of consecutive lines.
  std::vector<double> pitches;
  for (size_t i = 1; i < lines.size(); ++i) {
    const double d = lines[i].box->y0 - lines[i - 1].box->y0;
    if (d > 0) pitches.push_back(d);
  }
  double pitch = 0;
  if (!pitches.empty()) {
    std::nth_element(pitches.begin(), pitches.begin() + static_cast<long>(pitches.size() / 2), pitches.end());
    pitch = pitches[pitches.size() / 2];
  }
  std::vector<Block> blocks;
  for (size_t i = 0; i < lines.size(); ++i) {
    const double d = i ? lines[i].box->y0 - lines[i - 1].box->y0 : 0;
    if (blocks.empty() || (pitch > 0 && (d > 1.6 * pitch || d < -pitch))) blocks.emplace_back();
    blocks.back().lines.push_back(std::move(lines[i]));
  }
  for (Block& block : blocks) block.SetBoxFromLines();
  return blocks;
}

// True when `text` has at least 40 words and under 45 in 100 hold a letter with a Vietnamese mark
// (printed Vietnamese has 70-85; a scanner's OCR that lost most marks has 0-25),
// judged from the UTF-8 bytes alone: lead bytes 0xC3-0xC6 (à, ă, đ, ơ, ư...), 0xCC (combining
// marks) and E1 BA/BB (ạ..ỹ). Punctuation such as curly quotes, dashes and bullets (E2 ..) does not
// count: a layer that lost its marks but kept those is still flagged.
bool FewWordsWithVietnameseLetters(std::string_view text) {
  size_t words = 0, marked = 0;
  bool in_word = false, has_mark = false;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool space = i == text.size() || text[i] == ' ' || text[i] == '\n';
    if (space) {
      if (in_word && has_mark) ++marked;
      in_word = has_mark = false;
      continue;
    }
    if (!in_word) ++words;
    in_word = true;
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if ((byte >= 0xC3 && byte <= 0xC6) || byte == 0xCC || (byte == 0xE1 && (next == 0xBA || next == 0xBB))) {
      has_mark = true;
    }
  }
  return words >= 40 && marked * 100 < words * 45;
}

// A scanner's own OCR layer is not the page as printed; a fresh OCR is trusted over it. It shows
// in its words: many and almost none with a tone mark ("CONG HOA XA HOI"), or some marks (so
// Vietnamese, not another language) but too few and too many broken syllables for print
// ("Quyt djnh st 1675/QD-UBND ngày 09 tháng 8 närn 2017"). The note says why; "" when it reads as print.
std::string ScannerOcrNote(const TextQuality& q) {
  if (q.words < 40) return "";
  const double marked = static_cast<double>(q.vietnamese_marked) / q.words;
  if (marked < 0.05 && q.ValidRatio() > 0.5) return "text layer has no Vietnamese tone marks (a scanner's OCR?)";
  if (marked >= 0.1 && marked < 0.45 && q.ValidRatio() < 0.75) {
    return "text layer reads as a scanner's OCR (" + std::to_string(std::lround(100 * marked)) +
           "% of words with tone marks, " + std::to_string(std::lround(100 * q.ValidRatio())) + "% valid syllables)";
  }
  return "";
}

// Old PDFs typed with TCVN3 or VNI fonts carry those bytes as Latin-1 text. Decode them when the
// decoding clearly reads better; otherwise, if the layer is still not text, leave the page to OCR.
void RepairOrFlagTextLayer(Page& page) {
  const std::string printed = page.PrintedText();
  const auto flag = [&page](std::string note) {
    if (note.empty()) return;
    page.needs_ocr = true;
    page.note = std::move(note);
  };
  if (!MayBeLegacyMojibake(printed)) {
    // A byte count of the words that hold a Vietnamese letter first keeps the syllable check off
    // every ordinary Vietnamese page.
    if (FewWordsWithVietnameseLetters(printed)) flag(ScannerOcrNote(MeasureVietnameseQuality(printed)));
    return;
  }
  if (const auto legacy = DetectLegacyMojibake(printed)) {
    for (Block& block : page.blocks) {
      for (Line& line : block.lines) {
        line.text = DecodeLegacyMojibake(line.text, *legacy);
        for (Word& word : line.words) word.text = DecodeLegacyMojibake(word.text, *legacy);
      }
    }
    page.note = "text layer decoded from " + std::string(LegacyEncodingName(*legacy)) + " font encoding";
    return;
  }
  // Not a legacy font: a scanner's OCR also reads marks it cannot place as Latin-1 letters (ä, ü, ñ).
  const TextQuality q = MeasureVietnameseQuality(printed);
  if (q.words > 0 && q.SuspiciousRatio() > 0.3 && q.ValidRatio() < 0.3) {
    flag("text layer is not readable text (unknown font encoding)");
    return;
  }
  flag(ScannerOcrNote(q));
}

// An opened PDF: its text layers, and its pages as images. Keeps the bytes, which poppler reads in
// place.
class PdfFile final : public OpenedFile, public PageImages {
 public:
  PdfFile(std::shared_ptr<const std::string> bytes, std::unique_ptr<poppler::document> pdf, ImageLimits limits)
      : bytes_(std::move(bytes)), pdf_(std::move(pdf)), limits_(limits) {}

  Status ReadPages(Document& doc) override {
    const internal::PdfEnd end = internal::FindPdfEnd(*bytes_);
    if (!end.has_marker) {
      doc.errors.push_back({doc.source.path, 0, "corrupt",
                            "PDF is truncated (no %EOF marker at its end); text was recovered from what is there"});
    } else if (end.bytes_after_marker > 0) {
      doc.warnings.push_back(std::to_string(end.bytes_after_marker) +
                             " bytes of other data follow the PDF's end marker (%EOF); they were ignored");
    }
    const int count = pdf_->pages();
    for (int i = 0; i < count; ++i) {
      Page page;
      page.number = i + 1;
      page.origin = Origin::kTextLayer;
      std::unique_ptr<poppler::page> pdf_page(pdf_->create_page(i));
      if (!pdf_page) {
        page.needs_ocr = true;
        page.note = "page could not be read";
        doc.errors.push_back({doc.source.path, page.number, "corrupt", "page could not be read from the PDF"});
        doc.pages.push_back(std::move(page));
        continue;
      }
      const poppler::rectf media = pdf_page->page_rect(poppler::media_box);
      page.width = media.width();
      page.height = media.height();
      std::vector<LaidOutWord> words;
      for (const poppler::text_box& box : pdf_page->text_list()) {
        std::string text = ToUtf8(box.text());
        if (text.empty()) continue;
        words.push_back({Word{std::move(text), ToBox(box.bbox()), 1.0f}, box.has_space_after()});
      }
      if (words.empty()) {
        page.needs_ocr = true;
        page.note = "no text layer";
      } else {
        page.blocks = BuildBlocks(std::move(words), page.number);
        TriageTextLayer(i, page, doc);
      }
      doc.pages.push_back(std::move(page));
    }
    return Status::Ok();
  }

  PageImages* page_images() override { return this; }
  int page_count() const override { return pdf_->pages(); }
  StatusOr<PixPtr> Image(int number, int dpi, std::string* /*note*/) override {
    VANBAN_ASSIGN_OR_RETURN(PixPtr pix, internal::RenderPdfPage(*pdf_, number - 1, dpi, limits_));
    // The stamp's text is in the record already; drawn on the image it would be read again, as
    // part of the header it often overlaps.
    if (const auto it = stamp_boxes_.find(number); it != stamp_boxes_.end()) {
      const double scale = dpi / 72.0;
      for (const BoundingBox& b : it->second) {
        constexpr double margin = 2.0;  // points: the glyphs' antialiased edges
        BOX* box = boxCreate(static_cast<l_int32>((b.x0 - margin) * scale), static_cast<l_int32>((b.y0 - margin) * scale),
                             static_cast<l_int32>((b.width() + 2 * margin) * scale),
                             static_cast<l_int32>((b.height() + 2 * margin) * scale));
        if (box == nullptr) continue;
        pixSetInRect(pix.get(), box);  // all bits set: white
        boxDestroy(&box);
      }
    }
    return pix;
  }

 private:
  // Decides whether the page's text layer is its text: sets its e-signature stamps apart (into the
  // record, and off the image OCR will read), mends or flags a legacy-font or tone-less layer, and
  // sends to OCR a page whose layer accounts for little of its ink (a scan under a thin layer).
  void TriageTextLayer(int index, Page& page, Document& doc) {
    for (SignatureStamp& stamp : internal::TakeSignatureStamps(page)) {
      stamp_boxes_[page.number].push_back(*stamp.box);
      doc.signatures.push_back(std::move(stamp));
    }
    if (page.blocks.empty()) {
      page.needs_ocr = true;
      page.note = "text layer is only an e-signature stamp";
      return;
    }
    RepairOrFlagTextLayer(page);
    if (page.needs_ocr || !internal::LayerCoversLittleOfPage(page)) return;
    const StatusOr<PixPtr> small = internal::RenderPdfPage(*pdf_, index, internal::kInkRenderDpi, limits_);
    if (!small.ok()) return;  // the page keeps its layer; rendering it for OCR will say what failed
    const std::optional<internal::InkCoverage> ink = internal::MeasureInkCoverage(*small.value(), page);
    if (!ink || ink->covered() >= internal::kMinInkCoveredByLayer) return;
    page.needs_ocr = true;
    page.note = "text layer accounts for " + std::to_string(static_cast<int>(std::lround(100 * ink->covered()))) +
                "% of the page's print (a stamp or a caption over a scanned image)";
  }

  std::shared_ptr<const std::string> bytes_;  // declared first: destroyed after the document
  std::unique_ptr<poppler::document> pdf_;
  ImageLimits limits_;
  std::map<int, std::vector<BoundingBox>> stamp_boxes_;  // by page number: whited out of its images
};

class PdfDriver final : public SourceDriver {
 public:
  std::string_view Name() const override { return "pdf"; }
  std::string_view Description() const override {
    return "PDF: text layers with word boxes (legacy-font text decoded); pages without one rendered for OCR";
  }
  std::string_view Identify(std::string_view head) const override {
    // PDF readers accept the header anywhere in the first kilobyte.
    return head.substr(0, 1024).find("%PDF-") != std::string_view::npos ? kMediaPdf : std::string_view();
  }
  StatusOr<std::unique_ptr<OpenedFile>> Open(std::shared_ptr<const std::string> bytes, std::string_view,
                                             const SourceOptions& options) const override {
    VANBAN_ASSIGN_OR_RETURN(std::unique_ptr<poppler::document> pdf, internal::OpenPdf(*bytes, options.pdf_password));
    return std::unique_ptr<OpenedFile>(new PdfFile(std::move(bytes), std::move(pdf), options.image_limits));
  }
};

}  // namespace

namespace internal {
std::unique_ptr<SourceDriver> MakePdfDriver() { return std::make_unique<PdfDriver>(); }
}  // namespace internal

}  // namespace vanban
