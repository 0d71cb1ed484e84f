// Normalization: from the printed lines of a Document's pages to Document::text, the whole document
// as NFC paragraphs, with a TextMap back to the printed text.
//
// Text extracted from PDFs breaks lines mid-sentence, often with a blank line after every line, and
// carries page breaks, headings and lists; text converted from web pages may carry markdown marks.
// Paragraphs are rebuilt from what the layout grammar of administrative documents says starts a new
// unit (outline markers I. 1. a) - +, all-capital headings, a sentence end followed by a capital on
// a short line, a real blank line), never from the words of a particular document.
#ifndef VANBAN_NORMALIZE_H_
#define VANBAN_NORMALIZE_H_

#include <string>
#include <string_view>

#include "vanban/document.h"

namespace vanban {

struct NormalizeOptions {
  // Drop markdown marks (# headings, **bold**, *emphasis*, [text](link)) from plain-text inputs that
  // use them. The printed text keeps them; only Document::text loses them.
  bool strip_markdown = true;
};

// Fills text, paragraphs and text_map from the pages. Pages marked needs_ocr contribute nothing.
// Thread-safe: a pure function of its arguments.
Document Normalize(Document doc, const NormalizeOptions& options = {});

// The lines of one laid-out plain-text page (two columns printed side by side, as pdftotext
// -layout or a typed header gives them) in reading order: each two-column region's left column,
// then its right column, one line per output line; a run of blank lines becomes one. The same column rule
// Normalize applies to plain text. Used to compare OCR output with laid-out ground truth.
std::string LaidOutTextInReadingOrder(std::string_view page_text);

}  // namespace vanban

#endif  // VANBAN_NORMALIZE_H_
