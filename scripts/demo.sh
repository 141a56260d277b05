#!/usr/bin/env bash
# The main job on the bundled example articles (examples/articles/): what
# `make demo` runs after building.
set -euo pipefail
DYAD=$(realpath "${1:-build/dyad}")
cd "$(dirname "$0")/.."
EX=examples/articles
OUT=${DYAD_DEMO_OUT:-$(mktemp -d)}
DB="$OUT/demo.db"
rm -f "$DB" "$DB-wal" "$DB-shm"

echo "== $($DYAD --version): the example articles in $EX"
echo
echo "== dyad code $EX   (one CAMEO event per line; a few columns shown)"
$DYAD code "$EX" > "$OUT/events.tsv"
cut -f2,4,6,7,9,10,12,13 "$OUT/events.tsv" | column -t -s $'\t' | head -n 20
echo "... $(($(wc -l < "$OUT/events.tsv") - 1)) events, full rows in $OUT/events.tsv"
echo
echo "== dyad ingest --db $DB $EX   (store, date and merge reports into events)"
$DYAD ingest --db "$DB" "$EX"
echo
echo "== dyad timeline --db $DB USA RUS --by month"
$DYAD timeline --db "$DB" USA RUS --by month | column -t -s $'\t'
echo
echo "== dyad events --db $DB --dyad IRN,RUS"
$DYAD events --db "$DB" --dyad IRN,RUS | cut -f1-12 | column -t -s $'\t' | head -n 12
echo
echo "== dyad search --db $DB \"ambassador\""
$DYAD search --db "$DB" "ambassador" | head -n 6
