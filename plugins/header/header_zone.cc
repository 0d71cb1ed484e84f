#include "header_zone.h"

#include <re2/re2.h>

#include <algorithm>

#include "../common/plugin_util.h"
#include "vanban/grammar.h"
#include "vanban/text.h"

namespace vanban::plugins {
namespace {

constexpr char kCut = '\x1f';  // marks where a paragraph is cut into cells

// How far into the document the header may start: web copies put a portal's menus and metadata
// block (some dozens of short paragraphs) before it.
constexpr size_t kMaxLeadParagraphs = 400;
// Cells read after the anchor before the header is given up as over.
constexpr size_t kMaxZoneCells = 60;

bool IsNumberCell(std::string_view s) {
  static const RE2 re(R"(^(?:Số|SỐ|số)\s*:?\s*[\d.…_ ]*(?:-\s*\p{Lu}+\s*)?/)");
  return RE2::PartialMatch(s, re);
}
// "Số:" alone, its number in the next cell (a table cell wrapped after the colon).
bool IsBareNumberLabel(std::string_view s) {
  static const RE2 re(R"(^(?:Số|SỐ)\s*:?\s*$)");
  return RE2::FullMatch(s, re);
}
bool IsSubjectCell(std::string_view s) { return SubjectMarkEnd(s) != std::string_view::npos; }
bool IsRecipientsCell(std::string_view s) { return RecipientsMarkEnd(s) != std::string_view::npos; }
// The subject without its "V/v" mark.
std::string WithoutSubjectMark(std::string_view s) {
  const size_t mark = SubjectMarkEnd(s);
  return std::string(mark == std::string_view::npos ? s : s.substr(mark));
}
// Capital lines that name the signing authority under a decision's title ("BỘ TRƯỞNG BỘ Y TẾ",
// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), or that open its operative part ("QUYẾT ĐỊNH:").
bool IsAuthorityCell(std::string_view s) {
  static const RE2 re(
      R"(^(?:BỘ TRƯỞNG|CHỦ TỊCH|THỦ TƯỚNG|GIÁM ĐỐC|HIỆU TRƯỞNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|VIỆN TRƯỞNG|TRƯỞNG BAN|)"
      R"(CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|TỔNG GIÁM ĐỐC|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ|)"
      R"(BAN THƯỜNG VỤ|BỘ CHÍNH TRỊ|BAN BÍ THƯ|BỘ TRƯỞNG, CHỦ NHIỆM|GIÁM ĐỐC ĐẠI HỌC)(?:\s|,|:|$))");
  if (!s.empty() && s.back() == ':') return true;
  return RE2::PartialMatch(s, re);
}
bool IsRuleCell(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || c == '_' || c == '=' || c == ' ' || c == '*'; });
}
// A cell of body text: the header is over.
bool IsBodyCell(std::string_view s) {
  return StartsWithBasisOpener(s) || StartsWithOutlineMarker(s) || s.rfind("Xét ", 0) == 0 ||
         s.rfind("Theo đề nghị", 0) == 0;
}

// The longest run of leading words that names a document type: "QUYẾT ĐỊNH BAN HÀNH …" -> quyết định.
// Returns the type id and the byte length of the title words; {"", 0} when the cell is no title.
std::pair<std::string, size_t> LeadingTypeTitle(std::string_view cell) {
  std::vector<size_t> word_ends;
  for (size_t i = 0; i < cell.size() && word_ends.size() < 4; ++i) {
    if (cell[i] == ' ' && (word_ends.empty() || word_ends.back() != i)) word_ends.push_back(i);
  }
  word_ends.push_back(cell.size());
  for (size_t k = std::min<size_t>(word_ends.size(), 4); k-- > 0;) {
    std::string_view title = cell.substr(0, word_ends[k]);
    while (!title.empty() && (title.back() == ':' || title.back() == ' ')) title.remove_suffix(1);
    if (!IsAllCapitals(title)) continue;
    const std::string type = TypeFromWord(title);
    // Short codes ("TT", "CT") are symbols, not titles.
    if (!type.empty() && title.size() > 3) return {type, word_ends[k]};
  }
  return {"", 0};
}

