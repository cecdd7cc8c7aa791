#!/usr/bin/env bash
# Runs the notebooks: scripts/notebooks.sh [execute|check|strip] [notebooks...]
#   execute  run every C# cell in .NET Interactive's C# kernel and write the outputs into the notebook (the default)
#   check    compile every cell, each after the ones before it, without running any
#   strip    clear every output
# With no notebook named, every notebooks/*.ipynb. After execute and strip, each .ipynb is validated against the
# nbformat schema with Debian's python3-nbformat (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="execute"
case "${1:-}" in
    execute|check|strip) mode="$1"; shift ;;
esac
if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=(notebooks/*.ipynb); fi

# Builds a project when a source of it or of the shared libraries (the native shim's included) is newer than its
# assembly (or it has none), or when its copy of a shared library or of the shim differs from the library's build: the
# kernel refuses a second, different Papers.Shared.dll beside the one a notebook loaded first, and a stale shim copy
# would run the old native code. An unchanged notebook's run starts at once.
build_if_stale() {  # build_if_stale <project folder> <assembly>
    local library built stale=""
    for library in Papers.Shared/bin/Debug/net10.0/Papers.Shared.dll Papers.Torch/bin/Debug/net10.0/Papers.Torch.dll Papers.Torch/native/build/libpapers_torch.so; do
        built="$(dirname "$2")/$(basename "$library")"
        if [ -f "$built" ] && ! cmp -s "shared/$library" "$built"; then stale=1; fi
    done
    if [ -n "$stale" ] || [ ! -f "$2" ] || [ -n "$(find "$1" shared/Papers.Notebooks shared/Papers.Shared shared/Papers.Torch \
            \( -name bin -o -name obj -o -name build \) -prune -o -type f \
            \( -name '*.cs' -o -name '*.csproj' -o -name '*.cpp' -o -name '*.h' -o -name CMakeLists.txt \) -newer "$2" -print -quit)" ]; then
        dotnet build "$1" -v quiet -nologo -clp:NoSummary
    fi
}

# The runner hosts the kernel; the notebooks load built assemblies with #r "../<folder>/bin/Debug/net10.0/<name>.dll"
# (the display library and their paper), as Polyglot does, so those are built first.
runner="scripts/Notebooks/bin/Debug/net10.0/notebooks.dll"
build_if_stale scripts/Notebooks "$runner"
if [ "$mode" != "strip" ]; then
    for reference in $(grep -ohE '#r \\?"\.\./[^"\\]+/bin/Debug/net10\.0/[^"\\]+\.dll' "${notebooks[@]}" | sed -E 's/^#r \\?"\.\.\///' | sort -u); do
        build_if_stale "${reference%%/bin/*}" "$reference"
    done
fi
dotnet "$runner" "$mode" "${notebooks[@]}"

if [ "$mode" != "check" ]; then
    for notebook in "${notebooks[@]}"; do
        case "$notebook" in *.ipynb) ;; *) continue ;; esac
        # /usr/bin/python3: Debian's, which python3-nbformat is installed for (another python3 may come first on PATH).
        /usr/bin/python3 -c 'import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
print(f"{sys.argv[1]}: valid nbformat {nb.nbformat}.{nb.nbformat_minor}")' "$notebook"
    done
fi
