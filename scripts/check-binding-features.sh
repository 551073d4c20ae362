#!/usr/bin/env bash
# Checks that `maturin develop` (which builds only gongpei-python) resolves every shared dependency
# with the same features as `cargo test --workspace` does, so that it reuses the test build instead
# of compiling half the workspace again (crates/gongpei-python/Cargo.toml pins the features the
# other members' dev-dependencies turn on). After a dependency upgrade this prints the packages
# whose features differ, and the features to pin; exit 1 when any do.
#
#   scripts/check-binding-features.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO="${CARGO:-cargo}"

# One line per built unit: "name version|feature,feature" (a package built with two feature sets,
# say for a proc-macro and for the target, has two lines). cargo tree's own errors (a lock file
# that would change, a missing download) stay on stderr, so a failing gate says why.
features_of() {
  "$CARGO" tree --offline "$@" --prefix none --no-dedupe -f '{p}|{f}' |
    sed -E 's/ \([^)]*\)//; s/ \(\*\)$//' | sort -u
}

# Normal edges only: through build-dependencies cargo tree shows feature sets that do not match
# the units cargo builds (getrandom under protobuf-codegen's build script differs there, yet
# maturin does not rebuild it), which would fail the gate falsely.
bindings="$(features_of -p gongpei-python -e normal)"
workspace="$(features_of --workspace -e normal,dev)"

# The bindings' own crates differ on purpose: maturin builds pyo3 as an extension module, and
# the workspace build never builds gongpei-python's lib.
expected='^(pyo3|pyo3-ffi|pyo3-build-config|pyo3-macros|pyo3-macros-backend|numpy|gongpei-python) '

# maturin reuses a unit of the test build when one with the same package and features exists;
# the workspace has more units (its dev-dependencies), which is fine.
differ=0
while IFS='|' read -r package features; do
  [[ "$package" =~ $expected ]] && continue
  if ! grep -qxF "$package|$features" <<<"$workspace"; then
    echo "$package is built for the bindings with features [$features]; the workspace test build has:"
    printf '%s\n' "$workspace" | awk -F'|' -v p="$package" '$1 == p { print "    [" $2 "]" }'
    differ=1
  fi
done <<<"$bindings"

if [ "$differ" -ne 0 ]; then
  echo "pin the workspace's features in crates/gongpei-python/Cargo.toml (see its comment) so maturin reuses the test build"
  exit 1
fi
echo "binding features: the bindings' shared dependencies match the workspace test build"
