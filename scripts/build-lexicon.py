#!/usr/bin/env python3
"""Builds the Vietnamese syllable lexicon and bigram table used by the OCR corrector
(core/src/ocr/ocr_correct.cc). Standard library only; deterministic and idempotent: the same inputs
always give byte-identical outputs, and running it twice changes nothing.

Inputs
  /usr/share/hunspell/vi_VN.dic    Debian's hunspell-vi word list (package hunspell-vi). One entry a
                                   line after the count line; affix flags after '/' are stripped and
                                   multi-syllable entries are split on spaces. Only its syllables are
                                   used (no counts).
  corpus/**/*.txt                  the project's document texts (seeds/, docs/). corpus/heldout/ is
                                   left out unless --include-heldout is given, so that the held-out
                                   documents stay unseen by the language model and can measure it.
                                   corpus/ocr/ (the texts of the OCR benchmark's scans) is always
                                   left out: OCR correction is measured on text it has not seen.
  models/vi/admin_phrases.txt      hand-written multi-syllable terms of administrative writing, one a
                                   line ('#' starts a comment); each occurrence counts ADMIN_WEIGHT
                                   times.

Outputs (UTF-8, lower case, NFC, one tone placement: the classic rule of vanban::vi::
CanonicalTonePlacement, so "hoà" and "hòa" are one row)
  models/vi/syllables.tsv          "<syllable>\t<count>", sorted by syllable; every valid Vietnamese
                                   syllable seen in any input. count = 1 + corpus frequency
                                   + ADMIN_WEIGHT x admin-phrase frequency.
  models/vi/bigrams.tsv            "<syllable>\t<syllable>\t<count>", sorted; pairs of valid
                                   syllables that follow each other inside a sentence in the corpus
                                   (whitespace only between them; any punctuation, digit or
                                   non-syllable word breaks the chain) or inside an admin phrase
                                   (weighted).

Usage: python3 scripts/build-lexicon.py [--include-heldout] [--root DIR] [--dic PATH]

The syllable check below is a port of ParseSyllable in core/src/text/vietnamese.cc; the C++ unit
test OcrCorrector.LexiconEntriesAreCanonicalSyllables checks every output row against the C++
parser, so the two cannot drift apart unnoticed.
"""

import argparse
import collections
import os
import sys
import unicodedata

ADMIN_WEIGHT = 5

# ----------------------------------------------------------------------------------------------
# Vietnamese syllables (port of core/src/text/vietnamese.cc).

LOWER_VOWELS = ["aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
                "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ"]
VOWEL = {}  # lower-case toned vowel -> (base, tone 0..5)
for row in LOWER_VOWELS:
    for tone, ch in enumerate(row):
        VOWEL[ch] = (row[0], tone)

