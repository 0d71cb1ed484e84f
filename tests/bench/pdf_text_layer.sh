#!/usr/bin/env bash
# Benchmark: pages/second extracting the text layer of a 100+ page born-digital PDF, beside
# pdftotext on the same file in the same run. Prints medians, CPU time, peak memory, ratio.
# vanban-text and vanban-json do what pdftotext does (text layer, paragraphs, JSON record);
# vanban-json+extract adds structure analysis and every extractor.
#   bash tests/bench/pdf_text_layer.sh [build-dir] [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The whole corpus, 30 times over: a PDF of several hundred A4 pages.
pages=$("$build/tools/vanban-render-document" "$root"/corpus/seeds/*.txt --repeat 30 --pdf "$work/big.pdf" | sed 's/pages: //')
echo "PDF: $pages pages, $(du -k "$work/big.pdf" | cut -f1) KiB"
"$build/tools/vanban-bench-commands" --runs "$runs" --units "$pages" --unit-name pages \
  "pdftotext=pdftotext -enc UTF-8 '$work/big.pdf' '$work/out.txt'" \
  "vanban-text=$build/cli/vanban extract -q -f text -o '$work/out.vanban.txt' '$work/big.pdf'" \
  "vanban-json=$build/cli/vanban extract -q --text-only -f json -o '$work/out.json' '$work/big.pdf'" \
  "vanban-json+extract=$build/cli/vanban extract -q -f json -o '$work/out.json' '$work/big.pdf'"
