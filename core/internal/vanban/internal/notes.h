// Notes: what a stage did to a page or an image ("deskewed 1.80°"), kept as one "; "-separated
// string (Page::note). One way of appending them for every stage.
#ifndef VANBAN_INTERNAL_NOTES_H_
#define VANBAN_INTERNAL_NOTES_H_

#include <string>

namespace vanban::internal {

// Appends `note` to `notes`. Nothing when `notes` is null or `note` empty.
inline void AppendNote(std::string* notes, const std::string& note) {
  if (notes == nullptr || note.empty()) return;
  if (!notes->empty()) *notes += "; ";
  *notes += note;
}

}  // namespace vanban::internal

#endif  // VANBAN_INTERNAL_NOTES_H_
