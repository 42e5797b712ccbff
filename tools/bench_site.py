#!/usr/bin/env python3
"""Measure the site on an emulated slow phone, next to the plain cmark-gfm HTML.

    bash .ci/run bench        (or: python -I -B tools/bench_site.py [--runs N])

A script, not a timed test: it prints a table and always exits 0 when it ran.
For every page it builds (tools/build_site.py) and for the same Markdown rendered as
plain cmark-gfm HTML (same options, a charset line and nothing else), it loads the
page in Debian's Chromium, served gzip-compressed from 127.0.0.1 (as GitHub Pages
serves it), with an empty cache, on an emulated slow 3G phone:
    390x844 screen, 4x slower CPU, 400 ms round trip, 400 kbit/s down and up
(the "3G Slow" profile of WebPageTest; DevTools' own "Slow 3G" preset adds 2 s of
latency to every request, which no page could meet). It prints, per page:
    bytes     transferred over the network (compressed), all requests together
    req       requests made
    route ms  time from the start of navigation until the first route is painted:
              the paragraph with the emergency line ("in danger right now"), or the
              page's title where a page has none (Element Timing, median of the runs;
              the first contentful paint when neither was timed)
Goals for the site: at most 50 KB, at most 3 requests, the first route within 1000 ms.

Options: --runs N (loads per page, default 3); --pages ADDRESS ... (only these pages,
by site address: / or get-help/ or countries/br/); --sample (the guide's own pages and
the largest pages, plus a spread of country pages: about 30). A first row, "floor",
is a page of one title and one paragraph: what the emulation and this computer cost
before any page's own weight (the CPU slowdown multiplies whatever else this computer
is doing, so compare pages with the floor of the same run). The load average of the
computer is printed before and after.
"""
import argparse
import functools
import gzip
import http.server
import importlib.util
import io
import os
import socketserver
import statistics
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1000 / 8,
           "uploadThroughput": 400 * 1000 / 8}
CPU_SLOWDOWN = 4
ROUTE_PHRASE = "in danger right now"
GOALS = {"bytes": 50 * 1024, "requests": 3, "route_ms": 1000}

# Marks each paragraph and title for Element Timing as the parser adds it, and keeps
# the paint times. It runs through the DevTools protocol, outside the page's policy.
PAINT_WATCH = """
window.__paints = [];
new MutationObserver(function (changes) {
  changes.forEach(function (change) {
    change.addedNodes.forEach(function (node) {
      if (node.nodeType === 1 && /^(P|H1|LI)$/.test(node.tagName)) {
        node.setAttribute('elementtiming', node.tagName.toLowerCase());
      }
    });
  });
}).observe(document, {childList: true, subtree: true});
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    window.__paints.push({id: e.identifier, t: e.renderTime || e.loadTime,
                          text: e.element ? e.element.textContent : ''});
  });
}).observe({type: 'element', buffered: true});
"""
ROUTE_TIME = """(phrase) => {
  const paints = window.__paints || [];
  const route = paints.find(p => p.text.toLowerCase().includes(phrase));
  const title = paints.find(p => p.id === 'h1');
  const pick = route || title;
  if (pick) { return pick.t; }
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return fcp ? fcp.startTime : null;
}"""