// One to three capitalized words ("Tây", "Thành phố Hồ"): the start of a place the line broke.
bool IsPlaceFragment(std::string_view s) {
  static const RE2 re(R"((?:Thành phố|Thị xã|\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){0,2})");
  return !IsAllCapitals(s) && RE2::FullMatch(s, re);
}

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// A decision's subject is followed by its signing authority in capitals, which a run-together copy
// joins onto it: "… TỈNH TUYÊN QUANG CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH". Not after "CỦA" / "VÀ", where
// the subject itself names an authority ("… CỦA THỦ TƯỚNG CHÍNH PHỦ").
std::string CutAtAuthority(std::string subject) {
  static const RE2 re(
      R"((\s(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG CHÍNH PHỦ|GIÁM ĐỐC|HIỆU TRƯỞNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|HỘI ĐỒNG NHÂN DÂN))(?:\s|$))");
  re2::StringPiece match;
  for (size_t from = 0; from < subject.size();) {
    const re2::StringPiece rest(subject.data() + from, subject.size() - from);
    if (!RE2::PartialMatch(rest, re, &match)) break;
    const size_t at = static_cast<size_t>(match.data() - subject.data());
    const std::string_view before = std::string_view(subject).substr(0, at);
    if (!before.ends_with(" CỦA") && !before.ends_with(" VÀ")) return std::string(Trim(before, " "));
    from = at + match.size();
  }
  return subject;
}

// An acronym that ends a mixed-case subject ("thuế suất thuế" / "GTGT").
bool IsShortAcronym(std::string_view s) { return s.size() <= 12 && s.find(' ') == std::string_view::npos; }

std::string Cell(std::string_view s) { return Trim(Collapse(s), " \t|*"); }

}  // namespace

std::vector<std::string> SplitHeaderCells(const RuleSet& rules, std::string_view paragraph) {
  // A line break inside a paragraph is a wrapped line, not a column gap.
  std::string s(paragraph);
  std::replace(s.begin(), s.end(), '\n', ' ');
  static const RE2 kSeparators(R"(\s*\|\s*|\t+| {3,}|\s*[-–—_=]{3,}\s*)");
  static const RE2 kBefore(R"((CỘNG\s+HÒA\s+XÃ\s+HỘI|CỘNG\s+HOÀ\s+XÃ\s+HỘI|Độc lập\s*[-–—]|ĐỘC LẬP\s*[-–—]|Số\s*:|SỐ\s*:|V/[vV]\s|Kính gửi|Căn cứ\s|Xét đề nghị|Theo đề nghị))");
  static const RE2 kAfter(R"((Hạnh phúc|HẠNH PHÚC))");
  RE2::GlobalReplace(&s, kSeparators, "\x1f");
  RE2::GlobalReplace(&s, kBefore, "\x1f\\1");
  RE2::GlobalReplace(&s, kAfter, "\\1\x1f");
  std::vector<std::string> pieces;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == kCut) {
      pieces.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  std::vector<std::string> cells;
  auto add = [&](std::string_view piece) {
    std::string c = Cell(piece);
    if (!c.empty() && !IsRuleCell(c)) cells.push_back(std::move(c));
  };
  for (const std::string& piece : pieces) {
    // A place-and-date inside a piece is a cell of its own: the number's column before it, the title after.
    const auto matches = rules.FindAll("header.place_date", piece);
    if (matches.empty()) {
      add(piece);
      continue;
    }
    const RuleMatch& m = matches.front();
    add(std::string_view(piece).substr(0, m.begin));
    add(std::string_view(piece).substr(m.begin, m.end - m.begin));
    add(std::string_view(piece).substr(m.end));
  }
  return cells;
}

std::vector<ZoneCell> HeaderZoneCells(const RuleSet& rules, const Document& doc) {
  std::vector<ZoneCell> cells;
  const size_t n = std::min(doc.paragraphs.size(), kMaxLeadParagraphs);
  size_t anchor = std::string::npos;
  for (size_t p = 0; p < n; ++p) {
    if (doc.paragraphs[p].footnote) continue;
    for (std::string& c : SplitHeaderCells(rules, ParagraphText(doc, p))) {
      const bool is_anchor = IsMottoLine(c) || IsNumberCell(c) || IsBareNumberLabel(c) ||
                             !rules.FindAll("header.place_date", c).empty();
      if (anchor == std::string::npos && is_anchor) anchor = cells.size();
      cells.push_back({std::move(c), p});
    }
    if (anchor != std::string::npos && cells.size() > anchor + kMaxZoneCells) break;
  }
  if (anchor == std::string::npos) return {};
  // Back over the issuer lines (capitals) above the anchor.
  size_t begin = anchor;
  while (begin > 0 && anchor - begin < 6 && IsAllCapitals(cells[begin - 1].text) &&
         cells[begin - 1].text.size() < 160) {
    --begin;
  }
  // Forward to the first body cell.
  size_t end = anchor;
  while (end < cells.size() && end < anchor + kMaxZoneCells && !IsBodyCell(cells[end].text)) ++end;
  return std::vector<ZoneCell>(cells.begin() + static_cast<long>(begin), cells.begin() + static_cast<long>(end));
}

