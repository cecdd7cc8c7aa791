#!/usr/bin/env bash
# Builds the native shim into native/build/. Finds libtorch in this order:
#   1. $LIBTORCH: a LibTorch folder or a PyTorch installation's torch/ folder (both hold include/ and lib/);
#   2. Debian's libtorch-dev (/usr/include/torch), installed by scripts/setup.sh;
#   3. the torch package of the first python3 on PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root=""
if [ -n "${LIBTORCH:-}" ]; then
    if [ -d "$LIBTORCH/include/torch" ] && [ -d "$LIBTORCH/lib" ]; then
        root="$(cd "$LIBTORCH" && pwd)"
    else
        echo "error : LIBTORCH=$LIBTORCH holds no include/torch and lib/: point it at a LibTorch folder or a PyTorch installation's torch/ folder" >&2
        exit 1
    fi
elif [ -d /usr/include/torch/csrc/api/include ] && ls /usr/lib/*/libtorch_cpu.so >/dev/null 2>&1; then
    root=/usr
elif command -v python3 >/dev/null 2>&1 && pydir="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null)" && [ -d "$pydir/include/torch" ]; then
    root="$pydir"
fi
if [ -z "$root" ]; then
    echo "error : libtorch not found: run scripts/setup.sh, or set LIBTORCH to a LibTorch folder or a PyTorch installation's torch/ folder" >&2
    exit 1
fi
jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S "$here" -B "$here/build" -DLIBTORCH_ROOT="$root" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$here/build" --parallel "$jobs"
