#!/usr/bin/env bash
# Builds the MuJoCo accessors into native/build/libqprop_mujoco.so against Debian's libmujoco-dev (scripts/setup.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f /usr/include/mujoco/mujoco.h ]; then
    echo "error : MuJoCo headers not found (/usr/include/mujoco/mujoco.h): run scripts/setup.sh, which installs libmujoco-dev" >&2
    exit 1
fi
mkdir -p "$here/build"
gcc -O2 -std=c11 -fPIC -shared -Wall -Wextra -Werror -o "$here/build/libqprop_mujoco.so" "$here/mujoco_accessors.c" -lmujoco
