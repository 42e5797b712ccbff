#!/usr/bin/env python3
"""Offline checker for this guide's files and links (Python standard library only).

Usage: python3 tools/check_guide.py [--root DIR]

Each problem is printed as `path:line: reason`, then a summary line.
Exit status: 0 when clean, 1 when there is any problem.

  A. Only allowed files are tracked (pages, LICENSE, issue templates, this
     checker), and none of them holds binary content.
  B. Every web address is https, not spoofed, not a URL shortener, not a
     lookalike of an official address, and on tools/official-addresses.txt
     (SOURCES.md may cite other hosts). Pages give links words, not bare
     addresses.
  C. Links between pages reach a tracked page and an existing heading.
  D. No images or other media are embedded.
  E. Every top-level page except CONTRIBUTING.md says when its facts were checked.
"""
import argparse
import bisect
import html
import ipaddress
import os
import posixpath
import re
import subprocess
import sys
import time
import unicodedata
from urllib.parse import unquote, urlsplit

LIST_PATH = "tools/official-addresses.txt"
SOURCES = "SOURCES.md"              # may cite hosts that are not on the list
DATE_EXEMPT = {"CONTRIBUTING.md"}   # top-level pages that need no "checked" date
NO_LINK_CHECK = ("tools/", ".ci/")  # the checker and its tests hold bad URLs on purpose
ALLOWED_FILES = {"LICENSE", ".ci/run", "tools/check_guide.py",
                 "tools/test_check_guide.py", LIST_PATH}

# --- Reasons -----------------------------------------------------------------
NOT_ALLOWED = "file not allowed in this guide ({})"
WHY_MEDIA = "images, video and audio are not allowed: this guide holds no media"
WHY_ARCHIVE = "archives are not allowed: their contents cannot be reviewed"
WHY_CODE = "code is not allowed: the only code is tools/check_guide.py and its tests"
WHY_DATA = "data sets and model files are not allowed"
WHY_LINK = "symbolic links are not allowed"
WHY_OTHER = "only Markdown pages, LICENSE, issue templates and the checker belong here"
BINARY = "binary content (a NUL byte): this guide holds text only"
HTTP = "link uses http://; use https://"
SCHEME = "link uses the {}: scheme; only https:// and mailto: links are allowed"
PROTOCOL_RELATIVE = "protocol-relative link (//host); write https:// in full"
NO_HOST = "link has no host"
USERINFO = "spoofed address: user-info before @ hides the real host"
IP_HOST = "spoofed address: a numeric IP address hides who runs the site"
NON_ASCII = "spoofed address: non-ASCII characters in the host can imitate a real name"
PUNYCODE = "spoofed address: a punycode (xn--) host can imitate a real name"
SHORTENER = "URL shortener hides where the link goes"
LOOKALIKE = "lookalike of official address {}: the link goes to {}"
NOT_LISTED = "host {} is not on the official address list (" + LIST_PATH + ")"
PATH_NOT_LISTED = ("address {} is not on the official address list (" + LIST_PATH
                   + "); on {} only {} {} listed")
BARE = "bare address: give the link words that say where it goes"
EMPTY_LINK = "empty link"
NO_MAILTO_ADDRESS = "mailto link has no address"
NO_ANCHOR_HERE = "link to #{}: no such heading in this page"
NO_PAGE = "link to {}: no such page"
NO_ANCHOR_THERE = "link to {}#{}: no such heading in {}"
EMBED = "image or media embed: this guide holds no images"
NO_DATE = "page does not say when its facts were checked"
LIST_MISSING = "official address list is missing"
LIST_NO_ORG = "entry has no organisation name (write: ADDRESS  ORGANISATION)"
LIST_HTTP = "entry is an http:// address; list the host alone (e.g. iwf.org.uk)"
LIST_SCHEME = "entry has a scheme; list the host alone (e.g. iwf.org.uk)"
LIST_BAD_HOST = "entry {} is not a plain host name"

# --- File types --------------------------------------------------------------
MEDIA_EXT = set("png jpg jpeg gif bmp webp tif tiff svg ico heic heif avif psd raw "
                "mp4 mov avi webm mkv m4v wmv flv mpg mpeg mp3 wav ogg oga flac m4a aac".split())
