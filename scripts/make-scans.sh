#!/usr/bin/env bash
# Builds a deterministic set of synthetic scans with known text, for OCR tests and benchmarks:
#
#   bash scripts/make-scans.sh BUILD_DIR OUT_DIR [PAGES_PER_LEVEL]     (default 6 pages)
#
# Renders the corpus documents listed in BENCH_DOCS below (SCAN_DOCS=dev: DEV_DOCS; in that order,
# each on its own) to 300-dpi pages
# with vanban-render-document, picks PAGES_PER_LEVEL of those pages in a fixed order (see
# "Page selection") and writes
#
#   OUT_DIR/clean/page-NNNN.png   + page-NNNN.gt.txt   300 dpi, 8-bit grey, as rendered
#   OUT_DIR/office/page-NNNN.jpg  + page-NNNN.gt.txt   300 dpi, grey, office scanner (JPEG)
#   OUT_DIR/hard/page-NNNN.png    + page-NNNN.gt.txt   200 dpi, RGB, photocopy of a photocopy + seal
#   OUT_DIR/worn/page-NNNN.png    + page-NNNN.gt.txt   the same copy, worn further: strokes thinned
#                                                      away and faded regions (whole letters lost)
#   OUT_DIR/photo/page-NNNN.jpg   + page-NNNN.gt.txt   120-150 dpi, RGB, phone photo (curl, keystone,
#                                                      uneven light; JPEG)
#   OUT_DIR/ink/page-NNNN.jpg     + page-NNNN.gt.txt   300 dpi, RGB colour office scan of the page
#                                                      with blue ballpoint handwriting on it (--ink
#                                                      --color: the ink stays blue)
#   OUT_DIR/pages.tsv             page number -> source document and page
#   OUT_DIR/mixed.pdf             the selected pages in order: odd pages born-digital (real text),
#                                 even pages scanned (the office image of that page)
#   OUT_DIR/mixed.gt.json         for each page of mixed.pdf: scanned or not, source, ground truth
#
# The .gt.txt files are the renderer's ground truth for the page (one rendered line per line); the
# handwriting of ink/ is not in it. Seeds of vanban-degrade-scan: page number + 1000 (office),
# + 2000 (hard and worn, which draw the same page), + 3000 (photo), + 4000 (ink). Same inputs and tools give byte-identical outputs.
# The script is idempotent: it replaces clean/, office/, hard/, worn/, photo/, ink/, pages.tsv and mixed.*
# in OUT_DIR and touches nothing else there.
#
# Tools: BUILD_DIR/tools/vanban-render-document and BUILD_DIR/tools/vanban-degrade-scan, overridable
# with RENDER_TOOL=... and DEGRADE_TOOL=... (e.g. a standalone build); qpdf from PATH.
#
# Page selection: documents are numbered in DOCS order. Round 1 takes one page of every document,
# alternately its first page (1st, 3rd, ... document: letterhead, number, date, title) and its last
# page (2nd, 4th, ...: signature block, recipients). Round 2 takes the other end of every document
# (if it has more than one page). Then the middle pages: page 2 of every document that has one, then
# page 3, and so on. Pages whose ground truth has fewer than 300 non-space characters (e.g. a last
# page holding only "Nơi nhận: - Lưu: VT.") are skipped: they measure page segmentation on a blank
# sheet rather than OCR. The first PAGES_PER_LEVEL pages of this order are used.
set -euo pipefail

