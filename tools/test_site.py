#!/usr/bin/env python3
"""Tests of the site: the builder, the site check, and the built pages in a real browser.

Run by .ci/run (bash .ci/run), or:  python -I -B tools/test_site.py [-k NAME] [--shots DIR]
The browser tests drive Debian's Chromium (/usr/bin/chromium; CHROMIUM=... to change)
with Playwright, headless, and serve the built site on 127.0.0.1 only. Every request
to another host is refused and recorded; the quick exit's neutral page is answered
by the test itself, so nothing leaves this computer. axe-core (from the pinned
axe-playwright-python package) checks each page. The last line is
"N passed, N failed".
"""
import argparse
import functools
import gzip
import html
import http.server
import importlib.util
import os
import re
import shutil
import socketserver
import sys
import tempfile
import threading
import time
import traceback
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}


def _load_tool(name):
    spec = importlib.util.spec_from_file_location("test_" + name, os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site = _load_tool("build_site")
check_site = _load_tool("check_site")
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


# --- A copy of the guide with one country page, as the country generator writes them --
COUNTRY_PAGE = """# Example country (test page)

{header}

Facts on this page were checked on 3 December 2026. If a service's own site says
something different, trust the site.

## Report

- [Routes in every country](../by-country.md#find-your-country)
- [Get help now](../get-help.md#pick-your-situation)
"""


def make_guide(tmp):
    """A copy of the tracked guide (no .git: the builder walks the folder), plus
    guide/countries/zz.md built from the safety header, with no new facts."""
    root = os.path.join(tmp, "guide")
    for path in site.tracked_files(ROOT):
        os.makedirs(os.path.dirname(os.path.join(root, path)) or root, exist_ok=True)
        shutil.copy(os.path.join(ROOT, path), os.path.join(root, path))
    with open(os.path.join(ROOT, "tools/safety-header.md"), encoding="utf-8") as f:
        header = f.read().replace("](guide/", "](../").strip()
    os.makedirs(os.path.join(root, "guide/countries"), exist_ok=True)
    with open(os.path.join(root, "guide/countries/zz.md"), "w", encoding="utf-8") as f:
        f.write(COUNTRY_PAGE.format(header=header))
    return root


@functools.lru_cache(maxsize=None)
def built():
    """(guide copy, built site folder, {source: address}), built once."""
    tmp = tempfile.mkdtemp(prefix="site-test-")
    root = make_guide(tmp)
    out = os.path.join(tmp, "site")
    builder, pages = site.build(root, out)
    return root, out, {p.path: p.address for p in pages}


def read(out, address):
    with open(os.path.join(out, address, "index.html"), encoding="utf-8") as f:
        return f.read()


# --- The builder ------------------------------------------------------------------
@test
def addresses_are_short():
    assert site.address_of("README.md") == ""
    assert site.address_of("guide/get-help.md") == "get-help/"
    assert site.address_of("guide/countries/br.md") == "countries/br/"
    assert site.address_of("SOURCES.md") == "sources/"
    assert site.address_of("tools/check_guide.py") is None
    assert site.address_of("guide/Bad Name.md") is None
    assert site.relative("countries/br/", "by-country/") == "../../by-country/"
    assert site.relative("", "get-help/") == "get-help/"
    assert site.relative("get-help/", "") == "../"


@test
def every_reader_page_is_built_with_its_country_pages():
    root, out, pages = built()
    sources = [p for p in site.tracked_files(root) if site.address_of(p) is not None]
    assert sorted(pages) == sorted(sources), (sorted(pages), sorted(sources))
    assert pages["guide/countries/zz.md"] == "countries/zz/"
    assert os.path.isfile(os.path.join(out, "countries/zz/index.html"))
    assert os.path.isfile(os.path.join(out, "index.html"))


@test
def every_page_is_within_50_kb_gzip_compressed():
    # issue 20's goal for a slow phone; the page is the only request (see the browser test)
    root, out, pages = built()
    sizes = {}
    for address in pages.values():
        with open(os.path.join(out, address, "index.html"), "rb") as f:
            sizes[address] = len(gzip.compress(f.read(), 9))
    big = {a: n for a, n in sizes.items() if n > 50 * 1024}
    assert big == {}, big
    assert max(sizes.values()) > 0


@test
def links_between_pages_go_to_site_addresses():
    _, out, _ = built()
    page = read(out, "countries/zz/")
    assert 'href="../../by-country/#find-your-country"' in page
    assert 'href="../../get-help/#pick-your-situation"' in page
    assert ".md" not in "".join(re.findall(r'href="([^"]*)"', page))
    home = read(out, "")
    assert 'href="get-help/#someone-threatens-to-share-images"' in home


@test
def numbers_become_tel_and_sms_links_with_the_same_words():
    _, out, _ = built()
    page = read(out, "get-help/")
    assert '<a href="tel:911">911</a>' in page
    assert '<a href="tel:116123">116 123</a>' in page
    assert '<a href="sms:988" aria-label="text 988">text</a> <a href="tel:988">988</a>' in page
    assert re.search(r'text\s+THORN to <a href="sms:741741">741741</a>', page)
    text = re.sub(r"<[^>]+>", "", page)
    markdown = open(os.path.join(ROOT, "guide/get-help.md"), encoding="utf-8").read()
    for number in ("1-800-843-5678", "13 11 14", "0800 1111"):
        assert number in markdown and number in text


@test
def kind_of_number_follows_the_words_before_it():
    kind = site.Builder.kind_of
    assert kind("Call 999 now.", 5) == ("tel", None)
    assert kind("Call or text 988.", 13) == ("tel", (8, 12))
    assert kind("Text CONNECT to 686868.", 16) == ("sms", None)
    assert kind("Text us. Call 111.", 14) == ("tel", None)
    assert kind("No words 123456.", 9) == ("tel", None)


@test
def no_raw_html_reaches_the_site():
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "g")
        os.makedirs(os.path.join(root, "guide"))
        shutil.copytree(os.path.join(ROOT, "site"), os.path.join(root, "site"))
        shutil.copytree(os.path.join(ROOT, "tools"), os.path.join(root, "tools"))
        with open(os.path.join(root, "README.md"), "w") as f:
            f.write("# Home\n\n<script>alert(1)</script>\n\n<img src=x>\n\nChecked on 1 December 2026.\n")
        site.build(root, os.path.join(tmp, "out"))
        page = read(os.path.join(tmp, "out"), "")
        body = page.split("<main>", 1)[1]
        frame_script = re.search(r"<script>.*?</script>", body, re.S).group(0)
        assert "alert(1)" not in frame_script and "__EXIT_URL__" not in frame_script
        body = body.replace(frame_script, "", 1)
        assert "<script" not in body and "<img" not in body


