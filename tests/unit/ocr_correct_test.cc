#include "vanban/ocr_correct.h"

#include <gtest/gtest.h>

#include "test_files.h"
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/text.h"
#include "vanban/vietnamese.h"

#ifndef VANBAN_SOURCE_DIR
#error "VANBAN_SOURCE_DIR must name the source tree (tests/CMakeLists.txt)"
#endif
#define VANBAN_MODELS_DIR VANBAN_TEST_DATA_DIR "/models"

namespace vanban {
namespace {

using testing::ReadFile;
using testing::U32;
using testing::Utf8;

const std::string kModels = VANBAN_MODELS_DIR;
const std::string kCorpus = VANBAN_SOURCE_DIR "/corpus";

std::vector<std::string> SplitWhitespace(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// Paragraphs (blocks between blank lines) of a corpus file, at least `min_bytes` long, without
// the markdown residue of seed 001.
std::vector<std::string> Paragraphs(const std::string& path, size_t min_bytes) {
  std::vector<std::string> paragraphs;
  std::istringstream in(ReadFile(path));
  std::string line, current;
  const auto flush = [&] {
    if (current.size() >= min_bytes && current.find("**") == std::string::npos &&
        current.find('#') == std::string::npos) {
      paragraphs.push_back(current);
    }
    current.clear();
  };
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      flush();
    } else {
      current += (current.empty() ? "" : "\n") + line;
    }
  }
  flush();
  return paragraphs;
}

class OcrCorrectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    StatusOr<std::unique_ptr<OcrCorrector>> loaded = OcrCorrector::Load(kModels);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    corrector_ = std::move(loaded).value().release();
  }
  static void TearDownTestSuite() {
    delete corrector_;
    corrector_ = nullptr;
  }

  static std::string Fix(std::string_view text, std::vector<OcrCorrection>* corrections = nullptr) {
    return corrector_->Correct(text, corrections);
  }
  // Asserts that `text` comes back as it is (NFC) with no correction reported.
  static void ExpectUnchanged(std::string_view text) {
    std::vector<OcrCorrection> corrections;
    EXPECT_TRUE(Fix(text, &corrections) == ToNfc(text)) << "changed: " << text.substr(0, 80);
    for (const OcrCorrection& c : corrections) {
      ADD_FAILURE() << "false correction in \"" << text << "\": \"" << c.printed << "\" -> \"" << c.corrected
                    << "\" (" << c.reason << ")";
    }
  }

  static const OcrCorrector* corrector_;
};

const OcrCorrector* OcrCorrectorTest::corrector_ = nullptr;

// ----- Loading.

TEST_F(OcrCorrectorTest, LoadsLexiconAndBigrams) {
  EXPECT_GT(corrector_->syllable_count(), 5000u);
  EXPECT_GT(corrector_->bigram_count(), 1000u);
  EXPECT_TRUE(corrector_->IsKnownSyllable("đẳng"));
  EXPECT_TRUE(corrector_->IsKnownSyllable("ĐẲNG"));
  EXPECT_TRUE(corrector_->IsKnownSyllable("hoà"));  // any tone placement
  EXPECT_TRUE(corrector_->IsKnownSyllable("Hòa"));
  EXPECT_FALSE(corrector_->IsKnownSyllable("UBND"));
  EXPECT_FALSE(corrector_->IsKnownSyllable("nhiẹm"));
  EXPECT_GT(corrector_->BigramCount("bình", "đẳng"), 100u);
  EXPECT_EQ(corrector_->BigramCount("bình", "đắng"), 0u);
  EXPECT_GT(corrector_->BigramCount("Ủy", "ban"), corrector_->BigramCount("ban", "ủy"));
}

TEST(OcrCorrectorLoad, MissingDirectoryIsNotFound) {
  StatusOr<std::unique_ptr<OcrCorrector>> loaded = OcrCorrector::Load("/nonexistent/vanban-models");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
}

