// The searchable PDF: qpdf keeps a PDF's own pages (or takes an image page Leptonica compressed)
// and adds to each OCR page a content stream of invisible text, one positioned run per word.
//
// The text uses a font whose one glyph draws nothing, as Tesseract's and OCRmyPDF's layers do:
// every character is a two-byte code (Identity-H) equal to its UTF-16 unit, mapped to glyph 1 and,
// for text extraction, to itself (ToUnicode). Each word is stretched to its box on the page image,
// its trailing space up to the next word, so that selection and extraction follow the print.
#include <leptonica/allheaders.h>
// qpdf 11's smart pointers are std::shared_ptr; say so (else PointerHolder.hh warns).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "searchable_internal.h"
#include "vanban/internal/pix.h"
#include "vanban/internal/utf8.h"
#include "vanban/searchable.h"

namespace vanban {
namespace {

constexpr const char* kFontKey = "/VanbanOcrText";
// The glyph's advance, in thousandths of the font size (the font's /DW).
constexpr double kAdvance = 0.5;

struct CompDataFree {
  void operator()(L_COMP_DATA* cid) const { l_CIDataDestroy(&cid); }
};
using CompDataPtr = std::unique_ptr<L_COMP_DATA, CompDataFree>;

// One image page as a one-page PDF made by Leptonica, which writes the image stream with the
// right filter and colour space for each kind of compressed data.
StatusOr<std::string> ImagePagePdf(const Pix* image, std::string_view jpeg) {
  L_COMP_DATA* made = nullptr;
  if (!jpeg.empty()) {
    // Leptonica takes the buffer it is given (and frees it with the compressed data).
    auto* copy = static_cast<l_uint8*>(std::malloc(jpeg.size()));
    if (copy == nullptr) return Status::ResourceExhausted("out of memory for the JPEG page");
    std::memcpy(copy, jpeg.data(), jpeg.size());
    made = l_generateJpegDataMem(copy, jpeg.size(), 0);
  } else {
    PixPtr plain(pixGetColormap(internal::Mutable(image)) ? pixRemoveColormap(internal::Mutable(image), REMOVE_CMAP_BASED_ON_SRC)
                                                       : pixClone(internal::Mutable(image)));
    if (!plain) return Status::Internal("cannot take the page image's colours");
    if (pixGetXRes(plain.get()) < internal::kMinCredibleDpi) {
      const int res = internal::ResolutionOrDefault(plain.get());
      pixSetResolution(plain.get(), res, res);
    }
    const int type = pixGetDepth(plain.get()) == 1 ? L_G4_ENCODE : L_FLATE_ENCODE;
    if (pixGenerateCIData(plain.get(), type, 0, 0, &made) != 0) made = nullptr;
  }
  CompDataPtr cid(made);
  if (!cid) return Status::Corrupt("the page image cannot be compressed for the PDF");
  if (cid->res < internal::kMinCredibleDpi || cid->res > internal::kMaxCredibleDpi) cid->res = internal::kDefaultDpi;
  l_uint8* data = nullptr;
  size_t size = 0;
  // cidConvertToPdfData destroys the compressed data it is given.
  if (cidConvertToPdfData(cid.release(), nullptr, &data, &size) != 0 || data == nullptr) {
    return Status::Internal("cannot make the PDF page of the image");
  }
  std::string pdf(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return pdf;
}

// The Type0 font of the text layer, made once per document and shared by its pages.
QPDFObjectHandle GlyphlessFont(QPDF& pdf, const std::string& truetype) {
  // Every CID to glyph 1: 65,536 two-byte entries.
  std::string cid_to_gid(2 * 65536, '\0');
  for (size_t i = 1; i < cid_to_gid.size(); i += 2) cid_to_gid[i] = '\1';
  QPDFObjectHandle map = pdf.newStream(cid_to_gid);
  static const char* kToUnicode =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
      "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  QPDFObjectHandle to_unicode = pdf.newStream(kToUnicode);
  QPDFObjectHandle descriptor = QPDFObjectHandle::parse(
      "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] /ItalicAngle 0"
      " /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>");
  if (!truetype.empty()) {
    QPDFObjectHandle file = pdf.newStream(truetype);
    file.getDict().replaceKey("/Length1", QPDFObjectHandle::newInteger(static_cast<long long>(truetype.size())));
    descriptor.replaceKey("/FontFile2", file);
  }
  QPDFObjectHandle cid_font = QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont"
      " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>");
  cid_font.replaceKey("/FontDescriptor", pdf.makeIndirectObject(descriptor));
  cid_font.replaceKey("/CIDToGIDMap", map);
  QPDFObjectHandle font = QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>");
  font.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({pdf.makeIndirectObject(cid_font)}));
  font.replaceKey("/ToUnicode", to_unicode);
  return pdf.makeIndirectObject(font);
}

// The text as a PDF hex string of UTF-16BE units, and how many units (glyphs) it has.
std::string Utf16Hex(const std::string& text, int* units) {
  std::string hex = "<";
  *units = 0;
  const auto unit = [&](unsigned u) {
    char four[8];
    std::snprintf(four, sizeof four, "%04X", u & 0xFFFFu);
    hex += four;
    ++*units;
  };
  internal::ForEachCodepoint(text, [&](UChar32 c, size_t, size_t) {
    if (c < 0) return;
    if (c >= 0x10000) {
      unit(0xD800u + ((static_cast<unsigned>(c) - 0x10000u) >> 10));
      unit(0xDC00u + ((static_cast<unsigned>(c) - 0x10000u) & 0x3FFu));
    } else {
      unit(static_cast<unsigned>(c));
    }
  });
  return hex + ">";
}

std::string Number(double v) {
  char out[32];
  std::snprintf(out, sizeof out, "%.2f", v);
  return out;
}

// The page's visible area and turn, which the page image OCR read was rendered with.
struct PageFrame {
  double x0 = 0, y0 = 0, width = 0, height = 0;  // crop box, user space
  int rotate = 0;                                // 0, 90, 180 or 270
};

PageFrame FrameOf(QPDFPageObjectHelper& page) {
  PageFrame f;
  const QPDFObjectHandle::Rectangle box = page.getCropBox(false, false).getArrayAsRectangle();
  f.x0 = std::min(box.llx, box.urx);
  f.y0 = std::min(box.lly, box.ury);
  f.width = std::fabs(box.urx - box.llx);
  f.height = std::fabs(box.ury - box.lly);
  QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
  if (rotate.isInteger()) f.rotate = ((rotate.getIntValueAsInt() % 360) + 360) % 360 / 90 * 90;
  return f;
}

// The content stream of one OCR page's words. It draws in the page as displayed (points, origin
// bottom left of the turned crop box); `cm` takes that to the page's user space.
std::string TextLayer(const Page& page, const PageFrame& frame) {
  const bool turned = frame.rotate == 90 || frame.rotate == 270;
  const double shown_width = turned ? frame.height : frame.width, shown_height = turned ? frame.width : frame.height;
  if (page.width <= 0 || page.height <= 0 || shown_width <= 0 || shown_height <= 0) return "";
  const double sx = shown_width / page.width, sy = shown_height / page.height;
  std::string cm;
  switch (frame.rotate) {
    case 90: cm = "0 1 -1 0 " + Number(frame.x0 + shown_height) + " " + Number(frame.y0); break;
    case 180: cm = "-1 0 0 -1 " + Number(frame.x0 + shown_width) + " " + Number(frame.y0 + shown_height); break;
    case 270: cm = "0 -1 1 0 " + Number(frame.x0) + " " + Number(frame.y0 + shown_width); break;
    default: cm = "1 0 0 1 " + Number(frame.x0) + " " + Number(frame.y0); break;
  }
  std::string out = "q\n" + cm + " cm\nBT\n3 Tr\n" + std::string(kFontKey) + " 1 Tf\n";
  bool any = false;
  for (const Block& block : page.blocks) {
    for (const Line& line : block.lines) {
      const std::vector<Word> words = internal::WordsOf(line);
      if (words.empty()) continue;
      // The line's box holds every accent and descender and reaches into the next line's; the
      // middle word's height and bottom say where the print is. One em of the layer's font is
      // that height (the font's box is one em above the baseline), so consecutive lines never
      // overlap, which would make readers merge them.
      std::vector<double> heights, bottoms;
      for (const Word& w : words) heights.push_back(w.box.height()), bottoms.push_back(w.box.y1);
      std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
      std::nth_element(bottoms.begin(), bottoms.begin() + bottoms.size() / 2, bottoms.end());
      const double height = heights[heights.size() / 2], bottom = bottoms[bottoms.size() / 2];
      const double size = std::max(1.0, height * sy);
      const double baseline = shown_height - (bottom - 0.1 * height) * sy;
      for (size_t i = 0; i < words.size(); ++i) {
        const Word& w = words[i];
        const bool last = i + 1 == words.size();
        int units = 0;
        const std::string hex = Utf16Hex(last ? w.text : w.text + " ", &units);
        if (units == 0) continue;
        double width = w.box.width();
        if (!last && words[i + 1].box.x0 > w.box.x0) width = words[i + 1].box.x0 - w.box.x0;
        const double stretch = std::max(0.01, width * sx / (units * kAdvance));
        out += Number(stretch) + " 0 0 " + Number(size) + " " + Number(w.box.x0 * sx) + " " + Number(baseline) + " Tm " +
               hex + " Tj\n";
        any = true;
      }
    }
  }
  return any ? out + "ET\nQ\n" : "";
}

// Drops the text objects of a content stream that show text only in render mode 3 (invisible):
// a scanner's own OCR layer. Visible text (a stamp, a caption) is kept, and so is every text
// object that shows anything visibly.
class InvisibleTextRemover : public QPDFObjectHandle::TokenFilter {
 public:
  void handleToken(QPDFTokenizer::Token const& token) override {
    const QPDFTokenizer::token_type_e type = token.getType();
    if (type == QPDFTokenizer::tt_integer || type == QPDFTokenizer::tt_real) {
      last_number_ = std::atoi(token.getValue().c_str());
    } else if (type == QPDFTokenizer::tt_word) {
      const std::string& op = token.getValue();
      if (op == "BT" && !in_text_) {
        in_text_ = true;
        shows_ = visible_ = false;
      } else if (op == "Tr") {
        mode_ = last_number_;
      } else if (op == "q") {
        saved_modes_.push_back(mode_);
      } else if (op == "Q" && !saved_modes_.empty()) {
        mode_ = saved_modes_.back();
        saved_modes_.pop_back();
      } else if (in_text_ && (op == "Tj" || op == "TJ" || op == "'" || op == "\"")) {
        shows_ = true;
        visible_ = visible_ || mode_ != 3;
      }
      if (in_text_) {
        held_.push_back(token);
        if (op == "ET") {
          in_text_ = false;
          if (visible_ || !shows_) Release();
          held_.clear();
        }
        return;
      }
    }
    if (in_text_) {
      held_.push_back(token);
    } else {
      writeToken(token);
    }
  }
  void handleEOF() override { Release(); }

