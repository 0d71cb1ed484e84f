// What the searchable outputs share: the words of a line as they are laid out, and page boxes.
#ifndef VANBAN_SEARCHABLE_INTERNAL_H_
#define VANBAN_SEARCHABLE_INTERNAL_H_

#include <new>
#include <optional>
#include <string>
#include <vector>

#include "vanban/document.h"
#include "vanban/status.h"

namespace vanban::internal {

// A page's boxes in the unit an output wants: `scale` times the page's own unit.
struct PageGeometry {
  double scale = 1;
  BoundingBox page;  // the whole page, scaled
  BoundingBox Scaled(const BoundingBox& b) const { return {b.x0 * scale, b.y0 * scale, b.x1 * scale, b.y1 * scale}; }
};

// Pixels: OCR pages are in pixels already, text-layer pages (points) at `dpi`.
inline PageGeometry PixelGeometry(const Page& page, int dpi) {
  PageGeometry g;
  g.scale = page.origin == Origin::kOcr ? 1.0 : dpi / 72.0;
  g.page = {0, 0, page.width * g.scale, page.height * g.scale};
  return g;
}

// The words of a line that have text, in order.
inline std::vector<Word> WordsOf(const Line& line) {
  std::vector<Word> words;
  for (const Word& w : line.words) {
    if (w.text.find_first_not_of(' ') != std::string::npos) words.push_back(w);
  }
  return words;
}

inline BoundingBox BoxOfLine(const Line& line, const std::vector<Word>& words) {
  if (line.box) return *line.box;
  BoundingBox box = words.front().box;
  for (const Word& w : words) box = box.Including(w.box);
  return box;
}

inline BoundingBox BoxOfBlock(const Block& block) {
  if (block.box) return *block.box;
  std::optional<BoundingBox> box;
  for (const Line& line : block.lines) {
    for (const Word& w : line.words) box = box ? box->Including(w.box) : w.box;
  }
  return box.value_or(BoundingBox{});
}

// Runs `fn` (returning StatusOr<std::string>), turning an allocation failure into a Status.
template <typename Fn>
StatusOr<std::string> GuardedOutput(const char* what, Fn&& fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted(std::string("out of memory writing ") + what);
  }
}

}  // namespace vanban::internal

#endif  // VANBAN_SEARCHABLE_INTERNAL_H_
