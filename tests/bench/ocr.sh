#!/usr/bin/env bash
# OCR benchmark: vanban against the plain tesseract CLI (lang vie, OMP_THREAD_LIMIT=1, one page at a
# time: its fastest setting here) on the same generated scans, at every level of make-scans.sh.
# Prints CER/WER per level for both, the effect of each preprocessing, recognition and correction
# step on the hard level, and throughput (pages/min, CPU per page, peak memory) with --jobs 2. The scans are made by
# scripts/make-scans.sh from documents the correction's language model never saw (its bench set);
# the other levels: worn (the hard copy worn until whole letters are lost), photo (phone photo,
# 120-150 dpi) and ink (colour office scan with blue handwriting over the print).
#   bash tests/bench/ocr.sh [build-dir] [pages-per-level] [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
pages=${2:-6}
runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1
bash "$root/scripts/make-scans.sh" "$build" "$work/scans" "$pages" >/dev/null
vanban="$build/cli/vanban"
eval_tool="$build/tools/vanban-ocr-eval"

images() { ls "$work/scans/$1"/page-*.png "$work/scans/$1"/page-*.jpg 2>/dev/null | sort || true; }

run_vanban() {  # level, output jsonl, extra options...
  local level=$1 out=$2; shift 2
  # shellcheck disable=SC2046
  "$vanban" extract -q --text-only -f jsonl -j 2 "$@" $(images "$level") > "$out" || true
}

echo "== accuracy: plain tesseract CLI vs vanban (CER / WER over all pages of a level)"
for level in clean office hard worn photo ink; do
  mkdir -p "$work/tess/$level"
  for img in $(images "$level"); do
    tesseract "$img" "$work/tess/$level/$(basename "${img%.*}")" -l vie >/dev/null 2>&1
  done
  run_vanban "$level" "$work/$level.jsonl"
  # shellcheck disable=SC2046
  printf "%-7s tesseract  %s\n" "$level" "$("$eval_tool" --truth "$work/scans/$level" --text-dir "$work/tess/$level" $(images "$level") | tail -1)"
  # shellcheck disable=SC2046
  printf "%-7s vanban     %s\n" "$level" "$("$eval_tool" --truth "$work/scans/$level" --vanban "$work/$level.jsonl" $(images "$level") | tail -1)"
  # The same against the ground truth in printed line order (recognition alone, columns ignored).
  # shellcheck disable=SC2046
  printf "%-7s tesseract  %s  (printed order)\n" "$level" "$("$eval_tool" --printed-order --truth "$work/scans/$level" --text-dir "$work/tess/$level" $(images "$level") | tail -1)"
  # shellcheck disable=SC2046
  printf "%-7s vanban     %s  (printed order)\n" "$level" "$("$eval_tool" --printed-order --truth "$work/scans/$level" --vanban "$work/$level.jsonl" $(images "$level") | tail -1)"
done

echo "== effect of each step on the hard level (vanban with one step changed)"
for variant in "--no-preprocess background" "--no-preprocess color" "--no-preprocess deskew" \
               "--despeckle" "--binarize" "--no-reread" "--no-correct"; do
  # shellcheck disable=SC2086
  run_vanban hard "$work/variant.jsonl" $variant
  # shellcheck disable=SC2046
  printf "%-28s %s\n" "$variant" "$("$eval_tool" --truth "$work/scans/hard" --vanban "$work/variant.jsonl" $(images hard) | tail -1)"
done

echo "== throughput on the office level: tesseract CLI one page at a time vs vanban --jobs 2"
n=$(images office | wc -l)
"$build/tools/vanban-bench-commands" --runs "$runs" --units "$n" --unit-name pages \
  "tesseract=for f in $(images office | tr '\n' ' '); do tesseract \$f $work/t -l vie >/dev/null 2>&1; done" \
  "vanban-j2=$vanban extract -q --text-only -f jsonl -j 2 $(images office | tr '\n' ' ') > /dev/null" \
  "vanban-j1=$vanban extract -q --text-only -f jsonl -j 1 $(images office | tr '\n' ' ') > /dev/null"
echo "(pages/min = 60 x pages/s; CPU per page = cpu_s / $n)"
