// vanban-lept-degrade: a page image degraded by Leptonica's own image operations (grey morphology,
// block blur, Gaussian noise, scaling, rotation, JPEG), in the order given on the command line. It
// makes the "outside" hard copies of tests/bench/ocr_outside.sh with another tool than vanban's own
// scan generator (vanban-degrade-scan), whose levels the preprocessing was tuned on.
//   vanban-lept-degrade IN OUT [--seed N] [--scale F] [--dilate N] [--erode N] [--blur N]
//                       [--gauss STDEV] [--impulse FRACTION] [--squeeze LO,HI] [--rotate DEG] [--jpeg Q]
// --dilate thins dark strokes (grey dilation, N x N), --erode thickens them; --impulse sets that
// fraction of pixels to black or white at random; --squeeze maps black..white to LO..HI.
#include <leptonica/allheaders.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int Fail(const std::string& why) {
  std::fprintf(stderr, "vanban-lept-degrade: %s\n", why.c_str());
  return 1;
}

// Replaces *pix by next (when not null) and says whether it was.
bool Take(PIX** pix, PIX* next) {
  if (next == nullptr) return false;
  pixDestroy(pix);
  *pix = next;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: vanban-lept-degrade IN OUT [--seed N] [--scale F] [--dilate N] [--erode N] [--blur N] "
                 "[--gauss STDEV] [--impulse FRACTION] [--squeeze LO,HI] [--rotate DEG] [--jpeg Q]\n");
    return 2;
  }
  setMsgSeverity(L_SEVERITY_ERROR);
  PIX* read = pixRead(argv[1]);
  if (read == nullptr) return Fail(std::string("cannot read ") + argv[1]);
  PIX* pix = pixConvertTo8(read, 0);
  pixDestroy(&read);
  if (pix == nullptr) return Fail("cannot make the image grey");
  int jpeg_quality = 0;
  unsigned seed = 1;
  for (int i = 3; i < argc; ++i) {
    const std::string option = argv[i];
    if (i + 1 >= argc) return Fail(option + " needs a value");
    const char* value = argv[++i];
    bool ok = true;
    if (option == "--seed") {
      seed = static_cast<unsigned>(std::strtoul(value, nullptr, 10));
    } else if (option == "--scale") {
      const float f = std::strtof(value, nullptr);
      const int res = pixGetXRes(pix);
      ok = Take(&pix, pixScale(pix, f, f));
      if (ok && res > 0) pixSetResolution(pix, std::lround(res * f), std::lround(res * f));
    } else if (option == "--dilate") {
      const int n = std::atoi(value);
      ok = Take(&pix, pixDilateGray(pix, n, n));
    } else if (option == "--erode") {
      const int n = std::atoi(value);
      ok = Take(&pix, pixErodeGray(pix, n, n));
    } else if (option == "--blur") {
      const int n = std::atoi(value);
      ok = Take(&pix, pixBlockconvGray(pix, nullptr, n, n));
    } else if (option == "--gauss") {
      std::srand(seed);  // Leptonica's noise draws from rand()
      ok = Take(&pix, pixAddGaussianNoise(pix, std::strtof(value, nullptr)));
    } else if (option == "--impulse") {
      const double fraction = std::strtod(value, nullptr);
      const int w = pixGetWidth(pix), h = pixGetHeight(pix);
      unsigned long long state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          state = state * 6364136223846793005ULL + 1442695040888963407ULL;
          const double u = static_cast<double>(state >> 11) / 9007199254740992.0;
          if (u < fraction) pixSetPixel(pix, x, y, u < fraction / 2 ? 0 : 255);
        }
      }
    } else if (option == "--squeeze") {
      int lo = 0, hi = 255;
      if (std::sscanf(value, "%d,%d", &lo, &hi) != 2 || lo < 0 || hi > 255 || lo >= hi) return Fail("--squeeze LO,HI");
      ok = pixMultConstantGray(pix, static_cast<float>(hi - lo) / 255.0f) == 0 && pixAddConstantGray(pix, lo) == 0;
    } else if (option == "--rotate") {
      ok = Take(&pix, pixRotateAMGray(pix, static_cast<float>(std::strtod(value, nullptr) * M_PI / 180.0), 255));
    } else if (option == "--jpeg") {
      jpeg_quality = std::atoi(value);
    } else {
      return Fail("unknown option " + option);
    }
    if (!ok) return Fail(option + " failed");
  }
  const int format = jpeg_quality > 0 ? IFF_JFIF_JPEG : IFF_PNG;
  if (jpeg_quality > 0) l_jpegSetQuality(jpeg_quality);
  const int rc = pixWrite(argv[2], pix, format);
  pixDestroy(&pix);
  return rc == 0 ? 0 : Fail(std::string("cannot write ") + argv[2]);
}
