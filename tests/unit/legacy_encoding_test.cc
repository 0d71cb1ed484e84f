#include "vanban/legacy_encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "test_files.h"

namespace vanban {
namespace {

using testing::U32;
using testing::Utf8;

constexpr LegacyEncoding kBoth[] = {LegacyEncoding::kTcvn3, LegacyEncoding::kVni};

// Independent oracle for the 134 letters (written out, not derived from the implementation).
constexpr std::string_view kSmallLetters =
    "ăâđêôơư"
    "àảãáạ" "ằẳẵắặ" "ầẩẫấậ" "èẻẽéẹ" "ềểễếệ" "ìỉĩíị"
    "òỏõóọ" "ồổỗốộ" "ờởỡớợ" "ùủũúụ" "ừửữứự" "ỳỷỹýỵ";
constexpr std::string_view kCapitalLetters =
    "ĂÂĐÊÔƠƯ"
    "ÀẢÃÁẠ" "ẰẲẴẮẶ" "ẦẨẪẤẬ" "ÈẺẼÉẸ" "ỀỂỄẾỆ" "ÌỈĨÍỊ"
    "ÒỎÕÓỌ" "ỒỔỖỐỘ" "ỜỞỠỚỢ" "ÙỦŨÚỤ" "ỪỬỮỨỰ" "ỲỶỸÝỴ";

// Splits UTF-8 into one string per code point.
std::vector<std::string> SplitCodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (char32_t c : U32(s)) out.push_back(Utf8(std::u32string(1, c)));
  return out;
}

std::vector<std::string> AllLetters() {
  std::vector<std::string> all = SplitCodePoints(kSmallLetters);
  for (auto& c : SplitCodePoints(kCapitalLetters)) all.push_back(c);
  return all;
}

// "Coäng" written in UTF-8 -> the bytes 43 6F E4 6E 67: what a PDF mojibake string was made of.
// Only Latin-1 characters are allowed, which keeps this helper trivially correct.
std::string Latin1Bytes(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out += static_cast<char>(b);
    } else {
      EXPECT_TRUE(b == 0xC2 || b == 0xC3) << "not Latin-1: " << utf8;
      out += static_cast<char>(((b & 0x03) << 6) | (utf8[++i] & 0x3F));
    }
  }
  return out;
}

// Runs glibc iconv(3); nullopt if the conversion is unknown or fails.
std::optional<std::string> Iconv(const char* from, const char* to, std::string_view in) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string input(in);
  char* inp = input.data();
  size_t in_left = input.size();
  char buf[64];
  std::string out;
  bool ok = true;
  // The second call flushes the character glibc's TCVN decoder holds back for composition.
  for (int pass = 0; pass < 2 && ok; ++pass) {
    char* outp = buf;
    size_t out_left = sizeof(buf);
    ok = (pass == 0 ? iconv(cd, &inp, &in_left, &outp, &out_left)
                    : iconv(cd, nullptr, nullptr, &outp, &out_left)) != static_cast<size_t>(-1);
    out.append(buf, outp - buf);
  }
  iconv_close(cd);
  if (!ok || in_left != 0) return std::nullopt;
  return out;
}

std::string EncodeOrDie(std::string_view utf8, LegacyEncoding e) {
  StatusOr<std::string> r = EncodeLegacyBytes(utf8, e);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::string();
}

TEST(LegacyEncoding, Names) {
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kTcvn3), "tcvn3");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kVni), "vni");
}

TEST(LegacyEncoding, OracleHas134DistinctLetters) {
  const auto all = AllLetters();
  EXPECT_EQ(SplitCodePoints(kSmallLetters).size(), 67u);
  EXPECT_EQ(SplitCodePoints(kCapitalLetters).size(), 67u);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 134u);
}

TEST(LegacyEncoding, AllLettersRoundTrip) {
  for (LegacyEncoding e : kBoth) {
    SCOPED_TRACE(LegacyEncodingName(e));
    std::set<std::string> spellings;
    for (const std::string& letter : AllLetters()) {
      const std::string bytes = EncodeOrDie(letter, e);
      ASSERT_FALSE(bytes.empty()) << letter;
      EXPECT_EQ(DecodeLegacyBytes(bytes, e), letter);
      EXPECT_EQ(EncodeOrDie(DecodeLegacyBytes(bytes, e), e), bytes) << letter;
      spellings.insert(bytes);
    }
    EXPECT_EQ(spellings.size(), 134u);
    // Letters next to each other must not merge.
    const std::string text = std::string(kSmallLetters) + " " + std::string(kCapitalLetters);
    const std::string bytes = EncodeOrDie(text, e);
    EXPECT_EQ(DecodeLegacyBytes(bytes, e), text);
  }
}

