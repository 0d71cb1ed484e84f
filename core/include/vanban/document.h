// The document model shared by every stage: Document -> Pages -> Blocks -> Lines -> Words.
//
// A source (text file, PDF text layer, OCR) fills the pages with the text as printed. The
// normalizer then builds `text`, the whole document as NFC paragraphs, and a TextMap from byte
// offsets in `text` back to the printed page text, so every later finding can show the printed
// words it rests on. After normalization the Document is read-only and passed as `const&`.
//
// Thread-safety: plain values; a const Document may be read from many threads.
#ifndef VANBAN_DOCUMENT_H_
#define VANBAN_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

// Where a line's text came from.
enum class Origin { kPlainText, kTextLayer, kOcr };
std::string_view OriginName(Origin origin);  // "plain_text", "text_layer", "ocr"

// Axis-aligned box in page units: PDF points for text layers, pixels for OCR; origin top left.
struct BoundingBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  // The smallest box holding this one and `other`.
  BoundingBox Including(const BoundingBox& other) const;
};

// One character of an OCR-read word, as the engine segmented it.
struct Glyph {
  std::string text;  // UTF-8, usually one code point
  BoundingBox box;
  float confidence = 1.0f;  // 0..1
};

struct Word {
  std::string text;  // as printed, UTF-8
  BoundingBox box;
  float confidence = 1.0f;  // 0..1; 1 for text layers and plain text
  // Only for OCR words in the top half of page 1, where the header's blanks are found
  // (vanban/handwriting.h); empty elsewhere, which keeps long scans small.
  std::vector<Glyph> glyphs;
};

struct Line {
  std::string text;  // as printed (words joined by the spaces the source reported), UTF-8
  int page = 0;      // 1-based
  std::optional<BoundingBox> box;
  float confidence = 1.0f;
  Origin origin = Origin::kPlainText;
  std::vector<Word> words;  // empty for plain text

  // For lines built from recognized words: text = the words joined by single spaces, box = the
  // box around them, confidence = their mean. Leaves the line as it is when it has no words.
  void SetFromWords();

  // Gives the line the text `corrected` (post-correction changed some words) and its words the
  // same text: the i-th space-separated token to the i-th word when the counts agree, keeping
  // each word's box and confidence; otherwise (a correction split or joined words) the words are
  // made again from the tokens, each with a share of the line's box in proportion to its length
  // and the line's confidence. The outputs that lay words over the page image read the words.
  void SetText(std::string corrected);
};

struct Block {
  std::vector<Line> lines;
  std::optional<BoundingBox> box;

  // Sets box to the box around the lines that have one (unset when none has).
  void SetBoxFromLines();
};

// A change made to recognized text (OCR post-correction), kept as evidence.
struct TextCorrection {
  std::string printed;    // as the engine read it
  std::string corrected;  // what the page text now says
  float confidence = 0;   // 0..1
  std::string reason;     // "context", "invalid syllable", "eth for đ", "symbol shape", "date shape"
};

struct Page {
  int number = 0;  // 1-based
  Origin origin = Origin::kPlainText;
  double width = 0, height = 0;  // page size in box units, 0 when unknown
  std::vector<Block> blocks;
  // Set when the page has no usable text (no text layer, or unreadable legacy-font text):
  // the OCR stage picks these pages up.
  bool needs_ocr = false;
  // What the source did or saw, e.g. "text layer decoded from TCVN3", "no text layer".
  std::string note;
  // OCR pages: mean word confidence (0..1), words below 0.6, and the post-corrections applied.
  std::optional<float> confidence;
  int low_confidence_words = 0;
  std::vector<TextCorrection> corrections;

  // The printed text of the page: lines joined by '\n'. Spans in a TextMap point into this.
  std::string PrintedText() const;
};

// Half-open byte range [begin, end) into Document::text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

// A position in the printed text: page number and byte offset into Page::PrintedText().
struct PrintedLocation {
  int page = 0;
  size_t offset = 0;
  bool operator==(const PrintedLocation&) const = default;
};

