#include "pdf_triage.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "vanban/grammar.h"
#include "vanban/internal/pix.h"

namespace vanban::internal {
namespace {

struct LineRef {
  size_t block = 0, line = 0;
  BoundingBox box;
};

// `candidate` stands beside the stamp's lines as a line of the same stamp: as tall (within a third),
// aligned on its left edge or its centre, and at most a line's gap above or below it.
bool BesideStamp(const BoundingBox& stamp, double line_height, const BoundingBox& candidate) {
  const double h = candidate.height();
  if (h < line_height * 0.75 || h > line_height * 1.33) return false;
  const double tolerance = 0.6 * line_height;
  const bool left_aligned = std::abs(candidate.x0 - stamp.x0) <= tolerance;
  const bool centred = std::abs((candidate.x0 + candidate.x1) / 2 - (stamp.x0 + stamp.x1) / 2) <= tolerance;
  if (!left_aligned && !centred) return false;
  const double gap = candidate.y0 >= stamp.y1 ? candidate.y0 - stamp.y1 : stamp.y0 - candidate.y1;
  return gap <= 0.8 * line_height;
}

}  // namespace

std::vector<SignatureStamp> TakeSignatureStamps(Page& page) {
  std::vector<LineRef> lines;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    for (size_t l = 0; l < page.blocks[b].lines.size(); ++l) {
      const Line& line = page.blocks[b].lines[l];
      if (line.box) lines.push_back({b, l, *line.box});
    }
  }
  // A stamp is a handful of lines; more than this beside one another is the page's own text.
  constexpr size_t kMaxStampLines = 8;
  std::vector<bool> taken(lines.size(), false);
  std::vector<std::vector<size_t>> stamps;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (taken[i]) continue;
    const Line& anchor = page.blocks[lines[i].block].lines[lines[i].line];
    if (!IsSignatureStampLine(anchor.text)) continue;
    std::vector<size_t> members = {i};
    BoundingBox box = lines[i].box;
    const double height = lines[i].box.height();
    for (bool grew = true; grew && members.size() < kMaxStampLines;) {
      grew = false;
      for (size_t j = 0; j < lines.size() && members.size() < kMaxStampLines; ++j) {
        if (taken[j] || std::find(members.begin(), members.end(), j) != members.end()) continue;
        if (!BesideStamp(box, height, lines[j].box)) continue;
        members.push_back(j);
        box = box.Including(lines[j].box);
        grew = true;
      }
    }
    for (size_t m : members) taken[m] = true;
    std::sort(members.begin(), members.end(), [&](size_t a, size_t b) { return lines[a].box.y0 < lines[b].box.y0; });
    stamps.push_back(std::move(members));
  }
  std::vector<SignatureStamp> out;
  for (const std::vector<size_t>& members : stamps) {
    SignatureStamp stamp;
    stamp.page = page.number;
    std::vector<std::string> texts;
    for (size_t m : members) {
      const Line& line = page.blocks[lines[m].block].lines[lines[m].line];
      texts.push_back(line.text);
      if (!stamp.text.empty()) stamp.text += '\n';
      stamp.text += line.text;
      stamp.box = stamp.box ? stamp.box->Including(lines[m].box) : lines[m].box;
    }
    SignatureStampReading reading = ReadSignatureStamp(texts);
    stamp.signed_by = std::move(reading.signed_by);
    stamp.signed_at = std::move(reading.signed_at);
    out.push_back(std::move(stamp));
  }
  if (out.empty()) return out;
  // Remove the taken lines, last first so the indices stay valid.
  for (size_t i = lines.size(); i-- > 0;) {
    if (!taken[i]) continue;
    std::vector<Line>& block_lines = page.blocks[lines[i].block].lines;
    block_lines.erase(block_lines.begin() + static_cast<long>(lines[i].line));
  }
  std::erase_if(page.blocks, [](const Block& b) { return b.lines.empty(); });
  for (Block& block : page.blocks) block.SetBoxFromLines();
  std::sort(out.begin(), out.end(), [](const SignatureStamp& a, const SignatureStamp& b) { return a.box->y0 < b.box->y0; });
  return out;
}