TEST(OcrCorrectorLoad, RejectsMalformedFiles) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("vanban-ocr-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "vi");
  const auto write = [&](const char* name, std::string_view bytes) { std::ofstream(dir / "vi" / name) << bytes; };
  const auto load = [&] { return OcrCorrector::Load(dir.string()); };

  write("syllables.tsv", "bình\t3\nđẳng\t2\ngiới\t2\n");
  write("bigrams.tsv", "bình\tđẳng\t2\nđẳng\tgiới\t2\n");
  EXPECT_TRUE(load().ok());

  write("syllables.tsv", "bình\t3\nđẳng\n");
  EXPECT_EQ(load().status().code(), StatusCode::kCorrupt);
  write("syllables.tsv", "bình\t3\nUBND\t2\n");
  StatusOr<std::unique_ptr<OcrCorrector>> bad = load();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("syllables.tsv:2"), std::string::npos) << bad.status().ToString();
  write("syllables.tsv", "bình\t3\nđẳng\t2\n");
  EXPECT_EQ(load().status().code(), StatusCode::kCorrupt);  // a bigram names "giới"
  write("syllables.tsv", "bình\t3\nđẳng\t2\ngiới\t2\n");
  write("bigrams.tsv", "bình\tđẳng\tmany\n");
  EXPECT_EQ(load().status().code(), StatusCode::kCorrupt);
  std::filesystem::remove_all(dir);
}

// The Python builder ports the syllable parser; every row it writes must pass the C++ one.
TEST(OcrCorrectorLexicon, LexiconEntriesAreCanonicalSyllables) {
  std::istringstream in(ReadFile(kModels + "/vi/syllables.tsv"));
  size_t rows = 0;
  std::string previous;
  for (std::string line; std::getline(in, line);) {
    ++rows;
    const std::string syllable = line.substr(0, line.find('\t'));
    const std::u32string word = U32(syllable);
    EXPECT_TRUE(vi::IsValidSyllable(word)) << syllable;
    EXPECT_EQ(vanban::testing::Utf8(vi::CanonicalTonePlacement(word)), syllable);
    EXPECT_EQ(ToNfc(syllable), syllable);
    EXPECT_EQ(MatchForm(syllable), syllable) << "not lower case canonical: " << syllable;
    EXPECT_LT(previous, syllable) << "not sorted or duplicated";
    previous = syllable;
  }
  EXPECT_GT(rows, 5000u);
}

// ----- Eth.

TEST_F(OcrCorrectorTest, ReplacesEthWithDStroke) {
  std::vector<OcrCorrection> corrections;
  EXPECT_EQ(Fix("ÐỀ ÁN ðổi mới, Ðiều 3", &corrections), "ĐỀ ÁN đổi mới, Điều 3");
  ASSERT_EQ(corrections.size(), 3u);
  EXPECT_EQ(corrections[0].printed, "ÐỀ");
  EXPECT_EQ(corrections[0].corrected, "ĐỀ");
  EXPECT_EQ(corrections[0].reason, "eth for đ");
  EXPECT_EQ(corrections[1].corrected, "đổi");
  EXPECT_EQ(Fix("GD&ÐT"), "GD&ĐT");
  EXPECT_EQ(Fix("Số 12/QÐ-UBND"), "Số 12/QĐ-UBND");
}

TEST_F(OcrCorrectorTest, OneDStrokeReadTwiceAsDAndEthBecomesOne) {
  EXPECT_EQ(Fix("Số 2171/QĐÐ-BGDĐT"), "Số 2171/QĐ-BGDĐT");
  EXPECT_EQ(Fix("Phòng GD&ĐÐT"), "Phòng GD&ĐT");
  EXPECT_EQ(Fix("Phòng GD&ÐĐT"), "Phòng GD&ĐT");
  // D followed by Đ is a real code ("SGDĐT"): only the eth is a misreading.
  EXPECT_EQ(Fix("SGDÐT"), "SGDĐT");
  // Only the letter next to the eth: "ĐĐBQH" (Đoàn đại biểu Quốc hội) later in the symbol stays.
  EXPECT_EQ(Fix("Số 12/QÐ-ĐĐBQH"), "Số 12/QĐ-ĐĐBQH");
}

// ----- Valid syllables in context.

