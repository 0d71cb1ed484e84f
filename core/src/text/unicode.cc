#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <string>

#include "vanban/text.h"
#include "vanban/vietnamese.h"
#include "vanban/internal/utf8.h"

namespace vanban {
namespace {

using internal::AppendUtf8;
using internal::FromU32;
using internal::ToU32;

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  // ICU's data is linked in; failing here means a broken installation, not bad input.
  if (U_FAILURE(status) || nfc == nullptr) std::abort();
  return *nfc;
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || nfd == nullptr) std::abort();
  return *nfd;
}

// Applies `fn` to every maximal run of letters, leaving everything else in place.
template <typename Fn>
std::u32string MapLetterRuns(std::u32string_view text, Fn fn) {
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!u_isalpha(static_cast<UChar32>(text[i]))) {
      out.push_back(text[i++]);
      continue;
    }
    size_t j = i;
    while (j < text.size() && u_isalpha(static_cast<UChar32>(text[j]))) ++j;
    out += fn(text.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::string ToNfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (Nfc().isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(utf8);
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  Nfc().normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return out;
}

std::string MatchForm(std::string_view utf8) {
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(ToNfc(utf8));
  folded.foldCase();
  std::string lowered;
  folded.toUTF8String(lowered);
  return FromU32(MapLetterRuns(ToU32(ToNfc(lowered)), [](std::u32string_view word) {
    return vi::CanonicalTonePlacement(word);
  }));
}

std::string LowerCase(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  internal::ForEachCodepoint(utf8, [&](UChar32 c, size_t, size_t) { AppendUtf8(out, c < 0 ? 0xFFFD : u_tolower(c)); });
  return out;
}

std::string FoldDiacritics(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = Nfd().normalize(icu::UnicodeString::fromUTF8(
                                                      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                                                  status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111) c = 'd';  // đ has no decomposition
    if (c == 0x0110) c = 'D';
    AppendUtf8(out, c);
  }
  return out;
}

bool IsAllCapitals(std::string_view utf8, int min_upper) {
  int upper = 0;
  bool lower = false;
  internal::ForEachCodepoint(utf8, [&](UChar32 c, size_t, size_t) {
    lower = u_islower(c);
    upper += u_isupper(c) ? 1 : 0;
    return !lower;
  });
  return !lower && upper >= min_upper;
}

bool StartsWithCapital(std::string_view utf8) {
  if (utf8.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(utf8.data()), i, static_cast<int32_t>(utf8.size()), c);
  return c >= 0 && u_isupper(c);
}

std::optional<size_t> FindInvalidUtf8(std::string_view bytes) {
  std::optional<size_t> bad;
  internal::ForEachCodepoint(bytes, [&](UChar32 c, size_t begin, size_t) {
    if (c < 0) bad = begin;
    return c >= 0;
  });
  return bad;
}

std::string ReplaceInvalidUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  internal::ForEachCodepoint(bytes, [&](UChar32 c, size_t begin, size_t end) {
    if (c < 0) {
      AppendUtf8(out, 0xFFFD);
    } else {
      out.append(bytes.substr(begin, end - begin));
    }
  });
  return out;
}

StatusOr<std::string> Utf16ToUtf8(std::string_view bytes, bool big_endian) {
  if (bytes.size() % 2 != 0) return Status::Corrupt("UTF-16 text has an odd number of bytes");
  std::u16string units(bytes.size() / 2, u'\0');
  for (size_t k = 0; k < units.size(); ++k) {
    const auto b0 = static_cast<uint8_t>(bytes[2 * k]), b1 = static_cast<uint8_t>(bytes[2 * k + 1]);
    units[k] = big_endian ? static_cast<char16_t>((b0 << 8) | b1) : static_cast<char16_t>((b1 << 8) | b0);
  }
  std::string out;
  out.reserve(units.size());
  for (size_t i = 0; i < units.size();) {
    UChar32 c;
    U16_NEXT(units.data(), i, units.size(), c);
    if (U_IS_SURROGATE(c)) {
      return Status::Corrupt("UTF-16 text has an unpaired surrogate at byte " + std::to_string(2 * (i - 1)));
    }
    AppendUtf8(out, c);
  }
  return out;
}

