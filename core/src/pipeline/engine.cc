// The Engine: set-up from the data directory, and one document through every stage.
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <new>
#include <system_error>

#include "vanban/builtin_extractors.h"
#include "vanban/internal/files.h"
#include "vanban/page_images.h"
#include "vanban/pipeline.h"
#include "vanban/plugin_loader.h"
#include "vanban/rules.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

std::string Environment(const char* name, bool use) {
  const char* value = use ? std::getenv(name) : nullptr;
  return value != nullptr ? value : "";
}

// Adds an error for an exception that escaped a stage, so that the other files' results survive.
void AddUnexpected(ProcessedDocument& result, const std::string& what) {
  result.document.errors.push_back({result.document.source.path, 0, "internal", "unexpected failure: " + what});
}

}  // namespace

Engine::~Engine() = default;

const std::vector<std::string>& Engine::rule_files() const { return extractors_.rules().files(); }

StatusOr<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& options) {
  std::unique_ptr<Engine> engine(new Engine());
  try {
    RegisterBuiltinSources(engine->sources_);
    if (!options.data_dir.empty()) {
      std::error_code ec;
      if (!fs::is_directory(options.data_dir, ec)) {
        return Status::NotFound("data directory " + options.data_dir + " is not a folder");
      }
      engine->data_dir_ = options.data_dir;
    } else if (StatusOr<std::string> found = FindDataDir(options.use_environment); found.ok()) {
      engine->data_dir_ = std::move(found).value();
    } else if (options.extractors) {
      return found.status();
    }  // text only: no data needed; OCR pages get no post-correction, and say so
    OcrServiceOptions ocr;
    ocr.workers = options.ocr_workers;
    if (!engine->data_dir_.empty()) ocr.models_dir = (fs::path(engine->data_dir_) / "models").string();
    engine->ocr_ = std::make_unique<OcrService>(std::move(ocr));
    if (!options.extractors) return engine;

    ExtractorRegistry& registry = engine->extractors_;
    VANBAN_RETURN_IF_ERROR(RegisterBuiltinExtractors(registry));
    std::string plugin_path = options.plugin_path;
    if (plugin_path.empty()) plugin_path = Environment("VANBAN_PLUGIN_PATH", options.use_environment);
    if (!plugin_path.empty()) engine->plugin_messages_ = LoadExternalPlugins(plugin_path, registry);
    VANBAN_RETURN_IF_ERROR(registry.Prepare(nullptr));  // run order, which the packs are loaded in

    std::vector<std::string> folders;
    for (const std::string& pack : registry.RulePacks()) {
      const fs::path folder = fs::path(engine->data_dir_) / "plugins" / pack / "rules";
      std::error_code ec;
      if (!fs::is_directory(folder, ec)) {
        return Status::NotFound("built-in rule pack '" + pack + "' is missing: " + folder.string() +
                                " is not a folder (data directory " + engine->data_dir_ +
                                "; VANBAN_DATA_DIR must name the folder that holds plugins/ and models/)");
      }
      folders.push_back(folder.string());
    }
    for (const std::string& f : internal::SplitPathList(Environment("VANBAN_RULES_PATH", options.use_environment))) {
      folders.push_back(f);
    }
    folders.insert(folders.end(), options.rule_folders.begin(), options.rule_folders.end());
    VANBAN_ASSIGN_OR_RETURN(std::shared_ptr<const RuleSet> rules, RuleSet::LoadFolders(folders));
    VANBAN_RETURN_IF_ERROR(registry.Prepare(std::move(rules)));
    engine->has_extractors_ = true;
    return engine;
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory setting up vanban");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("setting up vanban failed: ") + e.what());
  }
}

ProcessedDocument Engine::Extract(Document document) const {
  ProcessedDocument result;
  result.document = std::move(document);
  if (!has_extractors_) return result;
  try {
    result.structure = AnalyzeStructure(result.document);
    result.extraction = extractors_.Run(result.document, result.structure);
    result.extracted = true;
  } catch (const std::bad_alloc&) {
    AddUnexpected(result, "out of memory");
  } catch (const std::exception& e) {
    AddUnexpected(result, e.what());
  }
  return result;
}

namespace {

// OCR, normalization and extraction of an opened input.
ProcessedDocument Finish(const Engine& engine, OpenedInput input, const PipelineOptions& options) {
  ProcessedDocument result;
  const SourceInfo source = input.document.source;  // for an error after the document moved on
  try {
    if (input.file != nullptr) {
      if (PageImages* images = input.file->page_images()) {
        engine.ocr().RecognizeDocument(*images, options.ocr, input.document, options.on_ocr_page);
      }
      input.file.reset();  // the parsed file and its bytes are not needed any more
    }
    Document normalized = Normalize(std::move(input.document), options.normalize);
    if (options.extract) return engine.Extract(std::move(normalized));
    result.document = std::move(normalized);
  } catch (const std::bad_alloc&) {
    result = ProcessedDocument();
    result.document.source = source;
    AddUnexpected(result, "out of memory");
  } catch (const std::exception& e) {
    result = ProcessedDocument();
    result.document.source = source;
    AddUnexpected(result, e.what());
  }
  return result;
}

}  // namespace

ProcessedDocument Engine::Process(const std::string& path, const PipelineOptions& options) const {
  return Finish(*this, OpenInput(path, options.source, sources_), options);
}

ProcessedDocument Engine::ProcessBytes(std::string bytes, const std::string& path,
                                       const PipelineOptions& options) const {
  return Finish(*this, OpenBytes(std::move(bytes), path, options.source, sources_), options);
}

}  // namespace vanban
