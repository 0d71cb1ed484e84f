#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "vanban/source.h"

namespace vanban {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

StatusOr<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return Status::NotFound("no such file");
  if (std::filesystem::is_directory(status)) return Status::InvalidArgument("is a directory, not a file");
  if (!std::filesystem::is_regular_file(status)) return Status::Unsupported("not a regular file");
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    const int err = errno;
    if (err == EACCES || err == EPERM) return Status::PermissionDenied(std::string("cannot open: ") + std::strerror(err));
    return Status::IoError(std::string("cannot open: ") + std::strerror(err));
  }
  std::string bytes;
  char buf[1 << 16];
  for (;;) {
    const size_t n = std::fread(buf, 1, sizeof buf, file.get());
    bytes.append(buf, n);
    if (bytes.size() > max_bytes) {
      return Status::ResourceExhausted("file is larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    if (n < sizeof buf) break;
  }
  if (std::ferror(file.get())) return Status::IoError(std::string("read failed: ") + std::strerror(errno));
  return bytes;
}

}  // namespace

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

std::string_view DetectMediaType(std::string_view head) {
  const auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (head.empty()) return kMediaEmpty;
  // PDF readers accept the header anywhere in the first kilobyte.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return kMediaPdf;
  if (starts("\x89PNG\r\n\x1a\n")) return kMediaPng;
  if (starts("\xFF\xD8\xFF")) return kMediaJpeg;
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return kMediaTiff;
  if (starts("\xEF\xBB\xBF") || starts("\xFF\xFE") || starts("\xFE\xFF")) return kMediaText;
  // Text has no NUL bytes and few control characters; TCVN3's VN1 level uses a handful of C0 codes
  // for capital letters, so a small share is allowed.
  size_t controls = 0;
  const std::string_view sample = head.substr(0, 1 << 16);
  for (unsigned char c : sample) {
    if (c == 0) return kMediaBinary;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++controls;
  }
  if (controls * 20 > sample.size()) return kMediaBinary;
  return kMediaText;
}

Document Ingest(const std::string& path, const IngestOptions& options) {
  Document doc;
  doc.source.path = path;
  const auto fail = [&](const Status& s) {
    doc.errors.push_back({path, 0, std::string(StatusCodeName(s.code())), s.message()});
  };
  StatusOr<std::string> bytes = ReadFile(path, options.max_file_bytes);
  if (!bytes.ok()) {
    fail(bytes.status());
    return doc;
  }
  doc.source.size_bytes = bytes->size();
  doc.source.sha256 = Sha256Hex(*bytes);
  const std::string_view media = DetectMediaType(*bytes);
  doc.source.media_type = std::string(media);
  Status status;
  if (media == kMediaEmpty) {
    status = Status::Corrupt("file is empty");
  } else if (media == kMediaPdf) {
    status = IngestPdf(*bytes, options, doc);
    if (status.ok()) OcrPdfPages(*bytes, options.pdf_password, options.ocr, doc);
  } else if (media == kMediaPng || media == kMediaJpeg || media == kMediaTiff) {
    status = IngestImages(*bytes, options.ocr, doc);
  } else if (media == kMediaText) {
    status = IngestText(*bytes, doc);
  } else if (media == kMediaBinary) {
    status = Status::Unsupported("binary content that is neither text, PDF nor a supported image");
  }
  if (!status.ok()) fail(status);
  return doc;
}

}  // namespace vanban
