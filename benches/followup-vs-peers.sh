#!/usr/bin/env bash
# The budget follow-up job (issue 10) side by side with DuckDB, polars and pandas.
#
# For each size (rows; default 500000 2000000 8000000) it generates a CSV ledger,
# the same transactions as SIE 4 and a budget, runs `namnd followup` on the CSV
# and on the SIE ledger and the peer implementation on the CSV ledger, checks
# that every output is byte-identical, and prints the median wall time of REPS
# runs (default 5), the ratio namnd / peer, the SIE throughput and the peak
# resident memory (/usr/bin/time -v) of each run.
#
# Usage (from the repository root or anywhere):
#   benches/followup-vs-peers.sh [ROWS...]
# Environment:
#   REPS=5            repetitions per measurement (at least 5 for the issue's figures)
#   DATA=target/bench-data   where the generated files are kept (reused if present)
#   SEED=1            generator seed;  AS_OF=2023-08  as-of month
#   PEERS="duckdb polars pandas"   peers to run (those that cannot be imported are skipped)
#   NO_PIP=1          do not pip-install missing peers
#
# Data: ../shared/bench/gen_ledger.py OUT ROWS SEED 2023 when it exists (relative
# to the repository root), else the project's own generator
# (namnd_budget::generate through the `followup` example, `gen` subcommand; it
# writes the CSV ledger and the budget, the SIE ledger is then not measured).
# Binary: target/release/namnd (the CLI) when it exists, else the
# `followup` example of namnd-budget (same job, same output); the script says which.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPS="${REPS:-5}"
DATA="${DATA:-target/bench-data}"
SEED="${SEED:-1}"
AS_OF="${AS_OF:-2023-08}"
PEERS="${PEERS:-duckdb polars pandas}"
SHARED="$ROOT/../shared/bench"
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(500000 2000000 8000000); fi

die() { echo "error: $*" >&2; exit 2; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: apt-get install time)"
command -v python3 >/dev/null || die "python3 is missing"

# ------------------------------------------------------------------ binaries
cargo build --release -p namnd-budget --example followup >&2
# namnd_cmd LEDGER BUDGET OUT: the command line of one run (output to OUT).
if [ -x target/release/namnd ] && target/release/namnd followup --help >/dev/null 2>&1; then
    echo "binary: target/release/namnd followup (the CLI)"
    namnd_cmd() { echo sh -c "exec target/release/namnd followup --ledger '$1' --budget '$2' --as-of $AS_OF --method run-rate --format csv > '$3'"; }
else
    echo "binary: target/release/examples/followup (target/release/namnd with 'followup' does not exist yet; same job and output)"
    namnd_cmd() { echo target/release/examples/followup "$1" "$2" "$AS_OF" "$3"; }
fi
EXAMPLE=target/release/examples/followup

# --------------------------------------------------------------------- peers
HAVE_PEER_SCRIPT=0
[ -f "$SHARED/peer_followup.py" ] && HAVE_PEER_SCRIPT=1
AVAILABLE=()
if [ "$HAVE_PEER_SCRIPT" = 1 ]; then
    for peer in $PEERS; do
        if ! python3 -c "import $peer" 2>/dev/null && [ -z "${NO_PIP:-}" ]; then
            echo "installing $peer with pip" >&2
            python3 -m pip install --quiet "$peer" >&2 || true
        fi
        if python3 -c "import $peer" 2>/dev/null; then AVAILABLE+=("$peer"); else echo "peer $peer: not available, skipped"; fi
    done
else
    echo "peers: $SHARED/peer_followup.py not found, only namnd is measured"
fi

