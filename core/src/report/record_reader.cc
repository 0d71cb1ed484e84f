// Reading vanban.document/1 records back into the model. Every field is checked as it is read; the
// first one that does not fit is reported by its path ("pages[2].number must be an integer").
#include <nlohmann/json.hpp>

#include <exception>
#include <new>
#include <set>

#include "vanban/record.h"

namespace vanban {
namespace {

using Json = nlohmann::json;

// Reads fields of one JSON object, remembering the first problem instead of throwing.
class Reader {
 public:
  explicit Reader(Status* error) : error_(error) {}

  bool failed() const { return !error_->ok(); }

  void Fail(const std::string& path, const std::string& message) {
    if (error_->ok()) *error_ = Status::InvalidArgument("record field '" + path + "' " + message);
  }

  const Json* Field(const Json& object, const std::string& path, const char* key, bool required = true) {
    if (!object.is_object()) {
      Fail(path, "must be an object");
      return nullptr;
    }
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) Fail(Join(path, key), "is missing");
      return nullptr;
    }
    return &*it;
  }

  std::string String(const Json& object, const std::string& path, const char* key) {
    const Json* v = Field(object, path, key);
    if (v == nullptr) return {};
    if (!v->is_string()) {
      Fail(Join(path, key), "must be a string");
      return {};
    }
    return v->get<std::string>();
  }

  // Absent (when not required) or null: nullopt.
  std::optional<std::string> OptionalString(const Json& object, const std::string& path, const char* key,
                                            bool required = true) {
    const Json* v = Field(object, path, key, required);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
      Fail(Join(path, key), "must be a string or null");
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  int64_t Integer(const Json& object, const std::string& path, const char* key) {
    const Json* v = Field(object, path, key);
    if (v == nullptr) return 0;
    if (!v->is_number_integer()) {
      Fail(Join(path, key), "must be an integer");
      return 0;
    }
    return v->get<int64_t>();
  }

  size_t Offset(const Json& value, const std::string& path) {
    if (!value.is_number_unsigned()) {
      Fail(path, "must be an offset (an integer >= 0)");
      return 0;
    }
    return value.get<size_t>();
  }

  double Number(const Json& object, const std::string& path, const char* key) {
    const Json* v = Field(object, path, key);
    if (v == nullptr) return 0;
    if (!v->is_number()) {
      Fail(Join(path, key), "must be a number");
      return 0;
    }
    return v->get<double>();
  }

  bool Boolean(const Json& object, const std::string& path, const char* key, bool required = true) {
    const Json* v = Field(object, path, key, required);
    if (v == nullptr) return false;
    if (!v->is_boolean()) {
      Fail(Join(path, key), "must be true or false");
      return false;
    }
    return v->get<bool>();
  }

  // The array at `key`; an empty one on a problem, so loops just do nothing.
  const Json& Array(const Json& object, const std::string& path, const char* key, bool required = true) {
    static const Json kEmpty = Json::array();
    const Json* v = Field(object, path, key, required);
    if (v == nullptr) return kEmpty;
    if (!v->is_array()) {
      Fail(Join(path, key), "must be an array");
      return kEmpty;
    }
    return *v;
  }

  std::vector<std::string> Strings(const Json& object, const std::string& path, const char* key) {
    std::vector<std::string> out;
    const Json& list = Array(object, path, key);
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string()) {
        Fail(Index(Join(path, key), i), "must be a string");
        break;
      }
      out.push_back(list[i].get<std::string>());
    }
    return out;
  }

  Span ReadSpan(const Json& object, const std::string& path, const char* key = "span") {
    const Json* v = Field(object, path, key);
    if (v == nullptr) return {};
    if (!v->is_array() || v->size() != 2) {
      Fail(Join(path, key), "must be [begin, end]");
      return {};
    }
    Span span{Offset((*v)[0], Join(path, key)), Offset((*v)[1], Join(path, key))};
    if (span.end < span.begin) Fail(Join(path, key), "ends before it begins");
    return span;
  }

  BoundingBox Box(const Json& value, const std::string& path) {
    if (!value.is_array() || value.size() != 4 ||
        !std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_number(); })) {
      Fail(path, "must be [x0, y0, x1, y1]");
      return {};
    }
    return {value[0].get<double>(), value[1].get<double>(), value[2].get<double>(), value[3].get<double>()};
  }

  static std::string Join(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }
  static std::string Index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

 private:
  Status* error_;
};

