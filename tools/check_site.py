#!/usr/bin/env python3
"""Check the built site as a reader gets it: every page, its links, numbers and dates.

Run by .ci/run (after the Markdown check), or by hand:
    python -I -B tools/check_site.py [--root DIR] [--site DIR] [--today YYYY-MM-DD]
Without --site, the site is built into a temporary folder first.

Each built page must:
  - come from a source file: a page with no source fails, as does a source page
    that was not built;
  - link only to official addresses (tools/official-addresses.txt, with the check's own
    rules), to pages and headings of the site, to numbers of the contact register
    (tel:, sms:), or to the quick exit's neutral page;
  - load nothing: no script, style, image, frame or font from a file or another host,
    only the frame's inline style and scripts (the quick exit, and "your country" on
    pages that have it), which the Content-Security-Policy names by hash; the policy
    starts with default-src 'none';
  - show every phone or text number it holds as one the register knows;
  - show the lines tools/required-lines.txt asks for, and the blocks of
    tools/safety-header.md (its words), before the page's first section;
  - say when its facts were checked (as the check asks of the Markdown), not 12
    months ago or more.
Prints `page: reason` for each problem and a summary line; exit status 1 on a problem.
"""
import argparse
import datetime
import html.parser
import importlib.util
import os
import re
import sys
import tempfile
from urllib.parse import unquote

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_tool(name):
    spec = importlib.util.spec_from_file_location("site_" + name, os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site = _load_tool("build_site")
# What this check reuses from tools/check_guide.py, by name (the lead may re-point these):
#   Checker(root): .list_files(), .read_text(path), .load_list(), .load_facts(),
#                  .url_reasons(url, in_sources), .facts (number keys of the register)
#   find_numbers(), number_key(), DATE_RE, CHECKED_RE, parse_date(), add_months(),
#   DATE_EXEMPT, REQUIRED_PATH, FACTS_PATH, LIST_PATH, SOURCES
guide = site._check

HEADER_PATH = "tools/safety-header.md"
NO_DATE_NEEDED = set(guide.DATE_EXEMPT) | {"LICENSE"}
LOADING = {"script": "src", "img": "src", "iframe": "src", "frame": "src", "embed": "src",
           "object": "data", "audio": "src", "video": "src", "source": "src", "track": "src",
           "input": "src", "image": "href", "use": "href"}


class SitePage(html.parser.HTMLParser):
    """What one built page holds: links, loaded things, ids, visible text of <main>."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.links, self.loads, self.ids, self.metas = [], [], set(), []
        self.main, self.main_until_h2, self.inline = [], None, []
        self.stack = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        named = {k: (v or "") for k, v in attrs}
        if named.get("id"):
            self.ids.add(named["id"])
        if tag == "a" and "href" in named:
            self.links.append(named["href"])
        if tag in LOADING and named.get(LOADING[tag]):
            self.loads.append("<%s %s=%s>" % (tag, LOADING[tag], named[LOADING[tag]]))
        if tag == "link" and named.get("href") and named.get("href") != "data:,":
            self.loads.append("<link href=%s>" % named["href"])
        if "style" in named:
            self.loads.append("<%s style=...> (inline style attribute)" % tag)
        if tag == "meta":
            self.metas.append(named)
        if tag == "h2" and "main" in self.stack and self.main_until_h2 is None:
            self.main_until_h2 = "".join(self.main)
        if tag in ("script", "style"):
            self.inline.append(tag)
        if tag not in site.VOID_TAGS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"):
            if "main" in self.stack:
                self.main.append("\n")

    def handle_data(self, data):
        if "main" in self.stack:
            self.main.append(data)

    def text(self):
        return "".join(self.main)

    def top(self):
        return self.main_until_h2 if self.main_until_h2 is not None else self.text()


def squash(text):
    return re.sub(r"\s+", " ", text).strip().lower()


class SiteChecker:
    def __init__(self, root, site_dir, today=None):
        self.root, self.site_dir = os.path.abspath(root), site_dir
        self.today = today or datetime.date.today()
        self.problems = []
        self.checker = guide.Checker(self.root, self.today)
        files, _ = self.checker.list_files()
        self.checker.files = set(files)
        self.checker.texts = {}
        for path in (guide.LIST_PATH, guide.FACTS_PATH, guide.SOURCES, guide.REQUIRED_PATH,
                     HEADER_PATH):
            if os.path.isfile(os.path.join(self.root, path)):
                text = self.checker.read_text(path)
                if text is not None:
                    self.checker.texts[path] = text
        self.checker.load_list()
        self.checker.load_facts()
        self.pages = site.site_pages(site.tracked_files(self.root))  # source -> address

    def add(self, where, reason):
        self.problems.append((where, reason))

    def built_files(self):
        found = {}
        for folder, _, names in os.walk(self.site_dir):
            for name in names:
                rel = os.path.relpath(os.path.join(folder, name), self.site_dir).replace(os.sep, "/")
                found[rel] = os.path.join(folder, name)
        return found

    def run(self):
        built = self.built_files()
        by_file = {address + "index.html": path for path, address in self.pages.items()}
        parsed = {}
        for rel, full in sorted(built.items()):
            if rel not in by_file:
                self.add(rel, "built file comes from no source file of the guide")
                continue
            with open(full, encoding="utf-8") as f:
                parsed[rel] = SitePage(f.read())
        for rel, source in sorted(by_file.items()):
            if rel not in built:
                self.add(rel, "%s was not built" % source)
        ids = {rel[:-len("index.html")]: page.ids for rel, page in parsed.items()}
        for rel, page in sorted(parsed.items()):
            self.check_page(rel, by_file[rel], page, ids)
        self.check_required(parsed, by_file)
        return self.problems

    def check_page(self, rel, source, page, ids):
        address = rel[:-len("index.html")]
        csp = [m.get("content", "") for m in page.metas
               if m.get("http-equiv", "").lower() == "content-security-policy"]
        if not csp or not csp[0].startswith("default-src 'none'"):
            self.add(rel, "no Content-Security-Policy starting with default-src 'none'")
        for thing in page.loads:
            self.add(rel, "page loads %s: pages load nothing but themselves" % thing)
        if page.inline.count("script") > 2 or page.inline.count("style") > 1:
            self.add(rel, "more than the frame's inline scripts (2) or style (1)")
        in_sources = source == guide.SOURCES
        for href in page.links:
            self.check_link(rel, address, href, in_sources, ids)
        text = page.text()
        for _, _, number in guide.find_numbers(text):
            if guide.number_key(number) not in self.checker.facts:
                self.add(rel, "number %s is not in the contact register" % number)
        if source not in NO_DATE_NEEDED:
            self.check_dates(rel, text)

    def check_link(self, rel, address, href, in_sources, ids):
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
        if href == site.EXIT_URL:
            return
        if scheme and scheme.group(1).lower() in ("tel", "sms"):
            number = href.split(":", 1)[1].split("?")[0]
            known = {site.dial(key) for key in self.checker.facts}
            if number not in known:
                self.add(rel, "link %s: not a number of the contact register" % href)
            return
        if scheme or href.startswith("//"):
            for reason in self.checker.url_reasons(href, in_sources):
                self.add(rel, "link %s: %s" % (href, reason))
            return
        base, _, anchor = href.partition("#")
        target = os.path.normpath(os.path.join("/" + address, base)).replace(os.sep, "/")
        target = target.lstrip("/")
        target = target + "/" if target and not target.endswith("/") else target
        if base and target not in ids:
            return self.add(rel, "link %s: no such page in the site" % href)
        if anchor and unquote(anchor) not in ids.get(target if base else address, set()):
            self.add(rel, "link %s: no such heading" % href)

    def check_dates(self, rel, text):
        found = False
        for m in guide.CHECKED_RE.finditer(text):
            date = guide.DATE_RE.search(text, m.end())
            if not date or date.start() - m.end() > 60:
                continue
            day = guide.parse_date(date)
            if not day:
                continue
            found = True
            if guide.add_months(day, 12) <= self.today:
                self.add(rel, "facts were checked on %s, 12 months ago or more" % day)
        if not found:
            self.add(rel, "page does not say when its facts were checked")

    def check_required(self, parsed, by_file):
        address_of = {source: rel for rel, source in by_file.items()}
        text = self.checker.texts.get(guide.REQUIRED_PATH, "")
        for line in text.split("\n"):
            if not line.strip() or line.lstrip().startswith("#") or line.count("|") != 1:
                continue
            page, phrase = (p.strip() for p in line.split("|"))
            rel = address_of.get(page)
            if rel not in parsed:
                continue  # the Markdown check reports a page that does not exist
            if squash(phrase) not in squash(parsed[rel].text()):
                self.add(rel, 'required line "%s" is not on the built page' % phrase)
        # The safety header's blocks, in words, before the first section of each page
        # whose source holds them.
        header = self.checker.texts.get(HEADER_PATH)
        if not header:
            return
        blocks = [squash(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"[*_]", "", b)))
                  for b in re.split(r"\n\s*\n", header) if b.strip()]
        for rel, page in parsed.items():
            source = by_file[rel]
            with open(os.path.join(self.root, source), encoding="utf-8") as f:
                holds = squash(f.read().replace("*", ""))
            top = squash(page.top())
            for block in blocks:
                first = block.split("?")[0].split(".")[0]
                if first and first in holds and first not in top:
                    self.add(rel, 'safety line "%s" is not before the first section' % first)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check the built site.")
    parser.add_argument("--root", default=os.path.dirname(HERE))
    parser.add_argument("--site", help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--today", help="YYYY-MM-DD (default: $%s, else today)" % guide.TODAY_ENV)
    args = parser.parse_args(argv)
    today = args.today or os.environ.get(guide.TODAY_ENV)
    today = datetime.date.fromisoformat(today) if today else None
    with tempfile.TemporaryDirectory(prefix="guide-site-") as tmp:
        folder = args.site
        if not folder:
            folder = os.path.join(tmp, "site")
            try:
                site.build(args.root, folder)
            except site.SiteError as e:
                print("check_site: the site does not build: %s" % e)
                return 1
        checker = SiteChecker(args.root, folder, today)
        problems = checker.run()
        count = len(checker.built_files())
    for where, reason in problems:
        print("site/%s: %s" % (where, reason))
    if problems:
        print("check_site: %d problem(s) in the built site (%d file(s))" % (len(problems), count))
        return 1
    print("check_site: OK, %d built page(s) checked, no problems" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