std::string IssuingLevel(const std::vector<std::string>& lines) {
  // A line opens a new level when it starts with an organisation word and the line before is a
  // complete name (not "ỦY" waiting for "BAN NHÂN DÂN").
  static const RE2 kLevelStart(
      R"(^(?:SỞ|PHÒNG|CỤC|TỔNG CỤC|CHI CỤC|VỤ|TRƯỜNG|BAN|TRUNG TÂM|VĂN PHÒNG|THANH TRA|BỆNH VIỆN|KHOA|VIỆN|)"
      R"(HỌC VIỆN|ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|CÔNG AN|ĐẢNG ỦY|ĐẢNG UỶ|THUẾ|KHO BẠC|BẢO HIỂM|BỘ CHỈ HUY|ĐẠI HỌC|)"
      R"(CÔNG ĐOÀN|ĐOÀN|TRẠM|HẢI QUAN)\s)");
  static const RE2 kIncompleteEnd(R"((?:^|\s)(?:ỦY|UỶ|BAN|NHÂN|HỘI|ĐỒNG|SỞ|BỘ|VÀ|-|,)$)");
  // Inside one line: the levels that cannot occur inside a name.
  static const RE2 kInlineLevel(R"(\s((?:TỔNG CỤC|CHI CỤC|CỤC|SỞ|VĂN PHÒNG)\s.*)$)");
  std::string level;
  for (const std::string& raw : lines) {
    const std::string line = Trim(raw, " \t-–_*|");
    if (line.empty()) continue;
    const bool new_level = !level.empty() && RE2::PartialMatch(line, kLevelStart) &&
                           !RE2::PartialMatch(level, kIncompleteEnd) && level.find(' ') != std::string::npos;
    level = level.empty() || new_level ? line : level + " " + line;
  }
  std::string lower;
  if (RE2::PartialMatch(level, kInlineLevel, &lower)) level = lower;
  return level;
}

