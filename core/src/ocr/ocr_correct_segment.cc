// OCR post-correction: segmentation into clusters, chunks and pieces, the eth fix, and the output
// text with its corrections.
#include "ocr_correct_internal.h"

namespace vanban {

using namespace ocr_correct;  // helpers and tuning

std::string OcrCorrector::Pass::Run(std::vector<OcrCorrection>* corrections) {
  Segment();
  for (size_t k = 0; k < chunks_.size(); ++k) ClassifyChunk(k);
  for (Piece& piece : pieces_) ApplyEth(piece);
  for (size_t k = 0; k < chunks_.size(); ++k) {
    if (chunks_[k].kind == ChunkKind::kShape) CorrectShapes(k);
  }
  for (size_t i = 0; i < pieces_.size(); ++i) {
    if (IsFreeWord(i)) CorrectInvalidWord(i);
  }
  // Pass 2 decides on the text as pass 1 left it.
  std::vector<std::u32string> after_pass1;
  after_pass1.reserve(pieces_.size());
  for (const Piece& piece : pieces_) after_pass1.push_back(piece.text);
  for (size_t i = 0; i < pieces_.size(); ++i) {
    if (IsFreeWord(i)) CorrectByContext(i, after_pass1);
  }
  return Emit(corrections);
}

void OcrCorrector::Pass::Segment() {
  internal::ForEachCodepoint(input_, [&](UChar32 c, size_t begin, size_t end) {
    const int8_t type = c < 0 ? 0 : u_charType(c);
    const bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
    if (c >= 0 && mark && !clusters_.empty() && !clusters_.back().space && clusters_.back().end == begin &&
        !clusters_.back().ill_formed) {
      clusters_.back().end = end;
      clusters_.back().ch = 0;  // to be composed below
      return;
    }
    Cluster cluster;
    cluster.begin = begin;
    cluster.end = end;
    cluster.ch = c < 0 ? 0 : static_cast<char32_t>(c);
    cluster.space = c >= 0 && u_isUWhiteSpace(c) != 0;
    cluster.ill_formed = c < 0;
    clusters_.push_back(cluster);
  });
  for (Cluster& cl : clusters_) {
    const std::string_view bytes = input_.substr(cl.begin, cl.end - cl.begin);
    // Fast path: one code point that NFC keeps as it is (nearly all of them).
    if (cl.ill_formed || (cl.ch != 0 && u_getIntPropertyValue(static_cast<UChar32>(cl.ch), UCHAR_NFC_QUICK_CHECK) ==
                                            UNORM_YES)) {
      cl.text = std::string(bytes);
      continue;
    }
    cl.text = ToNfc(bytes);
    const std::u32string cps = ToU32(cl.text);
    cl.ch = cps.size() == 1 ? cps[0] : 0;
  }
  // Pieces and chunks.
  size_t i = 0;
  while (i < clusters_.size()) {
    if (clusters_[i].space) {
      ++i;
      continue;
    }
    Chunk chunk;
    chunk.first_piece = pieces_.size();
    chunk.begin = clusters_[i].begin;
    while (i < clusters_.size() && !clusters_[i].space) {
      Piece piece;
      piece.first = i;
      piece.chunk = chunks_.size();
      const bool alnum = IsAlnum(i);
      bool digit = false;
      while (i < clusters_.size() && !clusters_[i].space && IsAlnum(i) == alnum) {
        const char32_t c = clusters_[i].ch;
        digit |= IsAsciiDigit(c);
        piece.original.push_back(c == 0 ? 0xFFFD : c);
        ++i;
      }
      piece.last = i;
      piece.kind = !alnum ? PieceKind::kOther : digit ? PieceKind::kNumber : PieceKind::kWord;
      piece.text = piece.original;
      pieces_.push_back(std::move(piece));
    }
    chunk.last_piece = pieces_.size();
    chunks_.push_back(chunk);
  }
}

bool OcrCorrector::Pass::IsAlnum(size_t cluster) const {
  const Cluster& cl = clusters_[cluster];
  if (cl.ill_formed) return false;
  if (cl.ch != 0) return IsAsciiDigit(cl.ch) || u_isalpha(static_cast<UChar32>(cl.ch)) != 0;
  // Several code points that do not compose: a letter with a foreign mark.
  const std::u32string cps = ToU32(cl.text);
  return !cps.empty() && u_isalpha(static_cast<UChar32>(cps[0])) != 0;
}

std::u32string OcrCorrector::Pass::ChunkText(size_t k) const {
  std::u32string text;
  for (size_t p = chunks_[k].first_piece; p < chunks_[k].last_piece; ++p) text += pieces_[p].original;
  return text;
}

void OcrCorrector::Pass::ClassifyChunk(size_t k) {
  Chunk& chunk = chunks_[k];
  std::u32string lower = ChunkText(k);
  for (char32_t& c : lower) c = Lower(c);
  if (lower.find(U'@') != std::u32string::npos || lower.find(U"://") != std::u32string::npos ||
      lower.starts_with(U"www.")) {
    chunk.kind = ChunkKind::kFrozen;
    return;
  }
  bool digits = false;
  for (size_t p = chunk.first_piece; p < chunk.last_piece; ++p) digits |= pieces_[p].kind == PieceKind::kNumber;
  if (digits) {
    chunk.kind = ChunkKind::kShape;
    return;
  }
  // Capital codes joined by - / &: "QD-UBND", "/SLĐTBXH-XH", "GD&DT", "LDTBXH".
  const std::vector<CodeUnit> units = CodeUnits(k);
  if (units.empty()) return;
  bool all_codes = true, capital_heavy = false;
  for (const CodeUnit& unit : units) {
    all_codes &= IsCodeShaped(unit.text);
    capital_heavy |= LetterCount(unit.text) >= 3 || units.size() > 1;
  }
  if (all_codes && capital_heavy) {
    for (const CodeUnit& unit : units) {
      if (IsKnownCode(unit.text) || FlipToKnownCode(unit.text)) {
        chunk.kind = ChunkKind::kShape;
        return;
      }
    }
  }
}

void OcrCorrector::Pass::ApplyEth(Piece& piece) {
  if (piece.kind == PieceKind::kOther || chunks_[piece.chunk].kind == ChunkKind::kFrozen) return;
  bool eth = false;
  bool last_was_eth = false;  // the last letter of `text` was read as an eth
  std::u32string text;
  for (const char32_t c : piece.text) {
    if (c != 0x00D0 && c != 0x00F0) {
      // Tesseract sometimes reads one "Đ" twice, as Đ and eth ("QĐÐ-BGDĐT", "QÐĐ"): one letter
      // is kept.
      const bool doubled = (c == U'Đ' || c == U'đ') && last_was_eth && text.back() == c;
      last_was_eth = false;
      if (!doubled) text.push_back(c);
      continue;
    }
    const char32_t d = c == 0x00D0 ? U'Đ' : U'đ';
    eth = true;
    last_was_eth = true;
    if (text.empty() || text.back() != d) text.push_back(d);
  }
  if (eth) {
    piece.text = std::move(text);
    piece.reasons.push_back("eth for đ");
  }
}

std::vector<OcrCorrector::Pass::CodeUnit> OcrCorrector::Pass::CodeUnits(size_t k, size_t from) const {
  auto [b, e] = Core(k);
  b = std::max(b, from);
  while (b < e && pieces_[b].kind == PieceKind::kOther) ++b;
  std::vector<CodeUnit> units;
  if (b == e) return units;
  units.emplace_back();
  for (size_t p = b; p < e; ++p) {
    const Piece& piece = pieces_[p];
    if (piece.kind != PieceKind::kOther) {
      units.back().pieces.push_back(p);
      units.back().text += piece.text;
    } else if (piece.original == U"&") {
      units.back().text += U'&';
    } else if (piece.original == U"-" || piece.original == U"/") {
      units.emplace_back();
    } else {
      return {};
    }
  }
  return units;
}

std::pair<size_t, size_t> OcrCorrector::Pass::Core(size_t k) const {
  const Chunk& chunk = chunks_[k];
  size_t b = chunk.first_piece, e = chunk.last_piece;
  while (b < e && pieces_[b].kind == PieceKind::kOther) ++b;
  while (e > b && pieces_[e - 1].kind == PieceKind::kOther) --e;
  return {b, e};
}

void OcrCorrector::Pass::SetText(size_t p, std::u32string text, const char* reason, float confidence) {
  Piece& piece = pieces_[p];
  if (text == piece.text) return;
  piece.text = std::move(text);
  if (std::ranges::find(piece.reasons, reason) == piece.reasons.end()) piece.reasons.emplace_back(reason);
  piece.confidence = std::min(piece.confidence, confidence);
}

bool OcrCorrector::Pass::IsFreeWord(size_t p) const {
  const Piece& piece = pieces_[p];
  if (piece.kind != PieceKind::kWord) return false;
  const Chunk& chunk = chunks_[piece.chunk];
  if (chunk.kind != ChunkKind::kText) return false;
  for (size_t q = chunk.first_piece; q < chunk.last_piece; ++q) {
    if (q != p && pieces_[q].kind != PieceKind::kOther) return false;
  }
  return true;
}

std::string OcrCorrector::Pass::Emit(std::vector<OcrCorrection>* corrections) const {
  std::string out;
  out.reserve(input_.size());
  size_t next_piece = 0;
  for (size_t i = 0; i < clusters_.size(); ++i) {
    while (next_piece < pieces_.size() && pieces_[next_piece].last <= i) ++next_piece;
    if (next_piece < pieces_.size() && pieces_[next_piece].first == i) {
      const Piece& piece = pieces_[next_piece];
      if (piece.text != piece.original) {
        const std::string corrected = ToNfc(FromU32(piece.text));
        out += corrected;
        if (corrections != nullptr) {
          OcrCorrection c;
          c.begin = clusters_[piece.first].begin;
          c.end = clusters_[piece.last - 1].end;
          c.printed = std::string(input_.substr(c.begin, c.end - c.begin));
          c.corrected = corrected;
          c.confidence = std::clamp(piece.confidence, 0.0f, 1.0f);
          for (const std::string& r : piece.reasons) c.reason += (c.reason.empty() ? "" : " + ") + r;
          corrections->push_back(std::move(c));
        }
        i = piece.last - 1;
        continue;
      }
    }
    out += clusters_[i].text;
  }
  return out;
}

}  // namespace vanban
