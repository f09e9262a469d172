#!/usr/bin/env bash
# The install rules and the Debian package, tested as a user would use them
# (ctest runs both on the plain build):
#
#   scripts/package_test.sh install BUILD   cmake --install BUILD to a temporary
#                                           prefix; the installed tmlint, its
#                                           manual page and rule pages work
#   scripts/package_test.sh deb BUILD       cpack -G DEB; its Depends names the
#                                           package of every library tmlint is
#                                           linked against; the extracted
#                                           usr/bin/tmlint runs
#
# The tools (dpkg-deb, dpkg-shlibdeps, groff, readelf) are installed by
# scripts/setup.sh: a missing one is a failure, never a skip.
set -euo pipefail
mode=$1
build=$(cd "$2" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tmlint-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() { echo "package_test: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps dpkg gzip groff readelf ldconfig cpack; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup.sh installs it)"
done
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || fail "no project version in $build/CMakeCache.txt"

# An installed tree under $1 (a prefix, or the root of the extracted package):
# the binary runs and checks the sample batch, man finds the page, every rule
# has its page.
check_tree() {
  local prefix=$1
  local exe="$prefix/bin/tmlint"
  [ -x "$exe" ] || fail "$exe is missing"
  [ "$("$exe" --version)" = "tmlint $version" ] || fail "$exe --version: $("$exe" --version)"
  # No path into the build folder: the binary finds its libraries by itself.
  local dynamic
  dynamic=$(readelf -d "$exe")
  case $dynamic in *RPATH*|*RUNPATH*) fail "$exe has an RPATH: $dynamic" ;; esac
  local status=0
  (cd "$tmp" && "$exe" check --format json "$src/testdata/sample/ja-jp" > "$tmp/sample.json") || status=$?
  [ "$status" = 1 ] || fail "$exe check on the sample batch: exit $status, expected 1 (findings)"
  grep -q '"rule": "link-slug-typo"' "$tmp/sample.json" || fail "$exe check: no link-slug-typo finding on the sample"
  local man="$prefix/share/man/man1/tmlint.1.gz"
  [ -f "$man" ] || fail "$man is missing"
  gzip -dc "$man" | cmp -s - "$src/docs/tmlint.1" || fail "$man is not docs/tmlint.1"
  warnings=$(gzip -dc "$man" | groff -man -Tutf8 -ww -z 2>&1) || fail "groff: $warnings"
  [ -z "$warnings" ] || fail "groff warns on the installed page: $warnings"
  if command -v man >/dev/null; then
    [ "$(MANPATH="$prefix/share/man" man -w tmlint)" = "$man" ] || fail "man -w tmlint does not find $man"
  fi
  local docs="$prefix/share/doc/tmlint"
  [ -f "$docs/README.md" ] || fail "$docs/README.md is missing"
  [ -f "$docs/ci.md" ] || fail "$docs/ci.md is missing"
  local rules
  rules=$("$exe" rules --format json | sed -n 's/.*"id": "\([^"]*\)".*/\1/p')
  [ "$(echo "$rules" | wc -l)" -gt 30 ] || fail "tmlint rules lists too few rules"
  for id in $rules; do
    [ -f "$docs/rules/$id.md" ] || fail "$docs/rules/$id.md is missing"
  done
}

case $mode in
  install)
    cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }
    check_tree "$tmp/prefix"
    echo "package_test: cmake --install: $tmp/prefix/bin/tmlint $version works"
    ;;
  deb)
    (cd "$build" && cpack -G DEB -B "$tmp/cpack" > "$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
    arch=$(dpkg --print-architecture)
    deb="$tmp/cpack/tmlint_${version}_${arch}.deb"
    [ -f "$deb" ] || { ls "$tmp/cpack"; fail "no $deb"; }
    [ "$(dpkg-deb -f "$deb" Package)" = tmlint ] || fail "Package: $(dpkg-deb -f "$deb" Package)"
    [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version: $(dpkg-deb -f "$deb" Version)"
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "package_test: Depends: $depends"
    # Every library the executable needs directly is provided by a package
    # that Depends names (what dpkg-shlibdeps finds).
    names=" $(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*//; s/ //g' | tr '\n' ' ') "
    needed=$(readelf -d "$build/cli/tmlint" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    [ "$(echo "$needed" | wc -l)" -gt 5 ] || fail "readelf found too few NEEDED libraries: $needed"
    for lib in $needed; do
      # (awk reads to the end: with pipefail, an early exit would fail the pipe)
      path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}')
      [ -n "$path" ] || fail "ldconfig does not know $lib"
      pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || dpkg -S "${path#/usr}" 2>/dev/null) ||
        fail "no package owns $path"
      pkg=${pkg%%:*}
      case $names in *" $pkg "*) ;; *) fail "$lib comes from $pkg, which Depends does not name: $depends" ;; esac
    done
    for pkg in libc6 libstdc++6 libgit2-1.5 libicu72 libyaml-cpp0.7 libfmt9 libpugixml1v5 libssl3; do
      case $names in *" $pkg "*) ;; *) fail "Depends does not name $pkg: $depends" ;; esac
    done
    dpkg-deb -x "$deb" "$tmp/root"
    check_tree "$tmp/root/usr"
    # Stripped (CPACK_STRIP_FILES): no debugging sections in the package.
    sections=$(readelf -S "$tmp/root/usr/bin/tmlint")
    case $sections in *.debug_info*) fail "usr/bin/tmlint is not stripped" ;; esac
    # Nothing but the executable, its page and its documentation.
    others=$(dpkg-deb -c "$deb" | awk '{print $NF}' | grep -v -E '^\./usr/(bin/tmlint|share/man/man1/tmlint\.1\.gz|share/doc/tmlint/.*\.md)$' | grep -v '/$' || true)
    [ -z "$others" ] || fail "unexpected files in the package: $others"
    echo "package_test: $(basename "$deb"): the extracted usr/bin/tmlint $version works"
    ;;
  *)
    fail "usage: package_test.sh install|deb BUILD"
    ;;
esac
