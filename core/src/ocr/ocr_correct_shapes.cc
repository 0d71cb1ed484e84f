// OCR post-correction: numbers, dates and document symbols read with letters for digits or D for Đ.
#include "ocr_correct_internal.h"

namespace vanban {

using namespace ocr_correct;  // helpers and tuning

void OcrCorrector::Pass::CorrectShapes(size_t k) {
  if (CorrectDate(k) || CorrectKeywordNumber(k) || CorrectSymbol(k)) return;
  CorrectCodeChunk(k);
  // Any other number: a confusable letter between two digits ("2O24", "1O5"), or a year with
  // two real digits ("2O3O").
  const auto [b, e] = Core(k);
  for (size_t p = b; p < e; ++p) {
    Piece& piece = pieces_[p];
    if (piece.kind != PieceKind::kNumber || !ShapeOfNumber(piece.text).ok) continue;
    const std::u32string year = MapDigits(piece.text);
    const size_t real_digits = static_cast<size_t>(std::ranges::count_if(piece.text, IsAsciiDigit));
    if (year.size() == 4 && real_digits >= 2 && NumberValue(year) >= 1900 && NumberValue(year) <= 2099) {
      SetText(p, year, "number shape", 0.85f);
      continue;
    }
    std::u32string mapped = piece.text;
    for (size_t i = 1; i + 1 < mapped.size(); ++i) {
      if (DigitFor(mapped[i]) != 0 && IsAsciiDigit(piece.text[i - 1]) && IsAsciiDigit(piece.text[i + 1])) {
        mapped[i] = DigitFor(mapped[i]);
      }
    }
    SetText(p, std::move(mapped), "number shape", 0.9f);
  }
}

bool OcrCorrector::Pass::CorrectDate(size_t k) {
  const auto [b, e] = Core(k);
  const size_t n = e - b;
  if (n != 3 && n != 5) return false;
  const std::u32string sep = pieces_[b + 1].original;
  if (sep != U"/" && sep != U"-" && sep != U".") return false;
  if (n == 5 && pieces_[b + 3].original != sep) return false;
  std::vector<std::u32string> parts;
  int confusable = 0;
  for (size_t p = b; p < e; p += 2) {
    const NumberShape shape = ShapeOfNumber(pieces_[p].text);
    if (!shape.ok || pieces_[p].text.size() > 4) return false;
    confusable += shape.confusable;
    parts.push_back(MapDigits(pieces_[p].text));
  }
  if (confusable == 0) return false;
  const auto in = [](const std::u32string& s, size_t max_len, int lo, int hi) {
    return s.size() <= max_len && NumberValue(s) >= lo && NumberValue(s) <= hi;
  };
  bool ok;
  if (parts.size() == 3) {
    // A full date must be one of the calendar, as the extractors' grammar reads it (no 31/2).
    ok = parts[0].size() <= 2 && parts[1].size() <= 2 &&
         (parts[2].size() == 4 ? IsoDate(NumberValue(parts[0]), NumberValue(parts[1]), NumberValue(parts[2])).has_value()
                               : parts[2].size() == 2 && in(parts[0], 2, 1, 31) && in(parts[1], 2, 1, 12));
  } else if (parts[1].size() == 4) {
    ok = in(parts[0], 2, 1, 12) && in(parts[1], 4, 1900, 2099);
  } else {
    ok = in(parts[0], 2, 1, 31) && in(parts[1], 2, 1, 12);
  }
  if (!ok) return false;
  for (size_t p = b, i = 0; p < e; p += 2, ++i) SetText(p, parts[i], "date shape", 0.95f);
  return true;
}

bool OcrCorrector::Pass::CorrectKeywordNumber(size_t k) {
  const auto [b, e] = Core(k);
  if (e - b != 1 || b != chunks_[k].first_piece || b == 0) return false;
  // b opens its chunk, so b - 1 ends the previous one: only white space between the two.
  const Piece& prev = pieces_[b - 1];
  if (prev.kind != PieceKind::kWord || chunks_[prev.chunk].kind == ChunkKind::kFrozen) return false;
  const NumberShape shape = ShapeOfNumber(pieces_[b].text);
  if (!shape.ok || shape.confusable == 0) return false;
  std::u32string keyword = prev.text;
  for (char32_t& c : keyword) c = Lower(c);
  const std::u32string mapped = MapDigits(pieces_[b].text);
  const int v = NumberValue(mapped);
  bool ok = false;
  if (keyword == U"ngày") ok = mapped.size() <= 2 && v >= 1 && v <= 31;
  if (keyword == U"tháng") ok = mapped.size() <= 2 && v >= 1 && v <= 12;
  if (keyword == U"năm") ok = mapped.size() == 4 && v >= 1900 && v <= 2099;
  if (keyword == U"số" || keyword == U"điều" || keyword == U"khoản") ok = mapped.size() <= 5;
  if (!ok) return false;
  SetText(b, mapped, keyword == U"số" || keyword == U"điều" || keyword == U"khoản" ? "symbol shape" : "date shape",
          0.9f);
  return true;
}

bool OcrCorrector::Pass::CorrectSymbol(size_t k) {
  const auto [b, e] = Core(k);
  if (e - b < 3 || pieces_[b].kind == PieceKind::kOther) return false;
  const std::u32string& sep = pieces_[b + 1].original;
  if (sep != U"/" && sep != U"-") return false;
  if (!ShapeOfNumber(pieces_[b].text).ok) return false;
  size_t codes_from = b + 2;
  // The year of a legal normative document: "70/2OO8/NĐ-CP".
  std::optional<std::u32string> year;
  if (sep == U"/" && e - b >= 5 && pieces_[b + 3].original == U"/" && pieces_[b + 2].text.size() == 4 &&
      ShapeOfNumber(pieces_[b + 2].text).ok) {
    const std::u32string mapped = MapDigits(pieces_[b + 2].text);
    if (NumberValue(mapped) >= 1900 && NumberValue(mapped) <= 2099) year = mapped;
    codes_from = b + 4;
  }
  const std::vector<CodeUnit> units = CodeUnits(k, codes_from);
  if (units.empty()) return false;
  for (const CodeUnit& unit : units) {
    if (!IsCodeShaped(unit.text)) return false;
  }
  SetText(b, MapDigits(pieces_[b].text), "symbol shape", 0.9f);
  if (year) SetText(b + 2, *year, "symbol shape", 0.9f);
  for (const CodeUnit& unit : units) CorrectCodeUnit(unit, /*symbol_context=*/true);
  return true;
}

void OcrCorrector::Pass::CorrectCodeChunk(size_t k) {
  const std::vector<CodeUnit> units = CodeUnits(k);
  if (units.empty()) return;
  bool known = false;
  for (const CodeUnit& unit : units) {
    if (!IsCodeShaped(unit.text)) return;
    known |= IsKnownCode(unit.text);
  }
  for (const CodeUnit& unit : units) CorrectCodeUnit(unit, known);
}

void OcrCorrector::Pass::CorrectCodeUnit(const CodeUnit& unit, bool symbol_context) {
  for (size_t p : unit.pieces) {
    std::u32string text = pieces_[p].text;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      if ((text[i] == U'0' || text[i] == U'1') && IsUpper(text[i - 1]) && IsUpper(text[i + 1])) {
        text[i] = text[i] == U'0' ? U'O' : U'I';
      }
    }
    SetText(p, std::move(text), "symbol shape", 0.85f);
  }
  std::u32string code;
  for (size_t i = 0; i < unit.pieces.size(); ++i) {
    if (i > 0) code += U'&';
    code += pieces_[unit.pieces[i]].text;
  }
  const std::optional<std::u32string> flipped = FlipToKnownCode(code);
  if (!flipped || (!symbol_context && LetterCount(*flipped) < 4)) return;
  // Write the flipped letters back piece by piece (the '&' positions are shared).
  size_t at = 0;
  for (size_t p : unit.pieces) {
    const size_t len = pieces_[p].text.size();
    SetText(p, flipped->substr(at, len), "symbol shape", 0.85f);
    at += len + 1;
  }
}

}  // namespace vanban
