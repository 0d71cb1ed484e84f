#!/usr/bin/env bash
# OCR on hard copies made by tools other than vanban's own scan generator: ImageMagick and
# Leptonica (tools/lept_degrade.cc) degrade the clean pages of scripts/make-scans.sh, and vanban
# reads them beside the plain tesseract CLI (lang vie, OMP_THREAD_LIMIT=1), in the same run.
# Prints CER/WER of both per degradation, vanban's CER as a ratio of the CLI's, and vanban's CER
# without its noise filter (--no-preprocess denoise).
#
# The degradations were fixed before vanban's noise handling was measured on them, and are not
# tuned on (change them only to add cases, and say so in docs/benchmarks.md):
#   im-impulse   ImageMagick impulse (salt-and-pepper) noise, attenuate 0.5
#   im-gauss     ImageMagick Gaussian noise, attenuate 0.8
#   im-hard      strokes eroded (white dilated, disk 1), 200 dpi, impulse and Gaussian noise,
#                contrast squeezed to 25-85 %, a red seal, JPEG 60
#   im-blur      Gaussian blur sigma 1.5, JPEG 40
#   lp-gauss     Leptonica pixAddGaussianNoise, stdev 45
#   lp-impulse   3 % of the pixels black or white
#   lp-copy      2/3 scale (200 dpi), contrast 60..220, Gaussian noise stdev 25, JPEG 60
#                (first written with the strokes thinned by a 3x3 grey dilation as well, which left
#                the renderer's hairline serifs unreadable to a person: 100 % CER for both readers)
#   lp-blur      block blur 2, contrast 40..230, turned 1.2 degrees
#   bash tests/bench/ocr_outside.sh [build-dir] [pages]
# Needs ImageMagick (apt-get install imagemagick).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
pages=${2:-4}
command -v convert >/dev/null || { echo "ImageMagick is not installed (apt-get install imagemagick)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1
bash "$root/scripts/make-scans.sh" "$build" "$work/scans" "$pages" >/dev/null
vanban="$build/cli/vanban"
eval_tool="$build/tools/vanban-ocr-eval"
lept="$build/tools/vanban-lept-degrade"

degrade() {  # variant, clean png, output without extension -> prints the output path
  local v=$1 in=$2 out=$3
  case $v in
    clean) cp "$in" "$out.png"; echo "$out.png" ;;
    im-impulse) convert "$in" -seed 7 -attenuate 0.5 +noise Impulse "$out.png"; echo "$out.png" ;;
    im-gauss) convert "$in" -seed 7 -attenuate 0.8 +noise Gaussian "$out.png"; echo "$out.png" ;;
    im-hard)
      convert "$in" -morphology Dilate Disk:1 -resample 200 -seed 7 -attenuate 0.3 +noise Impulse \
        -attenuate 0.5 +noise Gaussian +level 25%,85% -type TrueColor \
        -fill none -stroke 'rgb(205,40,40)' -strokewidth 6 -draw "circle 1150,1650 1150,1420" \
        -quality 60 "$out.jpg"
      echo "$out.jpg" ;;
    im-blur) convert "$in" -blur 0x1.5 -quality 40 "$out.jpg"; echo "$out.jpg" ;;
    lp-gauss) "$lept" "$in" "$out.png" --seed 7 --gauss 45; echo "$out.png" ;;
    lp-impulse) "$lept" "$in" "$out.png" --seed 7 --impulse 0.03; echo "$out.png" ;;
    lp-copy) "$lept" "$in" "$out.jpg" --seed 7 --scale 0.6667 --squeeze 60,220 --gauss 25 --jpeg 60; echo "$out.jpg" ;;
    lp-blur) "$lept" "$in" "$out.png" --blur 2 --squeeze 40,230 --rotate 1.2; echo "$out.png" ;;
  esac
}

printf "%-11s %-32s %-32s %-14s %s\n" variant "tesseract CLI" vanban "vanban/CLI CER" "vanban --no-preprocess denoise"
for v in clean im-impulse im-gauss im-hard im-blur lp-gauss lp-impulse lp-copy lp-blur; do
  mkdir -p "$work/$v" "$work/$v.tess"
  images=()
  for clean in "$work"/scans/clean/page-*.png; do
    base=$(basename "$clean" .png)
    images+=("$(degrade "$v" "$clean" "$work/$v/$base")")
    cp "$work/scans/clean/$base.gt.txt" "$work/$v/"
  done
  for img in "${images[@]}"; do
    tesseract "$img" "$work/$v.tess/$(basename "${img%.*}")" -l vie >/dev/null 2>&1
  done
  "$vanban" extract -q --text-only -f jsonl -j 2 "${images[@]}" > "$work/$v.jsonl" || true
  "$vanban" extract -q --text-only -f jsonl -j 2 --no-preprocess denoise "${images[@]}" > "$work/$v.raw.jsonl" || true
  t=$("$eval_tool" --truth "$work/$v" --text-dir "$work/$v.tess" "${images[@]}" | tail -1)
  o=$("$eval_tool" --truth "$work/$v" --vanban "$work/$v.jsonl" "${images[@]}" | tail -1)
  r=$("$eval_tool" --truth "$work/$v" --vanban "$work/$v.raw.jsonl" "${images[@]}" | tail -1)
  tc=$(sed -E 's/.*CER +([0-9.]+)%.*/\1/' <<<"$t")
  oc=$(sed -E 's/.*CER +([0-9.]+)%.*/\1/' <<<"$o")
  printf "%-11s %-32s %-32s %-14s %s\n" "$v" "$(sed -E 's/^[^C]*//' <<<"$t")" "$(sed -E 's/^[^C]*//' <<<"$o")" \
    "$(awk -v a="$oc" -v b="$tc" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')" "$(sed -E 's/^[^C]*(CER +[0-9.]+%).*/\1/' <<<"$r")"
done
