"""Job 2 of the check: the pinned safety header (issue 19).

tools/safety-header.md holds the blocks every reader-facing page shows right
after its H1 title: the emergency line, the crisis line and the "never save"
line. Its links are written relative to the repository root; on a page they
are rewritten relative to that page. The check renders each page with
cmark-gfm and requires the header's blocks, word for word and unformatted, to
be the first blocks after the H1. Every number in the header must be in the
contact register for the country named beside it and the right kind
(emergency for the danger line, crisis for the suicide line).

Reader-facing pages: README.md, CONTRIBUTING.md, every guide/**/*.md
(guide/countries/*.md too) and any folder's README.md.

Stamp or refresh the header into pages:
    python -I -B tools/check_header.py --write [PAGE ...]   (default: every page)
From another generator (tools/ is not on sys.path; load the module by file):
    header = check_header.load_header(root)
    text = check_header.stamp(text, "guide/countries/ke.md", header)
"""
import argparse
import os
import posixpath
import re
import sys

import cmarkgfm

HEADER_PATH = "tools/safety-header.md"
# Country pages (guide/countries/xx.md) show the same three lines with the country's
# own numbers, taken from its data file: the emergency numbers, and a crisis line to
# call where one is known. A country with no emergency number read on an official page
# says so and sends the reader to the police.
COUNTRY_HEADER_PATH = "tools/safety-header-country.md"
COUNTRY_PAGE = re.compile(r"guide/countries/([a-z]{2})\.md$")
# routes that do not belong on the danger line or the suicide line
NOT_URGENT = re.compile(r"non-urgent|municipal", re.I)
# a number with no label, or a label like these, reaches the police or every service;
# where the header has none (only an ambulance or fire line), it adds the police station
GENERAL = re.compile(r"polic|polizei|gendarm|crime|emergenc|general|unified|single|dispatch|"
                     r"hotline", re.I)
POLICE_STATION = ", or go to a police station"
REPORTS = re.compile(r"\breport", re.I)
NOT_CRISIS = re.compile(r"violence|abuse|women|trafficking", re.I)
NO_NUMBER = ("Call the police, or go to a police station. This guide could not confirm an "
             "emergency number for this country on an official page")
LINK = re.compile(r"\]\(([^()\s]+)\)")
H1 = re.compile(r"# \S")
# leads of header paragraphs (current and earlier wording): stamping replaces these
KNOWN_LEADS = ("**Are you, or is a child, in danger right now?**",
               "**Thinking of suicide, or of hurting yourself?**",
               "**Never save, screenshot or share a sexual image of a child.**")

NOT_FIRST = ("the safety header (" + HEADER_PATH + ") must be the first blocks after the "
             "title, word for word and unformatted: run python tools/check_header.py --write")
NO_TITLE = "page has no # title on its first line: the safety header goes right after it"
HEADER_MISSING = HEADER_PATH + " is missing: every page shows it after its title"
HEADER_NUMBER = ("number {} ({}) in the safety header is not in the contact register "
                 "as {} for {}")
HEADER_NO_COUNTRY = "number {} in the safety header names no country in brackets after it"
COUNTRIES = {"us": "US", "united states": "US", "usa": "US", "canada": "CA", "uk": "GB",
             "united kingdom": "GB", "eu": "EU", "european union": "EU", "australia": "AU",
             "ireland": "IE", "new zealand": "NZ"}


def is_reader_page(path):
    return (path in ("README.md", "CONTRIBUTING.md") or path.endswith("/README.md")
            or (path.startswith("guide/") and path.endswith(".md")))


def load_header(root):
    with open(os.path.join(root, HEADER_PATH), encoding="utf-8") as f:
        return f.read()


def for_page(header, page):
    """The header's Markdown with root-relative links rewritten relative to the page."""
    folder = posixpath.dirname(page)

    def rewrite(m):
        target = m.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:|#|/", target, re.I):
            return m.group(0)
        path, hash_, frag = target.partition("#")
        return "](%s%s%s)" % (posixpath.relpath(path, folder or "."), hash_, frag)
    return LINK.sub(rewrite, header.strip())


def _said(numbers):
    return ", ".join(numbers[:-1]) + " or " + numbers[-1] if len(numbers) > 1 else numbers[0]