ARCHIVE_EXT = set("zip gz tgz tar 7z rar bz2 xz zst lz lzma cab iso dmg jar war whl apk".split())
CODE_EXT = set("py pyc pyo pyw pyx ipynb js mjs cjs ts tsx jsx sh bash zsh fish ps1 psm1 bat "
               "cmd vbs rb pl pm php java class kt kts scala groovy gradle go rs c h cc cpp cxx "
               "hpp cs fs swift m mm r jl lua dart ex exs erl hs ml clj el sql wasm so dll "
               "dylib exe bin o a lib html htm css scss vue svelte".split())
CODE_NAMES = {"makefile", "dockerfile", "gemfile", "rakefile", "jenkinsfile", "procfile"}
DATA_EXT = set("csv tsv parquet feather arrow npy npz pkl pickle pt pth ckpt onnx h5 hdf5 "
               "safetensors tflite pb gguf joblib db sqlite sqlite3 jsonl".split())

# --- Hosts -------------------------------------------------------------------
SHORTENERS = set("""bit.ly bitly.com tinyurl.com t.co goo.gl ow.ly is.gd buff.ly rebrand.ly
cutt.ly shorturl.at tiny.cc rb.gy lnkd.in s.id t.ly bl.ink short.io v.gd qr.ae trib.al dlvr.it
shorte.st adf.ly tr.im x.co cli.gs soo.gd clck.ru youtu.be aka.ms amzn.to amzn.eu fb.me
1url.com po.st mcaf.ee su.pr lc.chat db.tt shorturl.com tiny.one tinyurl.one bitly.ws j.mp
wp.me g.co forms.gle maps.app.goo.gl ift.tt zpr.io snip.ly linktr.ee shor.by go.aws
qrco.de urlz.fr t.me s.coop kutt.it tiny.pl""".split())
# Public suffixes of more than one label (a small offline stand-in for the
# Public Suffix List). europa.eu is deliberately absent: *.europa.eu hosts
# belong to one owner, so europarl.europa.eu is a sibling of
# europol.europa.eu, not a lookalike.
MULTI_SUFFIXES = set("""co.uk org.uk gov.uk ac.uk police.uk nhs.uk me.uk ltd.uk plc.uk net.uk
sch.uk com.au net.au org.au gov.au edu.au asn.au id.au gc.ca on.ca qc.ca bc.ca ab.ca co.nz
org.nz govt.nz net.nz ac.nz co.za org.za gov.za com.br gov.br org.br co.jp or.jp go.jp ac.jp
co.in gov.in org.in nic.in gouv.fr gv.at ac.at co.at or.at com.mx gob.mx gob.es co.kr go.kr
com.sg gov.sg org.sg github.io gitlab.io netlify.app pages.dev vercel.app herokuapp.com
appspot.com web.app blogspot.com""".split())
# Real organisations whose names happen to sit within a typo of an official one.
NOT_LOOKALIKES = {"icmec.org", "accc.gov.au", "safety.google"}
CONFUSABLE_CHARS = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "3": "e", "4": "a",
                                  "5": "s", "7": "t", "8": "b", "9": "g", "-": None, "_": None})
CONFUSABLE_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
HOST_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")

