#!/usr/bin/env bash
# Installs everything vanban needs to build, test and run, from Debian 12 packages. Run as root.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libtesseract-dev tesseract-ocr tesseract-ocr-vie libleptonica-dev
  libpoppler-cpp-dev poppler-utils libicu-dev libre2-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libsqlite3-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libpango1.0-dev libcairo2-dev fonts-liberation2 qpdf libqpdf-dev libxml2-dev
  # digits.png: the handwritten digits the digit model (models/digits) is trained and tested on
  opencv-doc
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
