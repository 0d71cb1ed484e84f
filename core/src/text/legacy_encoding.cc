#include "vanban/legacy_encoding.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>

namespace vanban {
namespace {

// Column order shared by every [vowel][tone] table below.
enum Tone { kNoTone, kGrave, kHook, kTilde, kAcute, kDotBelow, kToneCount };
constexpr int kVowelCount = 12;

// The 12 Vietnamese vowels (rows) with their 5 tones (columns), lowercase. Together with đ
// these give the 67 lowercase letters; the 6 toneless ASCII vowels are listed only because
// they are the bases onto which modifiers compose.
constexpr char32_t kVowels[kVowelCount][kToneCount] = {
    {U'a', U'à', U'ả', U'ã', U'á', U'ạ'},  //
    {U'ă', U'ằ', U'ẳ', U'ẵ', U'ắ', U'ặ'},  //
    {U'â', U'ầ', U'ẩ', U'ẫ', U'ấ', U'ậ'},  //
    {U'e', U'è', U'ẻ', U'ẽ', U'é', U'ẹ'},  //
    {U'ê', U'ề', U'ể', U'ễ', U'ế', U'ệ'},  //
    {U'i', U'ì', U'ỉ', U'ĩ', U'í', U'ị'},  //
    {U'o', U'ò', U'ỏ', U'õ', U'ó', U'ọ'},  //
    {U'ô', U'ồ', U'ổ', U'ỗ', U'ố', U'ộ'},  //
    {U'ơ', U'ờ', U'ở', U'ỡ', U'ớ', U'ợ'},  //
    {U'u', U'ù', U'ủ', U'ũ', U'ú', U'ụ'},  //
    {U'ư', U'ừ', U'ử', U'ữ', U'ứ', U'ự'},  //
    {U'y', U'ỳ', U'ỷ', U'ỹ', U'ý', U'ỵ'},  //
};
constexpr char32_t kSmallDStroke = U'đ';

// Every capital of a Vietnamese letter sits just below its small form: 0x20 below in Latin-1,
// one below in Latin Extended-A/B and in the U+1EA0 block. The test checks all 67 pairs.
constexpr char32_t ToUpper(char32_t c) { return c < 0x100 ? c - 0x20 : c - 1; }

// TCVN 5712:1993 ("TCVN3", ABC), table VN1 -- the same chart as glibc's charmap TCVN5712-1 and
// libiconv's lib/tcvn.h; legacy_encoding_test compares every byte with iconv(3).
// Plain ABC (VN3) fonts implement only the small letters and Ă Â Ê Ô Ơ Ư Đ at 0xA1-0xA7.
// VN1-only positions (all the toned capitals): the C0 slots 0x01 0x02 0x04-0x06 0x11-0x17,
// all of 0x80-0x9F, and the slots VN3 leaves empty: 0xAF 0xBA 0xBF 0xC0-0xC5 0xCD 0xD9-0xDB
// 0xE0 0xF0 0xFF.
constexpr uint8_t kTcvn3Small[kVowelCount][kToneCount] = {
    {'a', 0xB5, 0xB6, 0xB7, 0xB8, 0xB9},   // a
    {0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6},  // ă
    {0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB},  // â
    {'e', 0xCC, 0xCE, 0xCF, 0xD0, 0xD1},   // e
    {0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6},  // ê
    {'i', 0xD7, 0xD8, 0xDC, 0xDD, 0xDE},   // i
    {'o', 0xDF, 0xE1, 0xE2, 0xE3, 0xE4},   // o
    {0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9},  // ô
    {0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE},  // ơ
    {'u', 0xEF, 0xF1, 0xF2, 0xF3, 0xF4},   // u
    {0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9},  // ư
    {'y', 0xFA, 0xFB, 0xFC, 0xFD, 0xFE},   // y
};
constexpr uint8_t kTcvn3Capital[kVowelCount][kToneCount] = {
    {'A', 0x80, 0x81, 0x82, 0x83, 0x84},   // A
    {0xA1, 0xAF, 0xBA, 0xBF, 0xC0, 0x85},  // Ă
    {0xA2, 0xC1, 0xC2, 0xC3, 0xC4, 0x86},  // Â
    {'E', 0x87, 0x88, 0x89, 0x8A, 0x8B},   // E
    {0xA3, 0xC5, 0xCD, 0xD9, 0xDA, 0x8C},  // Ê
    {'I', 0x8D, 0x8E, 0x8F, 0x90, 0x91},   // I
    {'O', 0x92, 0x93, 0x94, 0x95, 0x96},   // O
    {0xA4, 0xDB, 0xE0, 0xF0, 0xFF, 0x97},  // Ô
    {0xA5, 0x98, 0x99, 0x9A, 0x9B, 0x9C},  // Ơ
    {'U', 0x9D, 0x9E, 0x9F, 0x01, 0x02},   // U
    {0xA6, 0x04, 0x05, 0x06, 0x11, 0x12},  // Ư
    {'Y', 0x13, 0x14, 0x15, 0x16, 0x17},   // Y
};
constexpr uint8_t kTcvn3SmallD = 0xAE;
constexpr uint8_t kTcvn3CapitalD = 0xA7;
// VN1/VN2 also define stand-alone tone marks (combining, per glibc) at 0xB0-0xB4. Some writers
// build toned capitals from a base letter plus one of these, so they compose when they follow a
// toneless vowel; elsewhere they fall back to Windows-1252 like any other non-letter byte.
constexpr uint8_t kTcvn3ToneMark[kToneCount] = {0, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4};

// VNI-Windows (VNI Software, "VNI-Times" fonts), small letters: a base byte, optionally followed
// by a modifier byte (0 = none). Chart as printed by VNI and reproduced in keyboard drivers
// (e.g. xvnkb's vni.h); it agrees with every value in the project brief. Capitals are the same
// bytes minus 0x20 (ASCII case bit, and 0xE0-0xFF -> 0xC0-0xDF for letters and modifiers).
struct VniSeq {
  uint8_t base;
  uint8_t modifier;
};
constexpr VniSeq kVniSmall[kVowelCount][kToneCount] = {
    // Tone modifiers: grave 0xF8, hook 0xFB, tilde 0xF5, acute 0xF9, dot below 0xEF.
    {{'a', 0}, {'a', 0xF8}, {'a', 0xFB}, {'a', 0xF5}, {'a', 0xF9}, {'a', 0xEF}},
    // Breve alone 0xEA, with a tone 0xE8 0xFA 0xFC 0xE9 0xEB.
    {{'a', 0xEA}, {'a', 0xE8}, {'a', 0xFA}, {'a', 0xFC}, {'a', 0xE9}, {'a', 0xEB}},
    // Circumflex alone 0xE2, with a tone 0xE0 0xE5 0xE3 0xE1 0xE4.
    {{'a', 0xE2}, {'a', 0xE0}, {'a', 0xE5}, {'a', 0xE3}, {'a', 0xE1}, {'a', 0xE4}},
    {{'e', 0}, {'e', 0xF8}, {'e', 0xFB}, {'e', 0xF5}, {'e', 0xF9}, {'e', 0xEF}},
    {{'e', 0xE2}, {'e', 0xE0}, {'e', 0xE5}, {'e', 0xE3}, {'e', 0xE1}, {'e', 0xE4}},
    // Toned i are single bytes: ì 0xEC, ỉ 0xE6, ĩ 0xF3, í 0xED, ị 0xF2.
    {{'i', 0}, {0xEC, 0}, {0xE6, 0}, {0xF3, 0}, {0xED, 0}, {0xF2, 0}},
    {{'o', 0}, {'o', 0xF8}, {'o', 0xFB}, {'o', 0xF5}, {'o', 0xF9}, {'o', 0xEF}},
    {{'o', 0xE2}, {'o', 0xE0}, {'o', 0xE5}, {'o', 0xE3}, {'o', 0xE1}, {'o', 0xE4}},
    // ơ is the single byte 0xF4 and takes the plain tone modifiers.
    {{0xF4, 0}, {0xF4, 0xF8}, {0xF4, 0xFB}, {0xF4, 0xF5}, {0xF4, 0xF9}, {0xF4, 0xEF}},
    {{'u', 0}, {'u', 0xF8}, {'u', 0xFB}, {'u', 0xF5}, {'u', 0xF9}, {'u', 0xEF}},
    // ư is the single byte 0xF6.
    {{0xF6, 0}, {0xF6, 0xF8}, {0xF6, 0xFB}, {0xF6, 0xF5}, {0xF6, 0xF9}, {0xF6, 0xEF}},
    // ỵ is the single byte 0xEE.
    {{'y', 0}, {'y', 0xF8}, {'y', 0xFB}, {'y', 0xF5}, {'y', 0xF9}, {0xEE, 0}},
};
constexpr uint8_t kVniSmallD = 0xF1;
constexpr uint8_t kVniCaseOffset = 0x20;

// Windows-1252 0x80-0x9F (Microsoft's cp1252 chart). The five holes keep their C1 code point,
// as Latin-1 (and WHATWG's windows-1252) do.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  //
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  //
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  //
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  //
};

constexpr char32_t Cp1252(uint8_t b) {
  return b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : char32_t{b};
}

constexpr uint16_t PairKey(uint8_t base, uint8_t modifier) {
  return static_cast<uint16_t>(base << 8 | modifier);
}

// Lookup tables of one encoding, derived once from the charts above.
struct Codec {
  std::array<char32_t, 256> single{};  // a byte standing alone
  // Bytes with a Vietnamese meaning: their Windows-1252 character cannot be encoded, because
  // the decoder would read the byte back as a letter or fold it into the preceding letter.
  std::array<bool, 256> reserved{};
  std::unordered_map<uint16_t, char32_t> pairs;  // base byte + modifier byte
  std::unordered_map<char32_t, std::string> encode;
};

// The legacy spelling of letter (row, tone) in one case.
std::string LetterBytes(LegacyEncoding e, int row, int tone, bool capital) {
  if (e == LegacyEncoding::kTcvn3) {
    return std::string(1, static_cast<char>(capital ? kTcvn3Capital[row][tone]
                                                    : kTcvn3Small[row][tone]));
  }
  const VniSeq& seq = kVniSmall[row][tone];
  const uint8_t shift = capital ? kVniCaseOffset : 0;
  std::string bytes(1, static_cast<char>(seq.base - shift));
  if (seq.modifier != 0) bytes += static_cast<char>(seq.modifier - shift);
  return bytes;
}

Codec BuildCodec(LegacyEncoding e) {
  Codec codec;
  for (int b = 0; b < 256; ++b) codec.single[b] = Cp1252(static_cast<uint8_t>(b));

  auto add_letter = [&codec](char32_t letter, const std::string& bytes) {
    const auto first = static_cast<uint8_t>(bytes[0]);
    if (bytes.size() == 1) {
      codec.single[first] = letter;
      codec.reserved[first] = true;
    } else {
      const auto modifier = static_cast<uint8_t>(bytes[1]);
      codec.pairs.emplace(PairKey(first, modifier), letter);
      codec.reserved[modifier] = true;
    }
    codec.encode.emplace(letter, bytes);
  };
  for (bool capital : {false, true}) {
    for (int row = 0; row < kVowelCount; ++row) {
      for (int tone = 0; tone < kToneCount; ++tone) {
        const char32_t small = kVowels[row][tone];
        add_letter(capital ? ToUpper(small) : small, LetterBytes(e, row, tone, capital));
      }
    }
  }
  if (e == LegacyEncoding::kTcvn3) {
    add_letter(kSmallDStroke, std::string(1, static_cast<char>(kTcvn3SmallD)));
    add_letter(ToUpper(kSmallDStroke), std::string(1, static_cast<char>(kTcvn3CapitalD)));
    // Decode-only: toneless vowel + stand-alone tone mark. Encoding always picks the single
    // precomposed byte, so no entry in `encode`.
    for (bool capital : {false, true}) {
      for (int row = 0; row < kVowelCount; ++row) {
        const auto& bytes = capital ? kTcvn3Capital[row] : kTcvn3Small[row];
        for (int tone = kGrave; tone < kToneCount; ++tone) {
          const char32_t small = kVowels[row][tone];
          codec.pairs.emplace(PairKey(bytes[kNoTone], kTcvn3ToneMark[tone]),
                              capital ? ToUpper(small) : small);
          codec.reserved[kTcvn3ToneMark[tone]] = true;
        }
      }
    }
  } else {
    add_letter(kSmallDStroke, std::string(1, static_cast<char>(kVniSmallD)));
    add_letter(ToUpper(kSmallDStroke),
               std::string(1, static_cast<char>(kVniSmallD - kVniCaseOffset)));
  }
  // Everything else stands for its Windows-1252 character. emplace keeps a letter's own
  // spelling when Windows-1252 also has that letter (VNI "ý" is "y" + 0xF9, not 0xFD).
  for (int b = 0; b < 256; ++b) {
    if (!codec.reserved[b]) {
      codec.encode.emplace(Cp1252(static_cast<uint8_t>(b)), std::string(1, static_cast<char>(b)));
    }
  }
  return codec;
}

const Codec& GetCodec(LegacyEncoding e) {
  // Leaked on purpose: no static destructors (Google style).
  static const Codec* const kTcvn3 = new Codec(BuildCodec(LegacyEncoding::kTcvn3));
  static const Codec* const kVni = new Codec(BuildCodec(LegacyEncoding::kVni));
  return e == LegacyEncoding::kTcvn3 ? *kTcvn3 : *kVni;
}

// Reads one UTF-8 sequence at s[*pos]. On malformed input consumes one byte and returns false.
bool NextCodePoint(std::string_view s, size_t* pos, char32_t* cp) {
  const auto lead = static_cast<uint8_t>(s[*pos]);
  int len;
  char32_t min;
  if (lead < 0x80) {
    *cp = lead;
    ++*pos;
    return true;
  } else if ((lead & 0xE0) == 0xC0) {
    len = 2, *cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    len = 3, *cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    len = 4, *cp = lead & 0x07, min = 0x10000;
  } else {
    ++*pos;
    return false;
  }
  if (*pos + len > s.size()) {
    ++*pos;
    return false;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<uint8_t>(s[*pos + k]);
    if ((b & 0xC0) != 0x80) {
      ++*pos;
      return false;
    }
    *cp = *cp << 6 | (b & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) {
    ++*pos;
    return false;
  }
  *pos += len;
  return true;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | cp >> 6);
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | cp >> 12);
    *out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | cp >> 18);
    *out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    *out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Both decoders work on "units": values below 0x100 are legacy bytes, anything else is a
