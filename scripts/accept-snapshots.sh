#!/usr/bin/env bash
# Accepts every pending snapshot: renames each snapshots/*.received.<ext> to *.verified.<ext>.
# Usage: scripts/accept-snapshots.sh [folder]   (default: the whole repository)
# Review the received files (git diff after accepting) before committing them.
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
[[ -d "$root" ]] || { echo "accept-snapshots: no folder $root" >&2; exit 2; }

count=0
while IFS= read -r -d '' received; do
    extension="${received##*.received.}"
    verified="${received%.received.*}.verified.${extension}"
    mv -f -- "$received" "$verified"
    echo "accepted ${verified#"$root"/}"
    count=$((count + 1))
done < <(find "$root" \( -name node_modules -o -name bin -o -name obj -o -name .git \) -prune \
              -o -type f -path '*/snapshots/*' -name '*.received.*' -print0 | sort -z)

echo "accept-snapshots: $count snapshot(s) accepted"