die() {
  echo "make-scans.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: bash scripts/make-scans.sh BUILD_DIR OUT_DIR [PAGES_PER_LEVEL]" >&2
  exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
build_dir=$1
out_dir=$2
pages=${3:-6}
[[ $pages =~ ^[1-9][0-9]*$ ]] || die "PAGES_PER_LEVEL must be a positive integer, got '$pages'"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Fixed orders; changing one changes every generated file of that set.
# bench (default): corpus/ocr/ and corpus/heldout/, texts the OCR correction's language model never
# saw (scripts/build-lexicon.py leaves both out), so figures measured on them are not inflated.
BENCH_DOCS=(
  corpus/ocr/quyet_dinh_ubnd_huyen_2021.txt
  corpus/ocr/bao_cao_phong_tn_mt_2022.txt
  corpus/ocr/cong_van_so_y_te_2024.txt
  corpus/ocr/chi_thi_ubnd_tinh_2019.txt
  corpus/ocr/ke_hoach_truong_thcs_2023.txt
  corpus/ocr/thong_bao_bo_tai_chinh_2020.txt
  corpus/ocr/to_trinh_ubnd_xa_2025.txt
  corpus/ocr/giay_moi_so_nn_2026.txt
  corpus/heldout/chi_thi_ubnd_tinh_2024.txt
  corpus/heldout/to_trinh_so_tai_chinh_2022.txt
  corpus/heldout/thong_bao_ket_luan_2023.txt
  corpus/heldout/ke_hoach_phuong_2025_web.txt
)
# dev: seeds and project documents, which the language model was built from. For tuning
# preprocessing and correction without touching the benchmark set.
DEV_DOCS=(
  corpus/docs/quyet_dinh_ubnd_tinh_2023.txt
  corpus/docs/bao_cao_ubnd_xa_2025.txt
  corpus/seeds/001_9b523df372c715d2.txt
  corpus/docs/cong_van_du_thao_2024.txt
  corpus/seeds/003_9a0f979e86b29103.txt
  corpus/docs/nghi_dinh_chinh_phu_2021.txt
  corpus/seeds/002_ea53701c0e77014c.txt
  corpus/docs/ke_hoach_so_gddt_2022.txt
  corpus/seeds/004_8b7d8fa64e6c6a87.txt
  corpus/seeds/000_52fa74754233632c.txt
)
case ${SCAN_DOCS:-bench} in
  bench) DOCS=("${BENCH_DOCS[@]}") ;;
  dev) DOCS=("${DEV_DOCS[@]}") ;;
  *) die "SCAN_DOCS must be bench or dev, got '${SCAN_DOCS}'" ;;
esac

render=${RENDER_TOOL:-$build_dir/tools/vanban-render-document}
degrade=${DEGRADE_TOOL:-$build_dir/tools/vanban-degrade-scan}
[[ -x $render ]] || die "renderer not found or not executable: $render (build the vanban-render-document target, or set RENDER_TOOL)"
[[ -x $degrade ]] || die "degrader not found or not executable: $degrade (build the vanban-degrade-scan target, or set DEGRADE_TOOL)"
command -v qpdf >/dev/null || die "qpdf not found in PATH (apt-get install qpdf); it assembles mixed.pdf"
for doc in "${DOCS[@]}"; do
  [[ -r $root/$doc ]] || die "corpus document missing: $root/$doc"
done

