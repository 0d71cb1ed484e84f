// The "contacts" external plugin: e-mail addresses and Vietnamese phone numbers.
//
// Built as its own shared library against the C ABI of vanban/plugin_abi.h only (it does not link
// vanban_core). Hand-written scanning over the UTF-8 text: every byte it looks at is ASCII, so
// Vietnamese letters are simply "not part of a number or address".
//
// Thread-safety: stateless; extract() keeps everything on its stack and may run on many threads at
// once. No exception leaves extract().
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/plugin_abi.h"

// Set VANBAN_CONTACTS_ABI_OVERRIDE to build a copy that claims another ABI version (for the loader's
// tests: such a copy must be refused).
#ifdef VANBAN_CONTACTS_ABI_OVERRIDE
#define VANBAN_CONTACTS_ABI static_cast<uint32_t>(VANBAN_CONTACTS_ABI_OVERRIDE)
#else
#define VANBAN_CONTACTS_ABI VANBAN_PLUGIN_ABI_VERSION
#endif

#define VANBAN_CONTACTS_EXPORT __attribute__((visibility("default")))

namespace contacts {
namespace {

constexpr double kEmailConfidence = 0.98;
constexpr double kPhoneConfidence = 0.9;
constexpr double kBare84Confidence = 0.8;  // "84912345678" without the '+'

struct Match {
  const char* kind;
  std::string value;
  size_t begin;
  size_t end;
  double confidence;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ---------------------------------------------------------------------------------------------------
// E-mail addresses: local@domain.tld, ASCII only (what administrative documents print).

bool IsLocalChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool IsDomainChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

// Labels separated by dots: at least two, none empty or starting/ending with '-', and a top-level
// label of two or more letters.
bool ValidDomain(std::string_view domain) {
  size_t labels = 0;
  std::string_view last;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    const std::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    ++labels;
    last = label;
    start = dot + 1;
  }
  return labels >= 2 && last.size() >= 2 && std::all_of(last.begin(), last.end(), IsAsciiAlpha);
}

// The address around the '@' at `at`, if there is one.
std::optional<Match> EmailAt(std::string_view text, size_t at) {
  size_t begin = at;
  while (begin > 0 && IsLocalChar(text[begin - 1])) --begin;
  while (begin < at && text[begin] == '.') ++begin;  // "xem tại.abc@..." : a dot cannot start it
  size_t end = at + 1;
  while (end < text.size() && IsDomainChar(text[end])) ++end;
  while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;  // sentence end
  const std::string_view local = text.substr(begin, at - begin);
  const std::string_view domain = text.substr(at + 1, end - at - 1);
  if (local.empty() || local.size() > 64 || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  if (!ValidDomain(domain)) return std::nullopt;
  if (end < text.size() && (text[end] == '@' || text[end] == '_')) return std::nullopt;
  Match match{"email", std::string(text.substr(begin, end - begin)), begin, end, kEmailConfidence};
  std::transform(match.value.begin(), match.value.end(), match.value.begin(), ToLower);
  return match;
}

// ---------------------------------------------------------------------------------------------------
// Phone numbers. National forms: mobile 0[35789]x xxx xxxx (10 digits), landline 02xx xxx xxxx
// (11 digits); international +84 / 84 without the leading 0. Groups may be separated by a space, a
// no-break space, '.' or '-'; the first group may be in parentheses ("(024) 3825 3536", "+84 (0) 912 ...").

// Length of the group separator at `pos`: ' ', '.', '-' or U+00A0; 0 if none.
size_t SeparatorAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  const char c = text[pos];
  if (c == ' ' || c == '.' || c == '-') return 1;
  if (c == '\xC2' && pos + 1 < text.size() && text[pos + 1] == '\xA0') return 2;
  return 0;
}

bool IsSpaceSeparator(std::string_view text, size_t pos) { return text[pos] == ' ' || text[pos] == '\xC2'; }

// A number may not start right after a letter, a digit, '/', '+', '@', '_', or a '.', '-', ','
// that follows a digit: it would be part of something longer ("72/KH", "13/3/2020", "1.000.000").
bool LeftBoundaryOk(std::string_view text, size_t start) {
  if (start == 0) return true;
  const char before = text[start - 1];
  if (IsAsciiAlnum(before) || before == '/' || before == '+' || before == '@' || before == '_') return false;
  if ((before == '.' || before == '-' || before == ',') && start >= 2 && IsDigit(text[start - 2])) return false;
  return true;
}

// Nor may it end right before a letter, a digit, '/', '@', '_', or a '.', '-', ',' followed by a digit.
bool RightBoundaryOk(std::string_view text, size_t end) {
  if (end >= text.size()) return true;
  const char after = text[end];
  if (IsAsciiAlnum(after) || after == '/' || after == '@' || after == '_') return false;
  if ((after == '.' || after == '-' || after == ',') && end + 1 < text.size() && IsDigit(text[end + 1])) return false;
  return true;
}

// The national 0-prefixed form of `digits` if it is a Vietnamese phone number.
std::optional<std::string> NationalForm(const std::string& digits, bool plus84, bool& bare84) {
  std::string national;
  bare84 = false;
  if (plus84) {
    national = (!digits.empty() && digits[0] == '0') ? digits : "0" + digits;  // "+84 (0) 912..."
  } else if (digits.size() >= 11 && digits[0] == '8' && digits[1] == '4') {
    national = "0" + digits.substr(2);
    bare84 = true;
  } else {
    national = digits;
  }
  if (national.size() < 2 || national[0] != '0') return std::nullopt;
  const char second = national[1];
  const bool mobile = national.size() == 10 && (second == '3' || second == '5' || second == '7' || second == '8' ||
                                                second == '9');
  const bool landline = national.size() == 11 && second == '2';
  if (!mobile && !landline) return std::nullopt;
  return national;
}

// The phone number starting at `start` ('(' , '+' or a digit), if there is one.
std::optional<Match> PhoneAt(std::string_view text, size_t start) {
  const size_t n = text.size();
  size_t pos = start;
  bool plus84 = false;
  // "+84", "(+84)".
  {
    size_t p = pos;
    const bool paren = p < n && text[p] == '(';
    if (paren) ++p;
    if (p + 2 < n && text[p] == '+' && text[p + 1] == '8' && text[p + 2] == '4') {
      p += 3;
      if (paren) {
        if (p >= n || text[p] != ')') return std::nullopt;
        ++p;
      }
      plus84 = true;
      pos = p + SeparatorAt(text, p);
    } else if (!paren && p < n && text[p] == '+') {
      return std::nullopt;  // another country
    }
  }

  // Digit groups. For each group: where it ends, and whether a space separates it from the next one.
  struct Boundary {
    size_t end;
    size_t digit_count;
    bool space_after;
  };
  std::string digits;
  std::vector<Boundary> boundaries;
  bool first = true;
  while (digits.size() <= 13) {
    size_t p = pos;
    const bool paren = first && p < n && text[p] == '(';
    if (paren) ++p;
    const size_t group_begin = p;
    while (p < n && IsDigit(text[p])) ++p;
    const size_t group_size = p - group_begin;
    if (group_size == 0) break;
    if (paren) {
      if (p >= n || text[p] != ')') break;
    } else if (group_size < 2) {
      break;  // "0 9 1 2 ..." is not how numbers are printed
    }
    digits.append(text.substr(group_begin, group_size));
    if (paren) ++p;
    boundaries.push_back({p, digits.size(), false});
    first = false;
    const size_t separator = SeparatorAt(text, p);
    if (separator > 0) {
      boundaries.back().space_after = IsSpaceSeparator(text, p);
      pos = p + separator;
    } else if (paren && p < n && IsDigit(text[p])) {
      boundaries.back().space_after = true;  // "(024)38253536": the parenthesis separates
      pos = p;
    } else {
      break;
    }
  }

  // The longest run of whole groups that is a phone number and ends at a word boundary. A shorter
  // run only counts when a space (not '.' or '-') follows it: "0912 345 678 2021" holds a number,
  // "0912.345.678.90" does not.
  for (size_t k = boundaries.size(); k-- > 0;) {
    const Boundary& b = boundaries[k];
    if (k + 1 < boundaries.size() && !b.space_after) continue;
    if (!RightBoundaryOk(text, b.end)) continue;
    bool bare84 = false;
    std::optional<std::string> national = NationalForm(digits.substr(0, b.digit_count), plus84, bare84);
    if (!national) continue;
    return Match{"phone", std::move(*national), start, b.end, bare84 ? kBare84Confidence : kPhoneConfidence};
  }
  return std::nullopt;
}

std::vector<Match> FindContacts(std::string_view text) {
  std::vector<Match> matches;
  // E-mail addresses first: a phone number is never looked for inside one.
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (std::optional<Match> email = EmailAt(text, at)) {
      at = email->end - 1;
      matches.push_back(std::move(*email));
    }
  }
  const size_t emails = matches.size();
  size_t next_email = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    while (next_email < emails && matches[next_email].end <= i) ++next_email;
    if (next_email < emails && matches[next_email].begin <= i) {
      i = matches[next_email].end - 1;
      continue;
    }
    const char c = text[i];
    if (!IsDigit(c) && c != '+' && c != '(') continue;
    if (!LeftBoundaryOk(text, i)) continue;
    if (std::optional<Match> phone = PhoneAt(text, i)) {
      if (next_email < emails && phone->end > matches[next_email].begin) continue;  // runs into an address
      i = phone->end - 1;
      matches.push_back(std::move(*phone));
    }
  }
  std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.begin < b.begin; });
  return matches;
}