TEST(LegacyEncoding, Tcvn3MatchesIconvByteByByte) {
  if (!Iconv("TCVN5712-1", "UTF-8", "a")) GTEST_SKIP() << "iconv has no TCVN5712-1";
  for (int b = 0; b < 256; ++b) {
    // Stand-alone tone marks: glibc emits U+0300.., we emit Windows-1252 (see header).
    if (b >= 0xB0 && b <= 0xB4) continue;
    const std::string byte(1, static_cast<char>(b));
    EXPECT_EQ(DecodeLegacyBytes(byte, LegacyEncoding::kTcvn3), Iconv("TCVN5712-1", "UTF-8", byte))
        << "byte 0x" << std::hex << b;
  }
  // Toneless vowel + tone mark composes in both.
  for (char base : std::string("aeiouyAEIOUY\xA1\xA2\xA3\xA4\xA5\xA6\xA8\xA9\xAA\xAB\xAC\xAD")) {
    for (int mark = 0xB0; mark <= 0xB4; ++mark) {
      const std::string pair = {base, static_cast<char>(mark)};
      EXPECT_EQ(DecodeLegacyBytes(pair, LegacyEncoding::kTcvn3),
                Iconv("TCVN5712-1", "UTF-8", pair));
    }
  }
  for (const std::string& letter : AllLetters()) {
    EXPECT_EQ(EncodeOrDie(letter, LegacyEncoding::kTcvn3), Iconv("UTF-8", "TCVN5712-1", letter))
        << letter;
  }
}

TEST(LegacyEncoding, Tcvn3KnownBytes) {
  const struct {
    const char* letter;
    const char* bytes;
  } kCases[] = {{"à", "\xB5"}, {"ã", "\xB7"}, {"ộ", "\xE9"}, {"đ", "\xAE"},
                {"Đ", "\xA7"}, {"Ư", "\xA6"}, {"Ú", "\x01"}, {"Ố", "\xFF"}};
  for (const auto& c : kCases) {
    EXPECT_EQ(EncodeOrDie(c.letter, LegacyEncoding::kTcvn3), c.bytes) << c.letter;
    EXPECT_EQ(DecodeLegacyBytes(c.bytes, LegacyEncoding::kTcvn3), c.letter);
  }
}

