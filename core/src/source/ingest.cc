// The source registry and the one way every input is read, identified and opened.
#include <openssl/evp.h>

#include <exception>
#include <iostream>
#include <iterator>
#include <new>

#include "source_drivers.h"
#include "vanban/internal/files.h"
#include "vanban/source.h"

namespace vanban {

Status SourceRegistry::Add(std::unique_ptr<SourceDriver> driver) {
  if (driver == nullptr) return Status::InvalidArgument("no source driver given");
  for (const auto& d : drivers_) {
    if (d->Name() == driver->Name()) {
      return Status::InvalidArgument("a source driver named '" + std::string(driver->Name()) + "' is already registered");
    }
  }
  drivers_.push_back(std::move(driver));
  return Status::Ok();
}

SourceRegistry::Identified SourceRegistry::Identify(std::string_view head) const {
  head = head.substr(0, kIdentifyBytes);
  if (head.empty()) return {nullptr, kMediaEmpty};
  for (const auto& driver : drivers_) {
    if (const std::string_view media = driver->Identify(head); !media.empty()) return {driver.get(), media};
  }
  return {nullptr, kMediaBinary};
}

void RegisterBuiltinSources(SourceRegistry& registry) {
  // Most specific first: the text driver takes whatever has no binary bytes.
  for (auto* make : {&internal::MakePdfDriver, &internal::MakeImageDriver, &internal::MakeTextDriver}) {
    (void)registry.Add(make());  // the built-in names are distinct
  }
}

std::string_view DetectMediaType(std::string_view head) {
  static const SourceRegistry* const builtins = [] {
    auto* registry = new SourceRegistry();  // immutable once filled; lives for the process
    RegisterBuiltinSources(*registry);
    return registry;
  }();
  return builtins->Identify(head).media_type;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

namespace {

void AddFileError(Document& doc, const Status& s) {
  doc.errors.push_back({doc.source.path, 0, std::string(StatusCodeName(s.code())), s.message()});
}

Status OpenAndRead(std::shared_ptr<const std::string> bytes, const SourceOptions& options,
                   const SourceRegistry& registry, OpenedInput& input) {
  Document& doc = input.document;
  doc.source.size_bytes = bytes->size();
  doc.source.sha256 = Sha256Hex(*bytes);
  const SourceRegistry::Identified identified = registry.Identify(*bytes);
  doc.source.media_type = std::string(identified.media_type);
  if (identified.media_type == kMediaEmpty) return Status::Corrupt("file is empty");
  if (identified.driver == nullptr) {
    std::string names;
    for (const auto& d : registry.drivers()) names += (names.empty() ? "" : ", ") + std::string(d->Name());
    return Status::Unsupported("binary content that is neither text, PDF nor a supported image (sources: " + names +
                               ")");
  }
  VANBAN_ASSIGN_OR_RETURN(input.file, identified.driver->Open(std::move(bytes), identified.media_type, options));
  return input.file->ReadPages(doc);
}

OpenedInput OpenShared(std::shared_ptr<const std::string> bytes, const std::string& path,
                       const SourceOptions& options, const SourceRegistry& registry) {
  OpenedInput input;
  input.document.source.path = path;
  Status status;
  // Drivers report through Status; this keeps an unexpected exception (bad_alloc on a huge page)
  // from escaping and losing the other files' results.
  try {
    status = OpenAndRead(std::move(bytes), options, registry, input);
  } catch (const std::bad_alloc&) {
    status = Status::ResourceExhausted("out of memory reading the file");
  } catch (const std::exception& e) {
    status = Status::Internal(std::string("unexpected failure: ") + e.what());
  }
  if (!status.ok()) AddFileError(input.document, status);
  return input;
}

StatusOr<std::string> ReadStandardInput(uint64_t max_bytes) {
  std::string bytes;
  char buf[1 << 16];
  while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
    bytes.append(buf, static_cast<size_t>(std::cin.gcount()));
    if (bytes.size() > max_bytes) {
      return Status::ResourceExhausted("standard input is larger than the limit of " + std::to_string(max_bytes) +
                                       " bytes");
    }
  }
  if (std::cin.bad()) return Status::IoError("reading standard input failed");
  return bytes;
}

}  // namespace

OpenedInput OpenBytes(std::string bytes, const std::string& path, const SourceOptions& options,
                      const SourceRegistry& registry) {
  return OpenShared(std::make_shared<const std::string>(std::move(bytes)), path, options, registry);
}

OpenedInput OpenInput(const std::string& path, const SourceOptions& options, const SourceRegistry& registry) {
  StatusOr<std::string> bytes =
      path == "-" ? ReadStandardInput(options.max_file_bytes) : internal::ReadFileBytes(path, options.max_file_bytes);
  if (!bytes.ok()) {
    OpenedInput input;
    input.document.source.path = path;
    AddFileError(input.document, bytes.status());
    return input;
  }
  return OpenBytes(std::move(bytes).value(), path, options, registry);
}

}  // namespace vanban
