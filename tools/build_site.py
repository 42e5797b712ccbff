#!/usr/bin/env python3
"""Build the guide as a small static site, from the same Markdown pages.

Build and serve it on this computer:   bash .ci/run site
Build only:    python -I -B tools/build_site.py [--root DIR] [--out DIR]

Every tracked reader page becomes one HTML page at a short address:
    README.md                 /                  (the home page)
    guide/get-help.md         /get-help/
    guide/countries/br.md     /countries/br/     (any guide/<path>.md: /<path>/)
    SOURCES.md                /sources/
    CONTRIBUTING.md           /contributing/
    LICENSE                   /license/          (plain text, shown as paragraphs)
Pages are rendered with cmark-gfm and the options of tools/check_guide.py (GitHub's
extensions, source positions), but without raw HTML: the check allows none, and the
site never passes any through. The frame (site/page.html, a Jinja2 template) adds
the quick exit, a line on browsing privately and the navigation; site/style.css and
site/exit.js are put into each page, so a page is one request, and the page's
Content-Security-Policy allows exactly those two (by their sha256) and nothing else.

First paint on a slow phone: the head holds only the style (minified); the quick-exit
script sits in <main> right after the safety header (tools/safety-header.md, the blocks
after the H1), or right after the H1 on a page without it. Chromium's parser stops at a
script and paints what it has, so the first screen (quick exit, title, emergency line)
shows before the rest of the page is read and laid out.

Links between pages are rewritten to the site's addresses (relative, so the site
works under any folder, as on GitHub Pages); a heading gets the id GitHub gives it;
every phone number that the contact register (tools/contact-facts.txt) knows becomes
a tel: link, and a number to text an sms: link, with the visible number unchanged.

"Your country" in one tap: on every page but the country pages and the list, the links
to the list of countries (by-country.md#find-your-country, and "Your country" in the
navigation) get class="yours", and site/country.js, at the end of <main>, points them at
the country whose time zone the device is set to, when exactly one country with a page
has that zone (tzdata's zone.tab, and its older names from tzdata.zi). The guess is
made on the device; nothing is sent or stored.
"""
import argparse
import base64
import hashlib
import html
import html.parser
import importlib.util
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys

try:
    import cmarkgfm
    from cmarkgfm.cmark import Options as CmarkOptions
    import jinja2
