"""Jobs 4-9 of the check (issue 19): link words, dates, the repository's own files.

  Link words. A link whose words name an organisation on the address list must
     go to a host that the list gives to that organisation ("Childline's site"
     may not open Microsoft's PhotoDNA page).
  Dates. Each dated page says when its facts were checked exactly once, as
     "checked on D Month YYYY" (or "checked in Month YYYY"); no other "checked"
     sentence carries a date. Freshness reads that one date: 12 months or more
     old, or in the future, fails.
  .github. Workflows never use pull_request_target, never pipe a download
     into a shell, pin every action by commit SHA, ask for no write access and
     are never switched off (if: false). .github/workflows/ci.yml runs .ci/run
     on pull requests. CODEOWNERS owners are valid (@owner or @org/team, one
     owner for every rule) and cover every file that decides what passes.
     Issue forms and the pull-request template carry the "never post material
     here" warning and ask for no link to material; contact buttons name the
     organisation that the address list gives for their address; blank
     issues stay off.
  LICENSE. Its text is pinned by its SHA-256 (see LICENSE_SHA256).
  SOURCES.md. Every host it links is on the address list or on the reviewed
     list of cited hosts, tools/cited-hosts.txt.
  Links in data and in the site's templates. Every web address and e-mail
     domain in data/*.yaml, data/countries/*.yaml and data/routes.json, and in
     site/*.html, site/*.js and site/*.css, goes through the same host check
     as a page's links (tools/official-addresses.txt): their text, url and
     chat fields reach the generated pages, the open data and the site.
     Citation fields (source, sources, library_note) are held to the rule of
     SOURCES.md: not spoofed, no shortener, no lookalike of an official host.
  Hidden data. Whole files (lines joined) are searched for base64, hex and
     base32 runs, and for pictures written as lists of numbers (PGM/PPM).
"""
import datetime
import hashlib
import html
import json
import re
from urllib.parse import urlsplit

import cmarkgfm
import yaml

LIST_PATH = "tools/official-addresses.txt"
CITED_PATH = "tools/cited-hosts.txt"
CODEOWNERS = ".github/CODEOWNERS"
CI_WORKFLOW = ".github/workflows/ci.yml"
PR_TEMPLATE = ".github/pull_request_template.md"
ISSUE_CONFIG = ".github/ISSUE_TEMPLATE/config.yml"
# sha256 of LICENSE as reviewed (a pointer to CC BY 4.0's legal code); change only with review
LICENSE_SHA256 = "b1a2caaa4669c8504937b4530f9cc770430a68463a3f5e03d78338829367b6fb"
# files that decide what passes: each must have a code owner
DECIDING = (".ci/run", "tools/check_guide.py", "tools/official-addresses.txt",
            "tools/contact-facts.txt", "tools/cited-hosts.txt", "tools/requirements.txt",
            "tools/requirements-site.txt",
            "tools/safety-header.md", "tools/safety-header-country.md", "tools/required-lines.txt",
            ".github/CODEOWNERS",
            ".github/workflows/ci.yml", "data/country.schema.json", "SOURCES.md", "LICENSE")
GENERIC_WORDS = ("report form", "report page", "reporting page", "report", "site", "page", "here",
                 "help", "steps", "guide")

LINK_OWNER = ('link words "{}" name {}, but the address goes to {} ({}): '
              "link that organisation's own page, or change the words")
DATE_NONE = 'page does not say "checked on D Month YYYY" once: write one date, in that form'
DATE_MANY = ('page gives {} checked dates: write one, as "checked on D Month YYYY", '
             "and no other date beside the word checked")
DATE_PLACE = ('the "checked on" date is not in the page\'s opening: put it before the first '
              "## section, after the safety header, so every page has it in one place")
DATE_OLD = "facts were checked on {}, 12 months ago or more: check them again and update the date"
DATE_FUTURE = "checked date {} is in the future"
WF_TARGET = "workflow uses pull_request_target: use pull_request, which never gets write access"
WF_PIPE = "workflow runs a downloaded script (curl/wget piped to a shell): pin and review the code"
WF_PIN = "action {} is not pinned to a full commit SHA: write uses: owner/repo@<40 hex> # vX"
WF_WRITE = "workflow asks for write access ({}): this guide's workflows only read"
WF_OFF = "workflow is switched off (if: false): remove the condition"
WF_NO_PERMS = "workflow has no top-level permissions: write permissions: contents: read"
CI_MISSING = (CI_WORKFLOW + " must run bash .ci/run on pull requests, with .ci/ and tools/ "
              "taken from the base branch")