TEST(LegacyEncoding, VniKnownBytes) {
  const struct {
    const char* letter;
    const char* bytes;
  } kCases[] = {
      {"ơ", "\xF4"},     {"ư", "\xF6"},     {"đ", "\xF1"},     {"ì", "\xEC"},
      {"í", "\xED"},     {"ỉ", "\xE6"},     {"ĩ", "\xF3"},     {"ị", "\xF2"},
      {"ỵ", "\xEE"},     {"ệ", "e\xE4"},    {"ộ", "o\xE4"},    {"ớ", "\xF4\xF9"},
      {"ự", "\xF6\xEF"}, {"ă", "a\xEA"},    {"ẳ", "a\xFA"},    {"ẫ", "a\xE3"},
      {"Đ", "\xD1"},     {"Ơ", "\xD4"},     {"Ư", "\xD6"},     {"Ị", "\xD2"},
      {"Á", "A\xD9"},    {"Ậ", "A\xC4"},    {"Ữ", "\xD6\xD5"}, {"Ỵ", "\xCE"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(EncodeOrDie(c.letter, LegacyEncoding::kVni), c.bytes) << c.letter;
    EXPECT_EQ(DecodeLegacyBytes(c.bytes, LegacyEncoding::kVni), c.letter);
  }
}

struct Phrase {
  const char* mojibake;  // legacy bytes seen as Windows-1252, written in UTF-8
  const char* text;
};

void CheckPhrases(LegacyEncoding e, const std::vector<Phrase>& phrases, bool latin1_only) {
  for (const Phrase& p : phrases) {
    SCOPED_TRACE(p.text);
    EXPECT_EQ(DecodeLegacyMojibake(p.mojibake, e), p.text);
    if (!latin1_only) continue;
    const std::string bytes = Latin1Bytes(p.mojibake);
    EXPECT_EQ(DecodeLegacyBytes(bytes, e), p.text);
    EXPECT_EQ(EncodeOrDie(p.text, e), bytes);
  }
}

TEST(LegacyEncoding, VniSamplePhrases) {
  CheckPhrases(LegacyEncoding::kVni,
               {{"Vieät Nam", "Việt Nam"},
                {"Haø Noäi", "Hà Nội"},
                {"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
                {"Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"},
                {"ñöôïc göûi naêm ngöôøi", "được gửi năm người"},
                {"COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
                {"ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"}},
               /*latin1_only=*/true);
}

TEST(LegacyEncoding, Tcvn3SamplePhrases) {
  CheckPhrases(LegacyEncoding::kTcvn3,
               {{"Céng hoµ x· héi", "Cộng hoà xã hội"},
                {"Vi\u00D6t Nam", "Việt Nam"},
                {"Hµ Néi", "Hà Nội"},
                {"Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
                {"§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"},
                // 0xAD (ư) is a soft hyphen in Latin-1.
                {"®\u00ADîc göi n¨m ng\u00ADêi", "được gửi năm người"}},
               /*latin1_only=*/true);
  // Toned capitals sit in 0x80-0x9F, so the mojibake has Windows-1252 punctuation (and the
  // C1 control U+008F where Windows-1252 has a hole).
  CheckPhrases(LegacyEncoding::kTcvn3,
               {{"C—NG H’A X‚ H—I CHž NGH\u008FA VIŒT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}},
               /*latin1_only=*/false);
  EXPECT_EQ(DecodeLegacyBytes("C\x97NG H\x92" "A X\x82 H\x97I CH\x9E NGH\x8F" "A VI\x8CT NAM",
                              LegacyEncoding::kTcvn3),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
}

TEST(LegacyEncoding, MojibakePassesThroughOtherText) {
  // No Latin-1 letters here: those would be read as legacy bytes (documented limit).
  const std::string kPlain =
      "Nghị định số 15/2020/NĐ-CP, Điều 1: \"trực tiếp\"? [x] {y} 0123456789 ~!@#$%^&*() 中文";
  for (LegacyEncoding e : kBoth) {
    SCOPED_TRACE(LegacyEncodingName(e));
    EXPECT_EQ(DecodeLegacyMojibake(kPlain, e), kPlain);
    EXPECT_EQ(DecodeLegacyMojibake("", e), "");
  }
  EXPECT_EQ(DecodeLegacyMojibake("Nghị định — Coäng hoøa", LegacyEncoding::kVni),
            "Nghị định — Cộng hòa");
  EXPECT_EQ(DecodeLegacyMojibake("bad \xFF utf8", LegacyEncoding::kVni), "bad \uFFFD utf8");
}

TEST(LegacyEncoding, NonLettersDecodeAsWindows1252) {
  // Modifiers that follow no suitable base stay what Windows-1252 says.
  EXPECT_EQ(DecodeLegacyBytes("\xF8x\xF9 b\xE4", LegacyEncoding::kVni), "øxù bä");
  EXPECT_EQ(DecodeLegacyBytes("e\xEA", LegacyEncoding::kVni), "eê");  // no "e with breve"
  EXPECT_EQ(DecodeLegacyBytes("30\xB0" "C \xB3", LegacyEncoding::kTcvn3), "30°C ³");
  EXPECT_EQ(DecodeLegacyBytes("\x80\x93q\x94", LegacyEncoding::kVni), "€“q”");
  EXPECT_EQ(DecodeLegacyBytes("\xA0", LegacyEncoding::kTcvn3), "\u00A0");
  // A tone mark after a toneless vowel composes (VN2-style capitals).
  EXPECT_EQ(DecodeLegacyBytes("A\xB3 \xA4\xB4", LegacyEncoding::kTcvn3), "Á Ộ");
  // A modifier in the other case than its base still composes; the base decides the case.
  EXPECT_EQ(DecodeLegacyBytes("a\xD9 A\xF9 \xF6\xCF", LegacyEncoding::kVni), "á Á ự");
  EXPECT_EQ(EncodeOrDie("“q” € …", LegacyEncoding::kVni), "\x93q\x94 \x80 \x85");
}

TEST(LegacyEncoding, EncodeReportsFirstUnrepresentableCharacter) {
  StatusOr<std::string> r = EncodeLegacyBytes("giá 5€ ж", LegacyEncoding::kTcvn3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("U+20AC '€'"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("tcvn3"), std::string::npos);

  r = EncodeLegacyBytes("Từ điển: ж", LegacyEncoding::kVni);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("U+0436 'ж'"), std::string::npos) << r.status().message();

  // Windows-1252 characters whose byte has a Vietnamese meaning would not come back.
  EXPECT_FALSE(EncodeLegacyBytes("ø", LegacyEncoding::kVni).ok());
  EXPECT_FALSE(EncodeLegacyBytes("ñ", LegacyEncoding::kVni).ok());
  EXPECT_FALSE(EncodeLegacyBytes("°", LegacyEncoding::kTcvn3).ok());
  EXPECT_FALSE(EncodeLegacyBytes("\x01", LegacyEncoding::kTcvn3).ok());  // VN1 letter slot
  // Decomposed input is not NFC and is refused rather than guessed.
  EXPECT_FALSE(EncodeLegacyBytes("a\u0301", LegacyEncoding::kVni).ok());

  r = EncodeLegacyBytes("ok \xC3", LegacyEncoding::kVni);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace vanban
