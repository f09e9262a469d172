#!/usr/bin/env bash
# Installs the Debian 12 packages tmlint needs to build and test.
# Does nothing (no apt-get call at all) when every package is already present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libpugixml-dev libyaml-cpp-dev libfmt-dev nlohmann-json3-dev libcli11-dev catch2
  libicu-dev libssl-dev libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  python3 libxml2-utils python3-jsonschema translate-toolkit pre-commit bsdutils
  chromium fonts-dejavu-core fonts-ipafont-gothic
  clang libclang-rt-14-dev time
  dpkg-dev binutils groff-base
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