OWNER_BAD = "CODEOWNERS owner {} is not valid: write @owner or @org/team"
OWNER_MIXED = "CODEOWNERS gives rules to different owners ({}): one maintainers' team owns them all"
OWNER_NONE = "{} has no code owner in .github/CODEOWNERS: it decides what passes"
FORM_WARNING = ('form has no "Never post abuse material, or links to it, here" warning: '
                "put it first")
FORM_ASKS_LINK = ("form asks for the address of material or images: never ask for that; "
                  "send people to a hotline")
BLANK_ISSUES = "blank_issues_enabled must be false: blank issues carry no warning"
BUTTON_OWNER = 'contact button "{}" opens {}, which the address list gives to {}'
BUTTON_POST = 'contact button "{}" invites posting here: tell people to report to the hotline'
LICENSE_CHANGED = ("LICENSE differs from the reviewed text (CC BY 4.0): restore it; "
                   "only a maintainer changes it")
CITED_NOT_LISTED = ("SOURCES.md links {}, which is on neither " + LIST_PATH + " nor " +
                    CITED_PATH + ": cite it as plain text, or add it there for review")
ENCODED = "encoded data ({}, {} characters across lines): this guide holds text only"
PICTURE = "a picture written as numbers (PGM/PPM or a long list of 0-255 values): remove it"

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_RE = "|".join(m.capitalize() for m in MONTHS)
CHECKED_DATE = re.compile(r"\b[Cc]hecked (?:on (\d{1,2}) (%s) (\d{4})|in (%s) (\d{4}))\b" %
                          (MONTH_RE, MONTH_RE))
CHECKED_ANY = re.compile(r"\bchecked\b[^.;]{0,80}?(?:\b(?:19|20)\d\d\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})",
                         re.I)


def rendered_text(markdown):
    out = cmarkgfm.github_flavored_markdown_to_html(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", out)).split())


def is_dated_page(path):
    return (path == "README.md" or path.endswith("/README.md") or
            (path.startswith("guide/") and path.endswith(".md")))


def date_problems(text, today):
    flat = rendered_text(text)
    found = CHECKED_DATE.findall(flat)
    problems = []
    others = [m for m in CHECKED_ANY.finditer(flat) if not CHECKED_DATE.search(m.group())]
    if not found:
        return [DATE_NONE]
    if len(found) > 1 or others:
        return [DATE_MANY.format(len(found) + len(others))]
    opening = re.split(r"(?m)^## ", text, maxsplit=1)[0]
    if not CHECKED_DATE.search(rendered_text(opening)):
        problems.append(DATE_PLACE)
    day, month, year, month2, year2 = found[0]
    month = MONTHS.index((month or month2).lower()) + 1
    date = datetime.date(int(year or year2), month, int(day or 1))
    if date > today:
        problems.append(DATE_FUTURE.format(date.isoformat()))
    elif (today.year - date.year) * 12 + today.month - date.month >= 12:
        problems.append(DATE_OLD.format(date.isoformat()))
    return problems


# --- Link words and their owner --------------------------------------------------
def load_list(text):
    """[(host or host/path, organisation)] from the address list."""
    entries = []
    for line in (text or "").split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            parts = line.split(None, 1)
            if len(parts) == 2:
                entries.append((parts[0].lower(), parts[1]))
    return entries


def org_names(org):
    """Names that stand for an organisation: its name before "(" "," or ";", and
    acronyms or names in its brackets (IWF, Cybertip.ca)."""
    names = set()
    main = re.split(r"\s*[(,;]", org)[0].strip()
    if len(main) >= 3:
        names.add(main.lower())
    for inner in re.findall(r"\(([^)]*)\)", org):
        for part in re.split(r",|;", inner):
            part = part.strip()
            if re.fullmatch(r"[A-Z][A-Za-z.]*[A-Z.a-z]", part) and (part.isupper() or "." in part):
                names.add(part.lower())
    return names


def owner_of(url, entries):
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    path = parts.path.lower()
    best = None
    for address, org in entries:
        a_host, _, a_path = address.partition("/")
        if host == a_host or host.endswith("." + a_host) or \
                (a_host.startswith("www.") and host == a_host[4:]):
            if a_path and not (path.lstrip("/") + "/").startswith(a_path.rstrip("/") + "/"):
                continue
            if best is None or len(address) > len(best[0]):
                best = (address, org)
    return best


def link_word_problems(markdown, entries):
    all_names = {}
    for address, org in entries:
        for name in org_names(org):
            all_names.setdefault(name, set()).add(org)
    problems = []
    out = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_SOURCEPOS)
    line = 1
    for m in re.finditer(r'data-sourcepos="(\d+):|<a href="(https://[^"]*)"[^>]*>(.*?)</a>', out, re.S):
        if m.group(1):
            line = int(m.group(1))
            continue
        url, words = html.unescape(m.group(2)), html.unescape(re.sub(r"<[^>]+>", "", m.group(3)))
        owner = owner_of(url, entries)
        if owner is None:
            continue
        own = org_names(owner[1])
        lower = words.lower()
        for name, orgs in all_names.items():
            if name in own or len(name) < 3 or any(name in n for n in own):
                continue
            if re.search(r"(?<![\w.])%s(?![\w])" % re.escape(name), lower):
                # the words name an organisation; fine if the host's organisation shares it
                if any(n in lower for n in own) or any(o == owner[1] for o in orgs):
                    continue
                problems.append((line, LINK_OWNER.format(words, sorted(orgs)[0], owner[1],
                                                         urlsplit(url).hostname)))
                break
    return problems


