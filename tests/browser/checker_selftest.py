#!/usr/bin/python3
"""The browser checker's own test (CTest: browser.checker): a small site with one known fault per page,
built in a temporary folder, must be reported page by page, and its clean pages must pass.

    checker_selftest.py SOURCE_DIR

The faults: a MathJax error in a page opened in the browser and one in a reference page that is only sampled (its
formula is checked on the formula sheet), a broken link, a missing anchor, an image that does not load, a console
error, and a run page wider than a phone. Exit 77 (skipped) without chromium or MathJax, as the site test.
"""

import json
import os
import shutil
import subprocess
import struct
import sys
import tempfile
import zlib

MATHJAX = "/usr/share/javascript/mathjax"
# The head Doxygen writes (Doxyfile: MATHJAX_FORMAT = SVG, the AMS extensions).
HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>%s</title>
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  extensions: ["tex2jax.js", "TeX/AMSmath.js", "TeX/AMSsymbols.js"],
  jax: ["input/TeX","output/SVG"],
});
</script>
<script type="text/javascript" async="async" src="mathjax/MathJax.js"></script>
</head><body>
"""


def png_pixel():
    """A valid 1 x 1 PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))

# page -> (body, the kinds of problem the checker must report there: none for a clean page)
PAGES = {
    "index.html": ('<p>\\(\\frac{a}{b}\\) <a href="lecture.html#start">a lecture</a> <img src="pixel.png"></p>', set()),
    "lecture.html": ('<h1 id="start">Lecture</h1><p>\\(\\frac{x\\)</p>', {"mathjax"}),
    "links.html": ('<p><a href="missing.html">gone</a></p>', {"link"}),
    "anchor.html": ('<p><a href="lecture.html#nowhere">nowhere</a></p>', {"anchor"}),
    # (the browser's own network error, the image that did not load, and the link to a file that is not there)
    "image.html": ('<p><img src="missing.png"></p>', {"resource", "image", "link"}),
    "console.html": ("<script>console.error('broken on purpose')</script>", {"console"}),
    "runs/wide.html": ('<div style="width: 900px">wide</div>', {"overflow"}),
    "runs/narrow.html": ("<p>fits</p>", set()),
}
# Reference pages of a kind that is sampled one in eight: the first is opened, the others only statically checked;
# every formula of all of them goes to the formula sheet.
for i in range(9):
    body = "<p>\\(x_{%d}^2\\)</p>" % i
    if i == 2:   # an environment outside \( \), as Doxygen writes \f{align}{ ... \f}
        body += "<p>\\begin{align} a &= b \\\\ c &= d \\end{align}</p>"
    if i == 5:
        body += "<p>\\(\\undefinedmacro y\\)</p>"
    if i == 6:
        body += "<p>\\begin{align} a &= \\frac{b \\end{align}</p>"
    PAGES["structdlc_1_1S%d.html" % i] = (body, {"mathjax"} if i in (5, 6) else set())


def main():
    src = sys.argv[1]
    if not shutil.which("chromium") or not os.path.isfile(MATHJAX + "/MathJax.js"):
        print("chromium or libjs-mathjax is not installed: skipping")
        return 77
    site = tempfile.mkdtemp(prefix="dlc-checker-site-")
    try:
        os.makedirs(os.path.join(site, "runs"))
        os.symlink(MATHJAX, os.path.join(site, "mathjax"))
        os.symlink(MATHJAX, os.path.join(site, "runs", "mathjax"))
        with open(os.path.join(site, "pixel.png"), "wb") as f:
            f.write(png_pixel())
        for name, (body, _) in PAGES.items():
            with open(os.path.join(site, name), "w", encoding="utf-8") as f:
                f.write(HEAD % name + body + "\n</body></html>\n")
        report = os.path.join(site, "report.json")
        run = subprocess.run([sys.executable, os.path.join(src, "tests/browser/check_pages.py"), site,
                              "--overflow", os.path.join(site, "runs"), "--sample-listings", "8",
                              "--report", report], capture_output=True, text=True)
        print(run.stdout + run.stderr)
        if run.returncode != 1:
            print("FAIL: check_pages exited %d, expected 1 (faults found)" % run.returncode)
            return 1
        with open(report) as f:
            found = json.load(f)["problems"]
        found = {os.path.relpath(os.path.join(os.getcwd(), p), site): {k for k, _ in v} for p, v in found.items()}
        failures = []
        for name, (_, expected) in PAGES.items():
            kinds = found.get(name, set())
            if kinds != expected:
                failures.append("%s: expected %s, reported %s" % (name, sorted(expected), sorted(kinds)))
        for line in failures:
            print("FAIL: " + line)
        if not failures:
            print("the checker reported every fault, on its page, and nothing else (%d pages)" % len(PAGES))
        return 1 if failures else 0
    finally:
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
