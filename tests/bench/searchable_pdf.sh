#!/usr/bin/env bash
# Searchable PDF benchmark: `vanban ocr` against OCRmyPDF (Debian's ocrmypdf, what archives use to
# make scans searchable) on the same real scanned pages, in the same run. For each page transcribed
# in corpus/devset/transcripts (page 1 of a devset scan), and over all of them:
#   - CER/WER of `pdftotext` on each searchable PDF against the transcription (what a search of
#     the PDF finds), beside the text `vanban extract` gives and the plain tesseract CLI's; both
#     pdftotext's default order (its own layout analysis) and -raw (the text layer's own order);
#   - seconds per page (median of runs, one worker each: OMP_THREAD_LIMIT=1, --jobs 1) and the
#     output's size.
#   bash tests/bench/searchable_pdf.sh [build-dir] [devset-dir] [runs]
# Needs ocrmypdf (apt-get install ocrmypdf); the devset is ../shared/devset by default.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
devset=${2:-$root/../shared/devset}
runs=${3:-3}
vanban="$build/cli/vanban"
eval_tool="$build/tools/vanban-ocr-eval"
command -v ocrmypdf >/dev/null || { echo "ocrmypdf is not installed (apt-get install ocrmypdf)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1
mkdir -p "$work/truth" "$work/pages" "$work/out"/{tesseract,extract,vanban-pdf,ocrmypdf-pdf,vanban-pdf-raw,ocrmypdf-pdf-raw}

# Page k of the run: page-000k.pdf (the scan's first page alone), its 300-dpi image for the CLI,
# and page-000k.gt.txt (the transcription).
k=0
names=()
for gt in "$root"/corpus/devset/transcripts/*.p1.txt; do
  name=$(basename "$gt" .p1.txt)
  [[ -f "$devset/$name.pdf" ]] || { echo "missing $devset/$name.pdf" >&2; exit 2; }
  k=$((k + 1))
  page=$(printf "page-%04d" "$k")
  names+=("$page=$name")
  qpdf --warning-exit-0 --empty --pages "$devset/$name.pdf" 1 -- "$work/pages/$page.pdf"
  pdftoppm -r 300 -png -singlefile "$work/pages/$page.pdf" "$work/pages/$page"
  cp "$gt" "$work/truth/$page.gt.txt"
done
((k > 0)) || { echo "no transcriptions in corpus/devset/transcripts" >&2; exit 2; }
pages=$(ls "$work"/pages/page-*.png)

for p in $pages; do
  base=$(basename "$p" .png)
  tesseract "$p" "$work/out/tesseract/$base" -l vie >/dev/null 2>&1
  "$vanban" extract -q --text-only -f text -j 1 "$work/pages/$base.pdf" > "$work/out/extract/$base.txt"
  "$vanban" ocr -q -j 1 "$work/pages/$base.pdf" -o "$work/out/$base.vanban.pdf"
  ocrmypdf -q -l vie --jobs 1 "$work/pages/$base.pdf" "$work/out/$base.ocrmypdf.pdf" 2>/dev/null
  for tool in vanban ocrmypdf; do
    pdftotext -enc UTF-8 "$work/out/$base.$tool.pdf" "$work/out/$tool-pdf/$base.txt"
    pdftotext -raw -enc UTF-8 "$work/out/$base.$tool.pdf" "$work/out/$tool-pdf-raw/$base.txt"
  done
done

echo "== pages"
printf '  %s\n' "${names[@]}"
echo "== CER / WER against the transcriptions (per page, then all pages)"
for what in tesseract extract vanban-pdf ocrmypdf-pdf vanban-pdf-raw ocrmypdf-pdf-raw; do
  echo "-- $what"
  # shellcheck disable=SC2086
  "$eval_tool" --truth "$work/truth" --text-dir "$work/out/$what" $pages | sed 's/^/  /'
done

echo "== size of the searchable PDFs (bytes; the scans' own first pages beside them)"
for p in $pages; do
  base=$(basename "$p" .png)
  printf '  %s  scan %9d  vanban %9d  ocrmypdf %9d\n' "$base" "$(stat -c %s "$work/pages/$base.pdf")" \
    "$(stat -c %s "$work/out/$base.vanban.pdf")" "$(stat -c %s "$work/out/$base.ocrmypdf.pdf")"
done

echo "== seconds for all $k pages, one worker each (baseline: ocrmypdf)"
list=$(ls "$work"/pages/page-*.pdf | tr '\n' ' ')
"$build/tools/vanban-bench-commands" --runs "$runs" --units "$k" --unit-name pages \
  "ocrmypdf=for f in $list; do ocrmypdf -q -l vie --jobs 1 \$f $work/o.pdf 2>/dev/null; done" \
  "vanban-ocr=for f in $list; do $vanban ocr -q -j 1 \$f -o $work/v.pdf; done" \
  "tesseract-pdf=for f in ${pages//$'\n'/ }; do tesseract \$f $work/t -l vie pdf >/dev/null 2>&1; done"
