// OcrEngine: Tesseract over preprocessed page images, results as vanban::Page.
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "pix_util.h"
#include "vanban/internal/pix.h"
#include "tesseract_util.h"
#include "vanban/ocr.h"
#include "vanban/text.h"

namespace vanban {
namespace {

using internal::Mutable;

// Words below this confidence (0..1) are counted as doubtful.
constexpr float kLowConfidence = 0.6f;
// Characters of the "vie" model that Vietnamese administrative documents never print (none occurs
// in the corpus): on poor scans the model reads specks and broken strokes as them ("¬Ío", "„lầu").
// Barred, it picks the next best reading. Development scans with vanban: hard 18.5% -> 18.0% CER,
// office 4.85% -> 5.06% (one page's lines came out in another order); benchmark scans: hard
// 19.2% -> 18.7%, office 4.32% -> 4.14%. Not barred: the eth Ð/ð (the corrector maps it to Đ/đ with its evidence), quotes,
// '|' and '_' (tables and form lines).
constexpr char kNeverPrinted[] = "^{}~`\\¬„ˆ¡›‹†‡§©⁄»«€®¿£ÄŸÏŠÖŒØÑöïÿšäñøœ";
// Tesseract refuses images narrower or lower than a few pixels; nothing that small holds text.
constexpr int kMinTextImageSide = 8;

// Text Tesseract allocated with new[].
std::string TakeText(char* text) {
  std::unique_ptr<char[]> owned(text);
  return text == nullptr ? std::string() : std::string(text);
}

BoundingBox BoxAt(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level) {
  int left = 0, top = 0, right = 0, bottom = 0;
  if (!it.BoundingBox(level, &left, &top, &right, &bottom)) return {};
  return {static_cast<double>(left), static_cast<double>(top), static_cast<double>(right),
          static_cast<double>(bottom)};
}

// The ink of a preprocessed (8 or 1 bpp) page as 1 bpp: the page itself when it is 1 bpp, else a
// mask kept in `holder`. Null when the mask cannot be made.
const Pix* BinaryInk(const Pix* pix, PixPtr& holder) {
  if (pixGetDepth(Mutable(pix)) == 1) return pix;
  holder = internal::InkMask(pix, internal::EstimatePaperLevel(pix));
  return holder.get();
}

// True when a preprocessed (8 or 1 bpp) page has no ink at all.
bool HasNoInk(const Pix* pix) {
  if (pixGetWidth(Mutable(pix)) < kMinTextImageSide || pixGetHeight(Mutable(pix)) < kMinTextImageSide) return true;
  PixPtr holder;
  const Pix* binary = BinaryInk(pix, holder);
  if (binary == nullptr) return false;  // let Tesseract decide
  l_int32 empty = 0;
  return pixZero(Mutable(binary), &empty) == 0 && empty;
}

// The part of page 1 (from the top) whose words keep their glyphs: the header, the only place
// the handwritten blanks are read (vanban/handwriting.h).
constexpr double kGlyphZone = 0.5;

// The characters of the word `word_it` is at, with their boxes and confidences.
void CollectGlyphs(const tesseract::ResultIterator& word_it, Word& word) {
  tesseract::ResultIterator it(word_it);
  do {
    Glyph glyph;
    glyph.text = ToNfc(ReplaceInvalidUtf8(TakeText(it.GetUTF8Text(tesseract::RIL_SYMBOL))));
    glyph.box = BoxAt(it, tesseract::RIL_SYMBOL);
    glyph.confidence = std::clamp(it.Confidence(tesseract::RIL_SYMBOL) / 100.0f, 0.0f, 1.0f);
    if (!glyph.text.empty()) word.glyphs.push_back(std::move(glyph));
    if (it.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL)) break;
  } while (it.Next(tesseract::RIL_SYMBOL));
}

// Pages whose text is smaller than this (median height of the ink's components, about the
// x-height) are enlarged to kTargetTextHeight before recognition: a phone photo of a whole A4 page
// at 600 px wide has text 5-6 px high, which Tesseract reads as nothing. Only images under
// kSmallImageSide on their longer side are measured; a 300-dpi scan's text is 20 px and more.
constexpr double kSmallTextHeight = 9;
constexpr double kTargetTextHeight = 20;
constexpr int kSmallImageSide = 2000;
constexpr double kMaxUpscale = 4;

// The factor to enlarge a preprocessed page by (1: as it is); `text_height` gets the measure.
double TextUpscale(const Pix* pix, double* text_height) {
  *text_height = 0;
  const int w = pixGetWidth(Mutable(pix)), h = pixGetHeight(Mutable(pix));
  if (std::max(w, h) >= kSmallImageSide) return 1;
  PixPtr holder;
  const Pix* binary = BinaryInk(pix, holder);
  if (binary == nullptr) return 1;
  internal::BoxaPtr boxes(pixConnCompBB(Mutable(binary), 8));
  if (!boxes) return 1;
  std::vector<int> heights;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 bx = 0, by = 0, bw = 0, bh = 0;
    boxaGetBoxGeometry(boxes.get(), i, &bx, &by, &bw, &bh);
    if (bh >= 2 && bh < h / 10 && bw < 5 * bh) heights.push_back(bh);  // letters, not specks or rules
  }
  if (heights.size() < 20) return 1;  // too little text to tell
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  *text_height = heights[heights.size() / 2];
  if (*text_height >= kSmallTextHeight) return 1;
  return std::min(kMaxUpscale, kTargetTextHeight / *text_height);
}

