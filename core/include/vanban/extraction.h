// What the extractors find in a document: the sections the vanban.document/1 record gains from the
// extractors. Each section is written by one extractor (ExtractorInfo::sections): the typed
// sections of the built-in vocabulary (header, references, laws, dates, deadlines, tasks), which
// the checker and the catalog read, and open sections of findings for any other extractor (a new
// built-in or an external plugin), which the record writes and reads back without knowing them.
// Every finding carries its span in Document::text and its page, so a report can show the printed
// words it rests on.
//
// Thread-safety: plain values.
#ifndef VANBAN_EXTRACTION_H_
#define VANBAN_EXTRACTION_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"

namespace vanban {

struct Signer {
  std::optional<std::string> name;       // "Huỳnh Văn Tài"
  std::optional<std::string> title;      // "PHÓ CHỦ TỊCH"
  std::optional<std::string> authority;  // "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH" as printed
};

struct Header {
  std::optional<std::string> number;          // canonical "571/SGDĐT-CTrTT"; null when printed blank
  std::optional<std::string> number_printed;  // "571 /SGDDĐT-CTrTT" as printed after "Số:"
  std::optional<std::string> date;            // ISO "2020-03-16"; null when the day is blank
  std::optional<std::string> place;           // "Hải Phòng"
  std::string type = "other";                 // cong_van, ke_hoach, quyet_dinh, ... (see DocumentTypes)
  std::optional<std::string> issuer;          // the issuing body as printed
  std::optional<std::string> subject;         // "V/v ..." text or the line under the type title
  std::vector<std::string> recipients;        // "Kính gửi" entries
  Signer signer;
  std::vector<std::string> copies_to;         // "Nơi nhận" entries
  bool draft = false;                         // number or day printed blank
};

struct Reference {
  std::string number;                 // canonical "22/2013/QĐ-TTg", "11-NQ/TW"
  std::string number_key;             // ASCII-folded upper case "22/2013/QD-TTG"
  std::string type;                   // quyet_dinh, ke_hoach, ... or "other"
  std::optional<std::string> date;    // ISO, when printed ("ngày 13/3/2020")
  std::optional<std::string> issuer;  // "của <issuer>" as printed
  std::string role = "mention";       // "basis" inside a Căn cứ / Thực hiện / Theo clause
  std::string text;                   // the citation as it reads in Document::text
  int page = 0;
  Span span;
};

// A law or code named without a number: "Luật Bình đẳng giới", "Bộ luật Lao động 2019".
struct LawMention {
  std::string name;
  std::string role = "mention";
  int page = 0;
  Span span;
};

struct DateMention {
  std::string value;            // ISO: "2024-05-15"; "2024-06" for a month; "2020-Q4"; "2024" for a year
  std::string precision;        // day, month, quarter, year
  bool year_inferred = false;   // the year was not printed: taken from context or the document's year
  std::string text;
  int page = 0;
  Span span;
};

struct Deadline {
  std::string kind;                 // before, by, range, month, quarter, year, periodic
  std::optional<std::string> date;  // ISO; the start for a range; null for a recurring limit
  std::optional<std::string> end;   // ISO end of a range
  std::string text;
  std::optional<std::string> task;  // id of the task it belongs to
  int page = 0;
  Span span;
  std::optional<std::string> recurring;  // yearly, quarterly, monthly, weekly: a limit of every cycle
  std::optional<std::string> recur_at;   // the day in the cycle: "06-20" (yearly), "25" (monthly)
};

struct Task {
  std::string id;                   // "t12": stable within one record
  std::string label;                // as printed: "II.3", "a)", "-"
  std::string path;                 // outline path of labels: "II/3/a"
  int level = 0;                    // 1 = top level of the body outline
  std::string heading;              // first sentence / heading line
  std::string text;                 // the whole item, rebuilt paragraph(s)
  std::vector<std::string> actions; // leading verbs: "triển khai", "tổ chức", ...
  std::vector<std::string> responsible;
  std::optional<std::string> deadline;  // ISO date of its (first) deadline
  std::optional<std::string> parent;    // id
  std::vector<std::string> children;    // ids
  int page = 0;
  Span span;
  // Rows of a task table (STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian): source
  // "table", heading and text from the content cell, responsible from the lead unit's cell, and
  // the cells below as printed. Outline items have source "outline" and leave them empty.
  std::string source = "outline";
  std::vector<std::string> coordinating;     // the coordinating units' cell ("Đơn vị phối hợp")
  std::optional<std::string> deadline_text;  // the time cell ("Quý IV/2025", "Thường xuyên")
};

// A finding of an open section: free-form kind and value.
struct Finding {
  std::string plugin;       // in the shared "findings" section: the external plugin that found it
  std::string kind;         // "urgency", "email"
  std::string value;        // normalized value: "hoa_toc", "0912345678"
  std::string text;         // the words as they read in Document::text (may be empty)
  double confidence = 1.0;  // 0..1
  int page = 0;
  Span span;
};

// Names of the typed sections, as in the record.
inline constexpr std::string_view kHeaderSection = "header";
inline constexpr std::string_view kReferencesSection = "references";
inline constexpr std::string_view kLawsSection = "laws";
inline constexpr std::string_view kDatesSection = "dates";
inline constexpr std::string_view kDeadlinesSection = "deadlines";
inline constexpr std::string_view kTasksSection = "tasks";
// The open section every external plugin writes its findings into.
inline constexpr std::string_view kPluginFindingsSection = "findings";

// True for the six typed sections above.
bool IsTypedSection(std::string_view name);

struct Extraction {
  Header header;
  std::vector<Reference> references;
  std::vector<LawMention> laws;
  std::vector<DateMention> dates;
  std::vector<Deadline> deadlines;
  std::vector<Task> tasks;
  // Open sections by name, in name order: each extractor's own findings. An extractor that
  // declares one gets it (empty when it found nothing).
  std::map<std::string, std::vector<Finding>, std::less<>> sections;
  std::vector<DocumentError> errors;  // an extractor that failed on this document

  // The findings of an open section; null when no extractor declared it.
  const std::vector<Finding>* Section(std::string_view name) const;
  // Names of the sections that hold something (typed ones with a value, open ones non-empty).
  std::vector<std::string> FilledSections() const;
};

}  // namespace vanban

#endif  // VANBAN_EXTRACTION_H_
