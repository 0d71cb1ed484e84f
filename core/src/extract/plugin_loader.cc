// Loading external plugins with dlopen and running them through the C ABI of plugin_abi.h.
#include "vanban/plugin_loader.h"

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <filesystem>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace vanban {
namespace {

// What one call of the plugin's `extract` collects through the emit callback. Lives on the stack of
// Extract(), so concurrent calls never share one.
struct EmitContext {
  size_t text_size = 0;
  std::vector<Finding>* findings = nullptr;
  size_t invalid = 0;      // findings dropped: bad span, null kind or value
  bool out_of_memory = false;
};

}  // namespace
}  // namespace vanban

// The callback handed to plugins. It has C language linkage to match vanban_emit_fn, and it must not
// let an exception reach the plugin's C frames.
extern "C" {
static void VanbanPluginEmit(void* context, const vanban_finding* finding) {
  auto* ctx = static_cast<vanban::EmitContext*>(context);
  if (ctx == nullptr) return;
  if (finding == nullptr || finding->kind == nullptr || finding->value == nullptr || finding->begin > finding->end ||
      finding->end > ctx->text_size) {
    ++ctx->invalid;
    return;
  }
  try {
    vanban::Finding f;
    f.kind = finding->kind;
    f.value = finding->value;
    // NaN becomes 0; anything else is clamped into 0..1.
    f.confidence = std::isnan(finding->confidence) ? 0.0 : std::clamp(finding->confidence, 0.0, 1.0);
    f.span = vanban::Span{finding->begin, finding->end};
    ctx->findings->push_back(std::move(f));
  } catch (...) {
    ctx->out_of_memory = true;
  }
}
}  // extern "C"

namespace vanban {
namespace {

std::string DlErrorText() {
  const char* error = dlerror();
  return error != nullptr ? error : "unknown dynamic loader error";
}

// Looks up a function exported by `handle`; nullptr (and the loader's reason in `error`) if missing.
void* FindSymbol(void* handle, const char* name, std::string& error) {
  dlerror();  // clear any earlier error
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    const char* reason = dlerror();
    error = reason != nullptr ? reason : std::string(name) + " is null";
  }
  return symbol;
}

// The page of the paragraph holding byte `offset` of the text: the last paragraph starting at or
// before it (a finding may start on the '\n' after a paragraph). 0 when there are no paragraphs.
int PageOf(const std::vector<Paragraph>& paragraphs, size_t offset) {
  auto it = std::upper_bound(paragraphs.begin(), paragraphs.end(), offset,
                             [](size_t value, const Paragraph& p) { return value < p.span.begin; });
  if (it == paragraphs.begin()) return paragraphs.empty() ? 0 : paragraphs.front().page;
  return std::prev(it)->page;
}

// Opens one candidate and, if it passes every check, returns its extractor. Otherwise returns null
// and sets `refusal`; the library is closed again when the handle goes out of scope.
std::unique_ptr<ExternalExtractor> OpenPlugin(const std::string& path, const ExtractorRegistry& registry,
                                              std::string& refusal) {
  dlerror();
  SharedLibraryHandle handle(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (handle == nullptr) {
    refusal = path + ": cannot open (" + DlErrorText() + "); not loaded";
    return nullptr;
  }

  // The ABI version comes first: nothing else in a plugin built for another ABI may be touched.
  std::string error;
  void* abi_symbol = FindSymbol(handle.get(), "vanban_plugin_abi_version", error);
  if (abi_symbol == nullptr) {
    refusal = path + ": not a vanban plugin: no vanban_plugin_abi_version (" + error + "); not loaded";
    return nullptr;
  }
  const auto abi_version_fn = reinterpret_cast<vanban_plugin_abi_version_fn>(abi_symbol);
  const uint32_t abi = abi_version_fn();
  if (abi != VANBAN_PLUGIN_ABI_VERSION) {
    refusal = path + ": built for plugin ABI " + std::to_string(abi) + ", this vanban needs " +
              std::to_string(VANBAN_PLUGIN_ABI_VERSION) + "; not loaded";
    return nullptr;
  }

  void* entry_symbol = FindSymbol(handle.get(), "vanban_plugin_entry", error);
  if (entry_symbol == nullptr) {
    refusal = path + ": not a vanban plugin: no vanban_plugin_entry (" + error + "); not loaded";
    return nullptr;
  }
  const auto entry_fn = reinterpret_cast<vanban_plugin_entry_fn>(entry_symbol);
  const vanban_plugin_v1* plugin = entry_fn();
  if (plugin == nullptr) {
    refusal = path + ": vanban_plugin_entry returned null; not loaded";
    return nullptr;
  }
  if (plugin->abi_version != VANBAN_PLUGIN_ABI_VERSION) {
    refusal = path + ": its plugin table says ABI " + std::to_string(plugin->abi_version) +
              ", this vanban needs " + std::to_string(VANBAN_PLUGIN_ABI_VERSION) + "; not loaded";
    return nullptr;
  }
  if (plugin->name == nullptr || plugin->name[0] == '\0') {
    refusal = path + ": the plugin has no name; not loaded";
    return nullptr;
  }
  const std::string name = plugin->name;
  if (plugin->version == nullptr || plugin->extract == nullptr) {
    const char* missing = plugin->version == nullptr ? "version" : "extract function";
    refusal = path + ": plugin \"" + name + "\" has no " + missing + "; not loaded";
    return nullptr;
  }
  if (registry.Find(name) != nullptr) {
    refusal = path + ": an extractor named \"" + name + "\" is already loaded; not loaded";
    return nullptr;
  }
  return std::make_unique<ExternalExtractor>(std::move(handle), *plugin, path);
}

// The candidates of one folder, sorted by file name. Adds a message when the folder exists but cannot
// be listed; a folder that does not exist is skipped silently, like a missing PATH entry.
std::vector<std::filesystem::path> Candidates(const std::filesystem::path& folder, std::vector<std::string>& messages) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  const fs::file_status status = fs::status(folder, ec);
  if (status.type() == fs::file_type::not_found) return files;
  if (ec) {
    messages.push_back(folder.string() + ": cannot read plugin folder (" + ec.message() + ")");
    return files;
  }
  if (!fs::is_directory(status)) {
    messages.push_back(folder.string() + ": on the plugin path but not a folder");
    return files;
  }
  fs::directory_iterator it(folder, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string file_name = path.filename().string();
    if (file_name.size() <= 3 || !file_name.ends_with(".so")) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;  // follows symbolic links
    files.push_back(path);
  }
  if (ec) messages.push_back(folder.string() + ": cannot read plugin folder (" + ec.message() + ")");
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
  return files;
}

}  // namespace

