#!/usr/bin/env bash
# The browser test (CTest: browser.site): builds the documentation site with every program run with
# --quick into OUT (docs/build_site.cmake, as `./course docs` does), then opens every page of it, the
# site's and the programs' run pages, in headless Chromium (check_pages.py): no MathJax error, broken
# link or image, console error, or (run pages) content wider than the window. Doxygen's generated listings
# (source listings, member lists, search results, reference pages without a formula) are checked statically,
# one in DLC_BROWSER_SAMPLE (default 8) of each kind also in the browser.
#   site_test.sh SOURCE_DIR OUT "name=exe|name=exe..." [BADINPUT_EXE BUILD_DIR]
# (with the bad-input runner, the site holds the generated inventory page too)
# Exit 77 (CTest: skipped) when chromium, doxygen, python3 or MathJax is not installed.
set -euo pipefail
src=$1 out=$2 programs=$3 badinput=${4:-} build=${5:-}
for tool in chromium doxygen; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed: skipping (./course docs installs it)"; exit 77; }
done
[ -x /usr/bin/python3 ] || { echo "python3 is not installed: skipping"; exit 77; }
[ -f /usr/share/javascript/mathjax/MathJax.js ] || { echo "libjs-mathjax is not installed: skipping"; exit 77; }
start=$SECONDS
# DLC_BROWSER_SITE=DIR: check the site that `./course docs` already built in DIR (DIR/html) instead of
# building another (CI builds the site in its docs step, then runs the suite).
if [ -n "${DLC_BROWSER_SITE:-}" ]; then
  [ -f "$DLC_BROWSER_SITE/html/index.html" ] || { echo "DLC_BROWSER_SITE=$DLC_BROWSER_SITE holds no html/index.html"; exit 1; }
  out=$DLC_BROWSER_SITE
else
  cmake -DSOURCE_DIR="$src" -DDOCS_OUT="$out" -DQUICK=ON "-DPROGRAMS=$programs" "-DBADINPUT=$badinput" \
    "-DBUILD_DIR=$build" -P "$src/docs/build_site.cmake"
  echo "site built in $((SECONDS - start)) s"
fi
exec /usr/bin/python3 "$src/tests/browser/check_pages.py" "$out/html" --overflow "$out/html/runs" \
  --report "$out/browser-report.json" --progress 200 --sample-listings "${DLC_BROWSER_SAMPLE:-8}"
