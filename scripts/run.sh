#!/usr/bin/env bash
# Installs dependencies, builds vanban, and extracts the bundled corpus (README command 1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j"$(nproc)"
./build/cli/vanban extract --format text corpus/seeds/*.txt
./build/cli/vanban extract -o build/corpus.json corpus/seeds/*.txt
echo "vanban.document/1 records of the corpus written to build/corpus.json"
