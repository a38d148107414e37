#!/usr/bin/python3
"""Opens HTML pages in headless Chromium and reports what a reader would see broken.

    check_pages.py [--overflow DIR]... [--jobs N] [--report FILE] ROOT...

Every `*.html` under each ROOT is loaded in a real browser (Debian's `chromium`, driven
through the DevTools protocol over a pipe: Python's standard library only). A page fails on
  - a JavaScript error or an error logged to the console,
  - a resource that does not load (an image, a script, a style sheet),
  - an image that loads but does not decode,
  - a MathJax error box (e.g. "Undefined control sequence"), once MathJax has finished,
  - a formula Doxygen left raw (`\\f$ ... \\f$` in the visible text) or a literal `<tt>` in the text,
  - a link or image to a local file that does not exist, or to an anchor (`#id`) that the
    target page does not have,
  - an absolute local link (`file://` or `/...`): the pages must work wherever they are copied,
and, for pages under an `--overflow` directory (the run pages), content wider than the window at
1280 px and at phone width (390 px).

`--sample-listings K`: Doxygen's generated listings (source listings `*_source.html`, member lists
`*-members.html`, the search box's result pages `search/*.html`, and the reference pages of files,
classes, namespaces and folders) are hundreds of pages built from the same few templates. Every one
of them gets the static checks (links, images and anchors that exist, no absolute local links); one
in K of each kind (in sorted order) is also opened in the browser. Every formula of the reference
pages is still typeset: the distinct formulas of all of them are set on one sheet (a page of their
own, with the site's MathJax configuration) and a MathJax error there is reported against every page
that holds the formula. A reference page with a formula Doxygen left raw (`\f$`) or an escaped tag
is always opened. K = 1 (the default) opens every page.

Exit status: 0 when every page is clean, 1 when some page is not, 77 when chromium is missing
(CTest reports the test as skipped). The numbers behind the issue's "before/after" counts come
from `--report FILE` (JSON: per page, the problems by kind).
"""

import argparse
import html.parser
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SKIP = 77
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe",
    # Tabs in the background must run their timers at full speed (MathJax is timer-driven); without these
    # Chromium throttles every tab but one and the pages load one at a time.
    "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
]
PAGE_TIMEOUT = float(os.environ.get("DLC_PAGE_TIMEOUT", "120"))  # seconds for one page to load and typeset (MathJax on a loaded machine is slow)
SHEET_TIMEOUT = 10 * PAGE_TIMEOUT  # the formula sheet: every distinct formula of the reference pages
WIDE, PHONE = 1280, 390