TEST_F(OcrCorrectorTest, FixesHookToneFromContext) {
  std::vector<OcrCorrection> corrections;
  EXPECT_EQ(Fix("bình đắng giới", &corrections), "bình đẳng giới");
  ASSERT_EQ(corrections.size(), 1u);
  EXPECT_EQ(corrections[0].printed, "đắng");
  EXPECT_EQ(corrections[0].corrected, "đẳng");
  EXPECT_EQ(corrections[0].reason, "context");
  EXPECT_GT(corrections[0].confidence, 0.5f);
  EXPECT_EQ(Fix("công tác bình đằng giới năm 2020"), "công tác bình đẳng giới năm 2020");
  EXPECT_EQ(Fix("Luật Bình đắng giới"), "Luật Bình đẳng giới");
  EXPECT_EQ(Fix("BÌNH ĐẮNG GIỚI"), "BÌNH ĐẲNG GIỚI");
  // Eth and hook in one word: one correction with both reasons.
  corrections.clear();
  EXPECT_EQ(Fix("bình Ðắng giới", &corrections), "bình Đẳng giới");
  ASSERT_EQ(corrections.size(), 1u);
  EXPECT_EQ(corrections[0].reason, "eth for đ + context");
}

TEST_F(OcrCorrectorTest, LeavesValidSyllableWithoutContext) {
  ExpectUnchanged("đắng");
  ExpectUnchanged("Đằng");
  ExpectUnchanged("vị đắng");   // no evidence either way
  ExpectUnchanged("đắng, giới");  // punctuation cuts the context
  ExpectUnchanged("bình đẳng giới");
}

// ----- Invalid syllables.

TEST_F(OcrCorrectorTest, FixesInvalidSyllableWithClearCandidate) {
  struct Case {
    const char* printed;
    const char* expected;
  };
  const Case cases[] = {
      {"các nhiẹm vụ chủ yếu", "các nhiệm vụ chủ yếu"},
      {"quyêt định số", "quyết định số"},
      {"triển khai kế hoach năm", "triển khai kế hoạch năm"},
      {"công tác tuyen truyền", "công tác tuyên truyền"},
      {"Nhiẹm vụ", "Nhiệm vụ"},
      {"NHIẸM VỤ", "NHIỆM VỤ"},
  };
  for (const Case& c : cases) {
    std::vector<OcrCorrection> corrections;
    EXPECT_EQ(Fix(c.printed, &corrections), c.expected) << c.printed;
    ASSERT_EQ(corrections.size(), 1u) << c.printed;
    EXPECT_EQ(corrections[0].reason, "invalid syllable");
  }
}

TEST_F(OcrCorrectorTest, FixesMarkedCapitalInsideAWord) {
  std::vector<OcrCorrection> corrections;
  EXPECT_EQ(Fix("tham gia gÓp ý", &corrections), "tham gia góp ý");
  ASSERT_EQ(corrections.size(), 1u);
  EXPECT_EQ(corrections[0].reason, "letter case");
  EXPECT_EQ(Fix("ThÀnh phố"), "Thành phố");
  ExpectUnchanged("CTr, TTg, GDTrH, iPhone, HĐND, QĐ");
}

TEST_F(OcrCorrectorTest, LeavesInvalidWordsWithoutClearCandidate) {
  ExpectUnchanged("xyzzy");
  ExpectUnchanged("tỉnh Đắk Lắk");
  ExpectUnchanged("dịch vụ online qua Zalo");
  ExpectUnchanged("kiểu gõ Telex");
  ExpectUnchanged("hoach");   // plain letters and no context: could be anything
  ExpectUnchanged("nhiem");
  ExpectUnchanged("gửi đ/c Minh");
  ExpectUnchanged("Ông John Smith");
}

