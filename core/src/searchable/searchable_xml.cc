// hOCR and ALTO from the document's words, written with libxml2's text writer (which escapes the
// text and checks the nesting).
#include <libxml/xmlwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "searchable_internal.h"
#include "vanban/searchable.h"

namespace vanban {
namespace {

struct BufferFree {
  void operator()(xmlBuffer* b) const { xmlBufferFree(b); }
};
struct WriterFree {
  void operator()(xmlTextWriter* w) const { xmlFreeTextWriter(w); }
};

// An in-memory document being written. libxml2 reports each failure by a negative return; the
// first one is kept and the rest of the calls are skipped, so writing code reads straight.
class XmlOut {
 public:
  XmlOut() : buffer_(xmlBufferCreate()) {
    if (buffer_) writer_.reset(xmlNewTextWriterMemory(buffer_.get(), 0));
    ok_ = writer_ != nullptr;
    if (ok_) Check(xmlTextWriterSetIndent(writer_.get(), 1)), Check(xmlTextWriterSetIndentString(writer_.get(), Xml(" ")));
  }
  xmlTextWriter* get() const { return writer_.get(); }
  void Check(int rc) { ok_ = ok_ && rc >= 0; }
  void Start(const char* element) {
    if (ok_) Check(xmlTextWriterStartElement(get(), Xml(element)));
  }
  void End() {
    if (ok_) Check(xmlTextWriterEndElement(get()));
  }
  void Attribute(const char* name, const std::string& value) {
    if (ok_) Check(xmlTextWriterWriteAttribute(get(), Xml(name), Xml(value.c_str())));
  }
  void Text(const std::string& text) {
    if (ok_) Check(xmlTextWriterWriteString(get(), Xml(text.c_str())));
  }
  bool ok() const { return ok_; }
  StatusOr<std::string> Finish() {
    if (ok_) Check(xmlTextWriterEndDocument(get()));
    if (!ok_) return Status::Internal("cannot write the XML");
    writer_.reset();  // flushes into the buffer
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_.get())),
                       static_cast<size_t>(xmlBufferLength(buffer_.get())));
  }
  static const xmlChar* Xml(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

 private:
  std::unique_ptr<xmlBuffer, BufferFree> buffer_;
  std::unique_ptr<xmlTextWriter, WriterFree> writer_;
  bool ok_ = false;
};

std::string Round(double v) { return std::to_string(std::lround(v)); }

// "bbox x0 y0 x1 y1" of hOCR, in pixels.
std::string HocrBox(const BoundingBox& b) {
  return "bbox " + Round(b.x0) + " " + Round(b.y0) + " " + Round(b.x1) + " " + Round(b.y1);
}

void AltoBox(XmlOut& xml, const BoundingBox& b) {
  xml.Attribute("HPOS", Round(b.x0));
  xml.Attribute("VPOS", Round(b.y0));
  xml.Attribute("WIDTH", Round(b.width()));
  xml.Attribute("HEIGHT", Round(b.height()));
}

std::string Fixed(double v, const char* format) {
  char out[32];
  std::snprintf(out, sizeof out, format, v);
  return out;
}

StatusOr<std::string> Hocr(const Document& doc, const SearchableOptions& options) {
  XmlOut xml;
  xml.Check(xmlTextWriterStartDocument(xml.get(), "1.0", "UTF-8", nullptr));
  if (xml.ok()) {
    xml.Check(xmlTextWriterWriteDTD(xml.get(), XmlOut::Xml("html"),
                                    XmlOut::Xml("-//W3C//DTD XHTML 1.0 Transitional//EN"),
                                    XmlOut::Xml("http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"), nullptr));
  }
  xml.Start("html");
  xml.Attribute("xmlns", "http://www.w3.org/1999/xhtml");
  xml.Attribute("xml:lang", "vi");
  xml.Attribute("lang", "vi");
  xml.Start("head");
  xml.Start("title");
  xml.Text(doc.source.path);
  xml.End();
  const auto meta = [&](const char* name, const char* content) {
    xml.Start("meta");
    xml.Attribute("name", name);
    xml.Attribute("content", content);
    xml.End();
  };
  xml.Start("meta");
  xml.Attribute("http-equiv", "Content-Type");
  xml.Attribute("content", "text/html;charset=utf-8");
  xml.End();
  meta("ocr-system", "vanban");
  meta("ocr-capabilities", "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf");
  xml.End();  // head
  xml.Start("body");
  int block_id = 0, line_id = 0, word_id = 0;
  for (const Page& page : doc.pages) {
    const internal::PageGeometry geometry = internal::PixelGeometry(page, options.dpi);
    const std::string p = std::to_string(page.number);
    xml.Start("div");
    xml.Attribute("class", "ocr_page");
    xml.Attribute("id", "page_" + p);
    xml.Attribute("title", "image \"" + doc.source.path + "\"; " + HocrBox(geometry.page) + "; ppageno " +
                               std::to_string(page.number - 1));
    for (const Block& block : page.blocks) {
      const std::string b = std::to_string(++block_id);
      const BoundingBox block_box = geometry.Scaled(internal::BoxOfBlock(block));
      xml.Start("div");
      xml.Attribute("class", "ocr_carea");
      xml.Attribute("id", "block_" + p + "_" + b);
      xml.Attribute("title", HocrBox(block_box));
      xml.Start("p");
      xml.Attribute("class", "ocr_par");
      xml.Attribute("id", "par_" + p + "_" + b);
      xml.Attribute("lang", "vie");
      xml.Attribute("title", HocrBox(block_box));
      for (const Line& line : block.lines) {
        const std::vector<Word> words = internal::WordsOf(line);
        if (words.empty()) continue;
        xml.Start("span");
        xml.Attribute("class", "ocr_line");
        xml.Attribute("id", "line_" + p + "_" + std::to_string(++line_id));
        xml.Attribute("title", HocrBox(geometry.Scaled(internal::BoxOfLine(line, words))));
        for (const Word& word : words) {
          xml.Start("span");
          xml.Attribute("class", "ocrx_word");
          xml.Attribute("id", "word_" + p + "_" + std::to_string(++word_id));
          xml.Attribute("title", HocrBox(geometry.Scaled(word.box)) + "; x_wconf " + Round(100.0 * word.confidence));
          xml.Text(word.text);
          xml.End();
        }
        xml.End();
      }
      xml.End();  // p
      xml.End();  // div
    }
    xml.End();  // page
  }
  xml.End();  // body
  xml.End();  // html
  return xml.Finish();
}

