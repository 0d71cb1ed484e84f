#!/usr/bin/env bash
# Builds the libFuzzer targets (cmake --preset fuzz: clang, AddressSanitizer, UBSan), seeds each
# with the corpus and the kept regressions, and runs each for SECONDS, two at a time. Coverage
# counts vanban's own code: Leptonica, poppler and the codecs are Debian's, not instrumented. Prints, per target, the executions,
# the coverage and what was found; crashing inputs are left in build-fuzz/fuzz-artifacts/<target>/
# (keep each one as a regression: tests/fuzz/regressions/<target>/, then fix it).
#   bash scripts/fuzz.sh [SECONDS per target, default 600] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(text_source pdf_source image_source rule_loader record_reader)
need=()
for p in clang libclang-rt-14-dev; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p"); done
if ((${#need[@]})); then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" >/dev/null
build=build-fuzz
seeds=$build/fuzz-seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{text_source,pdf_source,image_source,rule_loader,record_reader}

# Seeds from the corpus: texts in every encoding vanban reads, PDFs, page images, rule packs, records.
for f in corpus/seeds/*.txt corpus/docs/*.txt corpus/heldout/*.txt; do cp "$f" "$seeds/text_source/"; done
iconv -f UTF-8 -t UTF-16 corpus/seeds/000_52fa74754233632c.txt > "$seeds/text_source/utf16.txt"
head -c 3000 corpus/seeds/001_9b523df372c715d2.txt > "$seeds/text_source/short.txt"
for t in text_source pdf_source image_source rule_loader record_reader; do
  cp tests/fuzz/regressions/$t/* "$seeds/$t/" 2>/dev/null || true
done
render=$build/tools/vanban-render-document
"$render" corpus/seeds/000_52fa74754233632c.txt --pdf "$seeds/pdf_source/seed.pdf" >/dev/null
printf 'Kính gửi: Sở Y tế.\nBáo cáo trước ngày 15/5/2024.\n' > "$build/short.txt"
"$render" "$build/short.txt" --pdf "$seeds/pdf_source/short.pdf" >/dev/null
if command -v qpdf >/dev/null; then
  qpdf --encrypt "" owner 256 -- "$seeds/pdf_source/short.pdf" "$seeds/pdf_source/encrypted.pdf"
fi
"$render" "$build/short.txt" --png-dir "$build/png" --dpi 72 >/dev/null
"$build/tests/fuzz/vanban-fuzz-seeds" "$build/png/page-0001.png" "$seeds/image_source"
cp plugins/*/rules/*.toml "$seeds/rule_loader/"
export VANBAN_DATA_DIR=$PWD/$build/share/vanban
i=0
for f in "$build/short.txt" corpus/seeds/000_52fa74754233632c.txt; do
  "$build/cli/vanban" extract -q "$f" > "$seeds/record_reader/record-$i.json"
  "$build/cli/vanban" extract -q --layout --text-only "$f" > "$seeds/record_reader/layout-$i.json"
  i=$((i + 1))
done

# Caches fontconfig (poppler's fonts) and Tesseract keep for the life of the process are no leaks of
# vanban's; the same suppressions as the sanitizer preset.
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
run_one() {
  local target=$1 corpus=$build/fuzz-corpus/$1 artifacts=$build/fuzz-artifacts/$1
  rm -rf "$artifacts"  # what this run finds, not an earlier one
  mkdir -p "$corpus" "$artifacts"
  "$build/tests/fuzz/fuzz_$target" "$corpus" "$seeds/$target" -max_total_time="$seconds" -timeout=20 \
    -max_len=32768 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$build/fuzz-$target.log" 2>&1 || true
}
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if ((running == 2)); then wait -n; running=$((running - 1)); fi
done
wait

set +e  # a log without a field leaves it "?"
printf '%-14s %12s %8s %8s %8s %s\n' target executions cov ft corpus found
for t in "${targets[@]}"; do
  log=$build/fuzz-$t.log
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1 || true)
  done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 || true)
  cov=$(echo "$done_line" | grep -o 'cov: [0-9]*' | awk '{print $2}')
  ft=$(echo "$done_line" | grep -o 'ft: [0-9]*' | awk '{print $2}')
  corp=$(echo "$done_line" | grep -o 'corp: [0-9]*' | awk '{print $2}')
  found=$(find "$build/fuzz-artifacts/$t" -type f | wc -l)
  printf '%-14s %12s %8s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
    "$found crash/leak/timeout/oom input(s)"
done
