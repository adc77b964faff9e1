#!/usr/bin/env bash
# Hostile inputs for `calq audit`: generates them under target/pathological/, audits each with
# the release binary, and prints the time and exit code per file. Fails if any run panics or
# errors (exit code other than 0 or 1) or if time grows much faster than size (a 10x larger
# input taking more than MAX_RATIO times as long: quadratic behaviour shows as ~100x).
#
#   scripts/pathological.sh            # build, generate, audit, print the table
#   MAX_RATIO=20 scripts/pathological.sh
#   CALQ=/path/to/calq scripts/pathological.sh   # time that binary, build nothing
#
# Inputs: single-line files of 1 MB and 10 MB (sentences, no line break), HTML nested 250,
# 500 (around the depth where calq stops building the tree), 2,000 and 20,000 deep, words of
# 100 KB and 1 MB with no spaces, a 10 MB file of one repeated character run per line kind (doubled spaces, quotes, digits), and 40 random-byte files (half
# with NUL bytes, which calq skips as binary; half decoded lossily; half named .html).
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_RATIO="${MAX_RATIO:-25}"
out=target/pathological
mkdir -p "$out"
# CALQ=path/to/calq times another build instead of building target/release/calq.
if [ -n "${CALQ:-}" ]; then
  calq="$CALQ"
else
  cargo build --release --quiet
  calq=target/release/calq
fi

python3 - "$out" <<'EOF'
import os, random, sys
out = sys.argv[1]
rng = random.Random(7)
words = ("the minister said on Tuesday that talks in Geneva would resume , and that "
         "Kiev Riabkov « quoted » 7,5 percent 100.000 euros 12.01.2022 since three weeks "
         "does not know nothing the the Read also : Zelenskyy Selenskyj").split()

def line(size):
    parts, n = [], 0
    while n < size:
        w = rng.choice(words)
        parts.append(w)
        n += len(w) + 1
        if rng.random() < 0.08:
            parts[-1] += "."
    return " ".join(parts)[:size]

def write(name, data):
    path = os.path.join(out, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

write("single-line-1mb.txt", line(1_000_000))
write("single-line-10mb.txt", line(10_000_000))
for depth in (250, 500, 2_000, 20_000):
    write(f"nested-{depth}.html", "<html><body>" + "<div>" * depth
          + "<p>The delegations met in Geneva on Monday.</p>" + "</div>" * depth + "</body></html>")
letters = "abcdefghijklmnopqrstuvwxyzéü"
for size, name in ((100_000, "word-100kb.txt"), (1_000_000, "word-1mb.txt")):
    write(name, "".join(rng.choice(letters) for _ in range(size)))
write("runs-10mb.txt", ("  " * 1000 + "«" * 1000 + "\"" * 1000 + "7," * 1000 + "\n") * 1600)
for i in range(40):
    size = rng.choice([0, 1, 100, 4_096, 65_536, 262_144])
    data = bytearray(rng.getrandbits(8) for _ in range(size))
    if i % 2 == 1:
        data = data.replace(b"\0", b" ")  # no NUL: read as text, decoded lossily
    write(f"random-{i:02}.{'html' if i % 4 >= 2 else 'txt'}", bytes(data))
EOF

secs() { date +%s.%N; }
declare -A took
failed=0
printf '%-26s %12s %9s %5s %9s\n' file bytes seconds exit "MB/s"
for f in "$out"/*; do
  name=$(basename "$f")
  bytes=$(stat -c %s "$f")
  start=$(secs)
  set +e
  "$calq" audit --format json "$f" >/dev/null 2>"$out.stderr"
  code=$?
  set -e
  end=$(secs)
  t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  took[$name]=$t
  rate=$(awk -v n="$bytes" -v t="$t" 'BEGIN { printf "%.1f", (t > 0 ? n / 1e6 / t : 0) }')
  printf '%-26s %12d %9.3f %5d %9.1f\n' "$name" "$bytes" "$t" "$code" "$rate"
  if [ "$code" != 0 ] && [ "$code" != 1 ]; then
    echo "  FAIL: exit code $code (0 or 1 expected):" >&2
    head -c 2000 "$out.stderr" >&2
    failed=1
  fi
done

# Ten times the input should take about ten times as long; allow for start-up and noise.
ratio() {
  local small=${took[$1]} big=${took[$2]}
  local r
  r=$(awk -v a="$small" -v b="$big" 'BEGIN { printf "%.1f", b / (a + 0.01) }')
  printf '%-44s %6.1fx (limit %s)\n' "$2 / $1" "$r" "$MAX_RATIO"
  if awk -v r="$r" -v m="$MAX_RATIO" 'BEGIN { exit !(r > m) }'; then
    echo "  FAIL: time grows faster than size" >&2
    failed=1
  fi
}
echo
ratio single-line-1mb.txt single-line-10mb.txt
ratio nested-2000.html nested-20000.html
ratio word-100kb.txt word-1mb.txt
exit $failed