std::optional<Origin> OriginFromName(std::string_view name) {
  for (Origin o : {Origin::kPlainText, Origin::kTextLayer, Origin::kOcr}) {
    if (OriginName(o) == name) return o;
  }
  return std::nullopt;
}

void ReadLayout(Reader& r, const Json& lines, const std::string& path, Page& page) {
  Block& block = page.blocks.emplace_back();
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string at = Reader::Index(path, i);
    const Json& l = lines[i];
    Line line;
    line.text = r.String(l, at, "text");
    line.page = page.number;
    line.origin = page.origin;
    if (const Json* box = r.Field(l, at, "box", false)) line.box = r.Box(*box, Reader::Join(at, "box"));
    line.confidence = static_cast<float>(r.Number(l, at, "confidence"));
    const Json& words = r.Array(l, at, "words", false);
    for (size_t k = 0; k < words.size(); ++k) {
      const std::string wat = Reader::Index(Reader::Join(at, "words"), k);
      Word w;
      w.text = r.String(words[k], wat, "text");
      if (const Json* box = r.Field(words[k], wat, "box")) w.box = r.Box(*box, Reader::Join(wat, "box"));
      w.confidence = static_cast<float>(r.Number(words[k], wat, "confidence"));
      line.words.push_back(std::move(w));
    }
    block.lines.push_back(std::move(line));
  }
}

