// vanban-render-document: renders UTF-8 Vietnamese text files into A4 pages
// (a born-digital PDF and/or one PNG per page with ground-truth text), so the
// test suite can build its PDF and OCR fixtures at test time instead of
// committing binaries.
//
// Determinism is the main design constraint: the same input must give
// byte-identical output on a given machine. Hence the fixed PDF creation date,
// unhinted font metrics, unrounded glyph positions, and a layout computed once
// in PDF points that is independent of the output resolution.

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib-object.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

// A4 in PDF points and the margins of Nghị định 30/2020/NĐ-CP.
constexpr double kPageWidthPt = 595.276;
constexpr double kPageHeightPt = 841.89;
constexpr double kPtPerCm = 72.0 / 2.54;
constexpr double kMarginTopPt = 2.0 * kPtPerCm;
constexpr double kMarginBottomPt = 2.0 * kPtPerCm;
constexpr double kMarginLeftPt = 3.0 * kPtPerCm;
constexpr double kMarginRightPt = 2.0 * kPtPerCm;
constexpr double kLineSpacing = 1.15;

constexpr const char* kDefaultFont = "Liberation Serif";
constexpr double kDefaultSizePt = 13.0;
constexpr int kDefaultDpi = 300;
// Any fixed value works; it only has to stop cairo from stamping the clock.
constexpr const char* kFixedCreateDate = "2020-01-01T00:00:00Z";

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

constexpr const char* kUsage =
    "Usage:\n"
    "  vanban-render-document INPUT.txt... --pdf OUT.pdf [options]\n"
    "  vanban-render-document INPUT.txt... --png-dir DIR [--dpi 300] "
    "[options]\n"
    "\n"
    "Renders UTF-8 text files onto A4 pages (margins 2/2/3/2 cm, line\n"
    "spacing 1.15). Each input line is a paragraph; a blank line is vertical\n"
    "space. Inputs are concatenated in order. --pdf and --png-dir may be\n"
    "combined; at least one is required.\n"
    "\n"
    "Options:\n"
    "  --pdf FILE      write a PDF with real, extractable text\n"
    "  --png-dir DIR   write DIR/page-0001.png ... and page-0001.gt.txt ...\n"
    "  --dpi N         PNG resolution, 10..1200 (default 300)\n"
    "  --font FAMILY   font family (default \"Liberation Serif\"); it must\n"
    "                  resolve to exactly this family, no fallback\n"
    "  --size PT       font size in points (default 13)\n"
    "  --repeat N      repeat the concatenated inputs N times (default 1)\n"
    "  --help          show this help\n"
    "\n"
    "Prints \"pages: N\" on stdout. Exit codes: 0 ok, 1 error, 2 usage.\n";

// RAII wrappers for the C resources.
struct CairoSurfaceDeleter {
  void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
};
struct CairoDeleter {
  void operator()(cairo_t* p) const { cairo_destroy(p); }
};
struct CairoFontOptionsDeleter {
  void operator()(cairo_font_options_t* p) const {
    cairo_font_options_destroy(p);
  }
};
struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* p) const {
    pango_font_description_free(p);
  }
};
struct LayoutIterDeleter {
  void operator()(PangoLayoutIter* p) const { pango_layout_iter_free(p); }
};
struct AttrListDeleter {
  void operator()(PangoAttrList* p) const { pango_attr_list_unref(p); }
};
struct GObjectDeleter {
  void operator()(gpointer p) const { g_object_unref(p); }
};
struct FileCloser {
  void operator()(std::FILE* p) const { std::fclose(p); }
};

using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using CairoFontOptionsPtr =
    std::unique_ptr<cairo_font_options_t, CairoFontOptionsDeleter>;
using FontDescriptionPtr =
    std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;
using LayoutIterPtr = std::unique_ptr<PangoLayoutIter, LayoutIterDeleter>;
using AttrListPtr = std::unique_ptr<PangoAttrList, AttrListDeleter>;
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

