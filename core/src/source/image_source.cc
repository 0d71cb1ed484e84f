// The image driver: PNG, JPEG and multi-page TIFF scans and photos. Every page goes to OCR; a page
// is decoded only when OCR asks for it.
#include <string>
#include <vector>

#include "image_decode.h"
#include "source_drivers.h"
#include "vanban/page_images.h"
#include "vanban/source.h"

namespace vanban {
namespace {

class ImageFile final : public OpenedFile, public PageImages {
 public:
  ImageFile(std::shared_ptr<const std::string> bytes, internal::ImageFormat format, int pages, ImageLimits limits,
            PixPtr first, std::string first_note)
      : bytes_(std::move(bytes)),
        format_(format),
        pages_(pages),
        limits_(limits),
        first_(std::move(first)),
        first_note_(std::move(first_note)) {}

  Status ReadPages(Document& doc) override {
    for (int i = 0; i < pages_; ++i) {
      Page page;
      page.number = i + 1;
      page.origin = Origin::kOcr;
      page.needs_ocr = true;
      doc.pages.push_back(std::move(page));
    }
    return Status::Ok();
  }

  PageImages* page_images() override { return this; }
  int page_count() const override { return pages_; }
  StatusOr<PixPtr> Image(int number, int /*dpi*/, std::string* note) override {
    if (number < 1 || number > pages_) {
      return Status::InvalidArgument("no page " + std::to_string(number) + ": the image file has " +
                                     std::to_string(pages_) + " page(s)");
    }
    if (number == 1 && first_) {  // decoded when the file was opened
      if (note != nullptr) *note = first_note_;
      return std::move(first_);
    }
    return internal::DecodeImagePage(*bytes_, format_, number - 1, limits_, note);
  }

 private:
  std::shared_ptr<const std::string> bytes_;
  internal::ImageFormat format_;
  int pages_;
  ImageLimits limits_;
  PixPtr first_;  // a PNG's or JPEG's image, until it is taken
  std::string first_note_;
};

class ImageDriver final : public SourceDriver {
 public:
  std::string_view Name() const override { return "image"; }
  std::string_view Description() const override { return "PNG, JPEG and multi-page TIFF images, read by OCR"; }
  std::string_view Identify(std::string_view head) const override {
    const auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    if (starts("\x89PNG\r\n\x1a\n")) return kMediaPng;
    if (starts("\xFF\xD8\xFF")) return kMediaJpeg;
    if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return kMediaTiff;
    return {};
  }
  StatusOr<std::unique_ptr<OpenedFile>> Open(std::shared_ptr<const std::string> bytes, std::string_view,
                                             const SourceOptions& options) const override {
    const internal::ImageFormat format = internal::ImageFormatOf(*bytes);
    VANBAN_ASSIGN_OR_RETURN(const int pages, internal::CountImagePages(*bytes, format, options.image_limits));
    // A file of one image that cannot be decoded fails as a whole, as soon as it is opened; a TIFF's
    // damaged page fails alone, when it is read.
    PixPtr first;
    std::string note;
    if (format != internal::ImageFormat::kTiff) {
      VANBAN_ASSIGN_OR_RETURN(first, internal::DecodeImagePage(*bytes, format, 0, options.image_limits, &note));
    }
    return std::unique_ptr<OpenedFile>(
        new ImageFile(std::move(bytes), format, pages, options.image_limits, std::move(first), std::move(note)));
  }
};

}  // namespace

namespace internal {
std::unique_ptr<SourceDriver> MakeImageDriver() { return std::make_unique<ImageDriver>(); }
}  // namespace internal

}  // namespace vanban
