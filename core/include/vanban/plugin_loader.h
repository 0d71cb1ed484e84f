// External extractors: shared libraries found on VANBAN_PLUGIN_PATH that implement the C ABI of
// vanban/plugin_abi.h. The loader checks a plugin's ABI version before it calls anything else in it
// and refuses a bad plugin with a message; a refused plugin is closed again, never loaded half-way.
// See docs/plugins.md.
#ifndef VANBAN_PLUGIN_LOADER_H_
#define VANBAN_PLUGIN_LOADER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/extractor.h"
#include "vanban/plugin_abi.h"
#include "vanban/status.h"

namespace vanban {

// Loads every plugin found on `search_path` into `registry`, after the extractors already there.
//
// `search_path` is a list of folders separated by ':' (the value of VANBAN_PLUGIN_PATH); empty
// entries and folders that do not exist are skipped. In each folder, every regular file (or symbolic
// link to one) whose name ends in ".so" is a candidate, taken in order of name; folders are taken in
// the order given. A candidate is refused when it cannot be opened, lacks one of the two entry points,
// was built for another ABI version, describes itself incompletely, or has the name of an extractor
// already in the registry.
//
// Returns one message per refused plugin or unreadable folder, e.g.
//   "/opt/vanban/libfoo.so: built for plugin ABI 999, this vanban needs 1; not loaded"
// A refusal is never fatal. Never throws. Not thread-safe with respect to `registry`: call it at
// start-up, before the registry is shared.
std::vector<std::string> LoadExternalPlugins(std::string_view search_path, ExtractorRegistry& registry);

// Closes a handle returned by dlopen().
struct DlcloseDeleter {
  void operator()(void* handle) const;
};
using SharedLibraryHandle = std::unique_ptr<void, DlcloseDeleter>;

// An extractor backed by a plugin's vanban_plugin_v1 table. Owns the library handle: the library
// stays loaded as long as the extractor lives. Name, version and description are copied from the
// plugin when it is loaded.
//
// Thread-safe as far as the plugin's `extract` is (the ABI requires it to be): Extract() keeps its
// per-document state on the stack.
class ExternalExtractor final : public Extractor {
 public:
  // `plugin` must point into the library `handle` holds and stay valid while it is loaded (a null
  // handle is allowed for tables compiled into the caller, as tests do). The table's name, version
  // and extract must be non-null; LoadExternalPlugins checks that before it constructs one.
  ExternalExtractor(SharedLibraryHandle handle, const vanban_plugin_v1& plugin, std::string path);
  ~ExternalExtractor() override = default;

  ExternalExtractor(const ExternalExtractor&) = delete;
  ExternalExtractor& operator=(const ExternalExtractor&) = delete;

  // Its origin is the path of the shared library, as found on the search path; it writes its
  // findings into the shared "findings" section and reads no rules.
  const ExtractorInfo& Info() const override { return info_; }

  // Runs the plugin on the document's text (plugins see only the text). Each finding
  // becomes a PluginFinding whose page is that of the paragraph holding its first byte (0 when the
  // document has no paragraphs). Findings with begin > end, end past the text, or a null kind or value
  // are dropped, and one DocumentError with code "internal" naming the plugin is added to out.errors.
  // When the plugin returns non-zero, its findings are discarded and an internal Status carrying the
  // plugin's message is returned.
  Status Extract(const ExtractionInput& input, Extraction& out) const override;

 private:
  // Declared first so that it is destroyed last, after everything that may point into the library.
  SharedLibraryHandle handle_;
  ExtractorInfo info_;
  decltype(vanban_plugin_v1::extract) extract_;
};

}  // namespace vanban

#endif  // VANBAN_PLUGIN_LOADER_H_