def _load_tool(name):
    spec = importlib.util.spec_from_file_location("bench_" + name, os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser asks, as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def plain_pages(site, builder, folder):
    """The same pages as plain cmark-gfm HTML, at the same addresses."""
    for path, address in builder.pages.items():
        os.makedirs(os.path.join(folder, address), exist_ok=True)
        with open(os.path.join(folder, address, "index.html"), "w", encoding="utf-8") as f:
            f.write('<meta charset="utf-8">\n' + builder.render(path))


FLOOR_PAGE = ('<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
              'content="default-src \'none\'"><title>floor</title><h1>Floor</h1>'
              '<p>Are you, or is a child, in danger right now?</p>')
SAMPLE_COUNTRIES = 16  # country pages in --sample, spread over the alphabet


def sample(pages):
    """The pages that are not country pages, the largest pages, and country pages
    spread over the alphabet (the largest of them first)."""
    countries = sorted(p.address for p in pages if p.address.startswith("countries/"))
    others = [p.address for p in pages if not p.address.startswith("countries/")]
    step = max(1, len(countries) // SAMPLE_COUNTRIES)
    return others + countries[::step][:SAMPLE_COUNTRIES]


def measure(browser, url, runs):
    sizes, counts, times = [], [], []
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=3)
        page = ctx.new_page()
        page.add_init_script(PAINT_WATCH)
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        done = []
        cdp.on("Network.loadingFinished", lambda e: done.append(e["encodedDataLength"]))
        cdp.on("Network.loadingFailed", lambda e: done.append(0))
        page.goto(url, wait_until="load", timeout=120000)
        page.wait_for_timeout(300)
        times.append(page.evaluate(ROUTE_TIME, ROUTE_PHRASE))
        sizes.append(sum(done))
        counts.append(len(done))
        ctx.close()
    good = [t for t in times if t is not None]
    return max(sizes), max(counts), statistics.median(good) if good else None


def main(argv=None):
    parser = argparse.ArgumentParser(description="Measure the site on an emulated slow phone.")
    parser.add_argument("--root", default=ROOT)
    parser.add_argument("--runs", type=int, default=3, help="loads per page (median time)")
    parser.add_argument("--pages", nargs="+", metavar="ADDRESS",
                        help="only these pages (site addresses: / get-help/ countries/br/)")
    parser.add_argument("--sample", action="store_true",
                        help="the guide's own pages and a spread of country pages (about 30)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    site = _load_tool("build_site")
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        builder, pages = site.build(args.root, os.path.join(tmp, "site"))
        plain_pages(site, builder, os.path.join(tmp, "plain"))
        os.makedirs(os.path.join(tmp, "floor"))
        with open(os.path.join(tmp, "floor", "index.html"), "w", encoding="utf-8") as f:
            f.write(FLOOR_PAGE)
        by_address = {p.address: p for p in pages}
        if args.pages:
            wanted = [a.strip("/") + "/" if a.strip("/") else "" for a in args.pages]
            missing = [a for a in wanted if a not in by_address]
            if missing:
                print("bench_site: no such page: %s" % ", ".join("/" + a for a in missing))
                return 2
            pages = [by_address[a] for a in wanted]
        elif args.sample:
            pages = [by_address[a] for a in sample(pages)]
        server = socketserver.ThreadingTCPServer(
            ("127.0.0.1", 0), functools.partial(Gzipped, directory=tmp))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = "http://127.0.0.1:%d/" % server.server_address[1]
        rows, over = [], []
        load_before = os.getloadavg()[0]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            floor = measure(browser, base + "floor/", args.runs)
            for page in pages:
                name = "/" + page.address
                s = measure(browser, base + "site/" + page.address, args.runs)
                p = measure(browser, base + "plain/" + page.address, args.runs)
                rows.append((name, s, p))
                if s[0] > GOALS["bytes"] or s[1] > GOALS["requests"] or \
                        (s[2] or 1e9) > GOALS["route_ms"]:
                    over.append(name)
            browser.close()
        server.shutdown()
        server.server_close()
    print("Slow 3G phone: 400 ms round trip, 400 kbit/s, CPU x%d, 390x844; %d run(s) a page"
          % (CPU_SLOWDOWN, args.runs))
    print("load average of this computer (%d CPUs): %.1f before, %.1f after"
          % (os.cpu_count() or 0, load_before, os.getloadavg()[0]))
    print("%-34s %9s %4s %9s | %9s %4s %9s" % ("page", "site B", "req", "route ms",
                                              "plain B", "req", "route ms"))

    def ms(t):
        return "%9.0f" % t if t is not None else "%9s" % "-"
    print("%-34s %9d %4d %s |" % ("floor (title and one paragraph)", floor[0], floor[1],
                                  ms(floor[2])))
    for name, s, p in rows:
        print("%-34s %9d %4d %s | %9d %4d %s" % (name, s[0], s[1], ms(s[2]), p[0], p[1], ms(p[2])))
    print("goals (site): <= %d bytes, <= %d requests, first route <= %d ms: %s"
          % (GOALS["bytes"], GOALS["requests"], GOALS["route_ms"],
             "all pages meet them" if not over else "not met by " + ", ".join(over)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
