#!/usr/bin/env bash
# Installs every system package the repository uses, then restores .NET and npm packages.
# Idempotent: packages already present are skipped. Runs as root, or through sudo otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, with the reason each is here.
packages=(
    libtorch-dev          # libtorch 1.13.1 (CPU, oneDNN): the tensor library's backend
    libopenblas0-pthread  # threaded BLAS: the reference BLAS libtorch falls back to is ~30x slower
    cmake g++             # build the native shim
    libturbojpeg0         # JPEG decoding (BSDS500 images, the source of MNIST-M)
    chromium              # renders figures to PNG (headless)
    python3-nbformat      # validates notebooks against the nbformat schema (scripts/notebooks.sh)
    python3-torch         # PyTorch 1.13 over the same libtorch: the benchmarks' reference side (scripts/bench)
    wordnet-base          # WordNet 3.0 (data.noun, index.noun): the noun hierarchy of Hyperbolic NNs Table 2
    libmujoco-dev         # MuJoCo 2.2.2, the physics of Q-Prop's Gym tasks (papers/q-prop/native)
)
# npm installs plotly.js (package-lock.json) for the figure pages; an npm that came with Node.js will do.
command -v npm >/dev/null || packages+=(nodejs npm)

say() { printf '[setup] %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then sudo=""; else
    command -v sudo >/dev/null || { echo "[setup] not root and no sudo: run as root" >&2; exit 1; }
    sudo="sudo"
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive TMPDIR=/var/tmp $sudo apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
else
    say "Debian packages present: ${packages[*]}"
fi

command -v dotnet >/dev/null || { echo "[setup] the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }

if [ -f package-lock.json ]; then
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
        say "installing npm packages (package-lock.json)"
        npm ci --no-audit --no-fund --loglevel=error
        touch node_modules
    else
        say "npm packages present"
    fi
fi

say "restoring and building (the native shim builds first)"
dotnet build papers.sln -v quiet -nologo -clp:NoSummary
say "done"
