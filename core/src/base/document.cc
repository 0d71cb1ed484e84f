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

void Line::SetText(std::string corrected) {
  text = std::move(corrected);
  if (words.empty()) return;
  std::vector<std::string> tokens;
  for (size_t start = 0; start < text.size();) {
    const size_t space = text.find(' ', start);
    const size_t end = space == std::string::npos ? text.size() : space;
    if (end > start) tokens.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (tokens.size() == words.size()) {
    for (size_t i = 0; i < tokens.size(); ++i) words[i].text = std::move(tokens[i]);
    return;
  }
  BoundingBox around = words.front().box;
  for (const Word& w : words) around = around.Including(w.box);
  if (box) around = *box;
  size_t letters = 0;
  for (const std::string& t : tokens) letters += t.size() + 1;
  std::vector<Word> remade;
  double x = around.x0;
  for (std::string& t : tokens) {
    Word w;
    const double share = around.width() * static_cast<double>(t.size() + 1) / static_cast<double>(letters);
    w.box = {x, around.y0, x + share * static_cast<double>(t.size()) / static_cast<double>(t.size() + 1), around.y1};
    x += share;
    w.confidence = confidence;
    w.text = std::move(t);
    remade.push_back(std::move(w));
  }
  words = std::move(remade);
}

void Block::SetBoxFromLines() {
  box.reset();
  for (const Line& l : lines) {
    if (l.box) box = box ? box->Including(*l.box) : *l.box;
  }
}

size_t Table::Columns() const {
  size_t columns = 0;
  for (const TableRow& row : rows) columns = std::max(columns, row.cells.size());
  return columns;
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
