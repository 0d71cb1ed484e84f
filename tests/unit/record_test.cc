// The vanban.document/1 record written and read back: every field round-trips, and a record that
// is not one is refused with the field's path.
#include <gtest/gtest.h>

#include <string>

#include "vanban/record.h"

namespace vanban {
namespace {

Document SampleDocument() {
  Document doc;
  doc.source = {"scans/kh-45.pdf", "ab12", "application/pdf", "", 12345};
  Page text_layer;
  text_layer.number = 1;
  text_layer.origin = Origin::kTextLayer;
  text_layer.width = 595.3;
  text_layer.height = 841.9;
  Block block;
  Line line;
  line.text = "KẾ HOẠCH số 45";
  line.page = 1;
  line.origin = Origin::kTextLayer;
  line.box = BoundingBox{72.25, 100.5, 300.125, 112};
  line.words = {{"KẾ", {72.25, 100.5, 90, 112}, 1.0f}, {"HOẠCH", {92, 100.5, 150, 112}, 1.0f},
                {"số", {152, 100.5, 160, 112}, 1.0f}, {"45", {162, 100.5, 170, 112}, 1.0f}};
  block.lines.push_back(line);
  Line second = line;
  second.text = "Thực hiện \"Luật\"\ttab";
  second.words.clear();
  second.box.reset();
  block.lines.push_back(second);
  text_layer.blocks.push_back(block);
  doc.pages.push_back(text_layer);

  Page ocr;
  ocr.number = 2;
  ocr.origin = Origin::kOcr;
  ocr.width = 2480;
  ocr.height = 3508;
  Block ocr_block;
  Line ocr_line{"Báo cáo trước ngày 15/5/2024", 2, BoundingBox{10, 20, 800, 60}, 0.83f, Origin::kOcr,
                {{"Báo", {10, 20, 60, 60}, 0.91f}, {"cáo", {70, 20, 120, 60}, 0.87f}}};
  ocr_block.lines.push_back(ocr_line);
  ocr.blocks.push_back(ocr_block);
  ocr.confidence = 0.8734f;
  ocr.low_confidence_words = 3;
  ocr.corrections = {{"Bảo", "Báo", 0.9f, "context"}};
  ocr.note = "deskewed 1.80°; read again with noise removal";
  doc.pages.push_back(ocr);

  Page empty;
  empty.number = 3;
  empty.origin = Origin::kTextLayer;
  empty.needs_ocr = true;
  empty.note = "no text layer";
  doc.pages.push_back(empty);

  doc.text = "KẾ HOẠCH số 45\nThực hiện \"Luật\" tab\nBáo cáo trước ngày 15/5/2024";
  doc.paragraphs = {{{0, 18}, 1, false}, {{19, 42}, 1, true}, {{43, doc.text.size()}, 2, false}};
  doc.text_map.Add({0, 0, {1, 0}, 0});
  doc.text_map.Add({19, 0, {1, 19}, 0});
  doc.text_map.Add({43, 0, {2, 0}, 0});
  doc.tables = {{2, 2, 3, {{{{43, 50}, {51, 51}}}, {{{51, 69}}}}}};  // a ragged row, an empty cell
  doc.signatures = {{1, "Ký bởi: Sở Giáo dục và Đào tạo\nThời gian ký: 19.02.2025 07:55:13 +07:00",
                     BoundingBox{415.5, 6.57, 586.6, 35.65}, "Sở Giáo dục và Đào tạo", "2025-02-19T07:55:13+07:00"}};
  doc.warnings = {"12 bytes of other data follow the PDF's end marker (%EOF); they were ignored"};
  doc.errors = {{"scans/kh-45.pdf", 3, "corrupt", "page image could not be made for OCR: damaged"}};
  return doc;
}

Extraction SampleExtraction() {
  Extraction x;
  Header& h = x.header;
  h.number = "45/KH-UBND";
  h.number_printed = "45 /KH-UBND";
  h.date = "2024-03-12";
  h.type = "ke_hoach";
  h.issuer = "UBND XÃ HÒA PHONG";
  h.recipients = {"Các thôn"};
  h.signer.name = "Nguyễn Văn A";
  h.signer.authority = "TM. ỦY BAN NHÂN DÂN";
  h.copies_to = {"Lưu: VT"};
  x.references = {{"72/KH-UBND", "72/KH-UBND", "ke_hoach", "2024-03-01", std::nullopt, "basis", "Kế hoạch số 72/KH-UBND",
                   1, {19, 30}}};
  x.laws = {{"Luật Bình đẳng giới", "mention", 1, {20, 25}}};
  x.dates = {{"2024-05-15", "day", false, "15/5/2024", 2, {60, 69}}};
  x.deadlines = {{"before", "2024-05-15", std::nullopt, "trước ngày 15/5/2024", "t1", 2, {51, 69}},
                 {"before", std::nullopt, std::nullopt, "trước ngày 20 tháng 6 hằng năm", std::nullopt, 2, {70, 99},
                  "yearly", "06-20"}};
  Task t;
  t.id = "t1";
  t.label = "1.";
  t.path = "II/1";
  t.level = 1;
  t.heading = "Báo cáo";
  t.text = "Báo cáo trước ngày 15/5/2024";
  t.actions = {"báo cáo"};
  t.deadline = "2024-05-15";
  t.children = {"t2"};
  t.page = 2;
  t.span = {43, 69};
  Task row = t;
  row.id = "t2";
  row.source = "table";
  row.path = "T1/1";
  row.children.clear();
  row.responsible = {"Phòng Văn hóa"};
  row.coordinating = {"Các trường"};
  row.deadline_text = "Trước ngày 15/5/2024";
  x.tasks = {t, row};
  x.sections["marks"] = {{"", "urgency", "hoa_toc", "HỎA TỐC", 1.0, 1, {0, 3}}};
  x.sections["findings"] = {{"contacts", "email", "a@b.vn", "", 0.5, 2, {1, 2}}};
  return x;
}

TEST(Record, EveryFieldRoundTripsByteForByte) {
  const Document doc = SampleDocument();
  const Extraction x = SampleExtraction();
  for (bool layout : {false, true}) {
    for (int indent : {2, -1}) {
      RecordOptions options;
      options.include_layout = layout;
      options.indent = indent;
      const std::string written = WriteRecord(doc, &x, options);
      StatusOr<DocumentRecord> read = ReadRecord(written);
      ASSERT_TRUE(read.ok()) << read.status().ToString();
      ASSERT_TRUE(read->extraction.has_value());
      EXPECT_EQ(WriteRecord(read->document, &*read->extraction, options), written) << "layout " << layout;
    }
  }
}

TEST(Record, ReadBackIntoTheModel) {
  RecordOptions options;
  options.include_layout = true;
  const Extraction x = SampleExtraction();
  StatusOr<DocumentRecord> read = ReadRecord(WriteRecord(SampleDocument(), &x, options));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const Document& doc = read->document;
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[0].blocks[0].lines[0].words[1].text, "HOẠCH");
  EXPECT_DOUBLE_EQ(doc.pages[0].blocks[0].lines[0].box->x1, 300.13);  // boxes keep two decimals
  EXPECT_EQ(doc.pages[1].corrections[0].corrected, "Báo");
  EXPECT_TRUE(doc.pages[2].needs_ocr);
  EXPECT_EQ(doc.paragraphs[1].footnote, true);
  EXPECT_EQ(doc.text_map.Locate(43), (PrintedLocation{2, 0}));
  EXPECT_EQ(doc.errors[0].page, 3);
  ASSERT_EQ(doc.signatures.size(), 1u);
  EXPECT_EQ(doc.signatures[0].signed_at, "2025-02-19T07:55:13+07:00");
  EXPECT_DOUBLE_EQ(doc.signatures[0].box->x1, 586.6);
  const Extraction& back = *read->extraction;
  EXPECT_EQ(back.header.number.value_or(""), "45/KH-UBND");
  EXPECT_FALSE(back.header.place.has_value());
  EXPECT_EQ(back.deadlines[0].task.value_or(""), "t1");
  ASSERT_EQ(back.deadlines.size(), 2u);
  EXPECT_EQ(back.deadlines[1].recurring.value_or(""), "yearly");
  EXPECT_EQ(back.deadlines[1].recur_at.value_or(""), "06-20");
  EXPECT_FALSE(back.deadlines[0].recurring.has_value());
  EXPECT_EQ(back.tasks[0].children, std::vector<std::string>{"t2"});
  EXPECT_EQ(back.tasks[0].source, "outline");
  ASSERT_EQ(back.tasks.size(), 2u);
  EXPECT_EQ(back.tasks[1].source, "table");
  EXPECT_EQ(back.tasks[1].coordinating, std::vector<std::string>{"Các trường"});
  EXPECT_EQ(back.tasks[1].deadline_text.value_or(""), "Trước ngày 15/5/2024");
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(doc.tables[0].first_paragraph, 2u);
  ASSERT_EQ(doc.tables[0].rows.size(), 2u);
  EXPECT_EQ(doc.tables[0].rows[0].cells[1], (Span{51, 51}));
  EXPECT_EQ(doc.tables[0].Columns(), 2u);
  EXPECT_EQ(back.Section("marks")->at(0).value, "hoa_toc");
  EXPECT_EQ(back.Section("findings")->at(0).plugin, "contacts");
}

TEST(Record, TextOnlyRecordHasNoExtraction) {
  const std::string written = WriteRecord(SampleDocument(), nullptr);
  EXPECT_EQ(written.find("\"header\""), std::string::npos);
  StatusOr<DocumentRecord> read = ReadRecord(written);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_FALSE(read->extraction.has_value());
  EXPECT_EQ(WriteRecord(read->document, nullptr), written);
}

TEST(Record, RefusesWhatIsNotAVanbanRecord) {
  const auto error = [](std::string_view json) {
    StatusOr<DocumentRecord> r = ReadRecord(json);
    EXPECT_FALSE(r.ok()) << json;
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_EQ(error("{not json"), "not a JSON document");
  EXPECT_EQ(error("[1, 2]"), "a record must be a JSON object");
  EXPECT_EQ(error(R"({"schema": "other/1"})"), "not a vanban document record: its schema is 'other/1'");
  EXPECT_EQ(error(R"({"schema": "vanban.document/2"})"),
            "record of schema vanban.document/2: this vanban reads vanban.document/1");
  const Extraction x = SampleExtraction();
  std::string record = WriteRecord(SampleDocument(), &x);
  const std::string bad_number = std::string(record).replace(record.find("\"number\": 2"), 11, "\"number\": \"2\"");
  EXPECT_EQ(error(bad_number), "record field 'pages[1].number' must be an integer");
  const std::string compact = WriteRecord(SampleDocument(), &x, {false, -1});
  const std::string bad_span = std::string(compact).replace(compact.find("\"span\":[0,"), 10, "\"span\":[-1,");
  EXPECT_NE(error(bad_span).find("span' must be an offset"), std::string::npos);
  const std::string no_text = std::string(record).replace(record.find("\"text\": \"KẾ"), 6, "\"txet\"");
  EXPECT_EQ(error(no_text), "record field 'pages[0].text' is missing");
}

TEST(Record, StrayInvalidUtf8IsWrittenAsReplacementCharacter) {
  Document doc;
  doc.text = "ok \xC3\x28";
  const std::string written = WriteRecord(doc, nullptr);
  EXPECT_NE(written.find("ok \xEF\xBF\xBD("), std::string::npos) << written;
}

}  // namespace
}  // namespace vanban
