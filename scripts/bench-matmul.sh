#!/usr/bin/env bash
# A 1024x1024x1024 float32 matmul through the C# library and through the same libtorch call from
# C++, timed alike (5 warm-up calls, median of 30), for 1 and 2 threads. Writes
# results/benchmarks/matmul.csv with the commit it ran at.
set -euo pipefail
cd "$(dirname "$0")/.."
native=shared/Papers.Torch/native
bash "$native/build.sh" >/dev/null
cmake --build "$native/build" --target matmul_bench >/dev/null
dotnet build tests/Papers.Torch.Benchmarks -c Release -v quiet -nologo >/dev/null
bench_cs="tests/Papers.Torch.Benchmarks/bin/Release/net10.0/Papers.Torch.Benchmarks"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo -dirty)"
mkdir -p results/benchmarks
out=results/benchmarks/matmul.csv
tmp="$out.tmp"
echo "benchmark,n,threads,cpp_median_ms,cs_median_ms,cpp_min_ms,cs_min_ms,cs_over_cpp,commit,cpu,date" > "$tmp"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//; s/,/ /g')"
printf '%-8s %12s %12s %10s\n' threads "C++ ms" "C# ms" "C#/C++"
for threads in 1 2; do
    read -r cpp_med cpp_min < <(OPENBLAS_NUM_THREADS=$threads "$native/build/matmul_bench" 1024 "$threads" 5 30)
    read -r cs_med cs_min < <(OPENBLAS_NUM_THREADS=$threads "$bench_cs" matmul 1024 "$threads" 5 30)
    ratio=$(awk -v a="$cs_med" -v b="$cpp_med" 'BEGIN { printf "%.3f", a / b }')
    printf '%-8s %12s %12s %10s\n' "$threads" "$cpp_med" "$cs_med" "$ratio"
    echo "matmul,1024,$threads,$cpp_med,$cs_med,$cpp_min,$cs_min,$ratio,$commit,$cpu,$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$tmp"
done
mv "$tmp" "$out"
echo "wrote $out"