TEST_F(OcrCorrectorTest, LeavesAcronymsEmailsAndNumbersAlone) {
  ExpectUnchanged("UBND tỉnh, GD&ĐT, LĐTBXH, GDNN-GDTX, HĐND");
  ExpectUnchanged("gửi về hộp thư vanban@sogddt.gov.vn hoặc https://dichvucong.gov.vn/p/home");
  ExpectUnchanged("Kế hoạch số 120/KH-UBND ngày 16/3/2020, giai đoạn 2021-2030, khóa XV, QH15");
  ExpectUnchanged("V/v triển khai; Covid-19; 24/24 giờ; 326/512 hộ; tiêu chí 18.6");
  ExpectUnchanged("Hướng dẫn số 5/HD-UBND, Nghị quyết 11-NQ/TW, dự án DA-01");
  // Printed typos of the originals are not OCR errors.
  ExpectUnchanged("Số: 571 /SGDDĐT-CTrTT");
  ExpectUnchanged("Công văn số 97/LĐTBXH - BDG");
}

// ----- Numbers, symbols and dates.

TEST_F(OcrCorrectorTest, FixesDToDStrokeInSymbols) {
  std::vector<OcrCorrection> corrections;
  EXPECT_EQ(Fix("Số: 571/SGDDT-CTrTT", &corrections), "Số: 571/SGDĐT-CTrTT");
  ASSERT_EQ(corrections.size(), 1u);
  EXPECT_EQ(corrections[0].printed, "SGDDT");
  EXPECT_EQ(corrections[0].reason, "symbol shape");
  EXPECT_EQ(Fix("QD-UBND"), "QĐ-UBND");
  EXPECT_EQ(Fix("Quyết định số 12/QD-UBND ngày"), "Quyết định số 12/QĐ-UBND ngày");
  EXPECT_EQ(Fix("Nghị định 70/2OO8/ND-CP"), "Nghị định 70/2008/NĐ-CP");
  EXPECT_EQ(Fix("Sở GD&DT"), "Sở GD&ĐT");
  EXPECT_EQ(Fix("1303/BLDTBXH-BĐG"), "1303/BLĐTBXH-BĐG");
  EXPECT_EQ(Fix("Số: l2O/KH-UBND"), "Số: 120/KH-UBND");
  EXPECT_EQ(Fix("45/KH-UBN0"), "45/KH-UBN0");  // a digit at the end of a code stays
  EXPECT_EQ(Fix("45/KH-U0ND"), "45/KH-UOND");
  ExpectUnchanged("HD-UBND");   // HD (hướng dẫn) is a code itself
  ExpectUnchanged("CD-ROM");
}

TEST_F(OcrCorrectorTest, FixesDateShapes) {
  std::vector<OcrCorrection> corrections;
  EXPECT_EQ(Fix("ngày 1O/O3/2O24", &corrections), "ngày 10/03/2024");
  ASSERT_EQ(corrections.size(), 3u);
  EXPECT_EQ(corrections[0].printed, "1O");
  EXPECT_EQ(corrections[0].reason, "date shape");
  EXPECT_EQ(Fix("ngày 1O tháng O3 năm 2O24"), "ngày 10 tháng 03 năm 2024");
  EXPECT_EQ(Fix("trước ngày 15/O5/2024."), "trước ngày 15/05/2024.");
  EXPECT_EQ(Fix("(tháng O6/2O24)"), "(tháng 06/2024)");
  EXPECT_EQ(Fix("từ ngày l5/11 đến ngày 15/l2/2024"), "từ ngày 15/11 đến ngày 15/12/2024");
  EXPECT_EQ(Fix("giai đoạn 2O21-2O3O"), "giai đoạn 2021-2030");
  ExpectUnchanged("4O/O3/2024");  // day 40 is no date
  ExpectUnchanged("ngày IO");      // no digit to anchor
  ExpectUnchanged("tháng O");
}

// ----- Clean text.

TEST_F(OcrCorrectorTest, CleanSeedParagraphsComeBackUnchanged) {
  const std::vector<std::string> paragraphs = Paragraphs(kCorpus + "/seeds/001_9b523df372c715d2.txt", 300);
  ASSERT_GE(paragraphs.size(), 4u);
  size_t words = 0;
  for (size_t i = 0; i < 4; ++i) {
    ExpectUnchanged(paragraphs[i]);
    words += SplitWhitespace(paragraphs[i]).size();
  }
  std::printf("[ clean seed ] 4 paragraphs, %zu words, 0 corrections expected\n", words);
}