bool ReadHeaderZone(const RuleSet& rules, const std::vector<ZoneCell>& cells, Header& h) {
  bool filled = false;
  std::vector<std::string> issuer_lines;
  bool past_issuer = false;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string text = cells[i].text;
    if (IsBareNumberLabel(text) && i + 1 < cells.size()) text += " " + cells[++i].text;
    if (IsMottoLine(text)) {
      past_issuer = true;
      continue;
    }
    if (IsNumberCell(text)) {
      past_issuer = true;
      if (!h.number && !h.number_printed) filled = ReadNumberLine(rules, text, h) || filled;
      continue;
    }
    // "Lai Châu, ngày" / "19 tháng 11 năm 2025": a place-and-date wrapped over two cells.
    if (text.ends_with("ngày") && i + 1 < cells.size()) {
      if (std::string joined = text + " " + cells[i + 1].text; !rules.FindAll("header.place_date", joined).empty()) {
        text = std::move(joined);
        ++i;
      }
    }
    if (const auto dates = rules.FindAll("header.place_date", text); !dates.empty() && dates.front().begin == 0) {
      past_issuer = true;
      // A place wrapped over two cells: "Tây" / "Ninh, ngày 01 tháng 12 năm 2025".
      if (i > 0 && IsPlaceFragment(cells[i - 1].text)) {
        std::string joined = cells[i - 1].text + " " + text;
        if (const auto again = rules.FindAll("header.place_date", joined); !again.empty() && again.front().begin == 0) {
          text = std::move(joined);
        }
      }
      if (!h.date && !h.place) filled = ReadPlaceDateLine(rules, text, h) || filled;
      continue;
    }
    if (IsSubjectCell(text)) {
      past_issuer = true;
      std::string subject = WithoutSubjectMark(text);
      // The subject runs on over wrapped cells until the next header line.
      while (i + 1 < cells.size()) {
        const std::string& next = cells[i + 1].text;
        const bool place_follows = i + 2 < cells.size() && IsPlaceFragment(next) &&
                                   !rules.FindAll("header.place_date", cells[i + 2].text).empty();
        if ((IsAllCapitals(next) && !IsShortAcronym(next)) || IsNumberCell(next) || IsMottoLine(next) ||
            IsRecipientsCell(next) || IsBodyCell(next) || place_follows ||
            !rules.FindAll("header.place_date", next).empty()) {
          break;
        }
        subject += " " + next;
        ++i;
      }
      if (!h.subject) {
        h.subject = Trim(subject, " ");
        filled = true;
      }
      continue;
    }
    if (IsRecipientsCell(text)) break;
    if (past_issuer) {
      const auto [type, title_size] = LeadingTypeTitle(text);
      if (!type.empty()) {
        if (h.type == "other") {
          h.type = type;
          filled = true;
        }
        // The subject: the rest of the title cell and the cells under it, up to the authority line.
        std::string subject = WithoutSubjectMark(Trim(std::string_view(text).substr(title_size), " :"));
        const bool capitals = subject.empty() || IsAllCapitals(subject);
        while (i + 1 < cells.size()) {
          const std::string& next = cells[i + 1].text;
          if (IsAuthorityCell(next) || IsNumberCell(next) || IsMottoLine(next) || IsRecipientsCell(next) ||
              IsBodyCell(next) || !rules.FindAll("header.place_date", next).empty()) {
            break;
          }
          // A title's subject keeps one case; a capital subject is over at the first mixed-case line.
          if (!subject.empty() && capitals && !IsAllCapitals(next)) break;
          subject += (subject.empty() ? "" : " ") + next;
          ++i;
          if (subject.size() > 600) break;
        }
        if (!h.subject && !subject.empty()) {
          h.subject = CutAtAuthority(subject);
          filled = true;
        }
        break;  // what follows the title is the body
      }
      continue;
    }
    if (IsAllCapitals(text)) issuer_lines.push_back(text);
  }
  if (!h.issuer && !issuer_lines.empty()) {
    const std::string issuer = IssuingLevel(issuer_lines);
    if (!issuer.empty()) {
      h.issuer = issuer;
      filled = true;
    }
  }
  return filled;
}

bool ReadNumberLine(const RuleSet& rules, std::string_view text, Header& h) {
  const auto matches = rules.FindAll("header.number", text);
  if (matches.empty()) return false;
  const std::string printed = Trim(Group(matches.front(), text, "printed"), " ");
  const std::string canonical = CanonicalNumber(printed);
  h.number_printed = printed;
  if (canonical.empty() || canonical[0] == '/' || canonical[0] == '.') {
    h.draft = true;  // "Số:      /SLĐTBXH-XH", "Số: ...../.....": not yet registered
  } else {
    h.number = canonical;
  }
  return true;
}

bool ReadPlaceDateLine(const RuleSet& rules, std::string_view text, Header& h) {
  const auto matches = rules.FindAll("header.place_date", text);
  if (matches.empty()) return false;
  const RuleMatch& m = matches.front();
  h.place = Group(m, text, "place");
  const int d = GroupInt(m, text, "d"), mo = GroupInt(m, text, "m"), y = GroupInt(m, text, "y");
  if (d == 0 || mo == 0) {
    h.draft = true;  // "ngày    tháng 4 năm 2024"
  } else {
    h.date = IsoDate(d, mo, y);
  }
  return true;
}

bool IsPersonName(std::string_view s) {
  static const RE2 re(
      R"((?:(?:Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|GS\.\s*TS\.|PGS\.\s*TS\.|TS\.|ThS\.|BS\.|KS\.)\s*)?)"
      R"(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,5})");
  return s.size() <= 60 && RE2::FullMatch(s, re);
}