// character that had no byte value and passes through.
std::string DecodeUnits(const std::u32string& units, LegacyEncoding e) {
  const Codec& codec = GetCodec(e);
  std::string out;
  out.reserve(units.size() * 2);
  for (size_t i = 0; i < units.size(); ++i) {
    const char32_t u = units[i];
    if (u >= 0x100) {
      AppendUtf8(u, &out);
      continue;
    }
    if (i + 1 < units.size() && units[i + 1] < 0x100) {
      const auto next = static_cast<uint8_t>(units[i + 1]);
      auto it = codec.pairs.find(PairKey(static_cast<uint8_t>(u), next));
      // Case-converting VNI text in a word processor can leave a modifier in the other case
      // than its base ("aÙ"); the base decides the case. TCVN3 marks are below 0xC0.
      if (it == codec.pairs.end() && next >= 0xC0) {
        it = codec.pairs.find(PairKey(static_cast<uint8_t>(u), next ^ kVniCaseOffset));
      }
      if (it != codec.pairs.end()) {
        AppendUtf8(it->second, &out);
        ++i;
        continue;
      }
    }
    AppendUtf8(codec.single[u], &out);
  }
  return out;
}

}  // namespace

std::string_view LegacyEncodingName(LegacyEncoding e) {
  switch (e) {
    case LegacyEncoding::kTcvn3: return "tcvn3";
    case LegacyEncoding::kVni: return "vni";
  }
  return "unknown";
}