// The held-out documents are not in the lexicon (scripts/build-lexicon.py leaves them out), so
// this is clean text the bigram table has never seen.
TEST_F(OcrCorrectorTest, CleanHeldoutDocumentsComeBackUnchanged) {
  size_t words = 0, corrections_seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus + "/heldout")) {
    const std::string text = ReadFile(entry.path().string());
    std::vector<OcrCorrection> corrections;
    EXPECT_TRUE(Fix(text, &corrections) == ToNfc(text)) << entry.path();
    for (const OcrCorrection& c : corrections) {
      ADD_FAILURE() << entry.path().filename() << ": \"" << c.printed << "\" -> \"" << c.corrected << "\" ("
                    << c.reason << ")";
    }
    words += SplitWhitespace(text).size();
    corrections_seen += corrections.size();
  }
  std::printf("[ clean heldout ] %zu words, %zu corrections\n", words, corrections_seen);
}

TEST_F(OcrCorrectorTest, AllCorpusTextIsLeftAlone) {
  // Seed 004 is partly NFD: output is NFC, and nothing is "corrected". The one exception is a
  // typo of the original document that is not a syllable at all ("Tăng cuờng", seed 000): the
  // corrector rightly reads it as "cường". (OCR output is what it is for; text layers keep typos.)
  for (const char* dir : {"/seeds", "/docs"}) {
    for (const auto& entry : std::filesystem::directory_iterator(kCorpus + dir)) {
      const std::string text = ReadFile(entry.path().string());
      std::vector<OcrCorrection> corrections;
      const std::string fixed = Fix(text, &corrections);
      for (const OcrCorrection& c : corrections) {
        if (c.printed == "cuờng" && c.corrected == "cường") continue;
        ADD_FAILURE() << entry.path().filename() << ": \"" << c.printed << "\" -> \"" << c.corrected << "\" ("
                      << c.reason << ")";
      }
      // Apart from the allowed change, the text comes back as it was (NFC).
      std::string expected = ToNfc(text);
      for (const OcrCorrection& c : corrections) {
        for (size_t at = expected.find(c.printed); at != std::string::npos; at = expected.find(c.printed, at)) {
          expected.replace(at, c.printed.size(), c.corrected);
          at += c.corrected.size();
        }
      }
      EXPECT_TRUE(fixed == expected) << entry.path();
    }
  }
}

// ----- Spans.

TEST_F(OcrCorrectorTest, SpansPointAtThePrintedText) {
  // NFD "bình đắng giới" (decomposed marks), eth, a symbol, a date, an invalid syllable.
  const std::string nfd = "bi\xCC\x80nh \xC4\x91" "a\xCC\x86\xCC\x81ng gio\xCC\x9B\xCC\x81i";
  const std::string input = "Ðể thực hiện " + nfd + ", Quyết định số 12/QD-UBND ngày 1O/O3/2O24 về các nhiẹm vụ.";
  std::vector<OcrCorrection> corrections;
  const std::string output = Fix(input, &corrections);
  EXPECT_EQ(output, "Để thực hiện bình đẳng giới, Quyết định số 12/QĐ-UBND ngày 10/03/2024 về các nhiệm vụ.");
  ASSERT_EQ(corrections.size(), 7u);
  size_t last_end = 0;
  std::string rebuilt;
  for (const OcrCorrection& c : corrections) {
    ASSERT_LE(c.begin, c.end);
    ASSERT_LE(c.end, input.size());
    EXPECT_EQ(input.substr(c.begin, c.end - c.begin), c.printed);
    EXPECT_GE(c.begin, last_end) << "overlapping or unordered";
    EXPECT_GE(c.confidence, 0.0f);
    EXPECT_LE(c.confidence, 1.0f);
    rebuilt += input.substr(last_end, c.begin - last_end) + c.corrected;
    last_end = c.end;
  }
  rebuilt += input.substr(last_end);
  EXPECT_EQ(ToNfc(rebuilt), output);
  EXPECT_EQ(corrections[1].printed, "\xC4\x91" "a\xCC\x86\xCC\x81ng");  // the NFD bytes as printed
  EXPECT_EQ(corrections[1].corrected, "đẳng");
}