 private:
  void Release() {
    for (const QPDFTokenizer::Token& t : held_) writeToken(t);
    held_.clear();
  }
  std::vector<QPDFTokenizer::Token> held_;
  std::vector<int> saved_modes_;
  int mode_ = 0, last_number_ = 0;
  bool in_text_ = false, shows_ = false, visible_ = false;
};

void AddTextLayer(QPDF& pdf, QPDFPageObjectHelper& page, const Page& ocr, const QPDFObjectHandle& font,
                  bool remove_invisible_text) {
  const std::string layer = TextLayer(ocr, FrameOf(page));
  if (layer.empty()) return;
  if (remove_invisible_text) page.addContentTokenFilter(std::make_shared<InvisibleTextRemover>());
  // The page's own drawing is closed in q ... Q, so whatever state it leaves cannot move the words.
  page.addPageContents(pdf.newStream("q\n"), true);
  page.addPageContents(pdf.newStream("\nQ\n" + layer), false);
  QPDFObjectHandle resources = page.getAttribute("/Resources", true);
  if (!resources.isDictionary()) {
    resources = QPDFObjectHandle::newDictionary();
    page.getObjectHandle().replaceKey("/Resources", resources);
  }
  QPDFObjectHandle fonts = resources.getKey("/Font");
  fonts = fonts.isDictionary() ? fonts.shallowCopy() : QPDFObjectHandle::newDictionary();
  fonts.replaceKey(kFontKey, font);
  resources.replaceKey("/Font", fonts);
}

std::string Written(QPDF& pdf) {
  QPDFWriter writer(pdf);
  writer.setOutputMemory();
  writer.setPreserveEncryption(false);
  writer.setDeterministicID(true);  // the same input makes the same bytes
  writer.setObjectStreamMode(qpdf_o_generate);
  writer.setCompressStreams(true);
  writer.write();
  std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

StatusOr<std::string> OverPdf(const Document& doc, std::string_view source, const SearchableOptions& options) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  // qpdf reads `source` where it is; it outlives `pdf`.
  pdf.processMemoryFile(doc.source.path.c_str(), source.data(), source.size(),
                        options.pdf_password.empty() ? nullptr : options.pdf_password.c_str());
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  QPDFObjectHandle font;
  for (const Page& page : doc.pages) {
    if (page.origin != Origin::kOcr || page.number < 1 || static_cast<size_t>(page.number) > pages.size()) continue;
    if (!font.isInitialized()) font = GlyphlessFont(pdf, options.glyphless_font);
    AddTextLayer(pdf, pages[static_cast<size_t>(page.number - 1)], page, font, true);
  }
  return Written(pdf);
}

StatusOr<std::string> OverImages(const Document& doc, std::string_view source, PageImages& images,
                                 const SearchableOptions& options) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.emptyPDF();
  QPDFPageDocumentHelper document(pdf);
  QPDFObjectHandle font = GlyphlessFont(pdf, options.glyphless_font);
  // The one-page PDFs stay open until the result is written: qpdf copies their streams then.
  std::vector<std::unique_ptr<QPDF>> page_pdfs;
  std::deque<std::string> page_bytes;  // qpdf reads them where they are: they never move
  const bool one_jpeg = doc.source.media_type == "image/jpeg" && doc.pages.size() == 1;
  for (const Page& page : doc.pages) {
    StatusOr<PixPtr> image = images.Image(page.number, options.dpi, nullptr);
    if (!image.ok()) {
      return Status(image.status().code(), "page " + std::to_string(page.number) + ": " + image.status().message());
    }
    StatusOr<std::string> one = ImagePagePdf(image->get(), one_jpeg ? source : std::string_view());
    if (!one.ok()) return Status(one.status().code(), "page " + std::to_string(page.number) + ": " + one.status().message());
    page_bytes.push_back(std::move(one).value());
    auto single = std::make_unique<QPDF>();
    single->setSuppressWarnings(true);
    single->processMemoryFile("page", page_bytes.back().data(), page_bytes.back().size());
    QPDFPageObjectHelper taken = QPDFPageDocumentHelper(*single).getAllPages().front();
    document.addPage(taken, false);
    page_pdfs.push_back(std::move(single));
    QPDFPageObjectHelper added(pdf.getAllPages().back());
    if (page.origin == Origin::kOcr) AddTextLayer(pdf, added, page, font, false);
  }
  return Written(pdf);
}

}  // namespace

StatusOr<std::string> SearchablePdfOf(const Document& doc, std::string_view source, PageImages* images,
                                      const SearchableOptions& options) {
  internal::SilenceLeptonica();
  try {
    if (doc.source.media_type == "application/pdf") return OverPdf(doc, source, options);
    if (images == nullptr) {
      return Status::InvalidArgument(doc.source.media_type + " has no page images to make a searchable PDF of");
    }
    return OverImages(doc, source, *images, options);
  } catch (const QPDFExc& e) {
    return Status::Corrupt(std::string("the PDF cannot be rewritten: ") + e.what());
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory writing the searchable PDF");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("writing the searchable PDF failed: ") + e.what());
  }
}

}  // namespace vanban