# --- .github ---------------------------------------------------------------------
OWNER_RE = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]*)?|"
                      r"[^@\s]+@[^@\s]+\.[a-z]{2,}")


def codeowners_problems(text, match):
    problems, owners, rules = [], set(), []
    for n, line in enumerate(text.split("\n"), 1):
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if not line:
            continue
        pattern, *who = line.split()
        for owner in who:
            if not OWNER_RE.fullmatch(owner):
                problems.append((n, OWNER_BAD.format(owner)))
        if not who:
            problems.append((n, OWNER_BAD.format("(none)")))
        owners |= set(who)
        rules.append((pattern, who))
    if len(owners) > 1:
        problems.append((1, OWNER_MIXED.format(", ".join(sorted(owners)))))
    for path in DECIDING:
        covered = None
        for pattern, who in rules:
            if match(pattern, path):
                covered = who
        if not covered:
            problems.append((1, OWNER_NONE.format(path)))
    return problems


def workflow_problems(path, text):
    problems = []
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        return [(1, "YAML does not parse: %s" % str(e).split("\n")[0])]
    triggers = data.get("on", data.get(True, {}))  # YAML 1.1 reads `on` as True
    names = triggers if isinstance(triggers, (list, str)) else list((triggers or {}).keys())
    code = re.sub(r"(?m)(^|\s)#.*$", "", text)  # comments do not run
    if "pull_request_target" in (names if isinstance(names, list) else [names]) or \
            "pull_request_target" in code:
        problems.append((1, WF_TARGET))
    if re.search(r"(curl|wget)[^\n|]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b|(curl|wget)[^\n]*&&\s*(?:ba|z|da)?sh\b", code):
        problems.append((1, WF_PIPE))
    for n, line in enumerate(text.split("\n"), 1):
        m = re.search(r"\buses:\s*([^\s#]+)", line)
        if m and not m.group(1).startswith("./") and not re.search(r"@[0-9a-f]{40}$", m.group(1)):
            problems.append((n, WF_PIN.format(m.group(1))))
        if re.search(r"\bif:\s*(?:false|\$\{\{\s*false\s*\}\})", line):
            problems.append((n, WF_OFF))
        m = re.search(r"\b(write-all|[a-z-]+:\s*write)\b", line)
        if m and not (path.endswith("pages.yml") and re.search(r"(pages|id-token):\s*write", line)):
            problems.append((n, WF_WRITE.format(m.group(1))))
    if "permissions" not in data:
        problems.append((1, WF_NO_PERMS))
    if path == CI_WORKFLOW:
        ok = ("pull_request" in (names if isinstance(names, list) else [names]) and
              re.search(r"(?m)run:\s*bash \.ci/run\s*$", code) and
              re.search(r'git checkout "\$BASE" -- \.ci tools', code))
        if not ok:
            problems.append((1, CI_MISSING))
    return problems