struct Options {
  std::vector<std::string> inputs;
  std::string pdf_path;
  std::string png_dir;
  std::string font = kDefaultFont;
  double size_pt = kDefaultSizePt;
  int dpi = kDefaultDpi;
  int repeat = 1;
  bool help = false;
};

enum class ParseResult { kOk, kHelp, kError };

bool ParseInt(std::string_view s, int min, int max, int* out) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return false;
  if (value < min || value > max) return false;
  *out = value;
  return true;
}

bool ParseDouble(std::string_view s, double min, double max, double* out) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return false;
  if (!std::isfinite(value) || value < min || value > max) return false;
  *out = value;
  return true;
}

ParseResult ParseArgs(int argc, char** argv, Options* options,
                      std::string* error) {
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_done || arg.size() < 2 || arg.substr(0, 2) != "--") {
      if (!options_done && arg.size() > 1 && arg[0] == '-') {
        *error = "unknown option '" + std::string(arg) + "'";
        return ParseResult::kError;
      }
      options->inputs.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg == "--help") return ParseResult::kHelp;

    // Accept both "--opt value" and "--opt=value".
    std::string_view name = arg;
    std::string_view value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (name != "--pdf" && name != "--png-dir" && name != "--dpi" &&
        name != "--font" && name != "--size" && name != "--repeat") {
      *error = "unknown option '" + std::string(name) + "'";
      return ParseResult::kError;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        *error = "option " + std::string(name) + " needs a value";
        return ParseResult::kError;
      }
      value = argv[++i];
    }
    if (value.empty()) {
      *error = "option " + std::string(name) + " needs a non-empty value";
      return ParseResult::kError;
    }
    if (name == "--pdf") {
      options->pdf_path = value;
    } else if (name == "--png-dir") {
      options->png_dir = value;
    } else if (name == "--font") {
      options->font = value;
    } else if (name == "--dpi") {
      if (!ParseInt(value, 10, 1200, &options->dpi)) {
        *error = "--dpi must be an integer in 10..1200, got '" +
                 std::string(value) + "'";
        return ParseResult::kError;
      }
    } else if (name == "--size") {
      if (!ParseDouble(value, 1.0, 200.0, &options->size_pt)) {
        *error = "--size must be a number of points in 1..200, got '" +
                 std::string(value) + "'";
        return ParseResult::kError;
      }
    } else if (name == "--repeat") {
      if (!ParseInt(value, 1, 100000, &options->repeat)) {
        *error = "--repeat must be an integer in 1..100000, got '" +
                 std::string(value) + "'";
        return ParseResult::kError;
      }
    }
  }
  if (options->inputs.empty()) {
    *error = "no input file given";
    return ParseResult::kError;
  }
  if (options->pdf_path.empty() && options->png_dir.empty()) {
    *error = "one of --pdf or --png-dir is required";
    return ParseResult::kError;
  }
  return ParseResult::kOk;
}

// One input file, validated as UTF-8, split into paragraphs (lines).
struct InputFile {
  std::string path;
  std::string contents;
  std::vector<std::string_view> paragraphs;
};

bool ReadFile(const std::string& path, std::string* contents,
              std::string* error) {
  errno = 0;
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    *error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  contents->clear();
  char buffer[1 << 16];
  for (;;) {
    size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    contents->append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get())) {
    // fread leaves errno set (e.g. EISDIR when the path is a directory).
    *error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  return true;
}

