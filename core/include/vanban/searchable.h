// What `vanban ocr` writes from a recognized document: a searchable PDF (the page images with an
// invisible text layer), hOCR and ALTO XML.
//
// All three are made from the Document, not from the OCR engine's raw result: they carry the
// document's own words (after post-correction and the handwritten fill-ins), in the reading order
// of its blocks, each word with its box. Searching the PDF therefore finds what the record and the
// catalog find. Functions here are pure (they read the document and the bytes given), never throw,
// and are safe to call from several threads on different documents.
#ifndef VANBAN_SEARCHABLE_H_
#define VANBAN_SEARCHABLE_H_

#include <string>
#include <string_view>

#include "vanban/document.h"
#include "vanban/page_images.h"
#include "vanban/status.h"

namespace vanban {

struct SearchableOptions {
  // hOCR and ALTO give every box in pixels. Pages read from a PDF's text layer have their boxes in
  // points; they are given in pixels at this resolution (the one OCR renders PDF pages at).
  int dpi = 300;
  // A TrueType font whose glyphs draw nothing (Tesseract's pdf.ttf), embedded for the PDF's text
  // layer. Empty: the font is named but not embedded; the text is the same, viewers substitute a
  // font for a layer they never draw.
  std::string glyphless_font;
  // Opens an encrypted PDF source. The searchable PDF is written without encryption (it is the
  // archive's reading copy; protect the file where it is kept).
  std::string pdf_password;
};

// hOCR 1.2 (XHTML): ocr_page, ocr_carea (a block), ocr_par, ocr_line and ocrx_word with bbox and
// x_wconf, every page of the document in order.
StatusOr<std::string> HocrOf(const Document& doc, const SearchableOptions& options = {});

// ALTO 4: Page, PrintSpace, TextBlock, TextLine, String (CONTENT, box, WC) and SP, in pixels.
StatusOr<std::string> AltoOf(const Document& doc, const SearchableOptions& options = {});

// A PDF of the document's pages with the words of each OCR page (Origin::kOcr) laid over its image
// as invisible text. `source` holds the file's bytes. A PDF keeps its own pages, images untouched
// and pages with a trusted text layer as they are; its OCR pages get the words in a content stream
// of their own (an invisible text layer a scanner had put there is removed first, so that the page
// is not found twice with different words). An image file becomes one page per image, taken from
// `images` (a JPEG keeps its own bytes, a 1-bit page is CCITT G4, others lossless Flate), sized by
// the image's resolution. Fails (InvalidArgument, Corrupt) without a partial result.
StatusOr<std::string> SearchablePdfOf(const Document& doc, std::string_view source, PageImages* images,
                                      const SearchableOptions& options = {});

}  // namespace vanban

#endif  // VANBAN_SEARCHABLE_H_