@test
def quick_exit_script_sits_right_after_the_safety_header():
    # The parser stops at the script and the browser paints what it has: the first
    # screen (quick exit, title, safety header) shows before the rest is read.
    _, out, _ = built()
    header = open(os.path.join(ROOT, "tools/safety-header.md"), encoding="utf-8").read()
    last = site.header_blocks(header)[-1]
    for address in ("", "get-help/", "countries/zz/"):
        page = read(out, address)
        head, body = page.split("<main>", 1)
        assert "<script" not in head, address
        before = body.split("<script>", 1)[0]
        blocks = re.findall(r"<(?:p|h1)\b.*?</(?:p|h1)>", before, re.S)
        assert site.squash(re.sub(r"<[^>]+>", "", html.unescape(blocks[-1]))) == last, address
        assert before.count("<h1") == 1 and "<h2" not in before, address
    page = read(out, "sources/")  # no safety header there: right after the title
    assert re.search(r"</h1>\s*<script>", page)


@test
def inline_style_and_script_are_minified_and_keep_their_strings():
    css = 'a { color: red; }\n/* note */\nmain a::after { content: " (" attr(href) ")"; }\n'
    assert site.minify_css(css) == 'a{color:red}main a::after{content:" (" attr(href) ")"}'
    js = '// comment\n(function () {\n  var away = "https://example.org/";\n}());\n'
    assert site.minify_js(js) == '(function () {\nvar away = "https://example.org/";\n}());'
    _, out, _ = built()
    page = read(out, "get-help/")
    assert "/*" not in page.split("</style>")[0] and "@media print{" in page
    assert "&#39;" not in page.split("</head>")[0]  # the policy's quotes as they are