def header_routes(routes, kind):
    """The routes a country page's header names: urgent emergency lines; crisis lines
    to call (not text-only, not a line for another need such as violence)."""
    skip = NOT_URGENT if kind == "emergency" else NOT_CRISIS
    found = []
    for r in routes:
        text = r.get("text", "")
        if r.get("kind") != kind or skip.search(text) or not r.get("numbers"):
            continue
        if kind == "crisis" and re.search(r"\btext\b", text, re.I) and \
                not re.search(r"\bcall\b", text, re.I):
            continue  # a line to text only: the list below the header says how
        if all(n.startswith("+") for n in r["numbers"]):
            continue
        found.append(r)
    return found[:4] if kind == "emergency" else found[:2]


def _said_routes(routes):
    """'112 (EU emergency number), 15 (SAMU) or 17 (police)': a route's own label
    where its text is 'NUMBER (label)', else its numbers."""
    parts = []
    for r in routes:
        m = re.match(r"\s*([\d ]+?)\s*\(([^()]+)\)\.?\s*$", r.get("text", ""))
        if m and re.sub(r"\D", "", m.group(1)) in [re.sub(r"\D", "", n) for n in r["numbers"]]:
            parts.append("%s (%s)" % (m.group(1).strip(), m.group(2).strip()))
        else:
            parts.extend(n for n in r["numbers"] if not n.startswith("+"))
    parts = list(dict.fromkeys(parts))
    return _said(parts)


def country_header(template, name, routes):  # name: kept for callers; unused
    """The country page's header: template with the country's own numbers."""
    emergency = header_routes(routes, "emergency")
    crisis = header_routes(routes, "crisis")
    # the page's title names the country: the numbers need no country beside them
    said = "Call %s" % _said_routes(emergency) if emergency else NO_NUMBER
    if not emergency:
        # no emergency number: a child helpline that takes reports is the line to call
        helpline = [r for r in routes if r.get("kind") == "child_helpline" and r.get("numbers")
                    and REPORTS.search(r.get("text", ""))]
        if helpline:
            said += ". Or call the child helpline, %s" % (
                _said([n for n in helpline[0]["numbers"] if not n.startswith("+")][:1]))
    labels = [re.search(r"\(([^()]+)\)", r.get("text", "")) for r in emergency]
    if emergency and not any(m is None or GENERAL.search(m.group(1)) for m in labels):
        said += POLICE_STATION
    elif emergency:
        # readers with a file, a name or a past event asked for a way to the police
        # that is not the emergency line
        said += ". Not urgent? Go to a police station"
    return (template.strip().replace("{emergency}", said)
            .replace("{crisis}", "Call %s. " % _said_routes(crisis) if crisis else ""))


def header_for(root_texts, page, header):
    """The header a page must show: the country variant on a country page."""
    m = COUNTRY_PAGE.match(page)
    template = root_texts.get(COUNTRY_HEADER_PATH)
    data = root_texts.get("data/countries/%s.yaml" % m.group(1)) if m else None
    text = root_texts.get(page, "")
    if not (m and template and data and text.startswith("# ")):
        return header
    import yaml
    try:
        entry = yaml.safe_load(data) or {}
    except yaml.YAMLError:
        return header  # tools/countries.py --check reports the broken file
    if not isinstance(entry, dict):
        return header
    name = text.split("\n", 1)[0][2:].strip()
    return country_header(template, name, entry.get("routes") or [])


def _leads(header):
    return set(KNOWN_LEADS) | {"**%s**" % p.strip().split("**", 2)[1] for p in
                               re.split(r"\n\s*\n", header.strip()) if p.strip().startswith("**")}


def stamp(text, page, header):
    """The page's text with the header right after its H1 title. Paragraphs between
    the title and the first ## heading that start like a header paragraph (old
    stamps or hand-written safety lines) are replaced. Other text is kept."""
    lines = text.split("\n")
    if not lines or not H1.match(lines[0]):
        raise ValueError("%s: %s" % (page, NO_TITLE))
    rest = "\n".join(lines[1:])
    m = re.search(r"(?m)^#{2,6} ", rest)
    intro, tail = (rest[:m.start()], rest[m.start():]) if m else (rest, "")
    leads = _leads(header)
    kept = [p.strip("\n") for p in re.split(r"\n\s*\n", intro)
            if p.strip() and not any(p.strip().startswith(lead) for lead in leads)]
    parts = [lines[0], for_page(header, page)] + kept
    out = "\n\n".join(parts) + "\n"
    if tail:
        out += "\n" + tail
    return out.rstrip("\n") + "\n"


