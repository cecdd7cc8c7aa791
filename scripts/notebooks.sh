#!/usr/bin/env bash
# Runs the notebooks: scripts/notebooks.sh [execute|check|strip] [notebooks...]
#   execute  run every C# cell and write the outputs into the notebook (the default)
#   check    build each notebook's program without running it
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

# The runner is built once and then started directly, which keeps an unchanged notebook's run to seconds;
# it is rebuilt when a source of the runner or of the display library is newer than the build.
runner="scripts/Notebooks/bin/Debug/net10.0/notebooks.dll"
if [ ! -f "$runner" ] || [ -n "$(find scripts/Notebooks shared/Papers.Notebooks shared/Papers.Shared \
        \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' \) -newer "$runner" -print -quit)" ]; then
    dotnet build scripts/Notebooks -v quiet -nologo -clp:NoSummary
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