class Browser:
    """Chromium with the DevTools protocol on file descriptors 3 (commands) and 4 (replies)."""

    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="dlc-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.proc = subprocess.Popen(
            [exe, *CHROMIUM_FLAGS, "--user-data-dir=" + self.profile, "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._lock = threading.Lock()
        self._waiting = {}          # command id -> queue for its reply
        self._events = {}           # session id -> queue of events
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                for q in list(self._waiting.values()):
                    q.put({"error": {"message": "chromium exited"}})
                return
            buf += chunk
            messages = buf.split(b"\0")
            buf = messages.pop()          # the unfinished tail
            for raw in messages:
                msg = json.loads(raw)
                if "id" in msg:
                    q = self._waiting.pop(msg["id"], None)
                    if q is not None:
                        q.put(msg)
                else:
                    q = self._events.get(msg.get("sessionId"))
                    if q is not None:
                        q.put(msg)

    def call(self, method, params=None, session=None, timeout=PAGE_TIMEOUT):
        with self._lock:
            self._next_id += 1
            cid = self._next_id
            reply = queue.Queue()
            self._waiting[cid] = reply
            msg = {"id": cid, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        try:
            answer = reply.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(method + " timed out")
        if "error" in answer:
            raise RuntimeError(method + ": " + answer["error"].get("message", "?"))
        return answer.get("result", {})

    def new_tab(self):
        # A window of its own: in a background tab of a shared window, Chromium does not paint, and
        # HTMLImageElement.decode() of a loaded image can then wait (a quarter of the pages, seconds each).
        target = self.call("Target.createTarget", {"url": "about:blank", "newWindow": True})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._events[session] = queue.Queue()
        return Tab(self, session, self._events[session])

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        shutil.rmtree(self.profile, ignore_errors=True)


# The formulas MathJax could not set, as [element, message] pairs. MathJax v2 turns a TeX error ("Missing close
# brace", "Undefined control sequence \foo") into an <merror> node of the formula's MathML; its SVG output (Doxygen's
# MATHJAX_FORMAT) draws that as a box with no class of its own, so the formulas' MathML trees are searched, beside
# the error elements the other outputs (and MathJax's own processing errors) leave in the page.
MATH_ERRORS_JS = r"""
const MATH_ERRORS = () => {
  const found = [];
  const mj = window.MathJax && window.MathJax.Hub;
  const text = n => n == null ? '' : typeof n === 'string' ? n : (n.data || []).map(text).join('');
  const merror = n => !n || typeof n !== 'object' ? null :
      n.type === 'merror' ? n : (n.data || []).map(merror).find(x => x) || null;
  for (const jax of (mj && mj.getAllJax ? mj.getAllJax() : [])) {
    const bad = merror(jax.root);
    if (bad) found.push([document.getElementById(jax.inputID), text(bad).slice(0, 120) + ' in ' + jax.originalText.slice(0, 80)]);
  }
  for (const e of document.querySelectorAll('.MathJax_Error, .merror, .noError, mjx-merror'))
    found.push([e, e.textContent.slice(0, 120)]);
  return found;
};
"""

# Runs in the page once it has loaded: waits for MathJax (v2) to finish, then collects what the
# checks need. Returns a JSON string.
INSPECT = r"""
(async () => {""" + MATH_ERRORS_JS + r"""
  const mj = window.MathJax && window.MathJax.Hub;
  if (mj) {
    await new Promise(done => {
      const poll = () => (window.MathJax.Hub.queue && window.MathJax.Hub.queue.pending === 0 &&
                          !window.MathJax.Hub.queue.running) ? done() : setTimeout(poll, 50);
      window.MathJax.Hub.Queue(() => setTimeout(poll, 0));
    });
  }
  // Every image loaded and decoded. Doxygen's search box sets its images' sources from a script, so an image
  // can still be on its way after the load event: wait for it (decode() settles when it is ready or broken),
  // and look again for up to 2 s before calling an image broken (a loaded CI machine was slow here).
  // (decode() is also bounded by 3 s: should it never settle, the image is judged by what it loaded.)
  const loaded = img => img.complete && img.naturalWidth > 0;
  const bounded = img => Promise.race([img.decode().catch(() => 0), new Promise(r => setTimeout(r, 3000))]);
  const settle = () => Promise.all([...document.images].map(bounded));
  await settle();
  for (let i = 0; i < 20 && ![...document.images].every(loaded); i++) {
    await new Promise(r => setTimeout(r, 100));
    await settle();
  }
  const mathErrors = MATH_ERRORS().map(([element, text]) => text);
  // The visible prose: text outside code listings (source pages show comments as written).
  let text = '';
  if (document.body) {
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: n =>
        n.parentElement.closest('.fragment, pre, code, script, style, .MathJax_Preview, #MSearchResults')
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let n; (n = walk.nextNode());) text += n.nodeValue;
  }
  const grab = re => { const out = []; let m; while ((m = re.exec(text)) && out.length < 20) out.push(m[0]); return out; };
  const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
  const images = [...document.images].map(img => ({src: img.getAttribute('src') || '',
      ok: loaded(img)}));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id)
      .concat([...document.querySelectorAll('a[name]')].map(e => e.getAttribute('name')));
  return JSON.stringify({
    mathjax: !!mj, mathErrors,
    rawFormulas: grab(/\\f[$\[][^\n]{0,60}/g),
    literalTags: grab(/<\/?(tt|code|b|em)>[^\n]{0,40}/g),
    links, images, ids,
    width: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
  });
})()
"""


class Tab:
    def __init__(self, browser, session, events):
        self.b, self.s, self.events = browser, session, events
        # No Network domain: its events cost more than the pages (a resource that fails to load is
        # reported by the Log domain too, with its URL).
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")

    def call(self, method, params=None, timeout=PAGE_TIMEOUT):
        return self.b.call(method, params, session=self.s, timeout=timeout)

    def width(self, px):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": px, "height": 900, "deviceScaleFactor": 1, "mobile": px < 600})

    def load(self, url, timeout=PAGE_TIMEOUT):
        """Navigates and returns (inspection dict, list of console/network problems)."""
        while not self.events.empty():
            self.events.get_nowait()
        problems = []
        self.call("Page.navigate", {"url": url})
        deadline = time.time() + timeout
        while True:
            try:
                ev = self.events.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                problems.append(("timeout", "the page did not finish loading in %.0f s" % timeout))
                return None, problems
            if self._problem(ev, problems):
                continue
            if ev.get("method") == "Page.loadEventFired":
                break
        result = self.call("Runtime.evaluate", {"expression": INSPECT, "awaitPromise": True,
                                                "returnByValue": True}, timeout=timeout)
        if "exceptionDetails" in result:
            problems.append(("script", "inspection failed: " + json.dumps(result["exceptionDetails"])[:300]))
            return None, problems
        info = json.loads(result["result"]["value"])
        while not self.events.empty():   # errors raised while MathJax ran
            self._problem(self.events.get_nowait(), problems)
        return info, problems

    def _problem(self, ev, problems):
        m, p = ev.get("method"), ev.get("params", {})
        if m == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            problems.append(("console", "JavaScript error: " +
                             (d.get("exception", {}).get("description") or d.get("text", "?")).split("\n")[0]))
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            problems.append(("console", "console error: " +
                             " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
        elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
            e = p["entry"]
            if e.get("source") == "network":   # an image, script or style sheet that did not load
                problems.append(("resource", "%s %s" % (e.get("text", ""), e.get("url", ""))))
            else:
                problems.append(("console", "console: %s %s" % (e.get("text", ""), e.get("url", ""))))
        else:
            return False
        return True


class Anchors:
    """The ids of local pages, read once (for `page.html#anchor` links to pages not yet loaded)."""

    ID = re.compile(rb'''\s(?:id|name)\s*=\s*["']([^"']+)["']''')

    def __init__(self):
        self.cache = {}

    def of(self, path, live=None):
        if live is not None:
            self.cache[path] = set(live)
        if path not in self.cache:
            with open(path, "rb") as f:
                self.cache[path] = {m.decode("utf-8", "replace") for m in self.ID.findall(f.read())}
        return self.cache[path]


def local_target(page, ref):
    """(file path, fragment) of a relative reference, or None for external / in-page references."""
    if not ref or ref.startswith(("javascript:", "mailto:", "data:")):
        return None
    parts = urllib.parse.urlsplit(ref)
    if parts.scheme in ("http", "https"):
        return None
    path = urllib.parse.unquote(parts.path)
    target = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
    return target, urllib.parse.unquote(parts.fragment)


# Doxygen's reference pages: a file, class, struct, namespace or folder, and the indexes of members.
REFERENCE_PAGE = re.compile(r"^(class|struct|union|namespace|dir_)|_8[a-z]+\.html$|"
                            r"^(functions|globals|namespacemembers)(_\w+)?\.html$")
# A reference page that must be opened in the browser: a formula Doxygen left raw or an escaped tag that would show
# as text (the in-browser checks find them in the visible text).
ALWAYS_OPEN = re.compile(r"\\f[$\[]|&lt;/?(tt|code|b|em)&gt;")
# A formula for MathJax: tex2jax's delimiters (Doxygen writes \( ... \) inline, \[ ... \] displayed, and
# \begin{align} ... \end{align} for an environment; $$ ... $$ is tex2jax's other display delimiter).
FORMULA = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$|\\begin\{([A-Za-z]+\*?)\}.*?\\end\{\1\}", re.S)


def reference_kind(page):
    """"reference page with formulas", "... without a formula", or None (not a reference page, or one always opened)."""
    if not REFERENCE_PAGE.search(os.path.basename(page)):
        return None
    with open(page, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if ALWAYS_OPEN.search(text):
        return None
    return "reference page with formulas" if FORMULA.search(text) else "reference page without a formula"


LISTING_KINDS = (("source listing", lambda p: p.endswith("_source.html")),
                 ("member list", lambda p: p.endswith("-members.html")),
                 ("search results", lambda p: os.path.basename(os.path.dirname(p)) == "search"),
                 ("reference page", reference_kind))


def listing_kind(page):
    """The kind of Doxygen listing a page is, or None for every other page."""
    for kind, test in LISTING_KINDS:
        found = test(page)   # True, or the kind's name itself (the reference pages come in two kinds)
        if found:
            return found if isinstance(found, str) else kind
    return None


def formulas_of(parsed):
    """The formulas of a page (a parsed `Refs`), as MathJax sees them (delimiters included)."""
    return [m.group(0) for m in FORMULA.finditer("".join(parsed.prose))]


# The formula sheet, once MathJax is done: the index and error text of every formula that did not typeset.
SHEET_ERRORS = r"""
(() => {""" + MATH_ERRORS_JS + r"""
  return JSON.stringify(MATH_ERRORS().map(([element, message]) => {
    const formula = element && element.closest('[data-formula]');
    return [formula ? +formula.dataset.formula : -1, message];
  }));
})()
"""


def check_formula_sheet(browser, sample, formulas):
    """Typesets every formula (the keys of `formulas`: formula -> pages) on one sheet with the MathJax configuration
    of the reference page `sample`, and returns {page: problems} for the formulas MathJax could not set."""
    with open(sample, encoding="utf-8", errors="replace") as f:
        head = f.read()
    config = re.search(r'<script type="text/x-mathjax-config">.*?</script>\s*<script[^>]*MathJax\.js[^>]*></script>',
                       head, re.S)
    if config is None:
        return {sample: [("mathjax", "the formula sheet: no MathJax configuration in this page")]}
    listed = sorted(formulas)
    folder = tempfile.mkdtemp(prefix="dlc-formulas-")
    sheet = os.path.join(folder, "formulas.html")
    base = "file://" + urllib.parse.quote(os.path.dirname(os.path.abspath(sample))) + "/"
    with open(sheet, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><base href="%s">\n%s\n</head><body>\n'
                % (html.escape(base), config.group(0)))
        for i, tex in enumerate(listed):
            f.write('<div data-formula="%d">%s</div>\n' % (i, html.escape(tex, quote=False)))
        f.write("</body></html>\n")
    problems = {}
    try:
        tab = browser.new_tab()
        info, found = tab.load("file://" + urllib.parse.quote(sheet), timeout=SHEET_TIMEOUT)
        if info is not None and not info["mathjax"]:
            found.append(("mathjax", "the formula sheet: MathJax did not load"))
        for kind, text in found:     # a problem of the sheet itself: reported once, against the sample page
            problems.setdefault(sample, []).append(
                (kind, "the formula sheet (the formulas of every reference page): " + text))
        if info is not None:
            bad = json.loads(tab.call("Runtime.evaluate", {"expression": SHEET_ERRORS, "returnByValue": True})
                             ["result"]["value"])
            for i, text in bad:
                for page in (formulas[listed[i]] if i >= 0 else [sample]):
                    problems.setdefault(page, []).append(("mathjax", "MathJax error: " + text))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return problems


class Refs(html.parser.HTMLParser):
    """The links, image sources and ids of a page, read from its HTML (the static check), and its prose: the text
    MathJax typesets, outside the elements tex2jax skips (for the formula sheet)."""

    SKIP = {"script", "noscript", "style", "textarea", "pre", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.images, self.ids, self.prose = [], [], [], []
        self.skipping = 0

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.prose.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        a = dict(attrs)
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a.get("src") or "")
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if a.get(key):
                self.ids.append(a[key])


def check_refs(page, links, images, anchors):
    """Broken local links and images, missing anchors and absolute local links of a page."""
    problems = []
    for ref in links + images:
        if ref.startswith("file:") or (ref.startswith("/") and not ref.startswith("//")):
            problems.append(("absolute-link", "absolute local link: " + ref))
            continue
        t = local_target(page, ref)
        if t is None:
            continue
        path, frag = t
        if not os.path.exists(path):
            problems.append(("link", "broken link: " + ref))
        elif frag and path.endswith(".html") and frag not in anchors.of(path):
            problems.append(("anchor", "link to a missing anchor: " + ref))
    return problems


def parse(page):
    """A page's HTML as written, parsed (`Refs`)."""
    refs = Refs()
    with open(page, encoding="utf-8", errors="replace") as f:
        refs.feed(f.read())
    return refs


def check_static(page, refs, anchors):
    """The checks that need no browser, on the page's HTML as written (`refs = parse(page)`)."""
    anchors.of(page, refs.ids)
    return check_refs(page, refs.links, refs.images, anchors)


def check_page(tab, page, overflow, anchors):
    problems = []
    url = "file://" + urllib.parse.quote(os.path.abspath(page))
    tab.width(WIDE)
    info, found = tab.load(url)
    problems += found
    if info is None:
        return problems
    anchors.of(page, info["ids"])
    for e in info["mathErrors"]:
        problems.append(("mathjax", "MathJax error: " + e))
    for e in info["rawFormulas"]:
        problems.append(("raw-formula", "formula left raw: " + e))
    for e in info["literalTags"]:
        problems.append(("literal-tag", "literal tag in the text: " + e))
    for img in info["images"]:
        if not img["ok"]:
            problems.append(("image", "image does not load: " + img["src"]))
    problems += check_refs(page, info["links"], [i["src"] for i in info["images"]], anchors)
    if overflow:
        if info["width"] > info["view"] + 1:
            problems.append(("overflow", "wider than the window at %d px: %d px" % (WIDE, info["width"])))
        tab.width(PHONE)
        w = tab.call("Runtime.evaluate", {"expression":
                     "[document.documentElement.scrollWidth, document.documentElement.clientWidth]",
                     "returnByValue": True})["result"]["value"]
        if w[0] > w[1] + 1:
            problems.append(("overflow", "wider than the window at %d px: %d px" % (PHONE, w[0])))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("roots", nargs="+", help="directories whose *.html pages are checked")
    ap.add_argument("--overflow", action="append", default=[],
                    help="pages under this directory must not overflow at 1280 px or phone width")
    ap.add_argument("--jobs", type=int, default=2,
                    help="pages loaded at once (tabs of one Chromium: on 2 cores, 2 tabs are fastest; more tabs "
                         "or more browsers are slower)")
    ap.add_argument("--report", help="write the problems per page as JSON to this file")
    ap.add_argument("--chromium", default=os.environ.get("DLC_CHROMIUM", "chromium"))
    ap.add_argument("--exclude", action="append", default=[],
                    help="skip pages whose path contains this text (e.g. Doxygen's search results)")
    ap.add_argument("--only", action="append", default=[],
                    help="check only pages whose path contains this text (repeatable)")
    ap.add_argument("--progress", type=int, default=0, help="print a line every N pages")
    ap.add_argument("--sample-listings", type=int, default=1, metavar="K",
                    help="open one in K of Doxygen's generated listings of each kind in the browser; check "
                         "the others' links statically (default 1: open every page)")
    args = ap.parse_args()

    exe = shutil.which(args.chromium)
    if not exe:
        print("check_pages: chromium not found (apt-get install chromium); skipping the browser test")
        return SKIP
    pages = []
    for root in args.roots:
        if not os.path.isdir(root):
            print("check_pages: no such directory: " + root)
            return 1
        for d, _, files in os.walk(root):
            pages += [os.path.join(d, f) for f in files if f.endswith(".html")]
    pages = sorted(p for p in pages if not any(x in p for x in args.exclude)
                   and (not args.only or any(x in p for x in args.only)))
    if not pages:
        print("check_pages: no HTML pages under " + " ".join(args.roots))
        return 1
    overflow_dirs = [os.path.abspath(d) + os.sep for d in args.overflow]

    start = time.time()
    anchors = Anchors()
    results, lock = {}, threading.Lock()
    # The listings not opened in the browser: checked from their HTML.
    seen = {}
    in_browser = []
    formulas = {}        # formula -> the reference pages that hold it (for the formula sheet)
    for p in pages:
        kind = listing_kind(p)
        n = seen[kind] = seen.get(kind, -1) + 1
        parsed = None
        if kind is None or n % max(1, args.sample_listings) == 0:
            in_browser.append(p)
        else:
            parsed = parse(p)
            results[p] = check_static(p, parsed, anchors)
        if kind == "reference page with formulas" and args.sample_listings > 1:
            for tex in formulas_of(parsed or parse(p)):
                formulas.setdefault(tex, []).append(p)
    browser = Browser(exe)
    sheet_problems, sheet_seconds = {}, []

    def sheet():
        """The formula sheet, beside the pages (it is the longest load)."""
        sample, begun = next(iter(formulas.values()))[0], time.time()
        try:
            sheet_problems.update(check_formula_sheet(browser, sample, formulas))
        except Exception as e:
            sheet_problems[sample] = [("timeout", "the formula sheet: " + str(e))]
        sheet_seconds.append(time.time() - begun)
    todo = queue.Queue()
    for p in in_browser:
        todo.put(p)

    def worker():
        tab = browser.new_tab()
        while True:
            try:
                page = todo.get_nowait()
            except queue.Empty:
                return
            wide = any(os.path.abspath(page).startswith(d) for d in overflow_dirs)
            # A page that times out is tried once more in a fresh tab (a loaded machine can stall one load);
            # a second timeout is a failure, not a crash.
            for attempt in (1, 2):
                try:
                    found = check_page(tab, page, wide, anchors)
                except Exception as e:
                    found = [("timeout", str(e))]
                    tab = browser.new_tab()
                if attempt == 2 or not any(kind == "timeout" for kind, _ in found):
                    break
                tab = browser.new_tab()
            with lock:
                results[page] = found
                if args.progress and len(results) % args.progress == 0:
                    print("check_pages: %d/%d pages, %.0f s" % (len(results), len(pages), time.time() - start),
                          file=sys.stderr, flush=True)

    try:
        threads = [threading.Thread(target=worker) for _ in range(max(1, args.jobs))]
        if formulas:
            threads.insert(0, threading.Thread(target=sheet))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        browser.close()

    for p, found in sheet_problems.items():
        results[p] = results.get(p, []) + found
    bad = {p: r for p, r in results.items() if r}
    kinds = {}
    for r in bad.values():
        for kind in {k for k, _ in r}:
            kinds[kind] = kinds.get(kind, 0) + 1
    for page in sorted(bad):
        print(os.path.relpath(page) + ":")
        for kind, text in bad[page][:15]:
            print("  [%s] %s" % (kind, text))
        if len(bad[page]) > 15:
            print("  ... %d more" % (len(bad[page]) - 15))
    import resource
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("check_pages: %d pages (%d in the browser; %d formulas on the formula sheet%s) in %.0f s (browser CPU %.0f s); "
          "%d with problems%s" % (len(pages), len(in_browser), len(formulas),
                                  ", typeset in %.0f s" % sheet_seconds[0] if sheet_seconds else "", time.time() - start, cpu.ru_utime + cpu.ru_stime, len(bad),
        "".join("; %s: %d pages" % kv for kv in sorted(kinds.items()))))
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"pages": len(pages), "pages_with_problems_by_kind": kinds,
                       "problems": {os.path.relpath(p): r for p, r in bad.items()}}, f, indent=1)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