bool LoadInput(const std::string& path, InputFile* input, std::string* error) {
  input->path = path;
  if (!ReadFile(path, &input->contents, error)) return false;
  const std::string& data = input->contents;

  // Pango requires valid UTF-8 and treats NUL as a terminator, so reject both
  // up front with a precise location instead of rendering garbage.
  const gchar* end = nullptr;
  if (!g_utf8_validate_len(data.data(), data.size(), &end)) {
    size_t offset = static_cast<size_t>(end - data.data());
    *error = path + ": invalid UTF-8 at byte offset " + std::to_string(offset);
    if (data[offset] == '\0') *error += " (NUL byte)";
    return false;
  }

  std::string_view text = data;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.empty()) return true;
  // A final newline terminates the last line rather than starting a new one.
  if (text.back() == '\n') text.remove_suffix(1);
  size_t start = 0;
  for (;;) {
    size_t nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos
                                                        : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    input->paragraphs.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return true;
}

std::string_view TrimTrailingSpace(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Receives laid-out lines page by page; the layout is done once and replayed
// on every output so the PDF and the PNGs always agree.
class PageSink {
 public:
  virtual ~PageSink() = default;
  virtual bool BeginPage(std::string* error) = 0;
  // (x, baseline) is the line origin in PDF points; text is what the line
  // shows, trailing whitespace removed.
  virtual void DrawLine(PangoLayoutLine* line, double x, double baseline,
                        std::string_view text) = 0;
  virtual bool EndPage(std::string* error) = 0;
  virtual bool Finish(std::string* error) = 0;
};

class PdfSink : public PageSink {
 public:
  bool Open(const std::string& path, std::string* error) {
    path_ = path;
    surface_.reset(
        cairo_pdf_surface_create(path.c_str(), kPageWidthPt, kPageHeightPt));
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      *error = path + ": cannot create PDF: " +
               cairo_status_to_string(cairo_surface_status(surface_.get()));
      return false;
    }
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    cairo_pdf_surface_set_metadata(
        surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE, kFixedCreateDate);
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR,
                                   "vanban-render-document");
#endif
    cr_.reset(cairo_create(surface_.get()));
    cairo_set_source_rgb(cr_.get(), 0, 0, 0);
    return true;
  }

  bool BeginPage(std::string*) override { return true; }

  void DrawLine(PangoLayoutLine* line, double x, double baseline,
                std::string_view) override {
    cairo_move_to(cr_.get(), x, baseline);
    pango_cairo_show_layout_line(cr_.get(), line);
  }

  bool EndPage(std::string* error) override {
    cairo_show_page(cr_.get());
    return CheckStatus(error);
  }

  bool Finish(std::string* error) override {
    cr_.reset();
    // Finishing flushes the file; write errors only show up here.
    cairo_surface_finish(surface_.get());
    return CheckStatus(error);
  }

 private:
  bool CheckStatus(std::string* error) {
    cairo_status_t status =
        cr_ ? cairo_status(cr_.get()) : cairo_surface_status(surface_.get());
    if (status == CAIRO_STATUS_SUCCESS) return true;
    *error = path_ + ": cannot write PDF: " + cairo_status_to_string(status);
    return false;
  }

  std::string path_;
  CairoSurfacePtr surface_;
  CairoPtr cr_;
};