// Maps byte offsets of the normalized text back to the printed text. Built as a sorted list of
// anchors, one per copied token: offsets inside a token that normalization changed (NFC, markdown
// marks) map to the token's start plus the same distance, clamped to the token.
class TextMap {
 public:
  struct Anchor {
    size_t normalized = 0;  // start of the token in Document::text
    size_t length = 0;      // its length in Document::text
    PrintedLocation printed;
    size_t printed_length = 0;
  };

  void Add(Anchor anchor) { anchors_.push_back(anchor); }  // in increasing `normalized` order
  PrintedLocation Locate(size_t normalized_offset) const;
  const std::vector<Anchor>& anchors() const { return anchors_; }

 private:
  std::vector<Anchor> anchors_;
};

struct Paragraph {
  Span span;     // into Document::text, without the trailing newline
  int page = 0;  // page of its first line
  // Text from the foot of a page ("1 Nghị định ..."). A body paragraph that footnotes interrupted
  // at a page break is kept whole, and its footnotes follow it.
  bool footnote = false;
};

// A table as printed: rows of cells, each cell the span of its text in Document::text (an empty span
// for an empty cell). Normalization builds them from pipe rows ("| 1 | Nội dung | Sở Tài chính |"),
// from web copies that print one cell per line between lines of bars, and from laid-out pages whose
// lines break into the same columns. Rows keep the cells as printed: a merged cell is one cell, so
// rows may be ragged.
struct TableRow {
  std::vector<Span> cells;
};

struct Table {
  int page = 0;                // page of its first row
  size_t first_paragraph = 0;  // the paragraphs it covers, [first_paragraph, end_paragraph)
  size_t end_paragraph = 0;
  std::vector<TableRow> rows;
  size_t Columns() const;      // cells of its widest row
};

// A failure tied to a file and, where known, a page. Failures never stop other files or pages.
struct DocumentError {
  std::string path;
  int page = 0;       // 0: the whole file
  std::string code;   // StatusCodeName of the cause, e.g. "corrupt"
  std::string reason; // for people, English
};

struct SourceInfo {
  std::string path;
  std::string sha256;      // of the file's bytes, lower-case hex; empty if unreadable
  std::string media_type;  // detected from content: "text/plain", "application/pdf", "image/png" ...
  std::string encoding;    // text inputs: "utf-8", "utf-16le", "tcvn3", "vni" ...; empty otherwise
  uint64_t size_bytes = 0;
};

// An electronic signature's visible stamp, set apart from a page's text layer: it was drawn over
// the page by the signing software and is not the document's text ("Ký bởi: Sở Y tế tỉnh …",
// "Thời gian ký: 19.02.2025 07:55:13 +07:00"). What it says goes to the record as evidence of
// who signed and when, which an archivist records anyway.
struct SignatureStamp {
  int page = 0;
  std::string text;  // its lines as printed, joined by '\n'
  std::optional<BoundingBox> box;
  std::string signed_by;  // "" when the stamp does not say
  std::string signed_at;  // ISO 8601: "2025-02-19T07:55:13+07:00", or a date "2025-02-19"; "" when unreadable
};

// A blank of the header (number, day or month) written in by hand after the page was typed
// (vanban/handwriting.h reads them).
struct HandwrittenFill {
  int page = 0;
  std::string field;        // "number", "day" or "month"
  std::string digits;       // what was read; "" when not read with confidence
  std::string candidate;    // the best reading even when not confident, for review
  float confidence = 0;     // the lowest digit confidence, 0..1
  BoundingBox box;          // the blank, in page pixels
};

struct Document {
  SourceInfo source;
  std::vector<Page> pages;
  std::vector<SignatureStamp> signatures;  // in page order
  std::vector<HandwrittenFill> handwritten;  // the header's hand-written blanks, in page order
  std::string text;  // normalized (NFC) paragraphs separated by '\n'
  std::vector<Paragraph> paragraphs;
  std::vector<Table> tables;  // in text order; their cells are spans of `text`
  TextMap text_map;
  std::vector<DocumentError> errors;
  std::vector<std::string> warnings;  // things a user should know that are not failures

  bool ok() const { return errors.empty(); }
  std::string_view SpanText(Span span) const { return std::string_view(text).substr(span.begin, span.size()); }
};

}  // namespace vanban

#endif  // VANBAN_DOCUMENT_H_