// Random strings over the characters that make the rules fire (marks, eth, digits and their
// look-alike letters, separators, ill-formed bytes): the output is valid and the spans hold.
TEST_F(OcrCorrectorTest, ArbitraryInputKeepsSpansConsistent) {
  static const char* const kAlphabet[] = {
      "a", "đ", "ẳ", "ắ", "\xCC\x81", "\xCC\x89", "\xCC\x86", "Ð", "ð", "0", "1", "O", "l", "I", "S",
      "/", "-", "&", ".", ",", " ", "\n", "D", "Q", "N", "U", "B", "ng", "ười", "bình", "giới", "\xFF",
      "@", "ngày", "tháng", "năm", "UBND", "gÓp", "nhiẹm", "vụ"};
  uint64_t state = 42;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const size_t n = next() % 24;
    for (size_t i = 0; i < n; ++i) input += kAlphabet[next() % std::size(kAlphabet)];
    std::vector<OcrCorrection> corrections;
    const std::string output = Fix(input, &corrections);
    size_t last_end = 0;
    std::string rebuilt;
    for (const OcrCorrection& c : corrections) {
      ASSERT_LE(c.begin, c.end) << input;
      ASSERT_LE(c.end, input.size()) << input;
      ASSERT_GE(c.begin, last_end) << input;
      EXPECT_EQ(input.substr(c.begin, c.end - c.begin), c.printed) << input;
      EXPECT_NE(c.printed, c.corrected) << input;
      rebuilt += input.substr(last_end, c.begin - last_end) + c.corrected;
      last_end = c.end;
    }
    rebuilt += input.substr(last_end);
    if (input.find('\xFF') == std::string::npos) {
      EXPECT_FALSE(FindInvalidUtf8(output).has_value()) << input;
      EXPECT_EQ(ToNfc(rebuilt), output) << input;
      EXPECT_EQ(ToNfc(output), output) << input;
    }
  }
}

TEST_F(OcrCorrectorTest, InvalidUtf8IsCopiedThrough) {
  const std::string input = "bình \xFF đắng giới";
  const std::string output = Fix(input);
  EXPECT_EQ(output, "bình \xFF đẳng giới");
}

TEST_F(OcrCorrectorTest, LowWordConfidenceMakesAChangeEasier) {
  // "mời" is one tone away from "mới": context supports "giấy mời" but only on one side.
  const std::string text = "các giấy mới họp";
  const size_t word = text.find("mới");
  std::vector<OcrCorrection> corrections;
  const std::string sure = corrector_->Correct(text, OcrWordConfidence{{word, 0.95f}}, &corrections);
  const std::string unsure = corrector_->Correct(text, OcrWordConfidence{{word, 0.2f}}, &corrections);
  EXPECT_EQ(sure, text);
  EXPECT_EQ(unsure, "các giấy mời họp");
}

// ----- Measured gain on simulated errors of the fast "vie" model.

struct Damage {
  std::string text;
  size_t errors = 0;
};

// Corrupts clean text the way Tesseract's fast "vie" model does on clean pages: "đẳng" printed as
// "đắng" or "đằng" in every other occurrence, Đ printed as the eth Ð, and the hook above dropped
// (ổ -> ô, ẩ -> â, ủ -> u) on every fifth other syllable that carries it.
Damage CorruptLikeFastVie(std::string_view clean) {
  Damage damage;
  int dang = 0, hooks = 0;
  std::string result;
  size_t i = 0;
  const std::string text(clean);
  while (i < text.size()) {
    const size_t b = text.find_first_not_of(" \n\t", i);
    if (b == std::string::npos) {
      result += text.substr(i);
      break;
    }
    result += text.substr(i, b - i);
    size_t e = text.find_first_of(" \n\t", b);
    if (e == std::string::npos) e = text.size();
    std::u32string word = U32(text.substr(b, e - b));
    bool changed = false;
    std::u32string lower;
    for (char32_t c : word) lower.push_back(vi::ToLowerLetter(c));
    if (lower.starts_with(U"đẳng")) {
      if (dang++ % 2 == 0) {
        const bool upper = word[1] == U'Ẳ';
        word[1] = (dang / 2) % 2 == 0 ? (upper ? U'Ắ' : U'ắ') : (upper ? U'Ằ' : U'ằ');
        changed = true;
      }
    } else {
      for (char32_t& c : word) {
        const std::optional<vi::SplitLetter> split = vi::SplitTone(c);
        if (split && split->tone == vi::Tone::kHook && hooks++ % 5 == 0) {
          c = split->base;
          changed = true;
        }
      }
    }
    for (char32_t& c : word) {
      if (c == U'Đ') {
        c = 0x00D0;
        changed = true;
      }
    }
    damage.errors += changed ? 1 : 0;
    result += vanban::testing::Utf8(word);
    i = e;
  }
  damage.text = result;
  return damage;
}

