#include "vanban/ocr_service.h"

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <new>
#include <future>
#include <mutex>
#include <thread>

#include "vanban/internal/notes.h"
#include "vanban/handwriting.h"
#include "vanban/ocr_correct.h"

namespace vanban {
namespace {

// What makes two engines interchangeable: a worker rebuilds its engine when this changes.
std::string EngineKey(const OcrOptions& o) {
  const PreprocessOptions& p = o.preprocess;
  return o.language + "|" + o.tessdata_dir + "|" + std::to_string(o.page_timeout_ms) + "|" +
         std::to_string(p.normalize_background) + std::to_string(p.remove_color_marks) +
         std::to_string(p.deskew) + std::to_string(p.binarize) + std::to_string(p.despeckle) +
         std::to_string(o.reread_noisy_pages);
}

}  // namespace

// The worker threads; each keeps one engine.
struct OcrService::Pool {
 public:
  using Result = StatusOr<OcrEngine::Result>;
  using Task = std::packaged_task<Result(std::unique_ptr<OcrEngine>&, std::string&)>;

  explicit Pool(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }

  std::future<Result> Submit(const Pix* image, int page_number, const OcrOptions& options) {
    auto task = std::make_shared<Task>(
        [image, page_number, options](std::unique_ptr<OcrEngine>& engine, std::string& key) -> Result {
          // Nothing may throw out of a task: the caller would stop waiting for the others, and free
          // the images they still read.
          try {
            const std::string wanted = EngineKey(options);
            if (engine == nullptr || key != wanted) {
              VANBAN_ASSIGN_OR_RETURN(engine, OcrEngine::Create(options));
              key = wanted;
            }
            return engine->Recognize(image, page_number);
          } catch (const std::bad_alloc&) {
            return Status::ResourceExhausted("out of memory recognizing page " + std::to_string(page_number));
          } catch (...) {
            return Status::Internal("unexpected exception recognizing page " + std::to_string(page_number));
          }
        });
    std::future<Result> result = task->get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    return result;
  }

  int size() const { return static_cast<int>(threads_.size()); }

  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

