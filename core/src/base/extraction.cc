#include "vanban/extraction.h"

namespace vanban {

bool IsTypedSection(std::string_view name) {
  for (std::string_view typed :
       {kHeaderSection, kReferencesSection, kLawsSection, kDatesSection, kDeadlinesSection, kTasksSection}) {
    if (name == typed) return true;
  }
  return false;
}

const std::vector<Finding>* Extraction::Section(std::string_view name) const {
  const auto it = sections.find(name);
  return it == sections.end() ? nullptr : &it->second;
}

std::vector<std::string> Extraction::FilledSections() const {
  std::vector<std::string> filled;
  const Header empty_header;
  const bool header_filled = header.number || header.number_printed || header.date || header.place ||
                             header.type != empty_header.type || header.issuer || header.subject ||
                             !header.recipients.empty() || header.signer.name || header.signer.title ||
                             header.signer.authority || !header.copies_to.empty() || header.draft;
  if (header_filled) filled.emplace_back(kHeaderSection);
  if (!references.empty()) filled.emplace_back(kReferencesSection);
  if (!laws.empty()) filled.emplace_back(kLawsSection);
  if (!dates.empty()) filled.emplace_back(kDatesSection);
  if (!deadlines.empty()) filled.emplace_back(kDeadlinesSection);
  if (!tasks.empty()) filled.emplace_back(kTasksSection);
  for (const auto& [name, findings] : sections) {
    if (!findings.empty()) filled.push_back(name);
  }
  return filled;
}

}  // namespace vanban
