// Legacy Vietnamese 8-bit encodings: TCVN3 (ABC, TCVN 5712:1993) and VNI-Windows.
//
// Documents typed before Unicode became mandatory in Vietnamese administration were stored in
// font-specific 8-bit encodings: TCVN3 for the ".VnTime" family, VNI for "VNI-Times". They reach
// vanban either as raw bytes (old .txt/.doc exports) or as PDF text layers in which every byte
// was turned into the Windows-1252 / Latin-1 character of the same value ("mojibake"), e.g.
// TCVN3 "Céng hoµ x· héi" or VNI "Coäng hoøa xaõ hoäi" for "Cộng hoà xã hội".
//
// Decoders never fail: a byte with no Vietnamese meaning decodes as its Windows-1252 character.
// Output is NFC because every Vietnamese letter is emitted precomposed.
//
// Known limits:
//  - TCVN3 fonts of the ".VnTimeH" kind draw lowercase codes as capitals; the bytes do not say
//    so, and such text decodes as lowercase.
//  - In DecodeLegacyMojibake every character in U+0000..U+00FF (and the Windows-1252
//    punctuation in 0x80..0x9F) is taken for a legacy byte, so genuine Latin-1 letters such as
//    "à" or "é" are reinterpreted; only characters without a byte value pass through.
//
// Thread-safety: all functions are thread-safe (the lookup tables are built once, immutable).
#ifndef VANBAN_LEGACY_ENCODING_H_
#define VANBAN_LEGACY_ENCODING_H_

#include <string>
#include <string_view>

#include "vanban/status.h"

namespace vanban {

enum class LegacyEncoding { kTcvn3, kVni };

// "tcvn3" or "vni".
std::string_view LegacyEncodingName(LegacyEncoding e);

// Raw 8-bit bytes -> UTF-8 NFC. Bytes that are not letters (or, after a vowel, tone/shape
// modifiers) in the encoding map as Windows-1252 would.
std::string DecodeLegacyBytes(std::string_view bytes, LegacyEncoding e);

// UTF-8 text whose characters are the legacy bytes seen through Latin-1/Windows-1252 (PDF
// mojibake) -> UTF-8 NFC. Characters that have no byte value (e.g. real Vietnamese letters
// outside Latin-1, CJK) pass through unchanged; invalid UTF-8 becomes U+FFFD.
std::string DecodeLegacyMojibake(std::string_view utf8, LegacyEncoding e);

// UTF-8 (NFC) -> legacy bytes. Fails with InvalidArgument naming the first character that the
// encoding cannot represent (including Windows-1252 characters whose byte means a letter or a
// modifier in the encoding, e.g. "ø" in VNI), and with Corrupt on invalid UTF-8.
StatusOr<std::string> EncodeLegacyBytes(std::string_view utf8, LegacyEncoding e);

}  // namespace vanban

#endif  // VANBAN_LEGACY_ENCODING_H_