namespace {

bool IsSignerTitle(std::string_view s) {
  static const RE2 re(R"(CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|THỦ TƯỚNG|BÍ THƯ|CHỦ NHIỆM|CHÁNH)");
  return s.size() <= 80 && IsAllCapitals(s) && std::count(s.begin(), s.end(), ' ') < 8 && RE2::PartialMatch(s, re);
}

bool IsSignedMark(std::string_view s) {
  static const RE2 re(R"((?i)\(?\s*(?:đã ký|ký|đã kí|\[?daky\]?|signed)\s*\)?\s*)");
  return RE2::FullMatch(s, re);
}

// Cells of a tail paragraph; a capital run followed by a name is two cells
// ("THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn" -> "THỨ TRƯỞNG", "Đỗ Hoàng Anh Tuấn").
std::vector<std::string> TailCells(std::string_view paragraph) {
  std::string s(paragraph);
  std::replace(s.begin(), s.end(), '\n', '\x1f');
  static const RE2 kSeparators(R"(\s*\|\s*|\t+| {3,})");
  RE2::GlobalReplace(&s, kSeparators, "\x1f");
  std::vector<std::string> cells;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i != s.size() && s[i] != kCut) continue;
    std::string cell = Cell(std::string_view(s).substr(start, i - start));
    start = i + 1;
    if (cell.empty()) continue;
    // The trailing run of capital words before a name: "… Lưu: VT. BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng",
    // with an attachment's title after it in a run-together copy.
    static const RE2 kCapitalsThenName(
        R"(((?:\p{Lu}[\p{Lu}.,/]*\s+)*\p{Lu}[\p{Lu}.,/]+)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,5})(?:\s+(.*))?$)");
    re2::StringPiece capitals_piece, name_piece, rest_piece;
    if (cell.size() < 400 &&
        RE2::PartialMatch(cell, kCapitalsThenName, &capitals_piece, &name_piece, &rest_piece) &&
        (IsSignerTitle(capitals_piece) || StartsWithSignatureAuthority(capitals_piece))) {
      const std::string capitals(capitals_piece), name(name_piece), rest(rest_piece);
      // "KT. BỘ TRƯỞNG THỨ TRƯỞNG": the authority, then the title of the one who signs.
      static const RE2 kAuthorityThenTitle(R"(^((?:TM|KT|TL|TUQ|Q|K/T|T/M)\.?\s+.+?)\s+((?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|THỨ TRƯỞNG|BỘ TRƯỞNG|CHÁNH VĂN PHÒNG|HIỆU TRƯỞNG|CỤC TRƯỞNG|VIỆN TRƯỞNG|TRƯỞNG BAN|TRƯỞNG PHÒNG|TỔNG CỤC TRƯỞNG|THỦ TƯỚNG|CHỦ NHIỆM)(?:.*)?)$)");
      std::string authority, title;
      if (RE2::FullMatch(capitals, kAuthorityThenTitle, &authority, &title)) {
        cells.push_back(authority);
        cells.push_back(title);
      } else {
        cells.push_back(capitals);
      }
      cells.push_back(name);
      if (!rest.empty()) cells.push_back(rest);
      continue;
    }
    // A name wrapped over two lines: "Bùi" / "Xuân Cường".
    if (!cells.empty() && IsPersonName(cells.back() + " " + cell) && !IsPersonName(cells.back()) &&
        cells.back().find(' ') == std::string::npos && !IsAllCapitals(cells.back())) {
      cells.back() += " " + cell;
      continue;
    }
    cells.push_back(std::move(cell));
  }
  return cells;
}

}  // namespace

Signer FindSignature(const Document& doc, size_t from) {
  std::vector<std::string> authority;
  std::optional<std::string> title;
  int since_block = -1;  // cells since the block's last capital line; -1: no block open
  for (size_t p = from; p < doc.paragraphs.size(); ++p) {
    if (doc.paragraphs[p].footnote) continue;
    for (std::string& cell : TailCells(ParagraphText(doc, p))) {
      if (StartsWithSignatureAuthority(cell) || cell.rfind("K/T ", 0) == 0 || cell.rfind("T/M ", 0) == 0) {
        if (since_block != 0) authority.clear();
        authority.push_back(cell);
        title.reset();
        since_block = 0;
      } else if (IsSignerTitle(cell)) {
        if (since_block < 0) authority.clear();
        title = cell;
        since_block = 0;
      } else if (since_block >= 0 && IsSignedMark(cell)) {
        continue;
      } else if (since_block >= 0 && (title || !authority.empty()) && IsPersonName(cell)) {
        Signer signer;
        if (!authority.empty()) {
          std::string joined;
          for (const std::string& a : authority) joined += (joined.empty() ? "" : " / ") + a;
          signer.authority = joined;
        }
        signer.title = title;
        signer.name = cell;
        return signer;
      } else if (since_block >= 0 && ++since_block > 2) {
        since_block = -1;
        authority.clear();
        title.reset();
      }
    }
  }
  return {};
}

}  // namespace vanban::plugins