void DlcloseDeleter::operator()(void* handle) const {
  if (handle != nullptr) dlclose(handle);
}

ExternalExtractor::ExternalExtractor(SharedLibraryHandle handle, const vanban_plugin_v1& plugin, std::string path)
    : handle_(std::move(handle)), extract_(plugin.extract) {
  info_.name = plugin.name != nullptr ? plugin.name : "";
  info_.version = plugin.version != nullptr ? plugin.version : "";
  info_.description = plugin.description != nullptr ? plugin.description : "";
  info_.origin = std::move(path);
  info_.sections = {std::string(kPluginFindingsSection)};
}

Status ExternalExtractor::Extract(const ExtractionInput& input, Extraction& out) const {
  const Document& doc = input.document;
  const std::string& name = info_.name;
  if (extract_ == nullptr) return Status::Internal("plugin " + name + " has no extract function");
  try {
    std::vector<Finding> findings;
    EmitContext context;
    context.text_size = doc.text.size();
    context.findings = &findings;
    char error[512] = {};
    const int rc = extract_(doc.text.data(), doc.text.size(), &VanbanPluginEmit, &context, error, sizeof error);
    error[sizeof error - 1] = '\0';  // in case the plugin filled the buffer without a terminator
    if (rc != 0) {
      const std::string message =
          error[0] != '\0' ? std::string(error) : "failed without a message (code " + std::to_string(rc) + ")";
      return Status::Internal("plugin " + name + ": " + message);
    }
    if (context.out_of_memory) {
      return Status::ResourceExhausted("plugin " + name + ": out of memory collecting findings");
    }

    std::vector<Finding>& section = out.sections[std::string(kPluginFindingsSection)];
    for (Finding& finding : findings) {
      finding.plugin = name;
      finding.page = PageOf(doc.paragraphs, finding.span.begin);
      section.push_back(std::move(finding));
    }
    if (context.invalid > 0) {
      DocumentError error_entry;
      error_entry.path = doc.source.path;
      error_entry.code = std::string(StatusCodeName(StatusCode::kInternal));
      error_entry.reason = "plugin " + name + " reported " + std::to_string(context.invalid) +
                           (context.invalid == 1 ? " finding" : " findings") +
                           " with an invalid span (begin after end or past the end of the text) or no kind or "
                           "value; dropped";
      out.errors.push_back(std::move(error_entry));
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal("plugin " + name + ": " + e.what());
  } catch (...) {
    return Status::Internal("plugin " + name + ": unknown exception");
  }
}

std::vector<std::string> LoadExternalPlugins(std::string_view search_path, ExtractorRegistry& registry) {
  std::vector<std::string> messages;
  try {
    size_t start = 0;
    while (start <= search_path.size()) {
      size_t end = search_path.find(':', start);
      if (end == std::string_view::npos) end = search_path.size();
      const std::string_view folder = search_path.substr(start, end - start);
      start = end + 1;
      // An empty entry would mean the current folder in PATH; loading code from wherever vanban
      // happens to run is not wanted, so it is skipped.
      if (folder.empty()) continue;
      for (const std::filesystem::path& file : Candidates(std::filesystem::path(folder), messages)) {
        std::string refusal;
        std::unique_ptr<ExternalExtractor> extractor = OpenPlugin(file.string(), registry, refusal);
        if (extractor == nullptr) {
          messages.push_back(std::move(refusal));
        } else if (Status added = registry.Add(std::move(extractor)); !added.ok()) {
          messages.push_back(file.string() + ": " + added.message() + "; not loaded");
        }
      }
    }
  } catch (const std::exception& e) {
    messages.push_back(std::string("loading plugins failed: ") + e.what());
  } catch (...) {
    messages.push_back("loading plugins failed: unknown exception");
  }
  return messages;
}

}  // namespace vanban
