// Writing vanban.document/1 records (nlohmann::json, ordered keys).
#include <nlohmann/json.hpp>

#include <cmath>

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

template <typename T>
Json Optional(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json SpanToJson(const Span& span) { return Json::array({span.begin, span.end}); }

Json HeaderToJson(const Header& h) {
  return {{"number", Optional(h.number)},
          {"number_printed", Optional(h.number_printed)},
          {"date", Optional(h.date)},
          {"place", Optional(h.place)},
          {"type", h.type},
          {"issuer", Optional(h.issuer)},
          {"subject", Optional(h.subject)},
          {"recipients", h.recipients},
          {"signer", {{"name", Optional(h.signer.name)}, {"title", Optional(h.signer.title)},
                      {"authority", Optional(h.signer.authority)}}},
          {"copies_to", h.copies_to},
          {"draft", h.draft}};
}

void AddExtraction(const Extraction& x, Json& record) {
  record["header"] = HeaderToJson(x.header);
  Json refs = Json::array();
  for (const Reference& r : x.references) {
    refs.push_back({{"number", r.number}, {"number_key", r.number_key}, {"type", r.type}, {"date", Optional(r.date)},
                    {"issuer", Optional(r.issuer)}, {"role", r.role}, {"text", r.text}, {"page", r.page},
                    {"span", SpanToJson(r.span)}});
  }
  record["references"] = std::move(refs);
  Json laws = Json::array();
  for (const LawMention& l : x.laws) {
    laws.push_back({{"name", l.name}, {"role", l.role}, {"page", l.page}, {"span", SpanToJson(l.span)}});
  }
  record["laws"] = std::move(laws);
  Json dates = Json::array();
  for (const DateMention& d : x.dates) {
    dates.push_back({{"value", d.value}, {"precision", d.precision}, {"year_inferred", d.year_inferred},
                     {"text", d.text}, {"page", d.page}, {"span", SpanToJson(d.span)}});
  }
  record["dates"] = std::move(dates);
  Json deadlines = Json::array();
  for (const Deadline& d : x.deadlines) {
    Json deadline = {{"kind", d.kind}, {"date", Optional(d.date)}, {"end", Optional(d.end)}, {"text", d.text},
                     {"task", Optional(d.task)}, {"page", d.page}, {"span", SpanToJson(d.span)}};
    // Present only on recurring limits, so that records of other deadlines keep their form.
    if (d.recurring) {
      deadline["recurring"] = *d.recurring;
      deadline["recur_at"] = Optional(d.recur_at);
    }
    deadlines.push_back(std::move(deadline));
  }
  record["deadlines"] = std::move(deadlines);
  Json tasks = Json::array();
  for (const Task& t : x.tasks) {
    Json task = {{"id", t.id}, {"label", t.label}, {"path", t.path}, {"level", t.level}, {"heading", t.heading},
                 {"text", t.text}, {"actions", t.actions}, {"responsible", t.responsible},
                 {"deadline", Optional(t.deadline)}, {"parent", Optional(t.parent)}, {"children", t.children},
                 {"page", t.page}, {"span", SpanToJson(t.span)}};
    // Present only on a table's rows, so that records of outline tasks keep their form.
    if (t.source != "outline") {
      task["source"] = t.source;
      task["coordinating"] = t.coordinating;
      task["deadline_text"] = Optional(t.deadline_text);
    }
    tasks.push_back(std::move(task));
  }
  record["tasks"] = std::move(tasks);
  // Open sections, in name order; each finding's optional fields only when set.
  for (const auto& [name, list] : x.sections) {
    Json findings = Json::array();
    for (const Finding& f : list) {
      Json j;
      if (!f.plugin.empty()) j["plugin"] = f.plugin;
      j["kind"] = f.kind;
      j["value"] = f.value;
      if (!f.text.empty()) j["text"] = f.text;
      j["confidence"] = f.confidence;
      j["page"] = f.page;
      j["span"] = SpanToJson(f.span);
      findings.push_back(std::move(j));
    }
    record[name] = std::move(findings);
  }
}

}  // namespace

std::string WriteRecord(const Document& doc, const Extraction* extraction, const RecordOptions& options) {
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
    if (page.confidence) {
      p["confidence"] = std::round(*page.confidence * 1000) / 1000;
      p["low_confidence_words"] = page.low_confidence_words;
      p["low_confidence"] = *page.confidence < 0.7f;
    }
    if (!page.corrections.empty()) {
      Json corrections = Json::array();
      for (const TextCorrection& c : page.corrections) {
        corrections.push_back({{"printed", c.printed}, {"corrected", c.corrected},
                               {"confidence", std::round(c.confidence * 1000) / 1000}, {"reason", c.reason}});
      }
      p["corrections"] = std::move(corrections);
    }
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
  if (!doc.tables.empty()) {
    Json tables = Json::array();
    for (const Table& table : doc.tables) {
      Json rows = Json::array();
      for (const TableRow& row : table.rows) {
        Json cells = Json::array();
        for (const Span& cell : row.cells) cells.push_back({{"text", doc.SpanText(cell)}, {"span", SpanToJson(cell)}});
        rows.push_back({{"cells", std::move(cells)}});
      }
      tables.push_back({{"page", table.page},
                        {"paragraphs", {table.first_paragraph, table.end_paragraph}},
                        {"rows", std::move(rows)}});
    }
    record["tables"] = std::move(tables);
  }
  if (!doc.signatures.empty()) {
    Json signatures = Json::array();
    for (const SignatureStamp& stamp : doc.signatures) {
      Json j = {{"page", stamp.page}, {"text", stamp.text}};
      if (stamp.box) j["box"] = BoxToJson(*stamp.box);
      j["signed_by"] = stamp.signed_by;
      j["signed_at"] = stamp.signed_at;
      signatures.push_back(std::move(j));
    }
    record["signatures"] = std::move(signatures);
  }
  if (!doc.handwritten.empty()) {
    Json handwritten = Json::array();
    for (const HandwrittenFill& fill : doc.handwritten) {
      handwritten.push_back({{"page", fill.page},
                             {"field", fill.field},
                             {"digits", fill.digits.empty() ? Json(nullptr) : Json(fill.digits)},
                             {"candidate", fill.candidate},
                             {"confidence", fill.confidence},
                             {"box", BoxToJson(fill.box)}});
    }
    record["handwritten"] = std::move(handwritten);
  }
  if (extraction != nullptr) AddExtraction(*extraction, record);
  record["warnings"] = doc.warnings;
  Json errors = Json::array();
  const auto add_errors = [&](const std::vector<DocumentError>& list) {
    for (const DocumentError& e : list) {
      errors.push_back({{"path", e.path}, {"page", e.page}, {"code", e.code}, {"reason", e.reason}});
    }
  };
  add_errors(doc.errors);
  if (extraction != nullptr) add_errors(extraction->errors);
  record["errors"] = std::move(errors);
  // Text is valid UTF-8 by construction; should a stray byte ever slip through, it is written as
  // U+FFFD instead of ending the whole run with an exception.
  return record.dump(options.indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace vanban