ASKS_LINK = re.compile(r"(?:web address|address|link|url|where you saw)[^.\n]{0,60}"
                       r"(?:image|picture|photo|video|material|content)|"
                       r"(?:image|picture|photo|video|material|content)[^.\n]{0,40}"
                       r"(?:web address|url|link)\b[^.\n]{0,20}(?:here|:)", re.I)
WARNING = re.compile(r"never (?:post|put) (?:abuse )?material|do not post it here", re.I)


def form_problems(path, text, entries):
    problems = []
    if path == PR_TEMPLATE:
        if not WARNING.search(text):
            problems.append((1, FORM_WARNING))
        for n, line in enumerate(text.split("\n"), 1):
            if ASKS_LINK.search(line) and not re.search(r"\b(?:no|never|not)\b", line, re.I):
                problems.append((n, FORM_ASKS_LINK))
        return problems
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return problems  # check_guide.py reports it
    if path == ISSUE_CONFIG:
        if data.get("blank_issues_enabled") is not False:
            problems.append((1, BLANK_ISSUES))
        for link in data.get("contact_links") or []:
            name, url, about = str(link.get("name", "")), str(link.get("url", "")), str(link.get("about", ""))
            owner = owner_of(url, entries)
            line = text[:text.find(name)].count("\n") + 1 if name in text else 1
            if owner:
                own = org_names(owner[1])
                if not any(n in name.lower() for n in own):
                    problems.append((line, BUTTON_OWNER.format(name, urlsplit(url).hostname, owner[1])))
            if re.search(r"\b(?:post|paste|share|send)\b[^.]{0,40}\bhere\b", about + " " + name, re.I) \
                    and not re.search(r"\bnever\b[^.]{0,60}\bhere\b", about, re.I):
                problems.append((line, BUTTON_POST.format(name)))
            if not WARNING.search(about):
                problems.append((line, FORM_WARNING))
        return problems
    # an issue form: the warning first, and no field that asks for material's address
    body = data.get("body") or []
    first = body[0] if body else {}
    first_text = str((first.get("attributes") or {}).get("value", "")) if isinstance(first, dict) else ""
    if first.get("type") != "markdown" or not WARNING.search(first_text):
        problems.append((1, FORM_WARNING))
    for item in body:
        attrs = item.get("attributes") or {} if isinstance(item, dict) else {}
        asked = " ".join(str(attrs.get(k, "")) for k in ("label", "description", "placeholder"))
        if ASKS_LINK.search(asked):
            label = str(attrs.get("label", ""))
            line = text[:text.find(label)].count("\n") + 1 if label and label in text else 1
            problems.append((line, FORM_ASKS_LINK))
    return problems


# --- Links in data and in the site's templates ---------------------------------------
DATA_LINKS = re.compile(r"data/(?:countries/[a-z]{2}\.yaml|[a-z-]+\.yaml|routes\.json)")
SITE_FILES = re.compile(r"site/[a-z0-9_-]+\.(?:html|js|css)")
# Research notes and citations: what was read, not where readers are sent (SOURCES.md's rule)
CITATION_KEYS = {"source", "sources", "library_note", "note", "research_not_found", "quote",
                 "not_found"}
# Addresses in issue 18's data as merged, reviewed for this rule: real government and
# helpline sites that are not (yet) on the address list. tools/countries.py does not link
# them on pages (its own is_official filter); they appear only in data/routes.json. A new
# address goes on tools/official-addresses.txt instead of here.
DATA_REVIEWED = {"http://www.internetsegura.cl/ayuda/", "www.gov.si",
                 "http://bvi.gov.vg/media-centre/territory-engages-fight-against-online-child-pornography",
                 "tt.usembassy.gov", "998@social.gov.bh",
                 # cited police and helpline hosts that only look like listed ones
                 "www.police.be", "www.policie.cz", "police.kn", "police.gov.rw", "police.gov.sc",
                 "police.gov.to", "childlinett.org",
                 # named in research notes of the second search for emergency numbers
                 # (Sri Lanka, Rwanda and Eswatini police sites, not linked anywhere)
                 "www.police.lk", "www.police.gov.rw", "www.police.gov.sz"}