// Boxes of a page read from an image enlarged by `factor`, back in the image's own pixels.
void ScaleBoxes(Page& page, double factor) {
  const auto scale = [factor](BoundingBox& b) { b = {b.x0 / factor, b.y0 / factor, b.x1 / factor, b.y1 / factor}; };
  for (Block& block : page.blocks) {
    if (block.box) scale(*block.box);
    for (Line& line : block.lines) {
      if (line.box) scale(*line.box);
      for (Word& word : line.words) {
        scale(word.box);
        for (Glyph& glyph : word.glyphs) scale(glyph.box);
      }
    }
  }
}

// Builds blocks -> lines -> words from Tesseract's results, NFC text, confidences 0..1.
void CollectWords(tesseract::ResultIterator& it, OcrEngine::Result& result) {
  Page& page = result.page;
  double confidence_sum = 0;
  int words = 0;
  it.Begin();
  // A block or line may begin with an empty element (an image region, a rejected word); remember
  // the start and open it at the next word that has text.
  bool new_block = true, new_line = true;
  const double glyph_zone_bottom = page.number == 1 ? page.height * kGlyphZone : 0;
  do {
    if (it.IsAtBeginningOf(tesseract::RIL_BLOCK)) new_block = true;
    if (it.IsAtBeginningOf(tesseract::RIL_TEXTLINE)) new_line = true;
    Word word;
    word.text = ToNfc(ReplaceInvalidUtf8(TakeText(it.GetUTF8Text(tesseract::RIL_WORD))));
    // Tesseract's words hold no spaces; make sure, since line text joins words with one.
    std::erase_if(word.text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
    if (word.text.empty()) continue;
    if (new_block) {
      page.blocks.emplace_back();  // its box comes from its lines (ReadColumnsInOrder)
      new_block = false;
      new_line = true;
    }
    Block& block = page.blocks.back();
    if (new_line) {
      Line line;  // text, box and confidence come from its words
      line.page = page.number;
      line.origin = Origin::kOcr;
      block.lines.push_back(std::move(line));
      new_line = false;
    }
    word.box = BoxAt(it, tesseract::RIL_WORD);
    word.confidence = std::clamp(it.Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
    if (word.box.y1 < glyph_zone_bottom) CollectGlyphs(it, word);
    confidence_sum += word.confidence;
    ++words;
    if (word.confidence < kLowConfidence) ++result.low_confidence_words;
    block.lines.back().words.push_back(std::move(word));
  } while (it.Next(tesseract::RIL_WORD));

  for (Block& block : page.blocks) {
    for (Line& line : block.lines) line.SetFromWords();
  }
  result.mean_confidence = words > 0 ? static_cast<float>(confidence_sum / words) : 0.0f;
}

Status CheckReadable(const std::string& path, const char* what) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Status::NotFound(std::string(what) + " not found: " + path);
  return Status::Ok();
}

}  // namespace