@test
def time_zones_map_to_one_country_with_old_names_and_no_shared_ones():
    zones = site.zone_countries({"ke", "ug", "er", "in", "ua", "ar", "gb"})
    assert zones["Africa/Nairobi"] == "ke" and zones["Africa/Kampala"] == "ug"
    assert zones["Africa/Asmara"] == "er"
    # Chromium names India's zone Asia/Calcutta: tzdata.zi's link to Asia/Kolkata
    assert zones["Asia/Calcutta"] == "in" and zones["Asia/Kolkata"] == "in"
    assert zones["Europe/Kiev"] == "ua" and zones["America/Cordoba"] == "ar"
    # Asmera ends at Nairobi, which several countries use: no guess; nor for UTC
    for name in ("Africa/Asmera", "Etc/UTC", "UTC", "GMT", "Europe/Paris"):
        assert name not in zones, name


@test
def country_list_links_are_marked_for_the_guess_except_on_country_pages():
    _, out, _ = built()
    help_page = read(out, "get-help/")
    marked = re.findall(r'<a href="([^"]*)" class="yours">', help_page)
    assert marked and all(h.endswith("by-country/#find-your-country") or h.endswith("by-country/")
                          for h in marked), marked[:3]
    assert '<a href="../by-country/" class="yours">Your country</a>' in help_page  # the nav
    assert help_page.count("<script>") == 2 and "Africa/Nairobi" in help_page
    policy = re.search(r"script-src ([^;]*);", html.unescape(help_page)).group(1)
    assert policy.count("'sha256-") == 2, policy
    for address in ("countries/zz/", "countries/ke/", "by-country/"):
        page = read(out, address)
        assert 'class="yours"' not in page and page.count("<script>") == 1, address


@test
def two_sources_at_one_address_fail():
    try:
        site.site_pages(["README.md", "SOURCES.md", "guide/sources.md"])
    except site.SiteError as e:
        assert "sources/" in str(e)
    else:
        raise AssertionError("no error")


@test
def frame_has_quick_exit_privacy_line_and_policy():
    _, out, pages = built()
    for address in pages.values():
        page = html.unescape(read(out, address))
        assert '<a class="exit" href="%s"' % site.EXIT_URL in page
        assert 'href="%s"' % site.PRIVATE_URL in page
        assert "Content-Security-Policy" in page and "default-src 'none'" in page
        assert "<main>" in page and "<nav" in page and "<header" in page


# --- The site check ------------------------------------------------------------------
def site_problems(change):
    root, out, _ = built()
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "site")
        shutil.copytree(out, copy)
        change(copy)
        return check_site.SiteChecker(root, copy).run()


@test
def site_check_passes_the_built_site():
    assert site_problems(lambda folder: None) == []


@test
def site_check_fails_a_page_from_no_source():
    def extra(folder):
        os.makedirs(os.path.join(folder, "extra"))
        shutil.copy(os.path.join(folder, "index.html"), os.path.join(folder, "extra/index.html"))
    problems = site_problems(extra)
    assert any("comes from no source" in reason for _, reason in problems), problems


@test
def site_check_fails_loading_from_another_host_and_unknown_links():
    def bad(folder):
        path = os.path.join(folder, "get-help/index.html")
        text = open(path, encoding="utf-8").read()
        text = text.replace("<main>", '<main><script src="https://cdn.example/x.js"></script>'
                            '<a href="https://evil.example/">x</a><a href="tel:5550100">5550100</a>'
                            '<a href="../nowhere/">y</a><a href="#no-such-heading">z</a>')
        open(path, "w", encoding="utf-8").write(text)
    reasons = " | ".join(reason for _, reason in site_problems(bad))
    for expected in ("loads <script src=https://cdn.example", "evil.example",
                     "tel:5550100", "no such page", "no such heading"):
        assert expected in reasons, (expected, reasons)


@test
def site_check_fails_a_missing_required_line():
    def drop(folder):
        path = os.path.join(folder, "index.html")
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(text.replace("in danger right now", "in danger"))
    reasons = " | ".join(reason for _, reason in site_problems(drop))
    assert 'required line "in danger right now"' in reasons, reasons


