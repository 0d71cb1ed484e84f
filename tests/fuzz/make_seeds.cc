// vanban-fuzz-seeds: image seeds for the image fuzzer from a PNG page: the PNG scaled small, and the
// same as JPEG, a two-page CCITT G4 TIFF and an LZW TIFF (libFuzzer mutates from these).
//   vanban-fuzz-seeds PAGE.png OUT_DIR
#include <leptonica/allheaders.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: vanban-fuzz-seeds PAGE.png OUT_DIR\n");
    return 2;
  }
  PIX* page = pixRead(argv[1]);
  if (page == nullptr) return 1;
  PIX* small = pixScaleToSize(page, 320, 0);
  PIX* grey = pixConvertTo8(small, 0);
  PIX* binary = pixThresholdToBinary(grey, 160);
  const std::string out = argv[2];
  int failed = 0;
  failed |= pixWrite((out + "/page.png").c_str(), grey, IFF_PNG);
  failed |= pixWrite((out + "/page.jpg").c_str(), grey, IFF_JFIF_JPEG);
  failed |= pixWriteTiff((out + "/pages-g4.tif").c_str(), binary, IFF_TIFF_G4, "w");
  failed |= pixWriteTiff((out + "/pages-g4.tif").c_str(), binary, IFF_TIFF_G4, "a");
  failed |= pixWriteTiff((out + "/page-lzw.tif").c_str(), grey, IFF_TIFF_LZW, "w");
  for (PIX* p : {page, small, grey, binary}) pixDestroy(&p);
  return failed != 0;
}
