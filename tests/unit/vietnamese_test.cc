#include "vanban/vietnamese.h"

#include <gtest/gtest.h>

#include "test_files.h"

#include <algorithm>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace vanban::vi {
namespace {


std::vector<std::u32string_view> Words(std::u32string_view text) {
  std::vector<std::u32string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    const size_t space = std::min(text.find(U' ', i), text.size());
    if (space > i) words.push_back(text.substr(i, space - i));
    i = space + 1;
  }
  return words;
}

// The 60 toned vowels, grouped by tone in enum order, typed independently of the library tables.
constexpr std::u32string_view kTonedLower[] = {
    U"àằầèềìòồờùừỳ", U"áắấéếíóốớúứý", U"ảẳẩẻểỉỏổởủửỷ", U"ãẵẫẽễĩõỗỡũữỹ", U"ạặậẹệịọộợụựỵ",
};
constexpr std::u32string_view kTonedUpper[] = {
    U"ÀẰẦÈỀÌÒỒỜÙỪỲ", U"ÁẮẤÉẾÍÓỐỚÚỨÝ", U"ẢẲẨẺỂỈỎỔỞỦỬỶ", U"ÃẴẪẼỄĨÕỖỠŨỮỸ", U"ẠẶẬẸỆỊỌỘỢỤỰỴ",
};
constexpr std::u32string_view kBasesLower = U"aăâeêioôơuưy";
constexpr std::u32string_view kBasesUpper = U"AĂÂEÊIOÔƠUƯY";

TEST(VietnameseLetter, AllTonedVowelsSplitAndComposeBack) {
  int count = 0;
  for (int t = 0; t < 5; ++t) {
    const Tone tone = static_cast<Tone>(t + 1);
    for (const auto& [toned, bases] : {std::pair{kTonedLower[t], kBasesLower}, std::pair{kTonedUpper[t], kBasesUpper}}) {
      ASSERT_EQ(toned.size(), 12u);
      for (size_t i = 0; i < toned.size(); ++i) {
        SCOPED_TRACE(vanban::testing::Utf8(toned.substr(i, 1)));
        const char32_t c = toned[i];
        const std::optional<SplitLetter> split = SplitTone(c);
        ASSERT_TRUE(split.has_value());
        EXPECT_EQ(split->base, bases[i]);
        EXPECT_EQ(split->tone, tone);
        EXPECT_EQ(ComposeTone(split->base, split->tone), c);
        EXPECT_TRUE(IsVietnameseLetter(c));
        EXPECT_TRUE(HasVietnameseMarks(c));
        ++count;
      }
    }
  }
  EXPECT_EQ(count, 120);
}

TEST(VietnameseLetter, ShapeMarkedLettersAreUntonedBases) {
  for (char32_t c : std::u32string_view(U"ăâđêôơưĂÂĐÊÔƠƯ")) {
    SCOPED_TRACE(vanban::testing::Utf8(std::u32string(1, c)));
    const std::optional<SplitLetter> split = SplitTone(c);
    ASSERT_TRUE(split.has_value());
    EXPECT_EQ(split->base, c);
    EXPECT_EQ(split->tone, Tone::kNone);
    EXPECT_EQ(ComposeTone(c, Tone::kNone), c);
    EXPECT_TRUE(IsVietnameseLetter(c));
    EXPECT_TRUE(HasVietnameseMarks(c));
  }
}

TEST(VietnameseLetter, LowercaseAndUppercaseTablesCorrespond) {
  // 67 letters in each case: 7 shape-marked letters and đ, plus 12 vowels x 5 tones.
  std::u32string lower = U"ăâđêôơư", upper = U"ĂÂĐÊÔƠƯ";
  for (int t = 0; t < 5; ++t) {
    lower += kTonedLower[t];
    upper += kTonedUpper[t];
  }
  ASSERT_EQ(lower.size(), 67u);
  ASSERT_EQ(upper.size(), 67u);
  for (size_t i = 0; i < lower.size(); ++i) {
    EXPECT_EQ(ToLowerLetter(upper[i]), lower[i]) << vanban::testing::Utf8(upper.substr(i, 1));
    EXPECT_EQ(ToLowerLetter(lower[i]), lower[i]) << vanban::testing::Utf8(lower.substr(i, 1));
  }
}