# --- In the browser -------------------------------------------------------------------
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Browser:
    """The built site served on 127.0.0.1, and Chromium driven by Playwright."""

    def __init__(self):
        from playwright.sync_api import sync_playwright
        _, self.out, self.pages = built()
        handler = functools.partial(Quiet, directory=self.out)
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = "http://127.0.0.1:%d/" % self.server.server_address[1]
        self.pw = sync_playwright().start()
        self.browser = self.pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.away = []   # requests to other hosts
        self.exits = []  # arrivals at the neutral page

    def context(self, **options):
        options.setdefault("viewport", PHONE)
        options.setdefault("is_mobile", True)
        options.setdefault("has_touch", True)
        ctx = self.browser.new_context(**options)
        ctx.route("**/*", self.route)
        return ctx

    def route(self, route):
        url = route.request.url
        if url.startswith(self.base):
            return route.continue_()
        if url == site.EXIT_URL:
            self.exits.append(url)
            return route.fulfill(status=200, content_type="text/html",
                                 body="<!doctype html><title>Neutral page</title><p>neutral</p>")
        self.away.append(url)
        return route.abort()

    def url(self, address):
        return self.base + address

    def close(self):
        self.browser.close()
        self.pw.stop()
        self.server.shutdown()
        self.server.server_close()


@functools.lru_cache(maxsize=None)
def browser():
    return Browser()


@test
def browser_every_page_loads_nothing_from_another_host_and_sets_no_cookie():
    b = browser()
    ctx = b.context()
    seen = []
    page = ctx.new_page()
    page.on("request", lambda request: seen.append(request.url))
    page.on("console", lambda msg: seen.append("console:" + msg.text) if msg.type == "error" else None)
    for address in b.pages.values():
        page.goto(b.url(address), wait_until="load")
    others = [u for u in seen if not u.startswith(b.base)]
    assert others == [] and b.away == [], (others, b.away)
    assert ctx.cookies() == []
    extra = [u for u in seen if u.startswith(b.base) and not u.endswith("/")]
    assert extra == [], "each page should be one request, saw %s" % extra[:5]
    ctx.close()


def check_exit(b, how, scripts=True):
    ctx = b.context(java_script_enabled=scripts)
    page = ctx.new_page()
    before = len(b.exits)
    page.goto(b.url("get-help/"), wait_until="load")
    if how == "button":
        page.click("a.exit")
    else:
        page.keyboard.press("Escape")
    page.wait_for_url(site.EXIT_URL, timeout=5000)
    assert len(b.exits) == before + 1
    page.go_back(wait_until="load")
    back = page.url
    ctx.close()
    return back


@test
def browser_quick_exit_by_button_and_back_does_not_return():
    b = browser()
    back = check_exit(b, "button")
    assert not back.startswith(b.base), back


@test
def browser_quick_exit_by_escape_key_and_back_does_not_return():
    b = browser()
    back = check_exit(b, "escape")
    assert not back.startswith(b.base), back


@test
def browser_quick_exit_with_scripts_off_leaves_and_says_back_can_return():
    b = browser()
    # With scripts off, a plain link cannot take the page out of the tab's history, so
    # Back returns to it. The frame says so (a <noscript> line) and asks to close the tab.
    back = check_exit(b, "button", scripts=False)
    assert back == b.url("get-help/"), back
    ctx = b.context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(b.url("get-help/"), wait_until="load")
    line = page.locator("header noscript p, header p", has_text="Scripts are off")
    assert line.count() == 1 and line.first.is_visible()
    assert "close this tab" in line.first.inner_text()
    box = page.locator("main p", has_text="in danger right now").first.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], box
    ctx.close()
    ctx = b.context()  # with scripts on, the line is not shown
    page = ctx.new_page()
    page.goto(b.url("get-help/"), wait_until="load")
    assert page.get_by_text("Scripts are off").count() == 0
    ctx.close()


def yours(b, zone, scripts=True, address="get-help/"):
    """[(href, text)] of the "your country" links, in a browser set to a time zone."""
    ctx = b.context(timezone_id=zone, java_script_enabled=scripts)
    page = ctx.new_page()
    page.goto(b.url(address), wait_until="load")
    links = page.eval_on_selector_all(
        "a.yours", "els => els.map(e => [e.getAttribute('href'), e.textContent])")
    ctx.close()
    return links