class PngSink : public PageSink {
 public:
  bool Open(const std::string& dir, int dpi, std::string* error) {
    dir_ = dir;
    scale_ = dpi / 72.0;
    width_px_ = static_cast<int>(std::lround(kPageWidthPt * scale_));
    height_px_ = static_cast<int>(std::lround(kPageHeightPt * scale_));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      *error = dir + ": cannot create directory: " + ec.message();
      return false;
    }
    return true;
  }

  bool BeginPage(std::string* error) override {
    ++page_number_;
    gt_.clear();
    // RGB24: OCR needs no alpha, and it keeps the PNGs smaller.
    surface_.reset(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px_, height_px_));
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      *error = "cannot create a " + std::to_string(width_px_) + "x" +
               std::to_string(height_px_) + " image: " +
               cairo_status_to_string(cairo_surface_status(surface_.get()));
      return false;
    }
    cr_.reset(cairo_create(surface_.get()));
    cairo_set_source_rgb(cr_.get(), 1, 1, 1);
    cairo_paint(cr_.get());
    cairo_set_source_rgb(cr_.get(), 0, 0, 0);
    // The layout stays in points; only the drawing is scaled, so line breaks
    // do not depend on the dpi.
    cairo_scale(cr_.get(), scale_, scale_);
    return true;
  }

  void DrawLine(PangoLayoutLine* line, double x, double baseline,
                std::string_view text) override {
    cairo_move_to(cr_.get(), x, baseline);
    pango_cairo_show_layout_line(cr_.get(), line);
    if (!text.empty()) {
      gt_.append(text);
      gt_.push_back('\n');
    }
  }

  bool EndPage(std::string* error) override {
    char name[32];
    std::snprintf(name, sizeof name, "page-%04d", page_number_);
    std::string base = (std::filesystem::path(dir_) / name).string();
    cr_.reset();
    cairo_surface_flush(surface_.get());
    std::string png_path = base + ".png";
    cairo_status_t status =
        cairo_surface_write_to_png(surface_.get(), png_path.c_str());
    surface_.reset();
    if (status != CAIRO_STATUS_SUCCESS) {
      *error =
          png_path + ": cannot write PNG: " + cairo_status_to_string(status);
      return false;
    }
    std::string gt_path = base + ".gt.txt";
    errno = 0;
    FilePtr file(std::fopen(gt_path.c_str(), "wb"));
    if (!file) {
      *error = gt_path + ": cannot open for writing: " + std::strerror(errno);
      return false;
    }
    bool ok = std::fwrite(gt_.data(), 1, gt_.size(), file.get()) == gt_.size();
    ok = std::fclose(file.release()) == 0 && ok;
    if (!ok) {
      *error = gt_path + ": cannot write: " + std::strerror(errno);
      return false;
    }
    return true;
  }

  bool Finish(std::string*) override { return true; }

 private:
  std::string dir_;
  double scale_ = 1.0;
  int width_px_ = 0;
  int height_px_ = 0;
  int page_number_ = 0;
  std::string gt_;
  CairoSurfacePtr surface_;
  CairoPtr cr_;
};