# ----------------------------------------------------------------- measuring
# time_run OUTFILE CMD... : runs CMD under /usr/bin/time -v, appends "seconds kib" to OUTFILE.
time_run() {
    local out="$1"; shift
    local log; log="$(mktemp)"
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>/dev/null
    t1=$(date +%s.%N)
    local kib; kib=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
    rm -f "$log"
    echo "$(echo "$t1 - $t0" | bc -l) $kib" >>"$out"
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.4f\n", (a[NR/2]+a[NR/2+1])/2}'; }
max_col2() { awk 'BEGIN{m=0} {if ($2>m) m=$2} END{print m}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "as-of $AS_OF, $REPS repetitions, median wall seconds (reading to writing, process start included)"
printf '%-9s %-14s %9s %10s %11s\n' rows run median_s peak_MiB "namnd/peer"

STATUS=0
for rows in "${SIZES[@]}"; do
    dir="$DATA/$rows"
    if [ ! -f "$dir/budget.csv" ]; then
        mkdir -p "$dir"
        if [ -f "$SHARED/gen_ledger.py" ]; then
            python3 "$SHARED/gen_ledger.py" "$dir" "$rows" "$SEED" 2023 >&2
        else
            "$EXAMPLE" gen "$rows" "$SEED" "$dir"
        fi
    fi
    outs=()
    declare -A MED=() PEAK=()
    kinds=(csv)
    [ -f "$dir/ledger.se" ] && kinds+=(sie)
    for kind in "${kinds[@]}"; do
        ledger="$dir/ledger.csv"; [ "$kind" = sie ] && ledger="$dir/ledger.se"
        res="$(mktemp)"; out="$dir/out-namnd-$kind.csv"
        if [[ "$(namnd_cmd "$ledger" "$dir/budget.csv" "$out")" == sh* ]]; then
            cmd=(sh -c "exec target/release/namnd followup --ledger '$ledger' --budget '$dir/budget.csv' --as-of $AS_OF --method run-rate --format csv > '$out'")
        else
            cmd=(target/release/examples/followup "$ledger" "$dir/budget.csv" "$AS_OF" "$out")
        fi
        for _ in $(seq "$REPS"); do time_run "$res" "${cmd[@]}"; done
        MED[$kind]=$(median <"$res"); PEAK[$kind]=$(max_col2 <"$res"); rm -f "$res"
        outs+=("$out")
    done
    for peer in "${AVAILABLE[@]}"; do
        res="$(mktemp)"; out="$dir/out-$peer.csv"
        for _ in $(seq "$REPS"); do time_run "$res" python3 "$SHARED/peer_followup.py" "$peer" "$dir/ledger.csv" "$dir/budget.csv" "$AS_OF" "$out"; done
        MED[$peer]=$(median <"$res"); PEAK[$peer]=$(max_col2 <"$res"); rm -f "$res"
        outs+=("$out")
    done
    for kind in "${kinds[@]}"; do
        extra=""
        if [ "$kind" = sie ]; then
            bytes=$(stat -c %s "$dir/ledger.se")
            extra=$(echo "$bytes / 1000000 / ${MED[sie]}" | bc -l | xargs printf '  %.0f MB/s')
        fi
        printf '%-9s %-14s %9.3f %10.1f%s\n' "$rows" "namnd-$kind" "${MED[$kind]}" "$(echo "${PEAK[$kind]} / 1024" | bc -l)" "$extra"
    done
    for peer in "${AVAILABLE[@]}"; do
        printf '%-9s %-14s %9.3f %10.1f %11.2f\n' "$rows" "$peer" "${MED[$peer]}" "$(echo "${PEAK[$peer]} / 1024" | bc -l)" "$(echo "${MED[csv]} / ${MED[$peer]}" | bc -l)"
    done
    # Byte identity of every output with the first one.
    for out in "${outs[@]}"; do
        if ! cmp -s "${outs[0]}" "$out"; then
            echo "MISMATCH: $out differs from ${outs[0]}"; STATUS=1
        fi
    done
    [ "$STATUS" = 0 ] && echo "$rows rows: ${#outs[@]} outputs byte-identical ($(md5sum <"${outs[0]}" | cut -c1-12))"
    unset MED PEAK
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$STATUS"
