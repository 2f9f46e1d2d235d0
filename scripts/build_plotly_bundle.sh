#!/usr/bin/env bash
# Rebuild assets/vendor/plotly-atlas.min.js (plotly.js with only the trace types the atlas draws) and its
# provenance, byte for byte, from the pinned npm packages in scripts/plotly-bundle/ (package-lock.json).
#
#   scripts/build_plotly_bundle.sh            rebuild into assets/vendor/
#   scripts/build_plotly_bundle.sh --check    rebuild into a temporary folder and compare with assets/vendor/
#
# Needs node and npm (the npm registry); installs into a temporary folder (nothing in the work tree).
# The trace list lives in scripts/plotly-bundle/entry.js and TRACES in build.mjs; the plotly.js version must be
# the one the installed python plotly bundles (plotly.offline.get_plotlyjs_version()).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/scripts/plotly-bundle"
vendor="$root/assets/vendor"
check=0
[ "${1:-}" = "--check" ] && check=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$src/package.json" "$src/package-lock.json" "$src/entry.js" "$src/build.mjs" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)

want="$(node -p "require('$work/node_modules/plotly.js/package.json').version")"
if have="$(python3 -c 'from plotly.offline import get_plotlyjs_version as v; print(v())' 2>/dev/null)"; then
  [ "$have" = "$want" ] || echo "warning: python plotly bundles plotly.js $have, this bundle is plotly.js $want" >&2
fi

if [ "$check" = 1 ]; then
  (cd "$work" && node build.mjs "$work/out")
  new="$(sha256sum "$work/out/plotly-atlas.min.js" | cut -d' ' -f1)"
  old="$(sha256sum "$vendor/plotly-atlas.min.js" | cut -d' ' -f1)"
  if [ "$new" = "$old" ]; then echo "same bytes: $new"; else echo "DIFFERENT: built $new, committed $old" >&2; exit 1; fi
else
  mkdir -p "$vendor"
  (cd "$work" && node build.mjs "$vendor")
fi
