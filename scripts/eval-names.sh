#!/usr/bin/env bash
# Measures NM003 (probable-name-variant) on the name-variant clusters in ../shared/data/names
# (relative to the repository root; /work/shared/data/README.md section 3): recall and
# precision on romanisation variants, with glossaries of house forms only and with their
# Cyrillic. What counts as a romanisation variant is documented in examples/names_eval.rs.
#
#   scripts/eval-names.sh                  # the report
#   scripts/eval-names.sh --dump /tmp/d    # also every miss and false link, one a line
set -euo pipefail
cd "$(dirname "$0")/.."
data="../shared/data/names"
for f in place_name_clusters.jsonl person_name_part_clusters.jsonl.gz; do
    if [ ! -f "$data/$f" ]; then
        echo "eval-names: $data/$f not found; the names data is not present, nothing to evaluate."
        exit 0
    fi
done
exec cargo run --quiet --release --example names_eval -- --data "$data" "$@"
