// The administrative grammar: numbers and symbols, types, dates, and the layout grammar shared by
// normalization, structure analysis and the rule files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "vanban/grammar.h"

namespace vanban {
namespace {

TEST(CanonicalNumber, FixesThePrintedForms) {
  EXPECT_EQ(CanonicalNumber("571 /SGDDĐT-CTrTT"), "571/SGDĐT-CTrTT");
  EXPECT_EQ(CanonicalNumber("11- NQ/TW"), "11-NQ/TW");
  EXPECT_EQ(CanonicalNumber("97/LĐTBXH - BDG"), "97/LĐTBXH-BDG");
  EXPECT_EQ(CanonicalNumber("101/QĐ/TTg"), "101/QĐ-TTg");
  EXPECT_EQ(CanonicalNumber("22/2013/QĐ-TTg;"), "22/2013/QĐ-TTg");
  EXPECT_EQ(CanonicalNumber("22/2013/QĐ/TTg"), "22/2013/QĐ-TTg");
}

TEST(NumberKey, FoldsToAsciiUpperCase) {
  EXPECT_EQ(NumberKey("22/2013/QĐ-TTg"), "22/2013/QD-TTG");
  EXPECT_EQ(NumberKey("571/SGDĐT-CTrTT"), "571/SGDDT-CTRTT");
}

TEST(DocumentType, FromWordsAndSymbols) {
  EXPECT_EQ(TypeFromWord("KẾ HOẠCH"), "ke_hoach");
  EXPECT_EQ(TypeFromWord("Văn bản"), "cong_van");
  EXPECT_EQ(TypeFromWord("Thông tư liên tịch"), "thong_tu_lien_tich");
  EXPECT_EQ(TypeFromWord("Bản ghi nhớ"), "");
  EXPECT_EQ(TypeFromSymbol("72/KH-UBND"), "ke_hoach");
  EXPECT_EQ(TypeFromSymbol("11-NQ/TW"), "nghi_quyet");
  EXPECT_EQ(TypeFromSymbol("04-TT/TU"), "thong_tri");
  EXPECT_EQ(TypeFromSymbol("1303/BLĐTBXH-BĐG"), "cong_van");
  EXPECT_EQ(TypeFromSymbol("70/2008/NĐ-CP"), "nghi_dinh");
  EXPECT_EQ(TypeFromSymbol("05/2020/QyĐ-UBND"), "quy_dinh");
  EXPECT_EQ(TypeFromSymbol("không phải số"), "other");
}

TEST(DocumentType, EveryTypeCodeHasAType) {
  const std::vector<std::string_view> codes = TypeCodes();
  EXPECT_GE(codes.size(), 25u);
  for (std::string_view code : codes) EXPECT_FALSE(TypeOfCode(code).empty()) << code;
  EXPECT_EQ(TypeOfCode("UBND"), "");
}

TEST(IsoDate, OnlyRealCalendarDates) {
  EXPECT_EQ(IsoDate(16, 3, 2020).value_or(""), "2020-03-16");
  EXPECT_EQ(IsoDate(29, 2, 2024).value_or(""), "2024-02-29");
  EXPECT_FALSE(IsoDate(29, 2, 2023));
  EXPECT_FALSE(IsoDate(31, 4, 2024));
  EXPECT_FALSE(IsoDate(1, 13, 2024));
  EXPECT_FALSE(IsoDate(1, 1, 1850));
  EXPECT_EQ(QuarterNumber("IV"), 4);
  EXPECT_EQ(QuarterNumber("2"), 2);
  EXPECT_EQ(QuarterNumber("V"), 0);
}

TEST(OutlineMarker, EveryKindWithItsLabel) {
  struct Case {
    const char* text;
    MarkerKind kind;
    const char* marker;
    const char* label;
  };
  const Case cases[] = {
      {"Phần II. QUY ĐỊNH CHUNG", MarkerKind::kPart, "Phần II.", "Phần II"},
      {"Chương I QUY ĐỊNH CHUNG", MarkerKind::kChapter, "Chương I", "Chương I"},
      {"Mục 2. Thanh tra", MarkerKind::kSection, "Mục 2.", "Mục 2"},
      {"Điều 3. Hiệu lực thi hành", MarkerKind::kArticle, "Điều 3.", "Điều 3"},
      {"II. NỘI DUNG", MarkerKind::kRoman, "II.", "II"},
      {"1.2. Tuyên truyền", MarkerKind::kArabicNested, "1.2.", "1.2"},
      {"3. Tổ chức tập huấn", MarkerKind::kArabic, "3.", "3"},
      {"3)Tổ chức", MarkerKind::kArabic, "3)", "3"},
      {"(2) Kiểm tra", MarkerKind::kParenArabic, "(2)", "2"},
      {"a) Phòng Văn hóa", MarkerKind::kLetter, "a)", "a"},
      {"(đ) Các xã", MarkerKind::kLetter, "(đ)", "đ"},
      {"- Sở Y tế;", MarkerKind::kDash, "-", "-"},
      {"– Lưu: VT.", MarkerKind::kDash, "–", "–"},
      {"• Ủy ban", MarkerKind::kDash, "•", "•"},
      {"+ Tổ chức", MarkerKind::kPlus, "+", "+"},
  };
  for (const Case& c : cases) {
    const auto m = ParseOutlineMarker(c.text);
    ASSERT_TRUE(m.has_value()) << c.text;
    EXPECT_TRUE(StartsWithOutlineMarker(c.text)) << c.text;
    EXPECT_EQ(m->kind, c.kind) << c.text;
    EXPECT_EQ(m->marker, c.marker) << c.text;
    EXPECT_EQ(m->label, c.label) << c.text;
  }
}

TEST(OutlineMarker, NotNumbersOrWordsThatLookLikeOne) {
  for (const char* text : {"2.500 người tham gia", "18/3/2024 là hạn", "Điều chỉnh kế hoạch", "Mục tiêu chung",
                           "Chương trình hành động", "I làm", "100. Sai", "Phần lớn các xã", "-",
                           // Rule lines under the header, alone or glued to the next line.
                           "-------", "--------------- CỘNG HÒA XÃ HỘI", "---------------Số: 41/2009/CT-UBND", "– —"}) {
    EXPECT_FALSE(ParseOutlineMarker(text).has_value()) << text;
    EXPECT_FALSE(StartsWithOutlineMarker(text)) << text;
  }
}

// The one-pass test and the parser agree on every line of the corpus.
TEST(OutlineMarker, OnePassTestAgreesWithTheParserOnTheCorpus) {
  size_t markers = 0;
  for (const char* dir : {"/corpus/seeds", "/corpus/docs", "/corpus/heldout", "/corpus/ocr"}) {
    for (const auto& e : std::filesystem::directory_iterator(std::string(VANBAN_SOURCE_DIR) + dir)) {
      std::ifstream in(e.path());
      for (std::string line; std::getline(in, line);) {
        for (size_t skip = 0; skip < line.size() && skip < 3; ++skip) {  // also mid-line starts
          const std::string_view t = std::string_view(line).substr(skip);
          const bool parsed = ParseOutlineMarker(t).has_value();
          EXPECT_EQ(StartsWithOutlineMarker(t), parsed) << t;
          markers += parsed;
        }
      }
    }
  }
  EXPECT_GT(markers, 300u);
}

TEST(LayoutGrammar, ListBulletsSignaturesAndBasisOpeners) {
  EXPECT_TRUE(StartsWithListBullet("- Như trên;"));
  EXPECT_TRUE(StartsWithListBullet("+ UBND các xã"));
  EXPECT_FALSE(StartsWithListBullet("Như trên"));
  EXPECT_TRUE(StartsWithSignatureAuthority("TM. ỦY BAN NHÂN DÂN"));
  EXPECT_TRUE(StartsWithSignatureAuthority("KT . CHỦ TỊCH"));
  EXPECT_TRUE(StartsWithSignatureAuthority("TUQ. GIÁM ĐỐC"));
  EXPECT_FALSE(StartsWithSignatureAuthority("TP. Hồ Chí Minh"));
  EXPECT_TRUE(StartsWithBasisOpener("Căn cứ Luật Tổ chức chính quyền địa phương;"));
  EXPECT_TRUE(StartsWithBasisOpener("Thực hiện Kế hoạch số 72/KH-UBND"));
  EXPECT_TRUE(StartsWithBasisOpener("Tiếp theo Công văn số 45/UBND, ..."));
  EXPECT_FALSE(StartsWithBasisOpener("Các căn cứ pháp lý"));
  EXPECT_EQ(BasisOpenerEnd("1. Căn cứ Luật Lưu trữ"), std::string("1. Căn cứ ").size());
  EXPECT_EQ(BasisOpenerEnd("- Thực hiện Công văn số 12"), std::string("- Thực hiện ").size());
  EXPECT_EQ(BasisOpenerEnd("Các đơn vị thực hiện"), std::string_view::npos);
}

TEST(LayoutGrammar, RuleFilesGetTheSameDefinitions) {
  const auto defs = GrammarDefinitions();
  const auto find = [&](const std::string& name) {
    const auto it = std::find_if(defs.begin(), defs.end(), [&](const auto& d) { return d.first == name; });
    return it == defs.end() ? std::string() : it->second;
  };
  EXPECT_EQ(find("SIGNATURE_PREFIX"), std::string(kSignaturePrefix));
  EXPECT_EQ(find("BASIS_OPENER"), std::string(kBasisOpener));
  EXPECT_EQ(find("LIST_BULLET"), std::string(kListBullet));
  const std::string codes = find("TYPE_CODE");
  // Longest first, so that RE2's first-alternative choice never stops at a prefix ("TT" of "TTLT").
  EXPECT_LT(codes.find("TTLT"), codes.find("|TT|"));
  EXPECT_NE(codes.find("QyĐ"), std::string::npos);
}

// The stamps of the signing tools seen on real e-signed copies (Ban Cơ yếu's, VNPT's, a university's).
TEST(LayoutGrammar, SignatureStamps) {
  EXPECT_TRUE(IsSignatureStampLine("Ký bởi: Ủy ban nhân dân tỉnh Kiên Giang"));
  EXPECT_TRUE(IsSignatureStampLine("Thời gian ký: 19.02.2025 07:55:13 +07:00"));
  EXPECT_TRUE(IsSignatureStampLine("Người ký: Sở Y tế"));
  // A meeting's time and a form's field are not a stamp's.
  EXPECT_FALSE(IsSignatureStampLine("Thời gian: 8 giờ 00 ngày 20/5/2025"));
  EXPECT_FALSE(IsSignatureStampLine("Cơ quan: Sở Nội vụ"));
  EXPECT_FALSE(IsSignatureStampLine("Ký bởi Chủ tịch là bản chính"));

  SignatureStampReading r = ReadSignatureStamp({"Ký bởi: Cổng Thông tin điện tử Chính phủ",
                                                "Email: thongtinchinhphu@chinhphu.vn", "Cơ quan: Văn phòng Chính phủ",
                                                "Thời gian ký: 20.11.2020 10:56:02 +07:00"});
  EXPECT_EQ(r.signed_by, "Cổng Thông tin điện tử Chính phủ");
  EXPECT_EQ(r.signed_at, "2020-11-20T10:56:02+07:00");
  r = ReadSignatureStamp({"SAO Y", "Đại học Quốc gia Hà Nội", "Thời gian ký: 06/06/2024 15:54:06 +07:00"});
  EXPECT_EQ(r.signed_by, "Đại học Quốc gia Hà Nội");
  EXPECT_EQ(r.signed_at, "2024-06-06T15:54:06+07:00");
  r = ReadSignatureStamp({"Cơ quan: Ủy ban nhân dân tỉnh Phú Thọ;", "Thời gian ký: 2025-02-19 7:05"});
  EXPECT_EQ(r.signed_by, "Ủy ban nhân dân tỉnh Phú Thọ");
  EXPECT_EQ(r.signed_at, "2025-02-19T07:05:00");
  // An impossible date is not read as one.
  r = ReadSignatureStamp({"Ký bởi: Sở Y tế", "Ngày ký: 31/02/2025"});
  EXPECT_EQ(r.signed_at, "");
}

}  // namespace
}  // namespace vanban