// Owns the pango objects and places paragraphs line by line onto pages.
class Renderer {
 public:
  bool Init(const Options& options, std::string* error) {
    font_map_.reset(pango_cairo_font_map_new());
    context_.reset(pango_font_map_create_context(font_map_.get()));
    // One pango unit of size == one PDF point, whatever the output device.
    pango_cairo_context_set_resolution(context_.get(), 72.0);
    // Rounding glyph positions to whole points would make the spacing depend
    // on the coordinate system; unhinted, unrounded metrics keep the layout
    // identical for the PDF and for every dpi.
    pango_context_set_round_glyph_positions(context_.get(), FALSE);
    CairoFontOptionsPtr font_options(cairo_font_options_create());
    cairo_font_options_set_antialias(font_options.get(), CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(font_options.get(),
                                      CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(font_options.get(),
                                        CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_.get(), font_options.get());

    font_.reset(pango_font_description_from_string(options.font.c_str()));
    const char* family = pango_font_description_get_family(font_.get());
    if (family == nullptr || *family == '\0') {
      *error = "font '" + options.font + "': no family name";
      return false;
    }
    family_ = family;
    pango_font_description_set_absolute_size(font_.get(),
                                             options.size_pt * PANGO_SCALE);
    if (!CheckFontResolves(error)) return false;

    layout_.reset(pango_layout_new(context_.get()));
    pango_layout_set_font_description(layout_.get(), font_.get());
    pango_layout_set_width(
        layout_.get(),
        static_cast<int>(std::lround(
            (kPageWidthPt - kMarginLeftPt - kMarginRightPt) * PANGO_SCALE)));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    AttrListPtr attrs(pango_attr_list_new());
    // Never substitute glyphs from another font: a missing glyph becomes a
    // visible hex box plus a warning instead of a silent font change.
    pango_attr_list_insert(attrs.get(), pango_attr_fallback_new(FALSE));
    // A hyphen pango inserts at a character break is not in the source text
    // and would make the ground truth disagree with the picture.
    pango_attr_list_insert(attrs.get(), pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(layout_.get(), attrs.get());
    return true;
  }

  void AddSink(PageSink* sink) { sinks_.push_back(sink); }

  bool RenderParagraph(std::string_view text, const std::string& file,
                       size_t line_number, std::string* error) {
    pango_layout_set_text(layout_.get(), text.data(),
                          static_cast<int>(text.size()));
    if (!CheckGlyphs(file, line_number, error)) return false;

    const double bottom = kPageHeightPt - kMarginBottomPt;
    LayoutIterPtr iter(pango_layout_get_iter(layout_.get()));
    do {
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter.get());
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
      double height = static_cast<double>(logical.height) / PANGO_SCALE;
      double ascent =
          static_cast<double>(pango_layout_iter_get_baseline(iter.get()) -
                              logical.y) /
          PANGO_SCALE;
      std::string_view line_text =
          TrimTrailingSpace(text.substr(static_cast<size_t>(line->start_index),
                                        static_cast<size_t>(line->length)));

      if (page_open_ && y_ + height > bottom) {
        if (!EndPage(error)) return false;
      }
      if (!page_open_) {
        // Blank space at the top of a page carries no information and would
        // only shift the text down.
        if (line_text.empty()) continue;
        if (!BeginPage(error)) return false;
      }
      double x = kMarginLeftPt + static_cast<double>(logical.x) / PANGO_SCALE;
      for (PageSink* sink : sinks_) {
        sink->DrawLine(line, x, y_ + ascent, line_text);
      }
      y_ += height * kLineSpacing;
    } while (pango_layout_iter_next_line(iter.get()));
    return true;
  }

  // Closes the last page; an empty document still gets one blank page because
  // a PDF without pages is invalid.
  bool Finish(std::string* error) {
    if (!page_open_ && pages_ == 0 && !BeginPage(error)) return false;
    if (page_open_ && !EndPage(error)) return false;
    for (PageSink* sink : sinks_) {
      if (!sink->Finish(error)) return false;
    }
    return true;
  }

  int pages() const { return pages_; }

 private:
  bool CheckFontResolves(std::string* error) {
    GObjectPtr<PangoFont> font(
        pango_font_map_load_font(font_map_.get(), context_.get(), font_.get()));
    if (!font) {
      *error = "font '" + family_ + "' not found";
      return false;
    }
    FontDescriptionPtr resolved(pango_font_describe(font.get()));
    const char* resolved_family =
        pango_font_description_get_family(resolved.get());
    // fontconfig substitutes silently (e.g. DejaVu Serif), which would change
    // the layout and the glyph coverage; insist on the requested family.
    if (resolved_family == nullptr ||
        g_ascii_strcasecmp(resolved_family, family_.c_str()) != 0) {
      *error = "font '" + family_ + "' not found (fontconfig resolved it to '" +
               (resolved_family ? resolved_family : "nothing") +
               "'); install it, e.g. apt-get install fonts-liberation2";
      return false;
    }
    return true;
  }

  // Fails if pango used another font, warns (once per character) about
  // characters the font has no glyph for.
  bool CheckGlyphs(const std::string& file, size_t line_number,
                   std::string* error) {
    for (GSList* l = pango_layout_get_lines_readonly(layout_.get()); l;
         l = l->next) {
      auto* line = static_cast<PangoLayoutLine*>(l->data);
      for (GSList* r = line->runs; r; r = r->next) {
        auto* run = static_cast<PangoGlyphItem*>(r->data);
        if (run->item->analysis.font != checked_font_.get()) {
          FontDescriptionPtr desc(
              pango_font_describe(run->item->analysis.font));
          const char* family = pango_font_description_get_family(desc.get());
          if (family == nullptr ||
              g_ascii_strcasecmp(family, family_.c_str()) != 0) {
            *error = file + ":" + std::to_string(line_number) +
                     ": pango used font '" + (family ? family : "?") +
                     "' instead of '" + family_ + "'";
            return false;
          }
          checked_font_.reset(
              PANGO_FONT(g_object_ref(run->item->analysis.font)));
        }
        PangoGlyphString* glyphs = run->glyphs;
        for (int i = 0; i < glyphs->num_glyphs; ++i) {
          PangoGlyph glyph = glyphs->glyphs[i].glyph;
          if (glyph == PANGO_GLYPH_INVALID_INPUT ||
              (glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0) {
            continue;
          }
          gunichar c = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
          if (!warned_.insert(c).second) continue;
          char code[16];
          std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
          std::cerr << "warning: " << file << ":" << line_number << ": " << code
                    << " has no glyph in '" << family_
                    << "'; drawn as a hex box\n";
        }
      }
    }
    return true;
  }

  bool BeginPage(std::string* error) {
    for (PageSink* sink : sinks_) {
      if (!sink->BeginPage(error)) return false;
    }
    page_open_ = true;
    y_ = kMarginTopPt;
    ++pages_;
    return true;
  }

  bool EndPage(std::string* error) {
    for (PageSink* sink : sinks_) {
      if (!sink->EndPage(error)) return false;
    }
    page_open_ = false;
    return true;
  }

  GObjectPtr<PangoFontMap> font_map_;
  GObjectPtr<PangoContext> context_;
  GObjectPtr<PangoLayout> layout_;
  FontDescriptionPtr font_;
  std::string family_;
  // The last font verified to be the requested family; holding a reference
  // keeps pointer comparison valid and avoids describing every run's font.
  GObjectPtr<PangoFont> checked_font_;
  std::set<gunichar> warned_;
  std::vector<PageSink*> sinks_;
  bool page_open_ = false;
  double y_ = 0;
  int pages_ = 0;
};

int Run(int argc, char** argv) {
  Options options;
  std::string error;
  switch (ParseArgs(argc, argv, &options, &error)) {
    case ParseResult::kHelp:
      std::cout << kUsage;
      return kExitOk;
    case ParseResult::kError:
      std::cerr << "vanban-render-document: " << error << "\n\n" << kUsage;
      return kExitUsage;
    case ParseResult::kOk:
      break;
  }

  std::vector<InputFile> inputs(options.inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!LoadInput(options.inputs[i], &inputs[i], &error)) {
      std::cerr << "vanban-render-document: " << error << "\n";
      return kExitError;
    }
  }

  Renderer renderer;
  if (!renderer.Init(options, &error)) {
    std::cerr << "vanban-render-document: " << error << "\n";
    return kExitError;
  }
  PdfSink pdf;
  PngSink png;
  if (!options.pdf_path.empty()) {
    if (!pdf.Open(options.pdf_path, &error)) {
      std::cerr << "vanban-render-document: " << error << "\n";
      return kExitError;
    }
    renderer.AddSink(&pdf);
  }
  if (!options.png_dir.empty()) {
    if (!png.Open(options.png_dir, options.dpi, &error)) {
      std::cerr << "vanban-render-document: " << error << "\n";
      return kExitError;
    }
    renderer.AddSink(&png);
  }

  for (int r = 0; r < options.repeat; ++r) {
    for (const InputFile& input : inputs) {
      for (size_t i = 0; i < input.paragraphs.size(); ++i) {
        if (!renderer.RenderParagraph(input.paragraphs[i], input.path, i + 1,
                                      &error)) {
          std::cerr << "vanban-render-document: " << error << "\n";
          return kExitError;
        }
      }
    }
  }
  if (!renderer.Finish(&error)) {
    std::cerr << "vanban-render-document: " << error << "\n";
    return kExitError;
  }
  std::cout << "pages: " << renderer.pages() << "\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "vanban-render-document: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "vanban-render-document: unknown error\n";
  }
  return kExitError;
}