TextQuality MeasureVietnameseQuality(std::string_view utf8) {
  TextQuality q;
  const std::u32string text = ToU32(utf8);
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (u_isUWhiteSpace(static_cast<UChar32>(text[i])) != 0)) ++i;
    size_t j = i;
    while (j < text.size() && (u_isUWhiteSpace(static_cast<UChar32>(text[j])) == 0)) ++j;
    if (j == i) break;
    // A word is the token without punctuation at its ends; tokens without letters are not words.
    size_t b = i, e = j;
    const auto is_letterish = [&](char32_t c) { return u_isalpha(static_cast<UChar32>(c)) || (c >= 0xA0 && c <= 0xBF); };
    while (b < e && !is_letterish(text[b])) ++b;
    while (e > b && !is_letterish(text[e - 1])) --e;
    i = j;
    if (b == e) continue;
    const std::u32string_view word(text.data() + b, e - b);
    ++q.words;
    bool suspicious = false, marked = false, all_letters = true;
    for (char32_t c : word) {
      if (!u_isalpha(static_cast<UChar32>(c))) all_letters = false;
      if ((c >= 0x80 && c <= 0xBF) || (u_isalpha(static_cast<UChar32>(c)) && c > 0x7F && !vi::IsVietnameseLetter(c))) {
        suspicious = true;
      }
      if (vi::HasVietnameseMarks(c)) marked = true;
    }
    if (suspicious) ++q.suspicious_words;
    if (marked) ++q.vietnamese_marked;
    if (all_letters && vi::IsValidSyllable(word)) ++q.valid_syllables;
  }
  return q;
}

bool MayBeLegacyMojibake(std::string_view utf8) {
  // Every character of U+0080..U+00FF is encoded as 0xC2 or 0xC3 followed by one byte.
  for (size_t i = 0; i + 1 < utf8.size(); ++i) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    if (lead != 0xC2 && lead != 0xC3) continue;
    const char32_t c = static_cast<char32_t>(((lead & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F));
    if (c >= 0x80 && (c < 0xC0 || !vi::IsVietnameseLetter(c)) && c != 0xA0) return true;
  }
  return false;
}

std::optional<LegacyEncoding> DetectLegacyMojibake(std::string_view utf8) {
  if (!MayBeLegacyMojibake(utf8)) return std::nullopt;
  const TextQuality as_is = MeasureVietnameseQuality(utf8);
  if (as_is.words == 0 || as_is.SuspiciousRatio() < 0.05) return std::nullopt;
  std::optional<LegacyEncoding> best;
  double best_score = as_is.ValidRatio() - as_is.SuspiciousRatio();
  for (LegacyEncoding e : {LegacyEncoding::kTcvn3, LegacyEncoding::kVni}) {
    const TextQuality q = MeasureVietnameseQuality(DecodeLegacyMojibake(utf8, e));
    const double score = q.ValidRatio() - q.SuspiciousRatio();
    // Demand a clear gain so that ordinary text with a few odd symbols is never "repaired".
    if (score > best_score + 0.2 && q.ValidRatio() >= 0.5) {
      best = e;
      best_score = score;
    }
  }
  return best;
}

std::string_view TrimCharacters(std::string_view utf8, std::string_view characters) {
  const auto listed = [&](UChar32 c) {
    bool found = false;
    internal::ForEachCodepoint(characters, [&](UChar32 k, size_t, size_t) { found = found || k == c; });
    return found;
  };
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t begin = 0, end = length;
  while (begin < end) {
    int32_t next = begin;
    UChar32 c;
    U8_NEXT(s, next, end, c);
    if (c < 0 || !listed(c)) break;
    begin = next;
  }
  while (end > begin) {
    int32_t previous = end;
    UChar32 c;
    U8_PREV(s, begin, previous, c);
    if (c < 0 || !listed(c)) break;
    end = previous;
  }
  return utf8.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin));
}

}  // namespace vanban