StatusOr<std::string> Alto(const Document& doc, const SearchableOptions& options) {
  XmlOut xml;
  xml.Check(xmlTextWriterStartDocument(xml.get(), "1.0", "UTF-8", nullptr));
  xml.Start("alto");
  xml.Attribute("xmlns", "http://www.loc.gov/standards/alto/ns-v4#");
  xml.Attribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  xml.Attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  xml.Attribute("xsi:schemaLocation",
                "http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/alto/v4/alto-4-2.xsd");
  xml.Start("Description");
  xml.Start("MeasurementUnit");
  xml.Text("pixel");
  xml.End();
  xml.Start("sourceImageInformation");
  xml.Start("fileName");
  xml.Text(doc.source.path);
  xml.End();
  xml.End();
  xml.Start("OCRProcessing");
  xml.Attribute("ID", "OCR_0");
  xml.Start("ocrProcessingStep");
  xml.Start("processingSoftware");
  xml.Start("softwareName");
  xml.Text("vanban");
  xml.End();
  xml.End();
  xml.End();
  xml.End();
  xml.End();  // Description
  xml.Start("Layout");
  int block_id = 0, line_id = 0, word_id = 0;
  for (const Page& page : doc.pages) {
    const internal::PageGeometry geometry = internal::PixelGeometry(page, options.dpi);
    const std::string p = std::to_string(page.number);
    xml.Start("Page");
    xml.Attribute("WIDTH", Round(geometry.page.width()));
    xml.Attribute("HEIGHT", Round(geometry.page.height()));
    xml.Attribute("PHYSICAL_IMG_NR", p);
    xml.Attribute("ID", "page_" + p);
    xml.Start("PrintSpace");
    AltoBox(xml, geometry.page);
    for (const Block& block : page.blocks) {
      xml.Start("TextBlock");
      xml.Attribute("ID", "block_" + std::to_string(++block_id));
      AltoBox(xml, geometry.Scaled(internal::BoxOfBlock(block)));
      for (const Line& line : block.lines) {
        const std::vector<Word> words = internal::WordsOf(line);
        if (words.empty()) continue;
        xml.Start("TextLine");
        xml.Attribute("ID", "line_" + std::to_string(++line_id));
        AltoBox(xml, geometry.Scaled(internal::BoxOfLine(line, words)));
        for (size_t i = 0; i < words.size(); ++i) {
          const BoundingBox box = geometry.Scaled(words[i].box);
          if (i > 0) {
            const BoundingBox before = geometry.Scaled(words[i - 1].box);
            xml.Start("SP");
            xml.Attribute("WIDTH", Round(std::max(0.0, box.x0 - before.x1)));
            xml.Attribute("HPOS", Round(before.x1));
            xml.Attribute("VPOS", Round(before.y0));
            xml.End();
          }
          xml.Start("String");
          xml.Attribute("ID", "string_" + std::to_string(++word_id));
          AltoBox(xml, box);
          xml.Attribute("WC", Fixed(words[i].confidence, "%.2f"));
          xml.Attribute("CONTENT", words[i].text);
          xml.End();
        }
        xml.End();  // TextLine
      }
      xml.End();  // TextBlock
    }
    xml.End();  // PrintSpace
    xml.End();  // Page
  }
  xml.End();  // Layout
  xml.End();  // alto
  return xml.Finish();
}

}  // namespace

StatusOr<std::string> HocrOf(const Document& doc, const SearchableOptions& options) {
  return internal::GuardedOutput("hOCR", [&] { return Hocr(doc, options); });
}

StatusOr<std::string> AltoOf(const Document& doc, const SearchableOptions& options) {
  return internal::GuardedOutput("ALTO", [&] { return Alto(doc, options); });
}

}  // namespace vanban
