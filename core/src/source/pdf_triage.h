// Whether a PDF page's text layer is the page's text: the checks behind the PDF driver's decision
// to trust a layer or send the page to OCR. A scanned page often carries a layer that is not its
// text: an e-signature stamp drawn over the image, or a scanner's OCR. Pure functions.
#ifndef VANBAN_CORE_SRC_SOURCE_PDF_TRIAGE_H_
#define VANBAN_CORE_SRC_SOURCE_PDF_TRIAGE_H_

#include <optional>
#include <vector>

#include "vanban/document.h"
#include "vanban/image.h"

namespace vanban::internal {

// Takes the page's e-signature stamps out of its blocks: each line IsSignatureStampLine, with the
// lines beside it that share its left edge (or its centre) and its size, one line pitch apart.
// Returns them read (ReadSignatureStamp), in page order; empty blocks are dropped.
std::vector<SignatureStamp> TakeSignatureStamps(Page& page);

// How much of the page's printed content the text layer accounts for, measured on a rendering of
// the page (any resolution; the page's word boxes are scaled to it): the share of inked cells of a
// grid of about one text line that lie on or beside a word of the layer. nullopt when the page has
// too little ink to judge.
struct InkCoverage {
  int inked_cells = 0;
  int covered_cells = 0;  // of the inked ones
  double covered() const { return inked_cells ? double(covered_cells) / inked_cells : 1.0; }
};
std::optional<InkCoverage> MeasureInkCoverage(const Pix& rendered, const Page& page);

// The layer's words cover little of the page: worth rendering it to see whether ink lies elsewhere.
// A full page of born-digital text is trusted without rendering, which keeps the text-layer path fast.
bool LayerCoversLittleOfPage(const Page& page);

// Below this share of the page's ink, the layer is not the page's text (a stamp, a caption, a page
// number over a scanned image): the page is OCRed.
inline constexpr double kMinInkCoveredByLayer = 0.5;

// The resolution pages are rendered at to measure their ink: a cell of the grid is a few pixels.
inline constexpr int kInkRenderDpi = 60;

}  // namespace vanban::internal

#endif  // VANBAN_CORE_SRC_SOURCE_PDF_TRIAGE_H_