except ImportError as missing:  # pragma: no cover - depends on the machine
    sys.exit("build_site: the package %r is missing. Build the site with: bash .ci/run site"
             % missing.name)

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_tool(name):
    """A module of tools/ by its path (Python runs isolated: tools/ is not on sys.path)."""
    spec = importlib.util.spec_from_file_location("guide_" + name, os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# What the site reuses from the check (tools/check_guide.py), by name, so that the site,
# the check and GitHub read the same Markdown the same way:
#   RENDER_OPTIONS   cmark-gfm's options          slug()          GitHub's heading ids
#   find_numbers()   phone numbers in text         number_key()    a number's digits
_check = _load_tool("check_guide")
RENDER_OPTIONS = _check.RENDER_OPTIONS
slug = _check.slug
find_numbers = _check.find_numbers
number_key = _check.number_key

SITE_DIR = "site"
TEMPLATE = "page.html"
STYLE = "style.css"
SCRIPT = "exit.js"
GUESS_SCRIPT = "country.js"
COUNTRY_LIST = "guide/by-country.md"
COUNTRY_ANCHOR = "find-your-country"
COUNTRY_PAGE = re.compile(r"guide/countries/([a-z]{2})\.md")
FACTS_PATH = "tools/contact-facts.txt"
HEADER_PATH = "tools/safety-header.md"
TOP_PAGES = {"README.md": "", "SOURCES.md": "sources/", "CONTRIBUTING.md": "contributing/",
             "LICENSE": "license/"}
GUIDE_PAGE = re.compile(r"guide/((?:[a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*)\.md")

# The quick exit opens a search page: it looks like any other moment of the day in
# every country, and shows nothing about why the person was here. location.replace()
# takes this site's page out of the tab's history, so Back does not return to it.
EXIT_URL = "https://www.google.com/"
# The line on browsing privately links to this official page (its host is on
# tools/official-addresses.txt, and SOURCES.md names its organisation).
PRIVATE_URL = "https://victimandwitnessinformation.org.uk/online-safety"

BLOCK_TAGS = set("p li td th dt dd h1 h2 h3 h4 h5 h6 blockquote".split())
NO_LINK_TAGS = set("a code pre h1 h2 h3 h4 h5 h6".split())
VOID_TAGS = set("area base br col embed hr img input link meta param source track wbr".split())
TEXT_CUE = re.compile(r"\b(?:(call|phone|ring|dial)(?:\s+or\s+(text))?|(text|sms)(?:\s+or\s+(call))?)\b",
                      re.I)
SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
KEYPAD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")


class SiteError(Exception):
    pass


# --- Which pages, at which addresses -------------------------------------------------
def tracked_files(root):
    """Files git tracks under root (or, outside git, every file but .git's)."""
    if os.path.exists(os.path.join(root, ".git")):
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        try:
            out = subprocess.run(["git", "-C", root, "ls-files", "-z"], check=True,
                                 capture_output=True, timeout=30, env=env).stdout
            return sorted(p for p in out.decode("utf-8", "surrogateescape").split("\0")
                          if p and os.path.isfile(os.path.join(root, p)))
        except (OSError, subprocess.SubprocessError):
            pass
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        found += [os.path.relpath(os.path.join(folder, n), root).replace(os.sep, "/")
                  for n in names]
    return sorted(found)


def address_of(path):
    """The site address (relative to the site's root, '' for the home page) of a
    source file, or None when the file is not a page of the site."""
    if path in TOP_PAGES:
        return TOP_PAGES[path]
    m = GUIDE_PAGE.fullmatch(path)
    return m.group(1) + "/" if m else None


def site_pages(files):
    """{source path: address} for every reader page among files."""
    pages, taken = {}, {}
    for path in files:
        address = address_of(path)
        if address is None:
            continue
        if address in taken:
            raise SiteError("%s and %s would both be at /%s" % (taken[address], path, address))
        taken[address] = path
        pages[path] = address
    if "README.md" not in pages:
        raise SiteError("README.md (the home page) is not tracked")
    return pages


def relative(from_address, to_address):
    """Relative link from one site address (a folder) to another."""
    rel = posixpath.relpath("/" + to_address, "/" + from_address)
    rel = "" if rel == "." else rel
    return (rel + "/" if rel and not rel.endswith("/") else rel) or "./"


# --- The contact register --------------------------------------------------------------
def load_register(root):
    """Numbers of tools/contact-facts.txt by number_key (either format: 3 or 5 columns)."""
    known = set()
    path = os.path.join(root, FACTS_PATH)
    if not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.lstrip().startswith("#") and "|" in line:
                known.add(number_key(line.split("|", 1)[0]))
    return known


def dial(number):
    """A tel:/sms: target: digits and a leading +, letters as on a keypad."""
    key = number_key(number).translate(KEYPAD)
    return ("+" if key.startswith("+") else "") + re.sub(r"\D", "", key)


# --- Rewriting the rendered HTML --------------------------------------------------------
class _Tokens(html.parser.HTMLParser):
    """cmark-gfm's HTML as a list of tokens: ['start', tag, attrs] ['end', tag] ['text', s]."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tokens = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tokens.append(["start", tag, attrs])

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(["start", tag, attrs])

    def handle_endtag(self, tag):
        self.tokens.append(["end", tag])

    def handle_data(self, data):
        self.tokens.append(["text", data])

    def handle_comment(self, data):
        pass  # raw HTML is never rendered; cmark leaves only "raw HTML omitted" comments


def _serialize(tokens):
    out = []
    for token in tokens:
        if token[0] == "start":
            # data-sourcepos (source lines, for the check) is left out: a phone need not load it
            attrs = "".join(' %s="%s"' % (k, html.escape(v or "", quote=True)) if v is not None
                            else " " + k for k, v in token[2] if k != "data-sourcepos")
            out.append("<%s%s>" % (token[1], attrs))
        elif token[0] == "end":
            out.append("</%s>" % token[1])
        elif token[0] == "text":
            out.append(html.escape(token[1], quote=False))
        else:  # ["links", [(text, href or None, aria-label or None), ...]]
            for text, href, label in token[1]:
                if href:
                    extra = ' aria-label="%s"' % html.escape(label) if label else ""
                    out.append('<a href="%s"%s>%s</a>' % (html.escape(href), extra,
                                                         html.escape(text, quote=False)))
                else:
                    out.append(html.escape(text, quote=False))
    return "".join(out)


def squash(text):
    """Words only, for comparing a page's blocks with the safety header's."""
    return re.sub(r"\s+", " ", text).strip().lower()


def header_blocks(markdown):
    """The safety header's blocks as plain words (links and emphasis taken out)."""
    blocks = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        if block.strip():
            block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
            blocks.append(squash(re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", "", block)))
    return blocks


def minify_css(css):
    """Comments out and spaces squeezed; strings are left as they are."""
    parts = re.split(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')", css)
    for i in range(0, len(parts), 2):
        text = re.sub(r"/\*.*?\*/", "", parts[i], flags=re.S)
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"\s*([{};,>])\s*", r"\1", text)
        parts[i] = re.sub(r":\s+", ":", text).replace(";}", "}")
    return "".join(parts).strip()


def minify_js(js):
    """Whole-line comments and indentation out (the script has no multi-line strings)."""
    lines = (line.strip() for line in js.split("\n"))
    return "\n".join(line for line in lines if line and not line.startswith("//"))


class Page:
    def __init__(self, path, address, title, top, rest):
        self.path, self.address, self.title = path, address, title
        self.top, self.rest = top, rest  # <main> before and after the quick-exit script
        self.body = top + rest


class Builder:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.files = tracked_files(self.root)
        self.pages = site_pages(self.files)
        self.register = load_register(self.root)
        header = os.path.join(self.root, HEADER_PATH)
        self.header = header_blocks(self.source(HEADER_PATH)) if os.path.isfile(header) else []
        self.dropped = []  # (page, target) of links to files that are no page of the site
        self.countries = {m.group(1): path for path in self.pages
                          for m in [COUNTRY_PAGE.fullmatch(path)] if m}

    def source(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as f:
            return f.read().replace("\r\n", "\n")

    def render(self, path):
        text = self.source(path)
        if path == "LICENSE":  # plain text: each paragraph as written, addresses as links
            text = "# Licence\n\n" + text
        return cmarkgfm.github_flavored_markdown_to_html(text, options=RENDER_OPTIONS)

    def guesses(self, path):
        """Whether a page's links to the country list may go to the reader's country:
        not on the list itself, nor on a country page (its "All countries" link must
        stay the list), and only when the site has country pages."""
        return bool(self.countries) and path != COUNTRY_LIST and \
            COUNTRY_PAGE.fullmatch(path) is None

    def build_page(self, path):
        address = self.pages[path]
        tokens = _Tokens(self.render(path)).tokens
        self.add_heading_ids(tokens)
        self.rewrite_links(path, address, tokens)
        self.link_numbers(tokens)
        title = next((self.heading_text(tokens, i) for i, t in enumerate(tokens)
                      if t[0] == "start" and t[1] == "h1"), path)
        cut = self.after_header(tokens)
        return Page(path, address, title, _serialize(tokens[:cut]), _serialize(tokens[cut:]))

    def after_header(self, tokens):
        """Where the quick-exit script goes (a token index): after the safety header's
        blocks when they are the first blocks after the H1, else right after the H1
        (at the start with no H1 at the top level)."""
        blocks, depth, start = [], 0, None  # blocks: [tag, text, index after its end]
        for i, token in enumerate(tokens):
            if token[0] == "start" and token[1] not in VOID_TAGS:
                if depth == 0:
                    blocks.append([token[1], [], None])
                depth += 1
            elif token[0] == "end" and depth:
                depth -= 1
                if depth == 0:
                    blocks[-1][2] = i + 1
            elif depth:
                blocks[-1][1].append(token[1] if token[0] == "text" else
                                     "".join(text for text, _, _ in token[1]))
        h1 = next((n for n, block in enumerate(blocks) if block[0] == "h1"), None)
        if h1 is None or blocks[h1][2] is None:
            return 0
        after = blocks[h1 + 1:h1 + 1 + len(self.header)]
        if self.header and [squash("".join(b[1])) for b in after] == self.header and \
                after[-1][2] is not None:
            return after[-1][2]
        return blocks[h1][2]

    @staticmethod
    def heading_text(tokens, i):
        depth, text = 0, []
        for token in tokens[i:]:
            if token[0] == "start":
                depth += 1
            elif token[0] == "end":
                depth -= 1
                if depth == 0:
                    break
            elif token[0] == "text":
                text.append(token[1])
        return re.sub(r"\s+", " ", "".join(text)).strip()

    def add_heading_ids(self, tokens):
        """The ids GitHub gives headings (same loop as github-slugger), so #anchors work."""
        seen = {}
        for i, token in enumerate(tokens):
            if token[0] == "start" and re.fullmatch(r"h[1-6]", token[1]):
                base = anchor = slug(self.heading_text(tokens, i))
                while anchor in seen:
                    seen[base] += 1
                    anchor = "%s-%d" % (base, seen[base])
                seen[anchor] = 0
                if anchor:
                    token[2] = [("id", anchor)] + [(k, v) for k, v in token[2] if k != "id"]

    def rewrite_links(self, path, address, tokens):
        """Links between pages go to the pages' site addresses; a link to a file that is no
        page of the site keeps its words and loses its link."""
        depth = None
        for i, token in enumerate(tokens):
            if token[0] != "start" or token[1] != "a":
                continue
            attrs = dict(token[2])
            href = attrs.get("href") or ""
            if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//|#", href) or not href:
                continue
            base, hash_, anchor = href.partition("#")
            base = base.split("?", 1)[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), base))
            if target in self.pages:
                new = relative(address, self.pages[target]) + (hash_ + anchor)
                token[2] = [(k, new if k == "href" else v) for k, v in token[2]]
                if target == COUNTRY_LIST and anchor == COUNTRY_ANCHOR and self.guesses(path):
                    token[2].append(("class", "yours"))
            else:
                self.dropped.append((path, href))
                token[0] = "drop-start"
                depth = 0
                for j in range(i + 1, len(tokens)):  # its matching </a>
                    if tokens[j][0] == "start" and tokens[j][1] == "a":
                        depth += 1
                    elif tokens[j][0] == "end" and tokens[j][1] == "a":
                        if depth == 0:
                            tokens[j][0] = "drop-end"
                            break
                        depth -= 1
        tokens[:] = [t for t in tokens if t[0] not in ("drop-start", "drop-end")]

    def link_numbers(self, tokens):
        """Registered phone numbers become tel: links, numbers to text sms: links. After
        "call or text", the number calls and the word "text" texts it."""
        stack, blocks = [], []  # blocks: [[(token index, offset)], text]
        current = []
        for i, token in enumerate(tokens):
            if token[0] == "start" and token[1] not in VOID_TAGS:
                stack.append(token[1])
                if token[1] in BLOCK_TAGS:
                    current.append([[], ""])
                    blocks.append(current[-1])
            elif token[0] == "end":
                if token[1] in stack:
                    while stack and stack.pop() != token[1]:
                        pass
                    if token[1] in BLOCK_TAGS and current:
                        current.pop()
            elif token[0] == "text" and current and not (set(stack) & NO_LINK_TAGS):
                block = current[-1]
                block[0].append((i, len(block[1])))
                block[1] += token[1]
            elif token[0] == "text" and current:
                current[-1][1] += " " * len(token[1])  # keeps offsets; never linked
        wraps = {}  # token index -> [(start, end, href, label)]
        for nodes, text in blocks:
            for a, b, number in find_numbers(text):
                if number_key(number) not in self.register:
                    continue
                kind, cue = self.kind_of(text, a)
                spans = [(a, b, ("sms:" if kind == "sms" else "tel:") + dial(number), None)]
                if cue:
                    spans.append((cue[0], cue[1], "sms:" + dial(number),
                                  "%s %s" % (text[cue[0]:cue[1]], number)))
                for s, e, href, label in spans:
                    for k, (index, offset) in enumerate(nodes):
                        end = offset + len(tokens[index][1])
                        if offset <= s and e <= end:
                            wraps.setdefault(index, []).append((s - offset, e - offset, href, label))
                            break
        for index, spans in wraps.items():
            text, parts, at = tokens[index][1], [], 0
            for s, e, href, label in sorted(set(spans)):
                if s < at:
                    continue
                parts += [(text[at:s], None, None), (text[s:e], href, label)]
                at = e
            parts.append((text[at:], None, None))
            tokens[index] = ["links", [p for p in parts if p[0]]]

    @staticmethod
    def kind_of(text, start):
        """('tel' or 'sms', span of a "text" word to link as well) for the number at start:
        by the last call/text word before it in the same sentence."""
        begin = 0
        for m in SENTENCE_END.finditer(text, 0, start):
            begin = m.end()
        cues = list(TEXT_CUE.finditer(text, begin, start))
        if not cues:
            return "tel", None
        m = cues[-1]
        if m.group(1):  # call / call or text
            return "tel", m.span(2) if m.group(2) else None
        if m.group(4):  # text or call
            return "tel", m.span(3)
        return "sms", None

    # --- The frame -----------------------------------------------------------------
    def write(self, out):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(self.root, SITE_DIR)),
                                 autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                 undefined=jinja2.StrictUndefined)
        template = env.get_template(TEMPLATE)
        style = minify_css(self.source(posixpath.join(SITE_DIR, STYLE)))
        script = minify_js(self.source(posixpath.join(SITE_DIR, SCRIPT)))
        script = script.replace("__EXIT_URL__", EXIT_URL)
        guess = self.guess_script()
        csp = ("default-src 'none'; style-src '%s'; script-src %s; img-src 'none'; "
               "connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; "
               "frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
               "form-action 'none'; base-uri 'none'" % (
                   sha256_source(style),
                   " ".join("'%s'" % sha256_source(s) for s in (script, guess) if s)))
        if os.path.isdir(out):
            shutil.rmtree(out)
        os.makedirs(out)
        built = []
        for path in sorted(self.pages, key=lambda p: (self.pages[p].count("/"), self.pages[p])):
            page = self.build_page(path)
            home = relative(page.address, "")
            html_text = template.render(
                title=page.title, top=jinja2.filters.Markup(page.top),
                rest=jinja2.filters.Markup(page.rest), home=home,
                help=relative(page.address, self.pages["guide/get-help.md"])
                if "guide/get-help.md" in self.pages else None,
                countries=relative(page.address, self.pages["guide/by-country.md"])
                if "guide/by-country.md" in self.pages else None,
                style=jinja2.filters.Markup(style), script=jinja2.filters.Markup(script),
                guess=jinja2.filters.Markup(guess) if guess and self.guesses(path) else None,
                csp=jinja2.filters.Markup(html.escape(csp, quote=False).replace('"', "&quot;")), exit_url=EXIT_URL, private_url=PRIVATE_URL, source=path,
                is_home=page.address == "")
            folder = os.path.join(out, page.address)
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as f:
                f.write(html_text)
            built.append(page)
        return built


    def guess_script(self):
        """site/country.js with the time zones and names of the countries that have a
        page ("" when the site has no country pages or no such script)."""
        if not self.countries or not os.path.isfile(os.path.join(self.root, SITE_DIR, GUESS_SCRIPT)):
            return ""
        names = {}
        for code, path in sorted(self.countries.items()):
            first = self.source(path).split("\n", 1)[0]
            names[code] = first[2:].strip() if first.startswith("# ") else code.upper()
        zones = zone_countries(set(names))
        compact = lambda data: json.dumps(data, ensure_ascii=False, sort_keys=True,
                                          separators=(",", ":")).replace("</", "<\\/")
        script = minify_js(self.source(posixpath.join(SITE_DIR, GUESS_SCRIPT)))
        return script.replace("__ZONES__", compact(zones)).replace("__NAMES__", compact(names))