# --- Markdown patterns ---------------------------------------------------------
INLINE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(\s*(<[^<>\n]*>|(?:[^\s()\\]|\\.|"
                    r"\((?:[^\s()\\]|\\.)*\))*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)")
REFDEF = re.compile(r"^ {0,3}\[([^\]\n^][^\]\n]*)\]:[ \t]*(<[^<>\n]*>|\S+)", re.M)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
HREF = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
BARE_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://(?:\[[0-9A-Fa-f:.]+\])?[^\s<>\"'`\[\]]*")
SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
EMBED_RE = re.compile(r"!\[[^\]\n]*\][(\[]|<(?:img|picture|video|audio|svg|iframe|object|embed|"
                      r"source)\b", re.I)
SHORTCUT_IMAGE = re.compile(r"!\[([^\]\n]+)\](?![\[(:])")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_ANCHOR = re.compile(r"""<a\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.I)
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
DATE_RE = re.compile(r"\b(?:(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|(?:"
                     + MONTHS + r")\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d)\b", re.I)
CHECKED_RE = re.compile(r"\bchecked\b", re.I)


def skeleton(name):
    """Fold characters that look alike (0/o, 1/l, rn/m, ...) and drop hyphens."""
    name = name.lower().translate(CONFUSABLE_CHARS)
    for a, b in CONFUSABLE_PAIRS:
        name = name.replace(a, b)
    return name


def split_host(host):
    """'www.iwf.org.uk' -> (['www'], 'iwf', 'org.uk'): sub-labels, registrable label, suffix."""
    labels = host.split(".")
    n = 2 if len(labels) > 2 and ".".join(labels[-2:]) in MULTI_SUFFIXES else 1
    rest = labels[:-n]
    return rest[:-1], (rest[-1] if rest else ""), ".".join(labels[-n:])


def within_distance(a, b, k):
    """True when the edit distance between a and b is at most k."""
    if abs(len(a) - len(b)) > k:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > k:
            return False
        prev = cur
    return prev[-1] <= k


def is_ip(host):
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:  # also catch 0x7f.1, 2130706433 and similar numeric forms
        return all(re.fullmatch(r"0x[0-9a-f]*|[0-9]+", label) for label in host.split("."))


def norm_path(path):
    """Decode and resolve a URL path so '/roostorg/../x' cannot sneak past a prefix."""
    path = re.sub(r"/+", "/", unquote(path).replace("\\", "/"))
    return posixpath.normpath(path).lower() if path.startswith("/") else "/"


def heading_id(text):
    """GitHub's heading id: plain text, lower case, only letters/marks/numbers/_/space/-."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])", r"\1", text)
    pieces = re.split(r"(`[^`]*`)", text)
    for i, piece in enumerate(pieces):
        if piece.startswith("`"):
            pieces[i] = piece.strip("`")
        else:  # drop HTML tags and _emphasis_ markers, but keep snake_case
            piece = html.unescape(re.sub(r"<[^>]+>", "", piece))
            pieces[i] = re.sub(r"(?<![^\W_])_+(?=[^\W_])|(?<=[^\W_])_+(?![^\W_])", "", piece)
    text = "".join(pieces).strip().lower()
    keep = (ch for ch in text if ch in " -" or unicodedata.category(ch)[0] in "LMN"
            or unicodedata.category(ch) == "Pc")
    return "".join(keep).replace(" ", "-")


def page_anchors(text):
    """All anchors of a page: heading ids (with GitHub's -1, -2 for repeats) and <a id>."""
    ids, seen, para, fence = set(), {}, [], None
    for line in text.split("\n"):
        fm = FENCE.match(line)
        if fence:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) \
                    and not fm.group(2).strip():
                fence = None
            continue
        title = None
        if fm:
            fence, para = fm.group(1), []
            continue
        if ATX.match(line):
            title, para = ATX.match(line).group(2) or "", []
        elif SETEXT.match(line) and para and not re.match(r"\s*([-*+>|]|\d+[.)]|\s{4})", para[0]):
            title, para = " ".join(p.strip() for p in para), []
        elif line.strip():
            para.append(line)
        else:
            para = []
        if title:
            base = slug = heading_id(title)
            while slug in seen:  # same loop as github-slugger
                seen[base] += 1
                slug = "%s-%d" % (base, seen[base])
            seen[slug] = 0
            ids.add(slug)
    ids.update(m.group(1) for m in HTML_ANCHOR.finditer(text))
    return ids


def code_mask(text):
    """Text with fenced blocks and `inline code` blanked out (newlines kept)."""
    out, fence = [], None
    for line in text.split("\n"):
        fm = FENCE.match(line)
        if fence or fm:
            if fence and fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) \
                    and not fm.group(2).strip():
                fence = None
            elif not fence:
                fence = fm.group(1)
            out.append(" " * len(line))
        else:
            out.append(line)
    return re.sub(r"(`+)[^\n]*?(?<!`)\1(?!`)", lambda m: " " * len(m.group()), "\n".join(out))


class Entry:
    def __init__(self, host, path):
        self.host, self.path = host, path  # path: None, or '/roostorg' (lower case)
        _, self.label, self.suffix = split_host(host)
        self.skel, self.skel_label = skeleton(host), skeleton(self.label)
        n = len(self.skel_label)  # names of 4 or fewer letters must match exactly
        self.max_distance = 0 if n <= 4 else 1 if n <= 6 else 2


class Checker:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.problems = []
        self.lookalikes = {}

    def add(self, path, line, reason):
        if (path, line, reason) not in self.problems:
            self.problems.append((path, line, reason))

    # --- Which files -----------------------------------------------------------
    def list_files(self):
        if os.path.exists(os.path.join(self.root, ".git")):
            try:
                env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
                out = subprocess.run(["git", "-C", self.root, "ls-files", "-z"], check=True,
                                     capture_output=True, timeout=30, env=env).stdout
                return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p], \
                    "git ls-files"
            except (OSError, subprocess.SubprocessError):
                pass
        found = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = [d for d in dirs if d != ".git"]
            found += [os.path.relpath(os.path.join(folder, n), self.root).replace(os.sep, "/")
                      for n in names]
        return found, "directory walk"

    # --- A. Allowed files ------------------------------------------------------
    def check_allowed(self, path):
        if os.path.islink(os.path.join(self.root, path)):
            return self.add(path, 1, NOT_ALLOWED.format(WHY_LINK))
        if path in ALLOWED_FILES or re.fullmatch(r"\.github/ISSUE_TEMPLATE/[^/]+\.ya?ml", path) \
                or (path.endswith(".md") and ("/" not in path or path.startswith(".github/")
                                             or re.fullmatch(r"guide/[^/]+\.md", path))):
            return
        name = path.rsplit("/", 1)[-1].lower()
        ext = name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else ""
        why = (WHY_MEDIA if ext in MEDIA_EXT else WHY_ARCHIVE if ext in ARCHIVE_EXT else
               WHY_CODE if ext in CODE_EXT or name in CODE_NAMES else
               WHY_DATA if ext in DATA_EXT else WHY_OTHER)
        self.add(path, 1, NOT_ALLOWED.format(why))

    # --- The official address list ---------------------------------------------
    def load_list(self):
        self.entries = []
        try:
            with open(os.path.join(self.root, LIST_PATH), encoding="utf-8") as f:
                lines = f.read().splitlines()
        except (OSError, UnicodeDecodeError):
            return self.add(LIST_PATH, 1, LIST_MISSING)
        for n, line in enumerate(lines, 1):
            parts = line.split(None, 1)
            if not parts or parts[0].startswith("#"):
                continue
            address = parts[0].lower()
            host, _, path = address.partition("/")
            host = host.rstrip(".")
            if address.startswith("http://"):
                self.add(LIST_PATH, n, LIST_HTTP)
            elif "://" in address:
                self.add(LIST_PATH, n, LIST_SCHEME)
            elif len(parts) < 2 or parts[1].startswith("#"):
                self.add(LIST_PATH, n, LIST_NO_ORG)
            elif not HOST_RE.fullmatch(host) or is_ip(host) or "xn--" in host:
                self.add(LIST_PATH, n, LIST_BAD_HOST.format(parts[0]))
            else:
                path = norm_path("/" + path).rstrip("/") if path.strip("/") else None
                self.entries.append(Entry(host, path))

    def is_official(self, host, path):
        for e in self.entries:
            if e.path is None and (host == e.host or host.endswith("." + e.host)):
                return True
            if e.path and host == e.host and (path == e.path or path.startswith(e.path + "/")):
                return True
        return False

    def lookalike_of(self, host):
        """The official host that `host` imitates, or None."""
        if host not in self.lookalikes:
            self.lookalikes[host] = self._lookalike_of(re.sub(r"^(www\d*|m)\.", "", host))
        return self.lookalikes[host]

    def _lookalike_of(self, host):
        subs, label, suffix = split_host(host)
        domain = label + "." + suffix
        for e in self.entries:
            same_owner = (label, suffix) == (e.label, e.suffix)
            # (a) an official host followed by more: missingkids.org.example.com
            if any("." + e.host + c in "." + host for c in ".-"):
                return e.host
            # (b) the same name once look-alike characters are folded: rnissingkids.org
            if not same_owner and (skeleton(host) == e.skel
                                   or skeleton(domain) == skeleton(e.label + "." + e.suffix)):
                return e.host
            # (a') an official name used as a subdomain elsewhere: missingkids.evil.com
            if not same_owner and len(e.skel_label) >= 5 and \
                    any(skeleton(s) == e.skel_label for s in subs):
                return e.host
            # (c) a near miss of the registrable name: missingkid.org, misingkids.org
            if label and label != e.label and domain not in NOT_LOOKALIKES and \
                    within_distance(skeleton(label), e.skel_label, e.max_distance):
                return e.host
        return None

    # --- B. One absolute address -----------------------------------------------
    def url_reasons(self, url, in_sources):
        if url.startswith("//"):
            return [PROTOCOL_RELATIVE]
        scheme = SCHEME_RE.match(url).group(1).lower()
        if scheme == "mailto":
            address = unquote(url[7:].split("?", 1)[0])
            if "@" not in address:
                return [NO_MAILTO_ADDRESS]
            return self.host_reasons(address.rsplit("@", 1)[1].lower().rstrip("."), "/",
                                     in_sources)
        if scheme not in ("http", "https"):
            return [SCHEME.format(scheme)]
        reasons = [HTTP] if scheme == "http" else []
        rest = url[len(scheme) + 1:].replace("\\", "/")  # browsers read \ as /
        if not rest.startswith("//"):
            return reasons + [NO_HOST]
        try:
            parts = urlsplit("https:" + rest)
            host = (parts.hostname or "").rstrip(".")
            parts.port  # raises ValueError on a malformed port
        except ValueError:
            return reasons + [NO_HOST]
        if "@" in parts.netloc:
            return reasons + [USERINFO]
        return reasons + self.host_reasons(host, norm_path(parts.path), in_sources)

    def host_reasons(self, host, path, in_sources):
        if not host:
            return [NO_HOST]
        if not host.isascii() or "%" in host:
            return [NON_ASCII]
        if any(label.startswith("xn--") for label in host.split(".")):
            return [PUNYCODE]
        if is_ip(host):
            return [IP_HOST]
        labels = host.split(".")
        if any(".".join(labels[i:]) in SHORTENERS for i in range(len(labels))):
            return [SHORTENER]
        if self.is_official(host, path):
            return []
        look = self.lookalike_of(host)
        if look:
            return [LOOKALIKE.format(look, host)]
        if in_sources:
            return []
        prefixes = [e.host + e.path + "/" for e in self.entries if e.host == host and e.path]
        if prefixes:
            return [PATH_NOT_LISTED.format(host + path, host, ", ".join(prefixes),
                                           "is" if len(prefixes) == 1 else "are")]
        return [NOT_LISTED.format(host)]

    # --- B and C. All links in one file -----------------------------------------
    def check_links(self, path, text, masked):
        is_md, in_sources = path.endswith(".md"), path == SOURCES
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        line_of = lambda pos: bisect.bisect_right(starts, pos)
        found, spans = [], []  # (pos, url, kind); spans of URLs inside link syntax
        for m in INLINE.finditer(text):
            found.append((m.start(3), m.group(3).strip("<>"), "image" if m.group(1) else "link"))
            spans.append((m.start(3), m.end(3)))
        for m in REFDEF.finditer(text):
            found.append((m.start(2), m.group(2).strip("<>"), "link"))
            spans.append((m.start(2), m.end(2)))
        for m in HREF.finditer(text):
            value = m.group(2) if m.group(2) is not None else m.group(3)
            found.append((m.start(), value.strip(), m.group(1).lower()))
            spans.append((m.start(), m.end()))
        for m in AUTOLINK.finditer(text):
            if not any(a <= m.start(1) < b for a, b in spans):
                found.append((m.start(1), m.group(1), "bare"))
                spans.append((m.start(1), m.end(1)))
        for m in BARE_URL.finditer(text):
            if not any(a <= m.start() < b for a, b in spans):
                url = m.group()
                while url and (url[-1] in ".,;:!?*_~'\"" or
                               (url[-1] == ")" and url.count("(") < url.count(")"))):
                    url = url[:-1]
                if not url.endswith("://"):  # a scheme mentioned in prose is not a link
                    found.append((m.start(), url, "bare"))
        for pos, url, kind in sorted(found):
            line = line_of(pos)
            if SCHEME_RE.match(url) or url.startswith("//"):
                for reason in self.url_reasons(url, in_sources):
                    self.add(path, line, reason)
                if kind == "bare" and "://" in url and is_md and not in_sources:
                    self.add(path, line, BARE)
            elif is_md and kind in ("link", "href") and masked[pos] == text[pos]:
                self.check_local(path, line, url)

    # --- C. A link to this or another page ---------------------------------------
    def check_local(self, path, line, target):
        if not target:
            return self.add(path, line, EMPTY_LINK)
        base, has_anchor, anchor = target.partition("#")
        base, anchor = base.split("?", 1)[0], unquote(anchor)
        dest = path
        if base:
            joined = base.lstrip("/") if base.startswith("/") else \
                posixpath.join(posixpath.dirname(path), base)
            dest = posixpath.normpath(unquote(joined))
            is_dir = dest == "." or any(f.startswith(dest + "/") for f in self.files)
            if dest == ".." or dest.startswith("../") or (dest not in self.files and not is_dir):
                return self.add(path, line, NO_PAGE.format(base))
        if has_anchor and dest.endswith(".md") and anchor not in self.anchors(dest):
            self.add(path, line, NO_ANCHOR_THERE.format(base, anchor, dest) if base
                     else NO_ANCHOR_HERE.format(anchor))

    def anchors(self, page):
        if page not in self.anchor_cache:
            self.anchor_cache[page] = page_anchors(self.texts.get(page, ""))
        return self.anchor_cache[page]

    # --- D and E -------------------------------------------------------------
    def check_embeds(self, path, masked):
        refs = {m.group(1).lower() for m in REFDEF.finditer(masked)}
        for m in EMBED_RE.finditer(masked):
            self.add(path, masked.count("\n", 0, m.start()) + 1, EMBED)
        for m in SHORTCUT_IMAGE.finditer(masked):
            if m.group(1).lower() in refs:
                self.add(path, masked.count("\n", 0, m.start()) + 1, EMBED)

    def check_date(self, path, text):
        for line in text.split("\n"):
            line = re.sub(r"[*_`]", "", line)
            for m in CHECKED_RE.finditer(line):
                date = DATE_RE.search(line, m.end())
                if date and date.start() - m.end() <= 60:
                    return
        self.add(path, 1, NO_DATE)

    # --- Everything ------------------------------------------------------------
    def run(self):
        listed, self.source = self.list_files()
        self.files = {p for p in listed if os.path.lexists(os.path.join(self.root, p))}
        self.texts, self.anchor_cache = {}, {}
        self.load_list()
        for path in sorted(self.files):
            self.check_allowed(path)
            if os.path.islink(os.path.join(self.root, path)) or \
                    not os.path.isfile(os.path.join(self.root, path)):
                continue
            with open(os.path.join(self.root, path), "rb") as f:
                data = f.read()
            if b"\0" in data:
                self.add(path, data.count(b"\n", 0, data.index(b"\0")) + 1, BINARY)
                continue
            self.texts[path] = data.decode("utf-8", "replace").replace("\r\n", "\n")
        for path, text in sorted(self.texts.items()):
            if path.startswith(NO_LINK_CHECK):
                continue
            is_md = path.endswith(".md")
            masked = code_mask(text) if is_md else text
            self.check_links(path, text, masked)
            if is_md or path.endswith((".yml", ".yaml")):
                self.check_embeds(path, masked)
            if is_md and ("/" not in path or path.startswith("guide/")) and path not in DATE_EXEMPT:
                self.check_date(path, text)
        self.problems.sort(key=lambda p: (p[0], p[1]))
        return self.problems


def check(root):
    """Return (problems, files checked, how files were found) for the guide at root."""
    checker = Checker(root)
    problems = checker.run()
    return problems, len(checker.files), checker.source


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check this guide's files and links, offline.")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), help="guide repository (default: the one holding this script)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.root):
        parser.error("no such directory: %s" % args.root)
    started = time.perf_counter()
    problems, count, source = check(args.root)
    for path, line, reason in problems:
        print("%s:%d: %s" % (path, line, reason))
    took = time.perf_counter() - started
    if problems:
        print("check_guide: %d problem(s) in %d file(s) (%d checked, via %s, %.2f s)"
              % (len(problems), len({p[0] for p in problems}), count, source, took))
        return 1
    print("check_guide: OK, %d file(s) checked via %s, no problems (%.2f s)" % (count, source, took))
    return 0


if __name__ == "__main__":
    sys.exit(main())
