#!/usr/bin/env bash
# Benchmark: peak memory of `vanban extract -f jsonl` over a folder of 100 and of 2,000 text files
# (the corpus documents cycled, each made distinct): streaming holds O(jobs) records, so the ratio
# of the two peaks stays near 1 (goal <= 1.2) however many files the folder holds. Medians of RUNS.
#   bash tests/bench/streaming.sh [build-dir] [runs] [jobs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
runs=${2:-3}
jobs=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t texts < <(ls "$root"/corpus/seeds/*.txt "$root"/corpus/docs/*.txt "$root"/corpus/heldout/*.txt "$root"/corpus/ocr/*.txt)
make_folder() {  # folder, count
  mkdir -p "$1"
  for ((i = 0; i < $2; i++)); do
    { echo "Bản sao số $i"; cat "${texts[i % ${#texts[@]}]}"; } > "$1/$(printf 'f%05d.txt' "$i")"
  done
}
make_folder "$work/small" 100
make_folder "$work/large" 2000
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
measure() {  # folder -> "peak_kb seconds"
  local rss=() secs=()
  for ((r = 0; r < runs; r++)); do
    local out
    out=$( { /usr/bin/time -f '%M %e' "$build/cli/vanban" extract -q -f jsonl -j "$jobs" -o "$work/out.jsonl" "$1"; } 2>&1 | tail -1)
    rss+=("${out% *}")
    secs+=("${out#* }")
  done
  echo "$(printf '%s\n' "${rss[@]}" | median) $(printf '%s\n' "${secs[@]}" | median)"
}
read -r small_kb small_s < <(measure "$work/small")
read -r large_kb large_s < <(measure "$work/large")
small_mb=$(du -sm "$work/small" | cut -f1)
large_mb=$(du -sm "$work/large" | cut -f1)
printf '%-12s %8s %10s %12s %10s\n' "files" "MB" "seconds" "peak RSS MB" "files/s"
printf '%-12s %8s %10s %12.1f %10.1f\n' 100 "$small_mb" "$small_s" "$(echo "$small_kb / 1024" | bc -l)" "$(echo "100 / $small_s" | bc -l)"
printf '%-12s %8s %10s %12.1f %10.1f\n' 2000 "$large_mb" "$large_s" "$(echo "$large_kb / 1024" | bc -l)" "$(echo "2000 / $large_s" | bc -l)"
printf 'peak RSS ratio 2000/100 files: %.3f (goal <= 1.2); %d runs, -j %d\n' "$(echo "$large_kb / $small_kb" | bc -l)" "$runs" "$jobs"
