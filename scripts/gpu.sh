#!/usr/bin/env bash
# Runs the papers on a GPU machine that has PyTorch (with CUDA) but no .NET SDK.
#
#   scripts/gpu.sh publish [--data DIR]...   (here) publishes every paper and the CUDA tests self-contained for
#                                           linux-x64 into artifacts/gpu/app.tar.xz, with the named dataset folders
#                                           (names under the data root, e.g. planetoid) beside it
#   scripts/gpu.sh run COMMAND [ARGS]...     (on the GPU machine, in a copy of this repository holding artifacts/gpu)
#                                           unpacks the apps, builds the native shim against that machine's libtorch
#                                           (LIBTORCH, else the torch package of python3), and runs COMMAND with the
#                                           apps on PATH and PAPERS_DATA pointing at the staged data
#
# For example, to run the CUDA tests and GCN there:
#   scripts/gpu.sh publish --data planetoid
#   (there) scripts/gpu.sh run Papers.Cuda.Tests -trait Tier=Gpu
#   (there) scripts/gpu.sh run Gcn --device cuda --out "$OUT/gcn"
set -euo pipefail
cd "$(dirname "$0")/.."
folder=artifacts/gpu
say() { printf '[gpu] %s\n' "$*" >&2; }

publish() {
    local datasets=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --data) datasets+=("$2"); shift 2 ;;
            *) echo "usage: scripts/gpu.sh publish [--data DIR]..." >&2; exit 2 ;;
        esac
    done
    rm -rf "$folder" && mkdir -p "$folder/app"
    # One folder for every app: they share the runtime and the libraries, so it is carried once.
    for project in papers/*/*.csproj tests/Papers.Cuda.Tests/Papers.Cuda.Tests.csproj; do
        say "publishing $project"
        dotnet publish "$project" -c Release -r linux-x64 --self-contained -o "$folder/app" -v quiet -nologo -clp:NoSummary
    done
    say "compressing ($(du -sh "$folder/app" | cut -f1))"
    XZ_OPT="-T0 -6" tar -cJf "$folder/app.tar.xz" -C "$folder" app
    rm -rf "$folder/app"
    for name in "${datasets[@]}"; do
        local source=""
        for root in "${PAPERS_DATA:-}" data ../shared/data; do
            if [ -n "$root" ] && [ -d "$root/$name" ]; then source="$root/$name"; break; fi
        done
        [ -n "$source" ] || { echo "[gpu] dataset folder '$name' not found under PAPERS_DATA, data/ or ../shared/data" >&2; exit 1; }
        mkdir -p "$folder/data" && cp -rL "$source" "$folder/data/"
    done
    say "ready: $folder ($(du -sh "$folder" | cut -f1)); carry it to the GPU machine and run scripts/gpu.sh run COMMAND there"
}

run() {
    [ $# -gt 0 ] || { echo "usage: scripts/gpu.sh run COMMAND [ARGS]..." >&2; exit 2; }
    [ -f "$folder/app.tar.xz" ] || { echo "[gpu] $folder/app.tar.xz is missing: run scripts/gpu.sh publish first, and carry $folder" >&2; exit 1; }
    local work="${TMPDIR:-/tmp}/papers-gpu"
    rm -rf "$work" && mkdir -p "$work"
    tar -xJf "$folder/app.tar.xz" -C "$work"
    say "building the native shim against this machine's libtorch"
    bash shared/Papers.Torch/native/build.sh >&2
    cp shared/Papers.Torch/native/build/libpapers_torch.so "$work/app/"
    export PATH="$work/app:$PATH"
    [ -d "$folder/data" ] && export PAPERS_DATA="$PWD/$folder/data"
    # The apps find the repository (results/, notebooks/) from the working directory.
    "$@"
}

case "${1:-}" in
    publish) shift; publish "$@" ;;
    run) shift; run "$@" ;;
    *) echo "usage: scripts/gpu.sh publish [--data DIR]... | scripts/gpu.sh run COMMAND [ARGS]..." >&2; exit 2 ;;
esac