 private:
  void Work() {
    std::unique_ptr<OcrEngine> engine;  // this worker's engine, created on first use
    std::string key;
    for (;;) {
      std::shared_ptr<Task> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) break;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      (*task)(engine, key);
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::shared_ptr<Task>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// A model loaded on first use. A failure is remembered by this service only: a new service (a new
// Engine) tries again.
template <typename Model>
class LazyModel {
 public:
  using Loader = StatusOr<std::unique_ptr<Model>> (*)(const std::string&);
  LazyModel(std::string models_dir, Loader load) : models_dir_(std::move(models_dir)), load_(load) {}

  const Model* Get(std::string* error) {
    std::call_once(loaded_, [this] {
      if (models_dir_.empty()) {
        error_ = "no models folder given";
        return;
      }
      StatusOr<std::unique_ptr<Model>> loaded = load_(models_dir_);
      if (loaded.ok()) {
        model_ = std::move(loaded).value();
      } else {
        error_ = loaded.status().message();
      }
    });
    if (model_ == nullptr) *error = error_;
    return model_.get();
  }

 private:
  const std::string models_dir_;
  const Loader load_;
  std::once_flag loaded_;
  std::unique_ptr<const Model> model_;
  std::string error_;
};

// The post-correction and digit models.
class OcrService::Models {
 public:
  explicit Models(const std::string& models_dir)
      : corrector(models_dir, &OcrCorrector::Load), digits(models_dir, &DigitClassifier::Load) {}
  LazyModel<OcrCorrector> corrector;
  LazyModel<DigitClassifier> digits;
};

OcrService::OcrService(OcrServiceOptions options)
    : pool_(std::make_unique<Pool>(options.workers > 0 ? options.workers
                                                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())))),
      models_(std::make_unique<Models>(options.models_dir)) {}

OcrService::~OcrService() = default;

int OcrService::workers() const { return pool_->size(); }

std::vector<StatusOr<OcrEngine::Result>> OcrService::RecognizePages(const std::vector<const Pix*>& images,
                                                                    const std::vector<int>& page_numbers,
                                                                    const OcrOptions& engine) {
  std::vector<std::future<StatusOr<OcrEngine::Result>>> futures;
  for (size_t i = 0; i < images.size(); ++i) futures.push_back(pool_->Submit(images[i], page_numbers[i], engine));
  std::vector<StatusOr<OcrEngine::Result>> results;
  for (auto& f : futures) results.push_back(f.get());
  return results;
}

void OcrService::CorrectPage(Page& page) {
  std::string error;
  const OcrCorrector* corrector = models_->corrector.Get(&error);
  if (corrector == nullptr) {
    internal::AppendNote(&page.note, "no post-correction: " + error);
    return;
  }
  // A block at a time, lines joined by '\n', so that the words at the ends of lines keep their
  // neighbours as context; Tesseract's word confidences make doubtful words easier to change.
  for (Block& block : page.blocks) {
    std::string text;
    OcrWordConfidence confidence;
    for (const Line& line : block.lines) {
      if (!text.empty()) text.push_back('\n');
      size_t pos = 0;  // words appear in the line in order
      for (const Word& word : line.words) {
        const size_t found = line.text.find(word.text, pos);
        if (found == std::string::npos) continue;
        confidence[text.size() + found] = word.confidence;
        pos = found + word.text.size();
      }
      text += line.text;
    }
    std::vector<OcrCorrection> changes;
    const std::string corrected = corrector->Correct(text, confidence, &changes);
    std::vector<std::string> lines;
    for (size_t start = 0;;) {
      const size_t nl = corrected.find('\n', start);
      lines.push_back(corrected.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    if (lines.size() != block.lines.size()) continue;  // never misplace text: keep the block as read
    for (size_t i = 0; i < lines.size(); ++i) block.lines[i].SetText(std::move(lines[i]));
    for (OcrCorrection& c : changes) {
      page.corrections.push_back({std::move(c.printed), std::move(c.corrected), c.confidence, std::move(c.reason)});
    }
  }
}

namespace {

// Puts the results for pages `numbers` (read from `images`) into doc.pages at `slots`, or records
// their errors.
void StoreResults(std::vector<StatusOr<OcrEngine::Result>> results, const std::vector<const Pix*>& images,
                  const std::vector<int>& numbers,
                  const std::vector<size_t>& slots, const std::vector<std::string>& image_notes,
                  const OcrSettings& settings, OcrService& service, Document& doc) {
  for (size_t i = 0; i < results.size(); ++i) {
    Page& page = doc.pages[slots[i]];
    internal::AppendNote(&page.note, image_notes[i]);
    if (!results[i].ok()) {
      page.needs_ocr = true;
      internal::AppendNote(&page.note, "OCR failed: " + results[i].status().message());
      doc.errors.push_back({doc.source.path, numbers[i], std::string(StatusCodeName(results[i].status().code())),
                            "OCR failed: " + results[i].status().message()});
      continue;
    }
    OcrEngine::Result& r = results[i].value();
    std::string notes = std::move(page.note);  // earlier notes first
    page = std::move(r.page);
    page.number = numbers[i];
    page.origin = Origin::kOcr;
    page.needs_ocr = false;
    page.confidence = r.mean_confidence;
    page.low_confidence_words = r.low_confidence_words;
    internal::AppendNote(&notes, page.note);
    page.note = std::move(notes);
    if (page.blocks.empty()) {
      // Say so where a user looks: an archive must not take an unread page for an empty one.
      doc.warnings.push_back("page " + std::to_string(page.number) + ": OCR found no text (" +
                             (page.note.empty() ? std::string("nothing Tesseract could read") : page.note) + ")");
    }
    // Before the correction, which changes line texts but not the glyphs the blanks are found by.
    if (settings.read_handwriting && page.number == 1) service.ReadHandwriting(images[i], page, doc);
    if (settings.correct) service.CorrectPage(page);
  }
}

}  // namespace

void OcrService::ReadHandwriting(const Pix* original, Page& page, Document& doc) {
  std::string error;
  const DigitClassifier* digits = models_->digits.Get(&error);
  if (digits == nullptr) {
    internal::AppendNote(&page.note, "handwritten digits not read: " + error);
    return;
  }
  for (HandwrittenFill& fill : ReadHandwrittenFillIns(original, *digits, page)) {
    if (fill.digits.empty()) {
      char confidence[16];
      std::snprintf(confidence, sizeof confidence, "%.2f", static_cast<double>(fill.confidence));
      const std::string what = fill.field == "number" ? "the number's digits were" : "the " + fill.field + " of the date was";
      doc.warnings.push_back(std::string(fill.field == "number" ? "number" : "date") + "_handwritten: page " +
                             std::to_string(fill.page) + ": " + what +
                             " written by hand and could not be read with confidence (best reading '" +
                             fill.candidate + "', confidence " + confidence + "); left empty");
    }
    doc.handwritten.push_back(std::move(fill));
  }
}

void OcrService::RecognizeDocument(PageImages& images, const OcrSettings& settings, Document& doc,
                                   const std::function<void()>& on_page) {
  if (settings.mode == OcrMode::kSkip) {
    for (Page& page : doc.pages) {
      if (page.needs_ocr && page.origin == Origin::kOcr) internal::AppendNote(&page.note, "OCR skipped (--ocr skip)");
    }
    return;
  }
  // Two images per worker keep every worker busy; a 300-dpi page is about 35 MB, so taking a long
  // scan's pages all at once would hold gigabytes. The bound is per document: several documents
  // processed at once each hold a batch.
  const size_t batch = 2 * static_cast<size_t>(workers());
  std::vector<PixPtr> taken;
  std::vector<const Pix*> pixes;
  std::vector<int> numbers;
  std::vector<size_t> slots;
  std::vector<std::string> notes;
  const auto recognize = [&] {
    std::vector<StatusOr<OcrEngine::Result>> results = RecognizePages(pixes, numbers, settings.engine);
    StoreResults(std::move(results), pixes, numbers, slots, notes, settings, *this, doc);
    for (size_t i = 0; i < numbers.size() && on_page; ++i) on_page();
    taken.clear();
    pixes.clear();
    numbers.clear();
    slots.clear();
    notes.clear();
  };
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    Page& page = doc.pages[i];
    if (!page.needs_ocr && settings.mode != OcrMode::kForce) continue;
    std::string note;
    StatusOr<PixPtr> image = images.Image(page.number, settings.dpi, &note);
    if (!image.ok()) {
      internal::AppendNote(&page.note, "page image could not be made: " + image.status().message());
      doc.errors.push_back({doc.source.path, page.number, std::string(StatusCodeName(image.status().code())),
                            "page image could not be made for OCR: " + image.status().message()});
      continue;
    }
    taken.push_back(std::move(image).value());
    pixes.push_back(taken.back().get());
    numbers.push_back(page.number);
    slots.push_back(i);
    notes.push_back(std::move(note));
    if (pixes.size() == batch) recognize();
  }
  if (!pixes.empty()) recognize();
}

}  // namespace vanban