TEST(VietnameseLetter, PlainAsciiLetters) {
  for (char32_t c = U'a'; c <= U'z'; ++c) {
    const std::optional<SplitLetter> split = SplitTone(c);
    ASSERT_TRUE(split.has_value());
    EXPECT_EQ(split->base, c);
    EXPECT_EQ(split->tone, Tone::kNone);
    EXPECT_TRUE(IsVietnameseLetter(c));
    EXPECT_TRUE(IsVietnameseLetter(c - U'a' + U'A'));
    EXPECT_FALSE(HasVietnameseMarks(c));
    EXPECT_EQ(ToLowerLetter(c - U'a' + U'A'), c);
  }
  EXPECT_EQ(ComposeTone(U'a', Tone::kGrave), U'à');
  EXPECT_EQ(ComposeTone(U'A', Tone::kDot), U'Ạ');
  EXPECT_EQ(ComposeTone(U'y', Tone::kTilde), U'ỹ');
}

TEST(VietnameseLetter, RejectsOtherCharacters) {
  // U+00D0 Ð is the Icelandic eth, a frequent mojibake stand-in for Đ (U+0110).
  for (char32_t c : std::u32string_view(U"Ððñöçäëß1 -.,\u0300\u00B7\u00B5")) {
    SCOPED_TRACE(vanban::testing::Utf8(std::u32string(1, c)));
    EXPECT_FALSE(SplitTone(c).has_value());
    EXPECT_FALSE(IsVietnameseLetter(c));
    EXPECT_FALSE(HasVietnameseMarks(c));
    EXPECT_EQ(ToLowerLetter(c), c);
  }
}

TEST(VietnameseLetter, ComposeRejectsImpossibleCombinations) {
  EXPECT_EQ(ComposeTone(U'b', Tone::kAcute), 0u);
  EXPECT_EQ(ComposeTone(U'đ', Tone::kGrave), 0u);
  EXPECT_EQ(ComposeTone(U'à', Tone::kAcute), 0u);  // already toned
  EXPECT_EQ(ComposeTone(U'à', Tone::kNone), 0u);
  EXPECT_EQ(ComposeTone(U'1', Tone::kNone), 0u);
  EXPECT_EQ(ComposeTone(U'ñ', Tone::kAcute), 0u);
  EXPECT_EQ(ComposeTone(U'b', Tone::kNone), U'b');
}

constexpr std::u32string_view kDocumentText =
    U"Căn cứ Kế hoạch số của Ủy ban nhân dân thành phố về thực hiện công tác bình đẳng giới năm "
    U"hướng dẫn các cơ sở giáo dục như sau nhiệm vụ chủ yếu đẩy mạnh hoạt động tuyên truyền phổ biến "
    U"chính sách pháp luật trường huyện quận xã phường Nguyễn Huỳnh Tài Phạm Súng Hòa Hoà thúy thuý "
    U"khỏe khoẻ quốc giữa nghiêng khuya người được thuở";

TEST(VietnameseSyllable, AcceptsDocumentText) {
  const std::vector<std::u32string_view> words = Words(kDocumentText);
  EXPECT_GE(words.size(), 60u);
  for (std::u32string_view word : words) EXPECT_TRUE(IsValidSyllable(word)) << vanban::testing::Utf8(word);
}

TEST(VietnameseSyllable, AcceptsCommonSpellings) {
  for (std::u32string_view word :
       Words(U"gì gìn già giữ giếng giết giường gieo quý quà quyết quyển quỳnh quân quê qua "
             U"ưu oẳn y ý yên yêu uyên Ủy Uỷ ngoài khoáng hoặc khuấy khuỷu rượu muối hiểu "
             U"kỹ kỳ ghi nghe ngày xoong soóc buýt toán thuận hoàng mía túi múa"))
    EXPECT_TRUE(IsValidSyllable(word)) << vanban::testing::Utf8(word);
}