TEXT_ADDRESS = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*:)?//[^\s\"'<>()\[\]{}\\,`|]+|"
                          r"(?<![\w.@/-])www\d{0,3}\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s\"'<>()\[\]{}\\,`|]*")
TEXT_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# a URL attribute or CSS url() in a template, with a scheme: javascript:, data:, http: ...
SITE_ATTR = re.compile(r"""(?i)(?:\b(?:href|src|srcset|action|formaction|poster|data|background|"""
                       r"""xlink:href|content)\s*=\s*["']?|url\(\s*["']?|location(?:\.href)?\s*=\s*["']|"""
                       r"""\.(?:replace|assign|open)\(\s*["'])([a-z][a-z0-9+.-]*:[^"'\s)>]*)""")
DATA_LINK = "{} (in {}): data reaches the generated pages, the open data and the site"


def string_values(node, key=None):
    """(key, string) for every string in parsed YAML or JSON."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from string_values(v, k if isinstance(k, str) else key)
    elif isinstance(node, list):
        for v in node:
            yield from string_values(v, key)
    elif isinstance(node, str):
        yield key, node


def address_problems(checker, text, in_sources):
    """[(address, reason)] for web addresses and e-mail domains in plain text."""
    problems = []
    for m in TEXT_ADDRESS.finditer(text):
        url = m.group().rstrip(".,;:!?*_~'\")")
        host = re.sub(r"^(?:[a-z]+:)?//", "", url.lower()).split("/")[0]
        if url.rstrip("/") in {u.rstrip("/") for u in DATA_REVIEWED} or host in DATA_REVIEWED:
            continue
        if url.endswith("://") or re.fullmatch(r"[a-z]+://?", url, re.I):
            continue
        if url.lower().startswith("www"):
            url = "https://" + url
        reasons = checker.url_reasons(url, in_sources)
        if in_sources:  # a citation: an old http:// page is still the page that was read
            reasons = [r for r in reasons if not r.startswith("link uses http://")]
        problems += [(url, r) for r in reasons]
    for m in TEXT_EMAIL.finditer(text):
        if m.group().lower() in DATA_REVIEWED:
            continue
        problems += [(m.group(), r) for r in
                     checker.host_reasons(m.group(1).lower().rstrip("."), "/", in_sources)]
    return problems


def data_link_problems(checker, path, text):
    """[(line, reason)] for addresses in one data file."""
    try:
        data = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return []  # tools/countries.py --check reports files that do not parse
    problems, seen = [], set()
    for key, value in string_values(data):
        for address, reason in address_problems(checker, value, key in CITATION_KEYS):
            if (address, reason) in seen:
                continue
            seen.add((address, reason))
            at = text.find(address.split("://")[-1][:60])
            line = text.count("\n", 0, at) + 1 if at >= 0 else 1
            problems.append((line, DATA_LINK.format(reason, key or "a value")))
    return problems


def site_link_problems(checker, text):
    """[(line, reason)] for addresses in one site template, script or stylesheet."""
    problems = []
    for n, line in enumerate(text.split("\n"), 1):
        plain = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", line)  # Jinja fills these from the builder
        for address, reason in address_problems(checker, plain, False):
            problems.append((n, reason))
        for m in SITE_ATTR.finditer(plain):
            url = m.group(1)
            if re.match(r"(?i)(?:tel|sms|https?):", url) or "//" in url:
                continue  # tel: and sms: are the builder's; web addresses are checked above
            problems += [(n, r) for r in checker.url_reasons(url, False)]
    return problems


# --- Hidden data -----------------------------------------------------------------
def encoded_problems(text):
    problems = []
    joined = "".join(line.strip() for line in text.split("\n"))
    for kind, pattern, minimum in (("base64", r"[A-Za-z0-9+/]{200,}={0,2}", 200),
                                   ("hex", r"(?i)[0-9a-f]{128,}", 128),
                                   ("base32", r"[A-Z2-7]{160,}={0,6}", 160)):
        for m in re.finditer(pattern, joined):
            run = m.group()
            if kind == "base64" and not (sum(c.isdigit() for c in run) >= len(run) * 0.05 and
                                         sum(c.isupper() for c in run) >= len(run) * 0.15):
                continue
            problems.append(ENCODED.format(kind, len(run)))
            break
    # the longest base64-like piece of each line, joined over following lines (data split
    # into lines that each carry a prefix, such as reference definitions)
    pieces, best = [], 0
    for line in text.split("\n"):
        found = re.findall(r"[A-Za-z0-9+/=]{40,}", line)
        if found:
            pieces.append(max(found, key=len))
            best = max(best, sum(len(p) for p in pieces))
        else:
            pieces = []
    if best >= 400 and not problems:
        problems.append(ENCODED.format("base64 in pieces", best))
    if re.search(r"(?m)(?:^|<!--|\s)P[1-6]\s+\d+\s+\d+\s+\d+\s", text) or \
            re.search(r"(?:\b(?:25[0-5]|2[0-4]\d|1?\d?\d)\b[\s,;]+){64,}", text):
        problems.append(PICTURE)
    return problems


def cited_problems(sources, entries, cited):
    """Every link SOURCES.md renders (inline, reference, autolink, bare www. or
    https:// text) goes to a listed or cited host."""
    problems = []
    hosts = {h for h, _ in entries}
    out = cmarkgfm.github_flavored_markdown_to_html(
        sources, options=cmarkgfm.cmark.Options.CMARK_OPT_SOURCEPOS)
    line = 1
    for m in re.finditer(r'data-sourcepos="(\d+):|<a href="([^"]*)"', out):
        if m.group(1):
            line = int(m.group(1))
            continue
        url = html.unescape(m.group(2))
        if not re.match(r"https?://", url, re.I):
            continue
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        if owner_of(url, entries) or any(host == c or host.endswith("." + c) for c in cited) \
                or host in hosts:
            continue
        if (line, CITED_NOT_LISTED.format(host)) not in problems:
            problems.append((line, CITED_NOT_LISTED.format(host)))
    return problems


def check(checker):
    import sys
    codeowners_match = sys.modules[type(checker).__module__].codeowners_match
    entries = load_list(checker.texts.get(LIST_PATH))
    today = checker.today
    for path, text in sorted(checker.texts.items()):
        if is_dated_page(path):
            for reason in date_problems(text, today):
                checker.add(path, 1, reason)
        if path.endswith(".md") and not path.startswith("tools/") and path != "SOURCES.md":
            for line, reason in link_word_problems(text, entries):
                checker.add(path, line, reason)
        if path.startswith(".github/workflows/"):
            for line, reason in workflow_problems(path, text):
                checker.add(path, line, reason)
        if path == PR_TEMPLATE or path.startswith(".github/ISSUE_TEMPLATE/"):
            for line, reason in form_problems(path, text, entries):
                checker.add(path, line, reason)
        if path not in ("tools/requirements.txt", "tools/requirements-site.txt"):  # hash lines, checked by .ci/run
            for reason in encoded_problems(text):
                checker.add(path, 1, reason)
    for path, text in sorted(checker.texts.items()):
        if DATA_LINKS.fullmatch(path):
            for line, reason in data_link_problems(checker, path, text):
                checker.add(path, line, reason)
        elif SITE_FILES.fullmatch(path):
            for line, reason in site_link_problems(checker, text):
                checker.add(path, line, reason)
    if CI_WORKFLOW not in checker.texts:
        checker.add(CI_WORKFLOW, 1, CI_MISSING)
    if CODEOWNERS in checker.texts:
        for line, reason in codeowners_problems(checker.texts[CODEOWNERS], codeowners_match):
            checker.add(CODEOWNERS, line, reason)
    if "LICENSE" in checker.texts:
        digest = hashlib.sha256(checker.texts["LICENSE"].encode("utf-8")).hexdigest()
        if digest != LICENSE_SHA256:
            checker.add("LICENSE", 1, LICENSE_CHANGED)
    cited_text = checker.texts.get(CITED_PATH, "")
    cited = {line.split()[0].lower() for line in cited_text.split("\n")
             if line.strip() and not line.startswith("#")}
    for line, reason in cited_problems(checker.texts.get("SOURCES.md", ""), entries, cited):
        checker.add("SOURCES.md", line, reason)
