/* The C ABI of external vanban plugins: shared libraries found on VANBAN_PLUGIN_PATH.
 *
 * A plugin exports two C functions:
 *   uint32_t vanban_plugin_abi_version(void);           must return VANBAN_PLUGIN_ABI_VERSION
 *   const vanban_plugin_v1* vanban_plugin_entry(void);   its description and entry points
 * vanban calls vanban_plugin_abi_version() first and refuses a plugin built for another ABI version
 * before touching anything else in it. Only C types cross the boundary: no C++ exceptions, no STL.
 * `extract` must be thread-safe: vanban calls it from several threads at once. */
#ifndef VANBAN_PLUGIN_ABI_H_
#define VANBAN_PLUGIN_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VANBAN_PLUGIN_ABI_VERSION 1u

/* One finding: a span of the document's normalized text (UTF-8 byte offsets) with a kind and value. */
typedef struct vanban_finding {
  const char* kind;   /* e.g. "email", "phone" */
  const char* value;  /* normalized value, e.g. "+84 912 345 678" -> "0912345678" */
  size_t begin;
  size_t end;
  double confidence;  /* 0..1 */
} vanban_finding;

/* Called by the plugin for each finding; the strings need only live during the call. */
typedef void (*vanban_emit_fn)(void* context, const vanban_finding* finding);

typedef struct vanban_plugin_v1 {
  uint32_t abi_version;     /* VANBAN_PLUGIN_ABI_VERSION */
  const char* name;         /* short, unique: "contacts" */
  const char* version;      /* "1.0.0" */
  const char* description;  /* one line */
  /* Scans the normalized text (UTF-8, NFC, paragraphs separated by '\n'). Returns 0 on success; on
   * failure writes a NUL-terminated message into error (at most error_size bytes) and returns non-zero. */
  int (*extract)(const char* text, size_t length, vanban_emit_fn emit, void* context, char* error,
                 size_t error_size);
} vanban_plugin_v1;

/* Plugins mark the two entry points with this so they are exported even with -fvisibility=hidden. */
#define VANBAN_PLUGIN_EXPORT __attribute__((visibility("default")))

typedef uint32_t (*vanban_plugin_abi_version_fn)(void);
typedef const vanban_plugin_v1* (*vanban_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* VANBAN_PLUGIN_ABI_H_ */