VOWEL_BASES = "aăâeêioôơuưy"
SHAPE_MARK_VOWELS = "ăâêôơư"
INITIALS = ["ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d",
            "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
OPEN, PLAIN, VELAR, PALATAL = 1, 2, 4, 8
CLOSED_VELAR = PLAIN | VELAR
CLOSED_PALATAL = PLAIN | PALATAL
ANY_FINAL = OPEN | PLAIN | VELAR | PALATAL
FINALS = {"": (OPEN, False), "m": (PLAIN, False), "n": (PLAIN, False), "p": (PLAIN, True),
          "t": (PLAIN, True), "ng": (VELAR, False), "c": (VELAR, True), "nh": (PALATAL, False),
          "ch": (PALATAL, True)}
ANY, CONSONANT, NONE = 0, 1, 2
RHYMES = [
    ("[a]", ANY_FINAL), ("[ă]", CLOSED_VELAR), ("[â]", CLOSED_VELAR), ("[e]", OPEN | CLOSED_VELAR),
    ("[ê]", OPEN | CLOSED_PALATAL), ("[i]", OPEN | CLOSED_PALATAL), ("[o]", OPEN | CLOSED_VELAR),
    ("[ô]", OPEN | CLOSED_VELAR), ("[ơ]", OPEN | PLAIN), ("[u]", OPEN | CLOSED_VELAR),
    ("[ư]", OPEN | CLOSED_VELAR), ("[y]", OPEN),
    ("[ia]", OPEN), ("[ua]", OPEN), ("[ưa]", OPEN),
    ("[iê]", CLOSED_VELAR, CONSONANT), ("[yê]", CLOSED_VELAR, NONE),
    ("[uô]", CLOSED_VELAR), ("[ươ]", CLOSED_VELAR), ("[oo]", CLOSED_VELAR),
    ("o[a]", ANY_FINAL), ("o[ă]", CLOSED_VELAR), ("o[e]", OPEN | CLOSED_VELAR),
    ("u[â]", CLOSED_VELAR), ("u[ê]", OPEN | CLOSED_PALATAL), ("u[y]", OPEN | CLOSED_PALATAL),
    ("u[ơ]", OPEN), ("u[yê]", CLOSED_VELAR), ("u[ya]", OPEN),
    ("[a]i", OPEN), ("[a]o", OPEN), ("[a]u", OPEN), ("[a]y", OPEN), ("[â]u", OPEN),
    ("[â]y", OPEN), ("[e]o", OPEN), ("[ê]u", OPEN), ("[i]u", OPEN), ("[o]i", OPEN),
    ("[ô]i", OPEN), ("[ơ]i", OPEN), ("[u]i", OPEN), ("[ư]i", OPEN), ("[ư]u", OPEN),
    ("[iê]u", OPEN, CONSONANT), ("[yê]u", OPEN, NONE), ("[uô]i", OPEN),
    ("[ươ]i", OPEN), ("[ươ]u", OPEN), ("o[a]i", OPEN), ("o[a]y", OPEN), ("o[e]o", OPEN),
    ("u[â]y", OPEN), ("u[y]u", OPEN),
]
QU_RHYMES = [
    ("[a]", ANY_FINAL), ("[ă]", CLOSED_VELAR), ("[â]", CLOSED_VELAR), ("[e]", OPEN | CLOSED_VELAR),
    ("[ê]", OPEN | CLOSED_PALATAL), ("[i]", OPEN), ("[y]", OPEN | CLOSED_PALATAL),
    ("[ơ]", OPEN), ("[ô]", CLOSED_VELAR), ("[yê]", CLOSED_VELAR), ("[a]i", OPEN),
    ("[a]o", OPEN), ("[a]y", OPEN), ("[â]y", OPEN), ("[e]o", OPEN),
]
SPELLING_RULES = [("k", "eêiy", True), ("gh", "eêi", True), ("ngh", "eêi", True),
                  ("c", "eêiy", False), ("g", "eêiy", False), ("ng", "eêiy", False)]
MAX_LETTERS = 7
ACUTE, DOT = 2, 5


def match_rhyme(pattern, key):
    """Returns (nucleus_begin, nucleus_end) when `key` matches the rhyme pattern, else None."""
    k = 0
    nb = ne = 0
    for p in pattern:
        if p == "[":
            nb = k
        elif p == "]":
            ne = k
        elif k < len(key) and key[k] == p:
            k += 1
        else:
            return None
    return (nb, ne) if k == len(key) else None


def classic_tone_position(cluster, closed):
    marked = max((i for i, c in enumerate(cluster) if c in SHAPE_MARK_VOWELS), default=-1)
    if marked >= 0:
        return marked
    if closed or len(cluster) == 1:
        return len(cluster) - 1
    return len(cluster) - 2


def parse_syllable(word):
    """`word` lower case NFC. Returns (tone, tone_at, classic_at) or None if not a syllable."""
    if not word or len(word) > MAX_LETTERS:
        return None
    tone, tone_at = 0, 0
    bases = []
    for i, ch in enumerate(word):
        if ch in VOWEL:
            base, t = VOWEL[ch]
            if t:
                if tone:
                    return None
                tone, tone_at = t, i
            bases.append(base)
        elif "a" <= ch <= "z" or ch == "đ":
            bases.append(ch)
        else:
            return None
    s = "".join(bases)
    initial = next((c for c in INITIALS if s.startswith(c)), "")
    gi_is_vowel = initial == "gi" and (len(s) == 2 or s[2] not in VOWEL_BASES)
    if gi_is_vowel:
        initial = "g"
    cb = len(initial)
    ce = cb
    while ce < len(s) and s[ce] in VOWEL_BASES:
        ce += 1
    cluster = s[cb:ce]
    if not cluster:
        return None
    final = FINALS.get(s[ce:])
    if final is None:
        return None
    final_class, stop = final
    key, restored = cluster, 0
    if initial == "gi":
        if cluster[0] in "iy":
            return None
        if cluster[0] == "ê":
            key, restored = "i" + cluster, 1
    rhymes = QU_RHYMES if initial == "qu" else RHYMES
    for rhyme in rhymes:
        nucleus = match_rhyme(rhyme[0], key)
        if nucleus is not None:
            break
    else:
        return None
    finals_mask = rhyme[1]
    onset = rhyme[2] if len(rhyme) > 2 else ANY
    if not finals_mask & final_class:
        return None
    if onset == CONSONANT and not initial:
        return None
    if onset == NONE and initial:
        return None
    if not gi_is_vowel:
        for ini, vowels, required in SPELLING_RULES:
            if ini == initial and (cluster[0] in vowels) != required:
                return None
    if initial == "c" and nucleus[0] > 0:
        return None
    classic = classic_tone_position(key, final_class != OPEN)
    if classic < restored:
        return None
    classic_at = cb + classic - restored
    if tone:
        if tone_at < cb or tone_at >= ce:
            return None
        at = tone_at - cb + restored
        if not (nucleus[0] <= at < nucleus[1]) and tone_at != classic_at:
            return None
    if stop and tone not in (ACUTE, DOT):
        return None
    return tone, tone_at, classic_at


def canonical_syllable(word):
    """The syllable with its tone on the vowel the classic rule chooses, or None if invalid."""
    parsed = parse_syllable(word)
    if parsed is None:
        return None
    tone, tone_at, classic_at = parsed
    if not tone or tone_at == classic_at:
        return word
    chars = list(word)
    chars[tone_at] = VOWEL[chars[tone_at]][0]
    base = chars[classic_at]
    chars[classic_at] = next(row[tone] for row in LOWER_VOWELS if row[0] == base)
    return "".join(chars)


# ----------------------------------------------------------------------------------------------
# Tokenization: close to how the C++ corrector finds neighbours (ocr_correct.cc, NeighbourId).

def is_letter(ch):
    return unicodedata.category(ch).startswith("L")


def runs(text):
    """Yields the maximal runs of consecutive syllables (lower case, canonical) in `text`.

    A whitespace-separated chunk is cut into letter segments and non-letter segments. Two letter
    segments are neighbours when only whitespace stands between them; a non-letter segment
    (punctuation, digits, symbols) or a word that is not a syllable ends the run.
    """
    run = []
    for chunk in text.split():
        i = 0
        while i < len(chunk):
            j = i
            letters = is_letter(chunk[i])
            while j < len(chunk) and is_letter(chunk[j]) == letters:
                j += 1
            syllable = canonical_syllable(chunk[i:j].lower()) if letters else None
            if syllable is None:
                if run:
                    yield run
                run = []
            else:
                run.append(syllable)
            i = j
    if run:
        yield run


# ----------------------------------------------------------------------------------------------

def read_dic(path):
    syllables = set()
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines[1:]:  # the first line is the entry count
        entry = unicodedata.normalize("NFC", line.split("/", 1)[0].strip())
        for word in entry.split():
            syllable = canonical_syllable(word.lower())
            if syllable is not None:
                syllables.add(syllable)
    return syllables


def corpus_files(root, include_heldout):
    corpus = os.path.join(root, "corpus")
    files = []
    for directory, subdirs, names in os.walk(corpus):
        subdirs.sort()
        rel = os.path.relpath(directory, corpus)
        top = rel.split(os.sep)[0]
        if top == "ocr" or (not include_heldout and top == "heldout"):
            subdirs[:] = []
            continue
        files += [os.path.join(directory, n) for n in sorted(names) if n.endswith(".txt")]
    return sorted(files)


def read_phrases(path):
    phrases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = unicodedata.normalize("NFC", line.split("#", 1)[0]).strip()
            if line:
                phrases.append(line)
    return phrases


def count_text(text, weight, unigrams, bigrams):
    for run in runs(unicodedata.normalize("NFC", text)):
        for word in run:
            unigrams[word] += weight
        for a, b in zip(run, run[1:]):
            bigrams[(a, b)] += weight


def write_atomic(path, lines):
    data = "".join(lines).encode("utf-8")
    if os.path.exists(path):
        with open(path, "rb") as f:
            if f.read() == data:
                return False
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return True


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=os.path.dirname(here), help="project root")
    parser.add_argument("--dic", default="/usr/share/hunspell/vi_VN.dic", help="hunspell-vi word list")
    parser.add_argument("--include-heldout", action="store_true", help="also learn from corpus/heldout")
    args = parser.parse_args()

    models = os.path.join(args.root, "models", "vi")
    phrases_path = os.path.join(models, "admin_phrases.txt")
    if not os.path.exists(args.dic):
        sys.exit(f"build-lexicon: {args.dic} not found (apt-get install hunspell-vi)")

    unigrams = collections.Counter()
    bigrams = collections.Counter()
    files = corpus_files(args.root, args.include_heldout)
    for path in files:
        with open(path, encoding="utf-8") as f:
            count_text(f.read(), 1, unigrams, bigrams)
    phrases = read_phrases(phrases_path)
    for phrase in phrases:
        count_text(phrase, ADMIN_WEIGHT, unigrams, bigrams)

    vocabulary = read_dic(args.dic) | set(unigrams)
    syllable_lines = [f"{s}\t{1 + unigrams[s]}\n" for s in sorted(vocabulary)]
    bigram_lines = [f"{a}\t{b}\t{n}\n" for (a, b), n in sorted(bigrams.items())]
    changed = write_atomic(os.path.join(models, "syllables.tsv"), syllable_lines)
    changed |= write_atomic(os.path.join(models, "bigrams.tsv"), bigram_lines)
    print(f"build-lexicon: {len(files)} corpus files, {len(phrases)} admin phrases -> "
          f"{len(syllable_lines)} syllables, {len(bigram_lines)} bigrams"
          f"{'' if changed else ' (unchanged)'}")


if __name__ == "__main__":
    main()