namespace vanban {
namespace {

TEST(LayoutGrammar, MottoInEveryPrintedForm) {
  EXPECT_TRUE(IsMottoLine("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  EXPECT_TRUE(IsMottoLine("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  EXPECT_TRUE(IsMottoLine("Độc lập – Tự do – Hạnh phúc"));
  EXPECT_TRUE(IsMottoLine("Độc lập - Tự do - Hạnh phúc"));
  EXPECT_TRUE(IsMottoLine("CỘNG"));
  EXPECT_TRUE(IsMottoLine("HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  EXPECT_TRUE(IsMottoLine("ĐẢNG CỘNG SẢN VIỆT NAM"));
  EXPECT_FALSE(IsMottoLine("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"));
  EXPECT_FALSE(IsMottoLine("Cộng đồng dân cư"));
  EXPECT_FALSE(IsMottoLine("tự do đi lại"));
}

TEST(LayoutGrammar, SubjectAndRecipientsMarks) {
  EXPECT_EQ(SubjectMarkEnd("V/v triển khai"), 4u);
  EXPECT_EQ(SubjectMarkEnd("V/V: phòng dịch"), 5u);
  EXPECT_EQ(std::string_view("Về việc thành lập").substr(SubjectMarkEnd("Về việc thành lập")), "thành lập");
  EXPECT_EQ(SubjectMarkEnd("Về hướng dẫn"), std::string_view::npos);
  EXPECT_EQ(SubjectMarkEnd("Vv"), std::string_view::npos);
  const std::string_view kinh_gui = "Kính gửi:   Các sở";
  EXPECT_EQ(kinh_gui.substr(RecipientsMarkEnd(kinh_gui)), "Các sở");
  EXPECT_NE(RecipientsMarkEnd("KÍNH GỬI"), std::string_view::npos);
  EXPECT_EQ(RecipientsMarkEnd("Kính gửi các"), std::string("Kính gửi ").size());
  EXPECT_EQ(RecipientsMarkEnd("Kính thưa"), std::string_view::npos);
}

}  // namespace
}  // namespace vanban