mkdir -p "$out_dir"
work=$(mktemp -d "${TMPDIR:-/tmp}/make-scans.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Render every document on its own: PNG pages + ground truth, and the born-digital PDF (same layout).
declare -a npages
for i in "${!DOCS[@]}"; do
  mkdir -p "$work/doc$i"
  out=$("$render" "$root/${DOCS[$i]}" --png-dir "$work/doc$i" --dpi 300 --pdf "$work/doc$i.pdf") ||
    die "vanban-render-document failed on ${DOCS[$i]}"
  [[ $out =~ ^pages:\ ([0-9]+)$ ]] || die "unexpected renderer output for ${DOCS[$i]}: $out"
  npages[$i]=${BASH_REMATCH[1]}
done

# The selection order (see the header): entries "DOC_INDEX PAGE".
declare -a order
declare -A taken
min_chars=300
pick() {
  local key="$1 $2" gt chars
  [[ -z ${taken[$key]:-} ]] || return 0
  taken[$key]=1
  gt=$(printf '%s/doc%d/page-%04d.gt.txt' "$work" "$1" "$2")
  [[ -r $gt ]] || die "renderer output missing: $gt"
  chars=$(tr -d '[:space:]' <"$gt" | wc -m)
  if ((chars >= min_chars)); then order+=("$key"); fi
}
for i in "${!DOCS[@]}"; do
  if ((i % 2 == 0)); then pick "$i" 1; else pick "$i" "${npages[$i]}"; fi
done
for i in "${!DOCS[@]}"; do
  if ((i % 2 == 0)); then pick "$i" "${npages[$i]}"; else pick "$i" 1; fi
done
max_pages=0
for i in "${!DOCS[@]}"; do
  if ((npages[i] > max_pages)); then max_pages=${npages[$i]}; fi
done
for ((p = 2; p < max_pages; p++)); do
  for i in "${!DOCS[@]}"; do
    if ((p < npages[i])); then pick "$i" "$p"; fi
  done
done
((pages <= ${#order[@]})) || die "PAGES_PER_LEVEL=$pages but the corpus selection has only ${#order[@]} pages"

levels=(clean office hard worn photo ink)
for level in "${levels[@]}"; do rm -rf "${out_dir:?}/$level"; done
rm -rf "$out_dir/pages.tsv" "$out_dir/mixed.pdf" "$out_dir/mixed.gt.json"
for level in "${levels[@]}"; do mkdir -p "$out_dir/$level"; done

printf 'page\tsource\tsource_page\n' >"$work/pages.tsv"
qpdf_pages=()
json_entries=()
for ((n = 1; n <= pages; n++)); do
  read -r i p <<<"${order[$((n - 1))]}"
  name=$(printf 'page-%04d' "$n")
  src=$(printf '%s/doc%d/page-%04d' "$work" "$i" "$p")
  [[ -r $src.png ]] || die "renderer output missing: $src.png"
  printf '%d\t%s\t%d\n' "$n" "${DOCS[$i]}" "$p" >>"$work/pages.tsv"

  "$degrade" "$src.png" "$out_dir/clean/$name.png" --level clean --seed "$n"
  if ((n % 2 == 0)); then
    "$degrade" "$src.png" "$out_dir/office/$name.jpg" --level office --seed $((n + 1000)) \
      --pdf "$work/scan-$n.pdf"
    qpdf_pages+=("$work/scan-$n.pdf" 1)
    scanned=true
    image_json="\"office/$name.jpg\""
  else
    "$degrade" "$src.png" "$out_dir/office/$name.jpg" --level office --seed $((n + 1000))
    qpdf_pages+=("$work/doc$i.pdf" "$p")
    scanned=false
    image_json=null
  fi
  "$degrade" "$src.png" "$out_dir/hard/$name.png" --level hard --seed $((n + 2000))
  "$degrade" "$src.png" "$out_dir/worn/$name.png" --level worn --seed $((n + 2000))
  "$degrade" "$src.png" "$out_dir/photo/$name.jpg" --level photo --seed $((n + 3000))
  "$degrade" "$src.png" "$out_dir/ink/$name.jpg" --level office --ink --color --seed $((n + 4000))
  for level in "${levels[@]}"; do
    cp "$src.gt.txt" "$out_dir/$level/$name.gt.txt"
  done
  json_entries+=("$(printf '    {"page": %d, "scanned": %s, "image": %s, "source": "%s", "source_page": %d, "gt": "clean/%s.gt.txt"}' \
    "$n" "$scanned" "$image_json" "${DOCS[$i]}" "$p" "$name")")
done

qpdf --deterministic-id --empty --pages "${qpdf_pages[@]}" -- "$work/mixed.pdf" ||
  die "qpdf failed to assemble mixed.pdf"
{
  echo '{'
  echo '  "pdf": "mixed.pdf",'
  echo '  "pages": ['
  for ((k = 0; k < ${#json_entries[@]}; k++)); do
    if ((k + 1 < ${#json_entries[@]})); then echo "${json_entries[$k]},"; else echo "${json_entries[$k]}"; fi
  done
  echo '  ]'
  echo '}'
} >"$work/mixed.gt.json"
mv "$work/mixed.pdf" "$work/mixed.gt.json" "$work/pages.tsv" "$out_dir/"
echo "make-scans.sh: $pages pages per level in $out_dir (clean/, office/, hard/, worn/, photo/, ink/, mixed.pdf, mixed.gt.json)"