namespace internal {

StatusOr<TessPtr> InitTesseract(const OcrOptions& options) {
  if (options.language.empty()) return Status::InvalidArgument("no OCR language given");
  if (options.page_timeout_ms < 0) return Status::InvalidArgument("OCR page timeout must not be negative");
  // Missing language data makes Tesseract print to stderr and fail; say which file is missing.
  if (!options.tessdata_dir.empty()) {
    std::stringstream languages(options.language);
    for (std::string language; std::getline(languages, language, '+');) {
      if (language.empty()) return Status::InvalidArgument("bad OCR language list '" + options.language + "'");
      VANBAN_RETURN_IF_ERROR(CheckReadable(options.tessdata_dir + "/" + language + ".traineddata",
                                           "Tesseract language data"));
    }
  }
  SilenceLeptonica();
  try {
    TessPtr api(new tesseract::TessBaseAPI());
    // Tesseract's chatter goes nowhere (vanban reports through Status and page notes). debug_file
    // is one process-wide variable, which other workers' Tesseract reads while they recognize: it
    // is set by the first engine loaded, before any can recognize, and never written again. No
    // user-words or user-patterns files: with the "vie" LSTM model they did not lower the error
    // rate (docs/benchmarks.md).
    static std::mutex loading;
    static bool quiet = false;
    std::lock_guard<std::mutex> lock(loading);
    std::vector<std::string> names, values;
    if (!quiet) {
      names = {"debug_file"};
      values = {"/dev/null"};
    }
    const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (api->Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) !=
        0) {
      return Status::NotFound("Tesseract could not load language '" + options.language + "'" +
                              (datapath ? std::string(" from ") + datapath : std::string(" from its default tessdata")));
    }
    quiet = true;
    api->SetPageSegMode(tesseract::PSM_AUTO);
    api->SetVariable("tessedit_char_blacklist", kNeverPrinted);
    return api;
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory loading Tesseract");
  } catch (...) {
    return Status::Internal("unexpected exception loading Tesseract");
  }
}

