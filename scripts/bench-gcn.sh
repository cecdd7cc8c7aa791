#!/usr/bin/env bash
# Wall time of a full 200-epoch GCN run on Cora (training and the per-epoch validation pass; early stopping
# off), mean over 10 seeds, on 1 and 2 threads. Writes results/benchmarks/gcn.csv with the commit it ran at.
# The paper reports 4 s for Cora on a GPU (Table 2's timing column, "wall-clock time in seconds").
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build papers/gcn -c Release -v quiet -nologo >/dev/null
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo -dirty)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//; s/,/ /g')"
out=results/benchmarks/gcn.csv
mkdir -p results/benchmarks
tmp="$out.tmp"
echo "benchmark,dataset,epochs,threads,runs,mean_seconds,min_seconds,commit,cpu,date" > "$tmp"
for threads in 1 2; do
    folder="artifacts/bench-gcn-$threads"
    dotnet papers/gcn/bin/Release/net10.0/Gcn.dll --quick --seeds 10 --random-splits 0 --early-stopping 0 \
        --threads "$threads" --out "$folder" >/dev/null
    read -r mean min < <(awk -F, 'NR > 1 { s += $NF; n++; if (min == "" || $NF < min) min = $NF } END { printf "%.3f %.3f\n", s / n, min }' "$folder/runs.csv")
    printf 'threads %s: %s s per 200-epoch run (min %s)\n' "$threads" "$mean" "$min"
    echo "gcn-200-epochs,cora,200,$threads,10,$mean,$min,$commit,$cpu,$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$tmp"
done
mv "$tmp" "$out"
echo "wrote $out"
