#include "pix_util.h"
#include "vanban/ocr_pipeline.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <new>
#include <future>
#include <mutex>
#include <thread>

#include "vanban/ocr_correct.h"
#include "vanban/paths.h"

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

// Owns the OCR worker threads; each keeps one engine. Created once per process with the size of the
// first request; joined at exit.
class OcrPool {
 public:
  using Result = StatusOr<OcrEngine::Result>;
  using Task = std::packaged_task<Result(std::unique_ptr<OcrEngine>&, std::string&)>;

  static OcrPool& Get(int threads) {
    static OcrPool pool(threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    return pool;
  }

  std::future<Result> Submit(const Pix* image, int page_number, const OcrOptions& options) {
    auto task = std::make_shared<Task>(
        [image, page_number, options](std::unique_ptr<OcrEngine>& engine, std::string& key) -> Result {
          // Nothing may throw out of a task: the caller would stop waiting for the others, and free
          // the images they still read.
          try {
            const std::string wanted = EngineKey(options);
            if (engine == nullptr || key != wanted) {
              auto created = OcrEngine::Create(options);
              if (!created.ok()) return created.status();
              engine = std::move(created).value();
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

  ~OcrPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

 private:
  explicit OcrPool(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }

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

const OcrCorrector* Corrector(const std::string& models_dir, std::string* error) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<OcrCorrector>> loaded;
  static std::map<std::string, std::string> failures;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(models_dir); it != loaded.end()) return it->second.get();
  if (auto it = failures.find(models_dir); it != failures.end()) {
    *error = it->second;
    return nullptr;
  }
  auto corrector = OcrCorrector::Load(models_dir);
  if (!corrector.ok()) {
    *error = failures[models_dir] = corrector.status().message();
    return nullptr;
  }
  return (loaded[models_dir] = std::move(corrector).value()).get();
}

// Recognizes `images` as pages `numbers` and puts them into doc.pages at `slots`, or records errors.
void RecognizeInto(const std::vector<const Pix*>& images, const std::vector<int>& numbers,
                   const std::vector<size_t>& slots, const OcrSettings& settings, Document& doc) {
  std::vector<StatusOr<OcrEngine::Result>> results = RecognizePages(images, numbers, settings);
  for (size_t i = 0; i < results.size(); ++i) {
    Page& page = doc.pages[slots[i]];
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
    if (settings.correct) CorrectOcrPage(page, settings);
  }
}

}  // namespace

std::vector<StatusOr<OcrEngine::Result>> RecognizePages(const std::vector<const Pix*>& images,
                                                        const std::vector<int>& page_numbers,
                                                        const OcrSettings& settings) {
  OcrPool& pool = OcrPool::Get(settings.jobs);
  std::vector<std::future<StatusOr<OcrEngine::Result>>> futures;
  for (size_t i = 0; i < images.size(); ++i) futures.push_back(pool.Submit(images[i], page_numbers[i], settings.engine));
  std::vector<StatusOr<OcrEngine::Result>> results;
  static std::mutex progress_mutex;
  for (auto& f : futures) {
    results.push_back(f.get());
    if (settings.on_page) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      settings.on_page();
    }
  }
  return results;
}

void CorrectOcrPage(Page& page, const OcrSettings& settings) {
  std::string error;
  const OcrCorrector* corrector = Corrector(settings.models_dir.empty() ? ModelsDir() : settings.models_dir, &error);
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
    for (size_t i = 0; i < lines.size(); ++i) block.lines[i].text = std::move(lines[i]);
    for (OcrCorrection& c : changes) {
      page.corrections.push_back({std::move(c.printed), std::move(c.corrected), c.confidence, std::move(c.reason)});
    }
  }
}

Status IngestImages(std::string_view bytes, const OcrSettings& settings, Document& doc) {
  StatusOr<std::vector<ImagePage>> decoded = DecodeImages(bytes, settings.limits);
  if (!decoded.ok()) return decoded.status();
  std::vector<const Pix*> images;
  std::vector<int> numbers;
  std::vector<size_t> slots;
  for (ImagePage& image : *decoded) {
    Page page;
    page.number = image.number;
    page.origin = Origin::kOcr;
    page.needs_ocr = true;
    page.note = image.note;
    doc.pages.push_back(std::move(page));
    if (!image.error.empty()) {
      internal::AppendNote(&doc.pages.back().note, "page could not be decoded: " + image.error);
      doc.errors.push_back({doc.source.path, image.number, "corrupt", "page could not be decoded: " + image.error});
      continue;
    }
    if (settings.mode == OcrMode::kSkip) {
      internal::AppendNote(&doc.pages.back().note, "OCR skipped (--ocr skip)");
      continue;
    }
    images.push_back(image.image.get());
    numbers.push_back(image.number);
    slots.push_back(doc.pages.size() - 1);
  }
  RecognizeInto(images, numbers, slots, settings, doc);
  return Status::Ok();
}

void OcrPdfPages(std::string_view pdf_bytes, const std::string& pdf_password, const OcrSettings& settings,
                 Document& doc) {
  if (settings.mode == OcrMode::kSkip) return;
  // Pages are rendered a few at a time (two per worker keeps every worker busy): a 300-dpi page is
  // about 35 MB, so rendering a long scan whole first would hold gigabytes. The bound is per
  // document: ExtractAll working on several scanned PDFs at once holds a batch for each.
  const size_t workers = settings.jobs > 0 ? static_cast<size_t>(settings.jobs)
                                           : std::max<size_t>(1, std::thread::hardware_concurrency());
  const size_t batch = 2 * workers;
  std::unique_ptr<PdfPageRenderer> renderer;  // opened on the first page that needs it
  std::vector<PixPtr> rendered;
  std::vector<const Pix*> images;
  std::vector<int> numbers;
  std::vector<size_t> slots;
  const auto recognize = [&] {
    RecognizeInto(images, numbers, slots, settings, doc);
    rendered.clear();
    images.clear();
    numbers.clear();
    slots.clear();
  };
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    Page& page = doc.pages[i];
    if (!page.needs_ocr && settings.mode != OcrMode::kForce) continue;
    if (!renderer) {
      StatusOr<std::unique_ptr<PdfPageRenderer>> opened = PdfPageRenderer::Open(pdf_bytes, pdf_password);
      if (!opened.ok()) {
        doc.errors.push_back({doc.source.path, 0, std::string(StatusCodeName(opened.status().code())),
                              "PDF could not be opened for OCR: " + opened.status().message()});
        return;
      }
      renderer = std::move(opened).value();
    }
    StatusOr<PixPtr> image = renderer->Render(page.number - 1, settings.dpi, settings.limits);
    if (!image.ok()) {
      doc.errors.push_back({doc.source.path, page.number, std::string(StatusCodeName(image.status().code())),
                            "page could not be rendered for OCR: " + image.status().message()});
      continue;
    }
    rendered.push_back(std::move(image).value());
    images.push_back(rendered.back().get());
    numbers.push_back(page.number);
    slots.push_back(i);
    if (images.size() == batch) recognize();
  }
  recognize();
}

}  // namespace vanban