struct Score {
  size_t errors = 0, fixed = 0, added = 0, left = 0;
};

// Word by word (the corrector never changes white space); prints the words still wrong.
Score Compare(std::string_view clean, std::string_view damaged, std::string_view corrected, bool print_left) {
  const std::vector<std::string> c = SplitWhitespace(ToNfc(clean)), d = SplitWhitespace(ToNfc(damaged)),
                                 r = SplitWhitespace(corrected);
  Score s;
  EXPECT_EQ(c.size(), r.size());
  for (size_t i = 0; i < std::min({c.size(), d.size(), r.size()}); ++i) {
    const bool was_wrong = d[i] != c[i], is_wrong = r[i] != c[i];
    s.errors += was_wrong;
    s.fixed += was_wrong && !is_wrong;
    s.left += was_wrong && is_wrong;
    s.added += !was_wrong && is_wrong;
    if (is_wrong && (print_left || !was_wrong)) {
      std::printf("    %s: \"%s\" -> \"%s\" (clean \"%s\")\n", was_wrong ? "left " : "ADDED", d[i].c_str(), r[i].c_str(),
                  c[i].c_str());
    }
  }
  return s;
}

TEST_F(OcrCorrectorTest, RemovesMostSimulatedFastVieErrors) {
  const std::vector<std::string> paragraphs = Paragraphs(kCorpus + "/seeds/001_9b523df372c715d2.txt", 300);
  ASSERT_GE(paragraphs.size(), 4u);
  std::string clean;
  for (size_t i = 0; i < 4; ++i) clean += paragraphs[i] + "\n\n";
  const Damage damage = CorruptLikeFastVie(clean);
  ASSERT_GE(damage.errors, 20u);
  const Score s = Compare(clean, damage.text, Fix(damage.text), /*print_left=*/true);
  std::printf("[ seed 001 ] %zu words damaged, %zu fixed (%.0f%%), %zu left, %zu added\n", s.errors, s.fixed,
              100.0 * s.fixed / s.errors, s.left, s.added);
  EXPECT_EQ(s.errors, damage.errors);
  EXPECT_GE(s.fixed * 10, s.errors * 8);
  EXPECT_EQ(s.added, 0u);
}

// The same on held-out text, which the bigram table has not seen: fewer fixes, still no harm.
TEST_F(OcrCorrectorTest, SimulatedFastVieErrorsOnUnseenText) {
  Score total;
  for (const char* name : {"/heldout/chi_thi_ubnd_tinh_2024.txt", "/heldout/ke_hoach_phuong_2025_web.txt",
                           "/heldout/thong_bao_ket_luan_2023.txt", "/heldout/to_trinh_so_tai_chinh_2022.txt"}) {
    const std::string clean = ReadFile(kCorpus + name);
    const Damage damage = CorruptLikeFastVie(clean);
    const Score s = Compare(clean, damage.text, Fix(damage.text), /*print_left=*/false);
    total.errors += s.errors;
    total.fixed += s.fixed;
    total.left += s.left;
    total.added += s.added;
  }
  std::printf("[ heldout ] %zu words damaged, %zu fixed (%.0f%%), %zu left, %zu added\n", total.errors, total.fixed,
              100.0 * total.fixed / total.errors, total.left, total.added);
  EXPECT_GE(total.fixed * 2, total.errors);
  EXPECT_EQ(total.added, 0u);
}

}  // namespace
}  // namespace vanban