std::string DecodeLegacyBytes(std::string_view bytes, LegacyEncoding e) {
  std::u32string units(bytes.size(), 0);
  for (size_t i = 0; i < bytes.size(); ++i) units[i] = static_cast<uint8_t>(bytes[i]);
  return DecodeUnits(units, e);
}

std::string DecodeLegacyMojibake(std::string_view utf8, LegacyEncoding e) {
  // Windows-1252 punctuation back to its byte; the rest of U+0000..U+00FF is Latin-1.
  static const auto* const kCp1252Bytes = [] {
    auto* map = new std::unordered_map<char32_t, uint8_t>;
    for (int b = 0x80; b < 0xA0; ++b) map->emplace(kCp1252High[b - 0x80], b);
    return map;
  }();
  std::u32string units;
  units.reserve(utf8.size());
  for (size_t pos = 0; pos < utf8.size();) {
    char32_t cp;
    if (!NextCodePoint(utf8, &pos, &cp)) cp = 0xFFFD;
    if (cp >= 0x100) {
      if (auto it = kCp1252Bytes->find(cp); it != kCp1252Bytes->end()) cp = it->second;
    }
    units += cp;
  }
  return DecodeUnits(units, e);
}

StatusOr<std::string> EncodeLegacyBytes(std::string_view utf8, LegacyEncoding e) {
  const Codec& codec = GetCodec(e);
  std::string out;
  out.reserve(utf8.size());
  for (size_t pos = 0; pos < utf8.size();) {
    const size_t start = pos;
    char32_t cp;
    if (!NextCodePoint(utf8, &pos, &cp)) {
      return Status::Corrupt("invalid UTF-8 at byte " + std::to_string(start));
    }
    auto it = codec.encode.find(cp);
    if (it == codec.encode.end()) {
      char hex[16];
      std::snprintf(hex, sizeof(hex), "U+%04X", static_cast<unsigned>(cp));
      // Control characters would make the message unreadable; the code point suffices.
      std::string shown;
      if (cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0)) {
        shown = " '" + std::string(utf8.substr(start, pos - start)) + "'";
      }
      return Status::InvalidArgument(std::string(LegacyEncodingName(e)) + " cannot represent " +
                                     hex + shown + " at byte " + std::to_string(start));
    }
    out += it->second;
  }
  return out;
}

}  // namespace vanban
