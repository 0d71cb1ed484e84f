#include "vanban/status.h"

#include <cstdio>
#include <cstdlib>

namespace vanban {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kCorrupt: return "corrupt";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace vanban

namespace vanban::internal {

void DieOfMissingValue(const Status& status) {
  std::fprintf(stderr, "vanban: internal error: value() of a StatusOr that holds %s\n", status.ToString().c_str());
  std::abort();
}

Status OkStatusWithoutValue() { return Status::Internal("StatusOr was built from an OK Status, which has no value"); }

}  // namespace vanban::internal
