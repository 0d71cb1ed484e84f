#include <leptonica/allheaders.h>

#include <mutex>

#include "vanban/image.h"
#include "vanban/internal/pix.h"

namespace vanban {

void PixDeleter::operator()(Pix* pix) const {
  if (pix != nullptr) pixDestroy(&pix);
}

namespace internal {

void SilenceLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

}  // namespace internal
}  // namespace vanban
