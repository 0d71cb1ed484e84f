#include "vanban/record.h"

namespace vanban {
namespace {

using Json = nlohmann::ordered_json;

Json BoxToJson(const BoundingBox& b) {
  // Two decimals are plenty for points and pixels, and keep records stable and small.
  const auto r = [](double v) { return static_cast<double>(static_cast<long long>(v * 100 + (v < 0 ? -0.5 : 0.5))) / 100; };
  return Json::array({r(b.x0), r(b.y0), r(b.x1), r(b.y1)});
}

Json LayoutToJson(const Page& page) {
  Json lines = Json::array();
  for (const Block& block : page.blocks) {
    for (const Line& line : block.lines) {
      Json l = {{"text", line.text}};
      if (line.box) l["box"] = BoxToJson(*line.box);
      l["confidence"] = line.confidence;
      if (!line.words.empty()) {
        Json words = Json::array();
        for (const Word& w : line.words) {
          words.push_back({{"text", w.text}, {"box", BoxToJson(w.box)}, {"confidence", w.confidence}});
        }
        l["words"] = std::move(words);
      }
      lines.push_back(std::move(l));
    }
  }
  return lines;
}

}  // namespace

Json DocumentToJson(const Document& doc, const RecordOptions& options) {
  Json record;
  record["schema"] = kDocumentSchema;
  record["source"] = {{"path", doc.source.path},
                      {"sha256", doc.source.sha256},
                      {"media_type", doc.source.media_type},
                      {"encoding", doc.source.encoding},
                      {"size_bytes", doc.source.size_bytes},
                      {"pages", doc.pages.size()}};
  Json pages = Json::array();
  for (const Page& page : doc.pages) {
    Json p = {{"number", page.number}, {"origin", OriginName(page.origin)}, {"text", page.PrintedText()}};
    if (page.width > 0) p["size"] = {page.width, page.height};
    p["needs_ocr"] = page.needs_ocr;
    if (!page.note.empty()) p["note"] = page.note;
    if (options.include_layout) p["lines"] = LayoutToJson(page);
    pages.push_back(std::move(p));
  }
  record["pages"] = std::move(pages);
  record["text"] = doc.text;
  Json paragraphs = Json::array();
  for (const Paragraph& para : doc.paragraphs) {
    const PrintedLocation at = doc.text_map.Locate(para.span.begin);
    Json p = {{"span", {para.span.begin, para.span.end}}, {"page", para.page}, {"printed_offset", at.offset}};
    if (para.footnote) p["footnote"] = true;
    paragraphs.push_back(std::move(p));
  }
  record["paragraphs"] = std::move(paragraphs);
  record["warnings"] = doc.warnings;
  Json errors = Json::array();
  for (const DocumentError& e : doc.errors) {
    errors.push_back({{"path", e.path}, {"page", e.page}, {"code", e.code}, {"reason", e.reason}});
  }
  record["errors"] = std::move(errors);
  return record;
}

}  // namespace vanban
