#include "vanban/document.h"

#include <algorithm>

namespace vanban {

std::string_view OriginName(Origin origin) {
  switch (origin) {
    case Origin::kPlainText: return "plain_text";
    case Origin::kTextLayer: return "text_layer";
    case Origin::kOcr: return "ocr";
  }
  return "unknown";
}

BoundingBox BoundingBox::Including(const BoundingBox& other) const {
  return {std::min(x0, other.x0), std::min(y0, other.y0), std::max(x1, other.x1), std::max(y1, other.y1)};
}

void Line::SetFromWords() {
  if (words.empty()) return;
  text.clear();
  double confidence_sum = 0;
  box = words.front().box;
  for (const Word& w : words) {
    if (!text.empty()) text += ' ';
    text += w.text;
    box = box->Including(w.box);
    confidence_sum += w.confidence;
  }
  confidence = static_cast<float>(confidence_sum / static_cast<double>(words.size()));
}

void Block::SetBoxFromLines() {
  box.reset();
  for (const Line& l : lines) {
    if (l.box) box = box ? box->Including(*l.box) : *l.box;
  }
}

std::string Page::PrintedText() const {
  std::string out;
  bool first = true;
  for (const Block& block : blocks) {
    for (const Line& line : block.lines) {
      if (!first) out.push_back('\n');
      out += line.text;
      first = false;
    }
  }
  return out;
}

PrintedLocation TextMap::Locate(size_t normalized_offset) const {
  if (anchors_.empty()) return {};
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), normalized_offset,
                             [](size_t off, const Anchor& a) { return off < a.normalized; });
  if (it == anchors_.begin()) return anchors_.front().printed;
  const Anchor& a = *std::prev(it);
  const size_t delta = std::min(normalized_offset - a.normalized, a.printed_length);
  return {a.printed.page, a.printed.offset + delta};
}

}  // namespace vanban