@test
def browser_your_country_is_one_tap_from_any_situation_by_the_time_zone():
    b = browser()
    for zone, code, name in (("Africa/Nairobi", "ke", "Kenya"), ("Asia/Kolkata", "in", "India"),
                             ("America/Lima", "pe", "Peru")):
        links = yours(b, zone)
        assert len(links) > 10, links
        for href, text in links:
            assert href.endswith("countries/%s/" % code) and text.endswith("(%s)" % name), \
                (zone, href, text)
    # one tap: a situation's link lands on the country page
    ctx = b.context(timezone_id="Africa/Nairobi")
    page = ctx.new_page()
    page.goto(b.url("get-help/"), wait_until="load")
    page.locator("main a.yours").first.click()
    page.wait_for_url(b.url("countries/ke/"), timeout=5000)
    assert "Kenya" in page.locator("h1").inner_text()
    ctx.close()
    home = yours(b, "Africa/Nairobi", address="")
    assert home and all(h.endswith("countries/ke/") for h, _ in home), home


@test
def browser_your_country_stays_the_list_with_no_match_or_no_scripts():
    b = browser()
    for zone, scripts in (("Etc/UTC", True), ("Africa/Asmera", True), ("Africa/Nairobi", False)):
        links = yours(b, zone, scripts)
        assert links and all("by-country/" in h and "(" not in t for h, t in links), (zone, links[:2])
    # the country page's own "All countries" link is never changed
    ctx = b.context(timezone_id="Africa/Nairobi")
    page = ctx.new_page()
    page.goto(b.url("countries/ke/"), wait_until="load")
    hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("by-country/#find-your-country") for h in hrefs), hrefs
    ctx.close()


@test
def browser_no_script_leave_page_would_not_help():
    # Why there is no /leave/ page with <meta http-equiv="refresh">: Chromium treats a
    # 0-second refresh as a redirect that replaces the leave page's own history entry,
    # not the guide's, so Back still returns to the guide. (A longer delay keeps the
    # leave page in history, and Chrome's Back button skips such a page: its history
    # manipulation intervention. axe-core also fails a delayed refresh.)
    b = browser()
    guide, leave = b.url("guide-test/"), b.url("leave-test/")
    pages = {guide: '<!doctype html><title>Guide</title><a href="%s">Leave</a>' % leave,
             leave: '<!doctype html><meta http-equiv="refresh" content="0; url=%s">'
                    '<title>Leaving</title>' % site.EXIT_URL}
    ctx = b.context(java_script_enabled=False)
    ctx.route(re.compile(re.escape(b.base) + "(guide|leave)-test/"),
              lambda route: route.fulfill(status=200, content_type="text/html",
                                          body=pages[route.request.url]))
    page = ctx.new_page()
    page.goto(guide, wait_until="load")
    page.click("a")
    page.wait_for_url(site.EXIT_URL, timeout=5000)
    history = ctx.new_cdp_session(page).send("Page.getNavigationHistory")
    assert [e["url"] for e in history["entries"]][-2:] == [guide, site.EXIT_URL], history
    page.go_back(wait_until="load")
    assert page.url == guide, page.url
    ctx.close()


@test
def browser_every_page_reads_with_scripts_off():
    b = browser()
    ctx = b.context(java_script_enabled=False)
    page = ctx.new_page()
    for address in b.pages.values():
        page.goto(b.url(address), wait_until="load")
        assert page.locator("main h1").first.is_visible(), address
        assert page.locator("a.exit").is_visible(), address
    ctx.close()