namespace {

// Tesseract keeps "textord_heavy_nr" (vigorous noise removal) in one process-wide variable, not
// per engine: while one engine reads a page with it, every other engine would too. The gate lets
// readings with the same setting run together and makes a reading that needs the other setting
// wait until those have finished, so each reading runs wholly under the setting it asked for and
// the output does not depend on which worker reads which page. Readings waiting for a switch go
// before new readings of the current setting, so neither kind starves. Thread-safe.
class NoiseRemovalGate {
 public:
  // Holds the gate open for one reading with `heavy` noise removal, set through `api`.
  class Lease {
   public:
    Lease(NoiseRemovalGate& gate, tesseract::TessBaseAPI& api, bool heavy) : gate_(gate) {
      std::unique_lock<std::mutex> lock(gate_.mutex_);
      ++gate_.waiting_[heavy];
      gate_.changed_.wait(lock, [&] {
        return gate_.readings_ == 0 || (gate_.heavy_ == heavy && gate_.waiting_[!heavy] == 0);
      });
      --gate_.waiting_[heavy];
      if (gate_.heavy_ != heavy) {  // no reading is running: safe to switch
        api.SetVariable("textord_heavy_nr", heavy ? "1" : "0");
        gate_.heavy_ = heavy;
      }
      ++gate_.readings_;
    }
    ~Lease() {
      {
        std::lock_guard<std::mutex> lock(gate_.mutex_);
        --gate_.readings_;
      }
      gate_.changed_.notify_all();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

   private:
    NoiseRemovalGate& gate_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool heavy_ = false;  // Tesseract's default
  int readings_ = 0;
  int waiting_[2] = {0, 0};
};

NoiseRemovalGate& TheNoiseRemovalGate() {
  static NoiseRemovalGate gate;
  return gate;
}

// Below this mean word confidence (0..100) a page is read again with noise removal. On the
// benchmark clean, office and photo pages read at 86-96, copies of copies at 77-86; the copies at
// 86 gained nothing from a second reading, and one office page at 86 cost a second and a third
// (at 88: office 1.07x the CLI's CPU time, 1.65x its throughput with 2 workers).
constexpr int kNoisyPageConfidence = 86;

// One reading of the page with or without noise removal. `spent_ms` is the time the page's earlier
// readings took and grows by this one's; the time limit counts only reading, not waiting at the
// gate for the other workers' readings.
Status ReadOnce(tesseract::TessBaseAPI& api, const Pix* pix, bool heavy_noise_removal, const OcrOptions& options,
                int page_number, int* spent_ms) {
  api.SetImage(Mutable(pix));
  const int resolution = pixGetYRes(Mutable(pix));
  if (resolution >= kMinCredibleDpi && resolution <= kMaxCredibleDpi) {
    api.SetSourceResolution(resolution);
  }  // else Tesseract estimates it from the text size
  NoiseRemovalGate::Lease lease(TheNoiseRemovalGate(), api, heavy_noise_removal);
  tesseract::ETEXT_DESC monitor;
  if (options.page_timeout_ms > 0) monitor.set_deadline_msecs(std::max(1, options.page_timeout_ms - *spent_ms));
  const auto start = std::chrono::steady_clock::now();
  const int status = api.Recognize(&monitor);
  *spent_ms += static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  if (options.page_timeout_ms > 0 && monitor.deadline_exceeded()) {
    return Status::ResourceExhausted("OCR of page " + std::to_string(page_number) + " took longer than " +
                                     std::to_string(options.page_timeout_ms) + " ms");
  }
  if (status != 0) return Status::Internal("Tesseract failed to recognize page " + std::to_string(page_number));
  return Status::Ok();
}

}  // namespace

StatusOr<KeptReading> RecognizePage(tesseract::TessBaseAPI& api, const Pix* pix, const OcrOptions& options,
                                    int page_number, std::string* notes, const std::function<void()>& save_first) {
  int spent_ms = 0;
  VANBAN_RETURN_IF_ERROR(ReadOnce(api, pix, false, options, page_number, &spent_ms));
  if (!options.reread_noisy_pages) return KeptReading::kInApi;
  const int first = api.MeanTextConf();
  if (first <= 0 || first >= kNoisyPageConfidence) return KeptReading::kInApi;
  // A second reading takes about as long as the first: not started when it cannot end in time.
  if (options.page_timeout_ms > 0 && 2 * spent_ms > options.page_timeout_ms) {
    AppendNote(notes, "not read again with noise removal (no time left)");
    return KeptReading::kInApi;
  }
  if (save_first) save_first();
  const Status second_read = ReadOnce(api, pix, true, options, page_number, &spent_ms);
  if (!second_read.ok() && !save_first) return second_read;
  const int second = second_read.ok() ? api.MeanTextConf() : 0;
  // Ties keep the plain reading: the noise removal also drops tone marks (on the benchmark,
  // keeping ties read one office page worse, 4.14% -> 4.26% CER on the level).
  const std::string confidences = " (confidence " + std::to_string(first) + " -> " + std::to_string(second) + ")";
  if (second > first) {
    AppendNote(notes, "read again with noise removal" + confidences);
    return KeptReading::kInApi;
  }
  if (!second_read.ok()) {  // the first reading stands; the page is not lost for an optional one
    AppendNote(notes, "second reading with noise removal failed, first reading kept: " + second_read.message());
    return KeptReading::kSaved;
  }
  AppendNote(notes, "read again with noise removal, first reading kept" + confidences);
  if (save_first) return KeptReading::kSaved;
  VANBAN_RETURN_IF_ERROR(ReadOnce(api, pix, false, options, page_number, &spent_ms));
  return KeptReading::kInApi;
}

}  // namespace internal

struct OcrEngine::Tess {
  internal::TessPtr api;
};

OcrEngine::OcrEngine(const OcrOptions& options, std::unique_ptr<Tess> tess)
    : options_(options), tess_(std::move(tess)) {}

OcrEngine::~OcrEngine() = default;

StatusOr<std::unique_ptr<OcrEngine>> OcrEngine::Create(const OcrOptions& options) {
  auto tess = std::make_unique<Tess>();
  VANBAN_ASSIGN_OR_RETURN(tess->api, internal::InitTesseract(options));
  return std::unique_ptr<OcrEngine>(new OcrEngine(options, std::move(tess)));
}

StatusOr<OcrEngine::Result> OcrEngine::Recognize(const Pix* image, int page_number) {
  if (image == nullptr) return Status::InvalidArgument("no page image");
  tesseract::TessBaseAPI& api = *tess_->api;
  Result result;
  result.page.number = page_number;
  result.page.origin = Origin::kOcr;
  try {
    VANBAN_ASSIGN_OR_RETURN(PixPtr pix, PreprocessPage(image, options_.preprocess, &result.page.note));
    const int width = pixGetWidth(pix.get()), height = pixGetHeight(pix.get());

    if (HasNoInk(pix.get())) {
      result.page.width = width;
      result.page.height = height;
      internal::AppendNote(&result.page.note, "blank page");
      return result;
    }
    double text_height = 0;
    const double upscale = TextUpscale(pix.get(), &text_height);
    if (upscale > 1) {
      PixPtr larger(pixScale(pix.get(), static_cast<float>(upscale), static_cast<float>(upscale)));
      if (larger) {
        pix = std::move(larger);
        char note[96];
        std::snprintf(note, sizeof note, "enlarged %.1fx for OCR (text %.0f px high)", upscale, text_height);
        internal::AppendNote(&result.page.note, note);
      }
    }
    result.page.width = pixGetWidth(pix.get());
    result.page.height = pixGetHeight(pix.get());

    // The words of the first reading, taken in case the page is read again and the first is kept.
    Result first;
    first.page.number = page_number;
    first.page.height = result.page.height;
    auto collect = [&api](Result& into) {
      std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
      if (it) CollectWords(*it, into);
    };
    StatusOr<internal::KeptReading> kept = internal::RecognizePage(api, pix.get(), options_, page_number,
                                                                   &result.page.note, [&] { collect(first); });
    if (!kept.ok()) {
      api.Clear();
      return kept.status();
    }
    if (*kept == internal::KeptReading::kSaved) {
      result.page.blocks = std::move(first.page.blocks);
      result.mean_confidence = first.mean_confidence;
      result.low_confidence_words = first.low_confidence_words;
    } else {
      collect(result);
    }
    ReadColumnsInOrder(result.page);
    api.Clear();
    if (result.page.width != width) {
      ScaleBoxes(result.page, static_cast<double>(result.page.width) / width);
      result.page.width = width;
      result.page.height = height;
    }
    if (result.page.blocks.empty()) internal::AppendNote(&result.page.note, "blank page");
    return result;
  } catch (const std::bad_alloc&) {
    api.Clear();
    return Status::ResourceExhausted("out of memory recognizing page " + std::to_string(page_number));
  } catch (...) {
    api.Clear();
    return Status::Internal("unexpected exception recognizing page " + std::to_string(page_number));
  }
}

}  // namespace vanban