TEST(VietnameseSyllable, IgnoresCase) {
  for (std::u32string_view word : Words(U"Hòa HÒA hOà NGƯỜI Người nGhiÊng ĐƯỢC QUỐC GIỮA")) {
    EXPECT_TRUE(IsValidSyllable(word)) << vanban::testing::Utf8(word);
  }
}

TEST(VietnameseSyllable, RejectsMalformedWords) {
  for (std::u32string_view word :
       Words(U"đắngx xyz kă ghá ge ce tàp tảc hãt coa aaa tiếnng bìnhh "
             U"hóà tóán ríếng taì giìa q qa ing êng anhh tyên iên viet tap"))
    EXPECT_FALSE(IsValidSyllable(word)) << vanban::testing::Utf8(word);
}

TEST(VietnameseSyllable, RejectsNonLetters) {
  for (std::u32string_view word :
       {std::u32string_view(), std::u32string_view(U"Ðược"), std::u32string_view(U"ha1"),
        std::u32string_view(U"a-b"), std::u32string_view(U"to\u0300"), std::u32string_view(U"nghiêngg"),
        std::u32string_view(U"fa"), std::u32string_view(U"zô")})
    EXPECT_FALSE(IsValidSyllable(word)) << vanban::testing::Utf8(word);
}

TEST(VietnameseSyllable, StopFinalsTakeOnlyAcuteOrDot) {
  EXPECT_TRUE(IsValidSyllable(U"tác"));
  EXPECT_TRUE(IsValidSyllable(U"tạp"));
  EXPECT_TRUE(IsValidSyllable(U"sạch"));
  for (std::u32string_view word : Words(U"tàc tảp tãt tach tàch"))
    EXPECT_FALSE(IsValidSyllable(word)) << vanban::testing::Utf8(word);
  EXPECT_TRUE(IsValidSyllable(U"tàng"));
}

TEST(VietnameseTonePlacement, MovesTheToneToTheClassicVowel) {
  const std::pair<std::u32string_view, std::u32string_view> cases[] = {
      {U"hoà", U"hòa"},   {U"thuý", U"thúy"},   {U"khoẻ", U"khỏe"}, {U"Hoà", U"Hòa"},
      {U"HOÀ", U"HÒA"},   {U"ngừơi", U"người"}, {U"Uỷ", U"Ủy"},     {U"miá", U"mía"},
      {U"hOà", U"hÒa"},   {U"hoàng", U"hoàng"}, {U"quý", U"quý"},   {U"già", U"già"},
      {U"người", U"người"}, {U"mía", U"mía"},   {U"ngoài", U"ngoài"}, {U"thuở", U"thuở"},
      {U"quyết", U"quyết"}, {U"giếng", U"giếng"}, {U"gì", U"gì"},   {U"hòa", U"hòa"},
      {U"ríêng", U"riếng"}, {U"gíêng", U"gíêng"},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(vanban::testing::Utf8(CanonicalTonePlacement(input)), vanban::testing::Utf8(expected)) << vanban::testing::Utf8(input);
  }
}

TEST(VietnameseTonePlacement, GivesOneKeyForBothStyles) {
  EXPECT_EQ(CanonicalTonePlacement(U"hoà"), CanonicalTonePlacement(U"hòa"));
  EXPECT_EQ(CanonicalTonePlacement(U"thuý"), CanonicalTonePlacement(U"thúy"));
  EXPECT_EQ(CanonicalTonePlacement(U"khoẻ"), CanonicalTonePlacement(U"khỏe"));
}

TEST(VietnameseTonePlacement, LeavesOtherWordsUnchanged) {
  for (std::u32string_view word : Words(U"hoa Hoa xyz hóà tàp Ðà 123 khuya")) {
    EXPECT_EQ(vanban::testing::Utf8(CanonicalTonePlacement(word)), vanban::testing::Utf8(word));
  }
  EXPECT_EQ(CanonicalTonePlacement(U""), U"");
}

}  // namespace
}  // namespace vanban::vi
