#include <gtest/gtest.h>

#include "test_files.h"
#include "vanban/legacy_encoding.h"
#include "vanban/text.h"

namespace vanban {
namespace {

TEST(Text, ToNfcComposesDecomposedVietnamese) {
  // "Hòa" with U+0300 after o (NFD as some PDFs emit it) and "ộ" as o + U+0323 + U+0302.
  EXPECT_EQ(ToNfc("Ho\xCC\x80" "a"), "Hòa");
  EXPECT_EQ(ToNfc("C\x6F\xCC\xA3\xCC\x82ng"), "Cộng");
  EXPECT_EQ(ToNfc("đã chuẩn"), "đã chuẩn");
}

TEST(Text, MatchFormUnifiesCaseAndTonePlacement) {
  EXPECT_EQ(MatchForm("Hoà Phong"), MatchForm("hòa phong"));
  EXPECT_EQ(MatchForm("HOÀ"), MatchForm("hòa"));
  EXPECT_EQ(MatchForm("thuý"), MatchForm("Thúy"));
  EXPECT_EQ(MatchForm("khoẻ"), MatchForm("khỏe"));
  EXPECT_EQ(MatchForm("Ho\xCC\x80" "a"), MatchForm("hòa"));  // NFD input
  EXPECT_NE(MatchForm("hòa"), MatchForm("hoa"));               // tones still count
  EXPECT_EQ(MatchForm("Bình đẳng giới 2024"), "bình đẳng giới 2024");
}

TEST(Text, FoldDiacriticsGivesAscii) {
  EXPECT_EQ(FoldDiacritics("Bình đẳng giới"), "Binh dang gioi");
  EXPECT_EQ(FoldDiacritics("ĐỒNG THÁP"), "DONG THAP");
  EXPECT_EQ(FoldDiacritics("571/SGDĐT-CTrTT"), "571/SGDDT-CTrTT");
}

TEST(Text, TrimCharactersStripsWholeCharacters) {
  EXPECT_EQ(TrimCharacters(" - Sở Y tế;. ", " -;."), "Sở Y tế");
  EXPECT_EQ(TrimCharacters("–• Lưu: VT •–", " –•"), "Lưu: VT");
  // "„" (E2 80 9E) shares its first two bytes with "–" (E2 80 93): kept whole, never cut.
  EXPECT_EQ(TrimCharacters("„li.–", "–."), "„li");
  EXPECT_EQ(TrimCharacters("‚x„", "–•"), "‚x„");
  EXPECT_EQ(TrimCharacters(";;;", ";"), "");
  EXPECT_EQ(TrimCharacters("", ";"), "");
  EXPECT_EQ(TrimCharacters("abc", ""), "abc");
}

TEST(Text, FindInvalidUtf8ReportsFirstBadByte) {
  EXPECT_FALSE(FindInvalidUtf8("Việt Nam").has_value());
  EXPECT_EQ(FindInvalidUtf8("ab\xC3(").value(), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xFF").value(), 0u);
  EXPECT_EQ(ReplaceInvalidUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(Text, Utf16DecodesBothByteOrders) {
  const std::string le("V\0i\0\xC7\x1E" "t\0", 8);  // "Việt": ệ is U+1EC7
  const std::string be("\0V\0i\x1E\xC7\0t", 8);
  EXPECT_EQ(Utf16ToUtf8(le, false).value(), "Việt");
  EXPECT_EQ(Utf16ToUtf8(be, true).value(), "Việt");
  EXPECT_FALSE(Utf16ToUtf8(std::string("\x00\xD8", 2), false).ok());  // lone high surrogate
  EXPECT_FALSE(Utf16ToUtf8("abc", false).ok());                       // odd length
}

TEST(Text, QualitySeparatesVietnameseFromMojibake) {
  const TextQuality good = MeasureVietnameseQuality("Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập tự do hạnh phúc.");
  EXPECT_GT(good.ValidRatio(), 0.9);
  EXPECT_EQ(good.suspicious_words, 0);
  const TextQuality bad = MeasureVietnameseQuality("Céng hoµ x· héi chñ nghÜa ViÖt Nam");
  EXPECT_LT(bad.ValidRatio(), 0.5);
  EXPECT_GT(bad.SuspiciousRatio(), 0.3);
}

TEST(Text, DetectsLegacyMojibakeOnlyWhenDecodingHelps) {
  const std::string phrase = "Căn cứ Kế hoạch số 72/KH-UBND của Ủy ban nhân dân thành phố về công tác bình đẳng giới";
  for (LegacyEncoding e : {LegacyEncoding::kTcvn3, LegacyEncoding::kVni}) {
    const std::string bytes = EncodeLegacyBytes(phrase, e).value();
    const std::string mojibake = testing::BytesAsLatin1Utf8(bytes);
    ASSERT_EQ(DetectLegacyMojibake(mojibake), e) << LegacyEncodingName(e) << ": " << mojibake;
    EXPECT_EQ(DecodeLegacyMojibake(mojibake, e), phrase);
  }
  EXPECT_FALSE(DetectLegacyMojibake(phrase).has_value());
  EXPECT_FALSE(DetectLegacyMojibake("Plain English text stays as it is.").has_value());
}

}  // namespace
}  // namespace vanban