def _resolve_hrefs(html_text, page):
    folder = posixpath.dirname(page)

    def fix(m):
        href = m.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:|#", href, re.I):
            return m.group(0)
        path, hash_, frag = href.partition("#")
        return 'href="/%s%s%s"' % (posixpath.normpath(posixpath.join(folder, path)), hash_, frag)
    return re.sub(r'href="([^"]*)"', fix, html_text)


def page_problems(page, text, header):
    lines = text.split("\n")
    if not lines or not H1.match(lines[0]):
        return [(1, NO_TITLE)]
    want = cmarkgfm.github_flavored_markdown_to_html(lines[0] + "\n\n" + for_page(header, page))
    got = cmarkgfm.github_flavored_markdown_to_html(text)
    if not _resolve_hrefs(got, page).startswith(_resolve_hrefs(want, page)):
        return [(2, NOT_FIRST)]
    return []


def header_number_problems(header, register):
    """Every number in the header is registered for its country and kind."""
    problems = []
    for block in re.split(r"\n\s*\n", header.strip()):
        flat = " ".join(block.split())
        kind = ("emergency" if "danger" in flat.lower() else
                "crisis" if re.search(r"suicide|hurting yourself", flat, re.I) else None)
        for m in re.finditer(r"(?<![\d\w])(\d[\d ]*\d|\d)(?![\d\w])(\s*\(([^)]*)\))?", flat):
            number = m.group(1).strip()
            if len(re.sub(r"\D", "", number)) < 2:
                continue
            if not m.group(3):
                problems.append(HEADER_NO_COUNTRY.format(number))
                continue
            names = [n.strip().lower() for n in re.split(r",|\band\b", m.group(3)) if n.strip()]
            digits = re.sub(r"\D", "", number)
            for name in names:
                iso = COUNTRIES.get(name)
                ok = iso and any(e.digits == digits and e.country == iso and
                                 (kind is None or e.kind == kind) for e in register)
                if not ok:
                    problems.append(HEADER_NUMBER.format(number, name, kind or "any kind",
                                                         iso or name))
    return problems


def check(checker):
    header = checker.texts.get(HEADER_PATH)
    if header is None:
        return checker.add(HEADER_PATH, 1, HEADER_MISSING)
    for path, text in sorted(checker.texts.items()):
        if is_reader_page(path):
            want = header_for(checker.texts, path, header)
            for line, reason in page_problems(path, text, want):
                checker.add(path, line, reason)
    numbers = sys.modules.get("check_numbers")
    if numbers is not None and hasattr(numbers, "parse_register"):
        register, _ = numbers.parse_register(checker.texts.get(numbers.FACTS_PATH, ""))
        for reason in header_number_problems(header, register):
            checker.add(HEADER_PATH, 1, reason)


class _Texts(dict):
    """Files of the repository read on demand, as checker.texts holds them."""
    def __init__(self, root):
        super().__init__()
        self.root = root

    def get(self, path, default=None):
        if path not in self:
            full = os.path.join(self.root, path)
            if not os.path.isfile(full):
                return default
            with open(full, encoding="utf-8") as f:
                self[path] = f.read()
        return self[path]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check or stamp the safety header.")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--write", action="store_true", help="stamp the header into the pages")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args(argv)
    header = load_header(args.root)
    texts = _Texts(args.root)
    pages = args.pages
    if not pages:
        pages = []
        for folder, dirs, names in os.walk(args.root):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("_site", "node_modules")]
            for name in names:
                rel = os.path.relpath(os.path.join(folder, name), args.root).replace(os.sep, "/")
                if is_reader_page(rel):
                    pages.append(rel)
    status = 0
    for page in sorted(pages):
        full = os.path.join(args.root, page)
        with open(full, encoding="utf-8") as f:
            text = f.read()
        want = header_for(texts, page, header)
        if args.write:
            new = stamp(text, page, want)
            if new != text:
                with open(full, "w", encoding="utf-8") as f:
                    f.write(new)
                print("stamped %s" % page)
        else:
            for line, reason in page_problems(page, text, want):
                print("%s:%d: %s" % (page, line, reason))
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