Page ReadPage(Reader& r, const Json& p, const std::string& at) {
  Page page;
  page.number = static_cast<int>(r.Integer(p, at, "number"));
  const std::string origin = r.String(p, at, "origin");
  if (const auto o = OriginFromName(origin)) {
    page.origin = *o;
  } else if (!r.failed()) {
    r.Fail(Reader::Join(at, "origin"), "must be plain_text, text_layer or ocr, not '" + origin + "'");
  }
  const std::string text = r.String(p, at, "text");
  if (const Json* size = r.Field(p, at, "size", false)) {
    if (!size->is_array() || size->size() != 2 || !(*size)[0].is_number() || !(*size)[1].is_number()) {
      r.Fail(Reader::Join(at, "size"), "must be [width, height]");
    } else {
      page.width = (*size)[0].get<double>();
      page.height = (*size)[1].get<double>();
    }
  }
  page.needs_ocr = r.Boolean(p, at, "needs_ocr");
  if (const auto note = r.OptionalString(p, at, "note", false)) page.note = *note;
  if (r.Field(p, at, "confidence", false) != nullptr) {
    page.confidence = static_cast<float>(r.Number(p, at, "confidence"));
    page.low_confidence_words = static_cast<int>(r.Integer(p, at, "low_confidence_words"));
  }
  const Json& corrections = r.Array(p, at, "corrections", false);
  for (size_t i = 0; i < corrections.size(); ++i) {
    const std::string cat = Reader::Index(Reader::Join(at, "corrections"), i);
    const Json& c = corrections[i];
    page.corrections.push_back({r.String(c, cat, "printed"), r.String(c, cat, "corrected"),
                                static_cast<float>(r.Number(c, cat, "confidence")), r.String(c, cat, "reason")});
  }
  if (const Json* lines = r.Field(p, at, "lines", false)) {
    if (!lines->is_array()) {
      r.Fail(Reader::Join(at, "lines"), "must be an array");
    } else {
      ReadLayout(r, *lines, Reader::Join(at, "lines"), page);
      if (!r.failed() && page.PrintedText() != text) r.Fail(Reader::Join(at, "text"), "differs from its lines");
    }
  } else {
    // Without the layout, the printed text is all there is: one line per printed line.
    Block& block = page.blocks.emplace_back();
    for (size_t start = 0;;) {
      const size_t nl = text.find('\n', start);
      block.lines.push_back(Line{text.substr(start, nl == std::string::npos ? std::string::npos : nl - start),
                                 page.number, std::nullopt, 1.0f, page.origin, {}});
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  return page;
}

Header ReadHeader(Reader& r, const Json& h) {
  const std::string at = "header";
  Header header;
  header.number = r.OptionalString(h, at, "number");
  header.number_printed = r.OptionalString(h, at, "number_printed");
  header.date = r.OptionalString(h, at, "date");
  header.place = r.OptionalString(h, at, "place");
  header.type = r.String(h, at, "type");
  header.issuer = r.OptionalString(h, at, "issuer");
  header.subject = r.OptionalString(h, at, "subject");
  header.recipients = r.Strings(h, at, "recipients");
  if (const Json* signer = r.Field(h, at, "signer")) {
    header.signer.name = r.OptionalString(*signer, "header.signer", "name");
    header.signer.title = r.OptionalString(*signer, "header.signer", "title");
    header.signer.authority = r.OptionalString(*signer, "header.signer", "authority");
  }
  header.copies_to = r.Strings(h, at, "copies_to");
  header.draft = r.Boolean(h, at, "draft");
  return header;
}

// Calls read(item, path) for each element of the array `key` of the record.
template <typename Fn>
void ForEach(Reader& r, const Json& record, const char* key, Fn read, bool required = true) {
  const Json& list = r.Array(record, "", key, required);
  for (size_t i = 0; i < list.size() && !r.failed(); ++i) read(list[i], Reader::Index(key, i));
}

Extraction ReadExtraction(Reader& r, const Json& record) {
  Extraction x;
  if (const Json* h = r.Field(record, "", "header")) x.header = ReadHeader(r, *h);
  ForEach(r, record, "references", [&](const Json& j, const std::string& at) {
    Reference ref;
    ref.number = r.String(j, at, "number");
    ref.number_key = r.String(j, at, "number_key");
    ref.type = r.String(j, at, "type");
    ref.date = r.OptionalString(j, at, "date");
    ref.issuer = r.OptionalString(j, at, "issuer");
    ref.role = r.String(j, at, "role");
    ref.text = r.String(j, at, "text");
    ref.page = static_cast<int>(r.Integer(j, at, "page"));
    ref.span = r.ReadSpan(j, at);
    x.references.push_back(std::move(ref));
  });
  ForEach(r, record, "laws", [&](const Json& j, const std::string& at) {
    x.laws.push_back({r.String(j, at, "name"), r.String(j, at, "role"), static_cast<int>(r.Integer(j, at, "page")),
                      r.ReadSpan(j, at)});
  });
  ForEach(r, record, "dates", [&](const Json& j, const std::string& at) {
    DateMention d;
    d.value = r.String(j, at, "value");
    d.precision = r.String(j, at, "precision");
    d.year_inferred = r.Boolean(j, at, "year_inferred");
    d.text = r.String(j, at, "text");
    d.page = static_cast<int>(r.Integer(j, at, "page"));
    d.span = r.ReadSpan(j, at);
    x.dates.push_back(std::move(d));
  });
  ForEach(r, record, "deadlines", [&](const Json& j, const std::string& at) {
    Deadline d;
    d.kind = r.String(j, at, "kind");
    d.date = r.OptionalString(j, at, "date");
    d.end = r.OptionalString(j, at, "end");
    d.recurring = r.OptionalString(j, at, "recurring", false);
    d.recur_at = r.OptionalString(j, at, "recur_at", false);
    d.text = r.String(j, at, "text");
    d.task = r.OptionalString(j, at, "task");
    d.page = static_cast<int>(r.Integer(j, at, "page"));
    d.span = r.ReadSpan(j, at);
    x.deadlines.push_back(std::move(d));
  });
  ForEach(r, record, "tasks", [&](const Json& j, const std::string& at) {
    Task t;
    t.id = r.String(j, at, "id");
    t.label = r.String(j, at, "label");
    t.path = r.String(j, at, "path");
    t.level = static_cast<int>(r.Integer(j, at, "level"));
    t.heading = r.String(j, at, "heading");
    t.text = r.String(j, at, "text");
    t.actions = r.Strings(j, at, "actions");
    t.responsible = r.Strings(j, at, "responsible");
    t.deadline = r.OptionalString(j, at, "deadline");
    t.parent = r.OptionalString(j, at, "parent");
    t.children = r.Strings(j, at, "children");
    if (const auto source = r.OptionalString(j, at, "source", false)) t.source = *source;
    if (r.Field(j, at, "coordinating", false) != nullptr) t.coordinating = r.Strings(j, at, "coordinating");
    t.deadline_text = r.OptionalString(j, at, "deadline_text", false);
    t.page = static_cast<int>(r.Integer(j, at, "page"));
    t.span = r.ReadSpan(j, at);
    x.tasks.push_back(std::move(t));
  });
  return x;
}

// The record's keys that are not open sections.
bool IsFixedKey(std::string_view key) {
  static const std::set<std::string_view> kKeys = {"schema", "source", "pages", "text", "paragraphs", "tables", "signatures", "handwritten", "warnings", "errors",
                                                   "header", "references", "laws", "dates", "deadlines", "tasks"};
  return kKeys.count(key) > 0;
}

void ReadOpenSections(Reader& r, const Json& record, Extraction& x) {
  for (auto it = record.begin(); it != record.end() && !r.failed(); ++it) {
    if (IsFixedKey(it.key())) continue;
    std::vector<Finding>& section = x.sections[it.key()];
    ForEach(r, record, it.key().c_str(), [&](const Json& j, const std::string& at) {
      Finding f;
      if (const auto plugin = r.OptionalString(j, at, "plugin", false)) f.plugin = *plugin;
      f.kind = r.String(j, at, "kind");
      f.value = r.String(j, at, "value");
      if (const auto text = r.OptionalString(j, at, "text", false)) f.text = *text;
      f.confidence = r.Number(j, at, "confidence");
      f.page = static_cast<int>(r.Integer(j, at, "page"));
      f.span = r.ReadSpan(j, at);
      section.push_back(std::move(f));
    });
  }
}

StatusOr<DocumentRecord> Read(std::string_view text) {
  const Json record = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded()) return Status::InvalidArgument("not a JSON document");
  if (!record.is_object()) return Status::InvalidArgument("a record must be a JSON object");
  Status error;
  Reader r(&error);
  const std::string schema = r.String(record, "", "schema");
  VANBAN_RETURN_IF_ERROR(error);
  const std::string prefix = std::string(kDocumentSchemaName) + "/";
  if (!schema.starts_with(prefix)) {
    return Status::InvalidArgument("not a vanban document record: its schema is '" + schema + "'");
  }
  if (schema != kDocumentSchema) {
    return Status::InvalidArgument("record of schema " + schema + ": this vanban reads " +
                                   std::string(kDocumentSchema));
  }
  DocumentRecord out;
  Document& doc = out.document;
  if (const Json* source = r.Field(record, "", "source")) {
    doc.source.path = r.String(*source, "source", "path");
    doc.source.sha256 = r.String(*source, "source", "sha256");
    doc.source.media_type = r.String(*source, "source", "media_type");
    doc.source.encoding = r.String(*source, "source", "encoding");
    const int64_t size = r.Integer(*source, "source", "size_bytes");
    if (size < 0) r.Fail("source.size_bytes", "must not be negative");
    doc.source.size_bytes = static_cast<uint64_t>(size);
  }
  ForEach(r, record, "pages", [&](const Json& p, const std::string& at) { doc.pages.push_back(ReadPage(r, p, at)); });
  doc.text = r.String(record, "", "text");
  ForEach(r, record, "paragraphs", [&](const Json& p, const std::string& at) {
    Paragraph paragraph;
    paragraph.span = r.ReadSpan(p, at);
    paragraph.page = static_cast<int>(r.Integer(p, at, "page"));
    paragraph.footnote = r.Boolean(p, at, "footnote", false);
    const int64_t printed = r.Integer(p, at, "printed_offset");
    if (paragraph.span.end > doc.text.size()) r.Fail(Reader::Join(at, "span"), "runs past the end of the text");
    // Paragraphs follow one another: the text map and every lookup by offset rely on it.
    if (!doc.paragraphs.empty() && paragraph.span.begin < doc.paragraphs.back().span.end) {
      r.Fail(Reader::Join(at, "span"), "starts before the paragraph above it ends");
    }
    // The record keeps where each paragraph starts in print: one anchor each.
    doc.text_map.Add({paragraph.span.begin, 0, {paragraph.page, static_cast<size_t>(std::max<int64_t>(0, printed))}, 0});
    doc.paragraphs.push_back(paragraph);
  });
  ForEach(
      r, record, "tables",
      [&](const Json& j, const std::string& at) {
        Table table;
        table.page = static_cast<int>(r.Integer(j, at, "page"));
        const Span paragraphs = r.ReadSpan(j, at, "paragraphs");
        table.first_paragraph = paragraphs.begin;
        table.end_paragraph = paragraphs.end;
        if (table.end_paragraph > doc.paragraphs.size()) r.Fail(Reader::Join(at, "paragraphs"), "past the last paragraph");
        const Json& rows = r.Array(j, at, "rows");
        for (size_t i = 0; i < rows.size(); ++i) {
          const std::string row_at = Reader::Index(Reader::Join(at, "rows"), i);
          const Json& cells = r.Array(rows[i], row_at, "cells");
          TableRow& row = table.rows.emplace_back();
          for (size_t c = 0; c < cells.size(); ++c) {
            const std::string cell_at = Reader::Index(Reader::Join(row_at, "cells"), c);
            const Span cell = r.ReadSpan(cells[c], cell_at);
            if (cell.end > doc.text.size()) r.Fail(Reader::Join(cell_at, "span"), "runs past the end of the text");
            row.cells.push_back(cell);
          }
        }
        doc.tables.push_back(std::move(table));
      },
      /*required=*/false);
  ForEach(
      r, record, "signatures",
      [&](const Json& j, const std::string& at) {
        SignatureStamp stamp;
        stamp.page = static_cast<int>(r.Integer(j, at, "page"));
        stamp.text = r.String(j, at, "text");
        if (const Json* box = r.Field(j, at, "box", false)) stamp.box = r.Box(*box, Reader::Join(at, "box"));
        stamp.signed_by = r.String(j, at, "signed_by");
        stamp.signed_at = r.String(j, at, "signed_at");
        doc.signatures.push_back(std::move(stamp));
      },
      /*required=*/false);
  ForEach(
      r, record, "handwritten",
      [&](const Json& j, const std::string& at) {
        HandwrittenFill fill;
        fill.page = static_cast<int>(r.Integer(j, at, "page"));
        fill.field = r.String(j, at, "field");
        if (const Json* digits = r.Field(j, at, "digits"); digits != nullptr && !digits->is_null()) {
          fill.digits = r.String(j, at, "digits");
        }
        fill.candidate = r.String(j, at, "candidate");
        fill.confidence = static_cast<float>(r.Number(j, at, "confidence"));
        if (const Json* box = r.Field(j, at, "box")) fill.box = r.Box(*box, Reader::Join(at, "box"));
        doc.handwritten.push_back(std::move(fill));
      },
      /*required=*/false);
  doc.warnings = r.Strings(record, "", "warnings");
  ForEach(r, record, "errors", [&](const Json& e, const std::string& at) {
    doc.errors.push_back({r.String(e, at, "path"), static_cast<int>(r.Integer(e, at, "page")), r.String(e, at, "code"),
                          r.String(e, at, "reason")});
  });
  if (record.contains("header")) {
    out.extraction = ReadExtraction(r, record);
    ReadOpenSections(r, record, *out.extraction);
  }
  VANBAN_RETURN_IF_ERROR(error);
  return out;
}

}  // namespace

StatusOr<DocumentRecord> ReadRecord(std::string_view json) {
  try {
    return Read(json);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory reading a record");
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("malformed record: ") + e.what());
  }
}

}  // namespace vanban