void WriteError(char* error, size_t error_size, const char* message) {
  if (error != nullptr && error_size > 0) std::snprintf(error, error_size, "%s", message);
}

}  // namespace
}  // namespace contacts

extern "C" {

static int ContactsExtract(const char* text, size_t length, vanban_emit_fn emit, void* context, char* error,
                           size_t error_size) {
  if ((text == nullptr && length > 0) || emit == nullptr) {
    contacts::WriteError(error, error_size, "contacts: called with a null text or callback");
    return 1;
  }
  try {
    const std::vector<contacts::Match> matches =
        contacts::FindContacts(length > 0 ? std::string_view(text, length) : std::string_view());
    for (const contacts::Match& m : matches) {
      const vanban_finding finding{m.kind, m.value.c_str(), m.begin, m.end, m.confidence};
      emit(context, &finding);
    }
    return 0;
  } catch (const std::exception& e) {
    const std::string message = std::string("contacts: ") + e.what();
    contacts::WriteError(error, error_size, message.c_str());
  } catch (...) {
    contacts::WriteError(error, error_size, "contacts: unknown exception");
  }
  return 1;
}

static const vanban_plugin_v1 kContactsPlugin = {
    VANBAN_CONTACTS_ABI,
    "contacts",
    "1.0.0",
    "E-mail addresses and Vietnamese phone numbers (mobile, landline, +84)",
    &ContactsExtract,
};

VANBAN_CONTACTS_EXPORT uint32_t vanban_plugin_abi_version(void) { return VANBAN_CONTACTS_ABI; }

VANBAN_CONTACTS_EXPORT const vanban_plugin_v1* vanban_plugin_entry(void) { return &kContactsPlugin; }

}  // extern "C"