@test
def browser_every_internal_link_resolves():
    b = browser()
    ctx = b.context()
    page = ctx.new_page()
    ids, links = {}, []
    for address in b.pages.values():
        page.goto(b.url(address), wait_until="load")
        ids[page.url.split("#")[0]] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        links += [(address, h) for h in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")]
    broken = []
    for address, href in links:
        if not href.startswith(b.base):
            continue
        target, _, anchor = href.partition("#")
        if target not in ids or (anchor and anchor not in ids[target]):
            broken.append((address, href))
    assert broken == [], broken[:10]
    ctx.close()


AXE_LANES = 3  # pages checked at once, each in its own context (its own renderer process)
AXE_START = ("() => { window.__axe = axe.run(document, {resultTypes: ['violations']}).then("
             "r => r.violations.map(v => v.id + ': ' + v.nodes.length + ' ' + v.nodes.slice(0, 2)"
             ".map(n => n.target.join(' ')).join(', '))); return true; }")


@test
def browser_axe_core_finds_no_violation_on_any_page():
    import axe_playwright_python
    source = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"),
                  encoding="utf-8").read()
    b = browser()
    # Every page, AXE_LANES at a time: while one page's check runs in its renderer, the
    # next page loads in another. axe goes in through the DevTools protocol (an init
    # script), so the page's policy stays as it is.
    lanes = []
    for _ in range(AXE_LANES):
        ctx = b.context()
        ctx.add_init_script(source)
        lanes.append((ctx, ctx.new_page()))
    addresses = list(b.pages.values())
    found, checked = {}, 0
    for at in range(0, len(addresses), AXE_LANES):
        batch = list(zip(addresses[at:at + AXE_LANES], lanes))
        for address, (_, page) in batch:
            page.goto(b.url(address), wait_until="load")
            page.evaluate(AXE_START)
        for address, (_, page) in batch:
            result = page.evaluate("() => window.__axe")
            checked += 1
            if result:
                found[address or "/"] = result
    # The same way finds a link with no name on a page made to have one.
    ctx, page = lanes[0]
    bad = b.url("axe-test/")
    ctx.route(bad, lambda route: route.fulfill(status=200, content_type="text/html", body=(
        '<!doctype html><html lang="en"><title>t</title><main><a href="x"></a></main>')))
    page.goto(bad, wait_until="load")
    page.evaluate(AXE_START)
    caught = page.evaluate("() => window.__axe")
    for ctx, _ in lanes:
        ctx.close()
    assert checked == len(addresses) and found == {}, found
    assert any(v.startswith("link-name") for v in caught), caught


@test
def browser_emergency_and_crisis_lines_are_on_the_first_phone_screen():
    b = browser()
    ctx = b.context()
    page = ctx.new_page()
    for address in ("", "get-help/"):
        page.goto(b.url(address), wait_until="load")
        for phrase in ("in danger right now", "hurting yourself"):
            box = page.locator("main p", has_text=phrase).first.bounding_box()
            assert box and box["y"] + box["height"] <= PHONE["height"], (address, phrase, box)
    ctx.close()


@test
def browser_country_page_prints_on_one_sheet():
    b = browser()
    ctx = b.context(is_mobile=False, has_touch=False, viewport={"width": 800, "height": 1000})
    page = ctx.new_page()
    page.goto(b.url("countries/zz/"), wait_until="load")
    pdf = page.pdf(format="A4")
    sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    ctx.close()
    assert sheets == 1, sheets


def screenshots(folder):
    b = browser()
    ctx = b.context(device_scale_factor=1)
    page = ctx.new_page()
    os.makedirs(folder, exist_ok=True)
    for name, address in (("home", ""), ("get-help", "get-help/"), ("country", "countries/zz/"),
                          ("by-country", "by-country/")):
        page.goto(b.url(address), wait_until="load")
        page.screenshot(path=os.path.join(folder, name + ".png"))
    ctx.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-k", help="run only tests whose name holds this")
    parser.add_argument("--shots", help="also save phone-size screenshots into this folder")
    args = parser.parse_args(argv)
    passed = failed = 0
    started = time.perf_counter()
    try:
        for fn in TESTS:
            if args.k and args.k not in fn.__name__:
                continue
            t = time.perf_counter()
            try:
                fn()
            except Exception:  # noqa: BLE001 - a test runner reports every failure
                failed += 1
                print("FAIL %s" % fn.__name__)
                traceback.print_exc(limit=3, file=sys.stdout)
            else:
                passed += 1
                print("ok   %s (%.1f s)" % (fn.__name__, time.perf_counter() - t))
        if args.shots:
            screenshots(args.shots)
    finally:
        if browser.cache_info().currsize:
            browser().close()
    print("test_site: %.1f s" % (time.perf_counter() - started))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
