// The header zone read as cells: the lines at the head of page 1 where the issuer, the motto, the
// number, the place and date, the type title and the subject stand, however the copy laid them out.
// Real copies put the two columns of the header on one line (web tables, `pdftotext -layout`),
// keep them as markdown table cells, glue rule lines of dashes onto text, or run the whole header
// into one paragraph; cutting the zone into cells at those seams lets one reader serve them all.
#ifndef VANBAN_PLUGINS_HEADER_HEADER_ZONE_H_
#define VANBAN_PLUGINS_HEADER_HEADER_ZONE_H_

#include <string>
#include <vector>

#include "vanban/document.h"
#include "vanban/extraction.h"
#include "vanban/rules.h"

namespace vanban::plugins {

struct ZoneCell {
  std::string text;      // as printed, white space collapsed
  size_t paragraph = 0;  // the paragraph it was cut from
};

// Cuts one paragraph into cells: at table bars, tabs, runs of three or more spaces, rule lines of
// dashes or underscores, and before the header's anchors (the motto, "Số:", "V/v", "Kính gửi", a
// place-and-date) and after them, so that "Số: 18/2014/QĐ-UBND Đà Nẵng, ngày 05 tháng 03 năm 2014"
// gives two cells.
std::vector<std::string> SplitHeaderCells(const RuleSet& rules, std::string_view paragraph);

// The cells of the header zone of `doc`: from the issuer lines above the first anchor (motto,
// number or place-and-date cell within the first paragraphs) to the first body paragraph (a basis
// clause, an outline item, "Kính gửi"). Empty when no anchor is found.
std::vector<ZoneCell> HeaderZoneCells(const RuleSet& rules, const Document& doc);

// Fills the fields of `h` that are still empty from the zone's cells: number, place and date,
// type (from the title even when the symbol is unreadable), subject (the V/v text or the lines
// under the title) and issuer (the lowest level of the issuer lines). Returns true if it filled any.
bool ReadHeaderZone(const RuleSet& rules, const std::vector<ZoneCell>& cells, Header& h);

// "Số: 571 /SGDDĐT-CTrTT": the number as printed and in canonical form; a blank number makes a
// draft. False when `text` holds no number line.
bool ReadNumberLine(const RuleSet& rules, std::string_view text, Header& h);

// "Hải Phòng, ngày 16 tháng 3 năm 2020": place and date; a blank day or month makes a draft.
// False when `text` holds no place-and-date.
bool ReadPlaceDateLine(const RuleSet& rules, std::string_view text, Header& h);

// The issuing level of the issuer lines: lines wrapped inside one name are joined
// ("UỶ BAN NHÂN" / "DÂN" / "TỈNH LAI CHÂU"), and of two levels the lower one is kept
// ("UBND TỈNH BẮC GIANG" / "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN").
std::string IssuingLevel(const std::vector<std::string>& lines);

// A person's name as a signature prints it: two to six capitalized words ("Đỗ Hoàng Anh Tuấn"),
// after an optional rank or degree ("Đại tướng", "TS.").
bool IsPersonName(std::string_view s);

// The first signature block from paragraph `from` on: authority lines (TM./KT./...), the signer's
// title in capitals and a person's name, in cells of their own or run together on one line
// ("KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn", as copies of web pages print them), skipping
// "(Đã ký)" marks. A name is only taken under an authority or a title, so body sentences, portal
// text and appendices after the signature never give one. Empty when there is none.
Signer FindSignature(const Document& doc, size_t from);

}  // namespace vanban::plugins

#endif  // VANBAN_PLUGINS_HEADER_HEADER_ZONE_H_