def zone_countries(codes):
    """{IANA time zone: country code} for the lower-case ISO codes given, from the pinned
    tzdata package: every zone of zone.tab, and every older or other name (a link in
    tzdata.zi, such as Asia/Calcutta for Asia/Kolkata) whose zone serves exactly one of
    those countries. A name shared by several (Africa/Asmera ends at Africa/Nairobi, which
    Kenya, Uganda, Eritrea and others use) and names such as UTC give no guess."""
    import importlib.resources
    base = importlib.resources.files("tzdata").joinpath("zoneinfo")
    listed = {}
    for line in base.joinpath("zone.tab").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            country, _, zone = line.split("\t")[:3]
            listed[zone] = country.lower()
    links = {}
    for line in base.joinpath("tzdata.zi").read_text(encoding="utf-8").splitlines():
        if line.startswith("L "):
            _, target, name = line.split()[:3]
            links[name] = target

    def final(zone):
        seen = set()
        while zone in links and zone not in seen:
            seen.add(zone)
            zone = links[zone]
        return zone

    served = {}  # final zone -> the countries (with a page) whose listed zones end there
    for zone, country in listed.items():
        if country in codes:
            served.setdefault(final(zone), set()).add(country)
    found = {zone: country for zone, country in listed.items() if country in codes}
    for name in links:
        countries = served.get(final(name), set())
        if name not in listed and len(countries) == 1:
            found[name] = next(iter(countries))
    return found


def sha256_source(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def build(root, out):
    builder = Builder(root)
    pages = builder.write(out)
    return builder, pages


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the guide as a static site.")
    default_root = os.path.dirname(HERE)
    parser.add_argument("--root", default=default_root, help="guide repository")
    parser.add_argument("--out", help="output folder (default: ROOT/_site, which git ignores)")
    args = parser.parse_args(argv)
    out = args.out or os.path.join(args.root, "_site")
    try:
        builder, pages = build(args.root, out)
    except (SiteError, OSError, jinja2.TemplateError) as e:
        print("build_site: %s" % e, file=sys.stderr)
        return 1
    for path, target in builder.dropped:
        print("build_site: note: %s links to %s, which is no page of the site: "
              "its words are kept without the link" % (path, target))
    print("build_site: %d page(s) built into %s" % (len(pages), out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