namespace {

// Cells of the grid, in page units: about one line of body text (13 pt) high and wide.
constexpr double kCellPoints = 13.0;

struct Grid {
  int columns = 0, rows = 0;
  std::vector<bool> cells;
  Grid(double width, double height)
      : columns(std::max(1, static_cast<int>(std::ceil(width / kCellPoints)))),
        rows(std::max(1, static_cast<int>(std::ceil(height / kCellPoints)))),
        cells(static_cast<size_t>(columns) * rows, false) {}
  // Marks the cells under `box` (page units) widened by `margin` cells.
  void Mark(const BoundingBox& box, int margin) {
    const int c0 = std::max(0, static_cast<int>(box.x0 / kCellPoints) - margin);
    const int c1 = std::min(columns - 1, static_cast<int>(box.x1 / kCellPoints) + margin);
    const int r0 = std::max(0, static_cast<int>(box.y0 / kCellPoints) - margin);
    const int r1 = std::min(rows - 1, static_cast<int>(box.y1 / kCellPoints) + margin);
    for (int r = r0; r <= r1; ++r) {
      for (int c = c0; c <= c1; ++c) cells[static_cast<size_t>(r) * columns + c] = true;
    }
  }
  int Count() const { return static_cast<int>(std::count(cells.begin(), cells.end(), true)); }
};

Grid WordCells(const Page& page, int margin) {
  Grid grid(page.width, page.height);
  for (const Block& block : page.blocks) {
    for (const Line& line : block.lines) {
      for (const Word& word : line.words) grid.Mark(word.box, margin);
      if (line.words.empty() && line.box) grid.Mark(*line.box, margin);
    }
  }
  return grid;
}

}  // namespace

bool LayerCoversLittleOfPage(const Page& page) {
  if (page.width <= 0 || page.height <= 0) return false;
  const Grid words = WordCells(page, 0);
  // Text fills about a third of a page's cells when it runs down the whole page; a stamp, a page
  // number or a caption fills a few percent.
  return words.Count() < static_cast<int>(0.12 * words.cells.size());
}

std::optional<InkCoverage> MeasureInkCoverage(const Pix& rendered, const Page& page) {
  if (page.width <= 0 || page.height <= 0) return std::nullopt;
  PIX* pix = Mutable(&rendered);
  PixPtr gray(pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixConvertTo8(pix, 0));
  if (!gray) return std::nullopt;
  const int width = static_cast<int>(pixGetWidth(gray.get())), height = static_cast<int>(pixGetHeight(gray.get()));
  const double scale_x = width / page.width, scale_y = height / page.height;
  Grid ink(page.width, page.height);
  std::vector<int> dark(ink.cells.size(), 0);
  const l_uint32* data = pixGetData(gray.get());
  const int wpl = pixGetWpl(gray.get());
  // Print is well darker than the paper, whose tone is the page's median (a scan's paper is grey).
  std::vector<int> histogram(256, 0);
  for (int y = 0; y < height; ++y) {
    const l_uint32* row = data + static_cast<ptrdiff_t>(y) * wpl;
    for (int x = 0; x < width; ++x) ++histogram[GET_DATA_BYTE(row, x)];
  }
  int paper = 0;
  for (long seen = 0, half = static_cast<long>(width) * height / 2; paper < 255; ++paper) {
    seen += histogram[paper];
    if (seen > half) break;
  }
  const int kInkLevel = std::min(200, paper - 40);
  for (int y = 0; y < height; ++y) {
    const l_uint32* row = data + static_cast<ptrdiff_t>(y) * wpl;
    const int r = std::min(ink.rows - 1, static_cast<int>(y / scale_y / kCellPoints));
    for (int x = 0; x < width; ++x) {
      if (static_cast<int>(GET_DATA_BYTE(row, x)) >= kInkLevel) continue;
      const int c = std::min(ink.columns - 1, static_cast<int>(x / scale_x / kCellPoints));
      ++dark[static_cast<size_t>(r) * ink.columns + c];
    }
  }
  // A cell holds print when a few of its pixels are dark: one stray pixel is dust.
  const double cell_pixels = (kCellPoints * scale_x) * (kCellPoints * scale_y);
  const int min_dark = std::max(2, static_cast<int>(cell_pixels * 0.02));
  const Grid words = WordCells(page, 1);
  InkCoverage coverage;
  for (size_t i = 0; i < dark.size(); ++i) {
    if (dark[i] < min_dark) continue;
    ++coverage.inked_cells;
    if (words.cells[i]) ++coverage.covered_cells;
  }
  // Fewer inked cells than a few lines of text: nothing to judge by.
  if (coverage.inked_cells < 40) return std::nullopt;
  return coverage;
}

}  // namespace vanban::internal
