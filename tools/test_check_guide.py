#!/usr/bin/env python3
"""Tests for tools/check_guide.py (standard library only, offline).

Run: python3 tools/test_check_guide.py
Each test builds a small guide in a temporary folder (a git repository when
git is available), breaks one thing, and checks the exact `path:line: reason`.
Only the last test looks at the real guide.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CHECKER = os.path.join(HERE, "check_guide.py")
sys.path.insert(0, HERE)
import check_guide  # noqa: E402

GIT = shutil.which("git")
LIST = "tools/official-addresses.txt"

ADDRESSES = """\
# Test list: an address, then the organisation.
missingkids.org                 NCMEC
ncmec.org                       NCMEC (Take It Down)
iwf.org.uk                      Internet Watch Foundation
cybertip.ca                     Canadian Centre for Child Protection
esafety.gov.au                  eSafety Commissioner
accce.gov.au                    ACCCE
beschwerdestelle.eco.de         eco complaints office
fsm.de                          FSM
jugendschutz.net                jugendschutz.net
europol.europa.eu               Europol
interpol.int                    INTERPOL
stellapolaris.childhood.se      World Childhood Foundation
microsoft.com                   Microsoft (PhotoDNA)
safer.io                        Thorn (Safer)
thorn.org                       Thorn
ofcom.org.uk                    Ofcom
technologycoalition.org         Tech Coalition
roost.tools                     ROOST
roostorg.github.io              ROOST (documentation)
github.com/roostorg/            ROOST (Coop source)
github.com/facebook/ThreatExchange  Meta (HMA)
creativecommons.org             Creative Commons
"""

README = """\
# Mini guide

Facts were checked on 2026-11-22. Each program's own site is the authority.

## Where to report

- United States: [CyberTipline](https://www.missingkids.org/cybertipline)
- United Kingdom: [Internet Watch Foundation](https://www.iwf.org.uk "IWF")
- Open source: [Coop](https://github.com/roostorg/coop) and [its documentation][docs]
- More: [getting help](get-help.md#who-can-help), [back up](#where-to-report),
  [sources](./SOURCES.md), [the licence](LICENSE) and [email NCMEC](mailto:info@missingkids.org).

[docs]: https://roostorg.github.io/coop/
"""

GET_HELP = """\
# Getting help

Last checked: **22 November 2026**.

## Who can help

- [Take It Down](https://takeitdown.ncmec.org/faq/) if you were under 18.
- <a href="https://www.esafety.gov.au/report">eSafety</a> in Australia.
- Back to the [guide](README.md#mini-guide).

## Hasher-Matcher-Actioner (HMA), by [Meta](https://github.com/facebook/ThreatExchange)

See [this section](#hasher-matcher-actioner-hma-by-meta) and the
[Europol appeal](https://www.europol.europa.eu/stopchildabuse).
"""

# SOURCES.md may cite laws, regulators and reporting that are not on the list,
# and may give addresses as text. These real hosts must not look like lookalikes.
SOURCES = """\
# Sources

Checked in November 2026.

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
  - type: markdown
    attributes:
      value: "Report abuse to the [CyberTipline](https://www.missingkids.org/cybertipline)."
"""

BASE = {
    "README.md": README,
    "get-help.md": GET_HELP,
    "SOURCES.md": SOURCES,
    "CONTRIBUTING.md": CONTRIBUTING,
    "LICENSE": "Creative Commons Attribution 4.0 International\n",
    ".github/pull_request_template.md": "Say what changed and link the source.\n",
    ".github/ISSUE_TEMPLATE/correction.yml": TEMPLATE,
    ".ci/run": "#!/usr/bin/env bash\npython3 tools/check_guide.py\n",
    # The tools hold bad URLs on purpose; they are exempt from link checks.
    "tools/check_guide.py": "# stand-in: http://bit.ly/x https://missingkids.0rg\n",
    "tools/test_check_guide.py": "# stand-in\n",
    LIST: ADDRESSES,
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
        subprocess.run([GIT, "init", "-q"], cwd=root, check=True, env=env)
        subprocess.run([GIT, "add", "-A", "-f"], cwd=root, check=True, env=env)
    return root


def append(page, text):
    """Changes that add text (one line or more) to the end of a page, and its first line."""
    base = BASE[page]
    return {page: base + text + "\n"}, base.count("\n") + 1


class GuideTestCase(unittest.TestCase):
    def problems(self, changes=None, git=True):
        root = build(changes, git)
        self.addCleanup(shutil.rmtree, root, True)
        found, _, _ = check_guide.check(root)
        return ["%s:%d: %s" % p for p in found]

    def assertReports(self, changes, expected):
        found = self.problems(changes)
        self.assertIn(expected, found, "\nproblems found:\n" + "\n".join(found))

    def assertClean(self, changes=None):
        found = self.problems(changes)
        self.assertEqual(found, [], "\nproblems found:\n" + "\n".join(found))

    def assertLineReports(self, page, text, reason):
        changes, line = append(page, text)
        self.assertReports(changes, "%s:%d: %s" % (page, line, reason))


NOT_LISTED = "host {} is not on the official address list (tools/official-addresses.txt)"
HTTP = "link uses http://; use https://"
SHORTENER = "URL shortener hides where the link goes"
EMBED = "image or media embed: this guide holds no images"
BARE = "bare address: give the link words that say where it goes"
NO_DATE = "page does not say when its facts were checked"
LOOK = "lookalike of official address {}: the link goes to {}"


class CleanGuide(GuideTestCase):
    def test_clean_fixture_passes(self):
        self.assertClean()

    def test_clean_fixture_passes_without_git(self):
        self.assertEqual(self.problems(git=False), [])

    def test_command_line_exit_codes_and_output(self):
        for changes, code in (({}, 0), (append("README.md", "[x](https://bit.ly/x)")[0], 1)):
            root = build(changes)
            self.addCleanup(shutil.rmtree, root, True)
            run = subprocess.run([sys.executable, "-B", CHECKER, "--root", root],
                                 capture_output=True, text=True, timeout=30)
            self.assertEqual(run.returncode, code, run.stdout + run.stderr)
            last = run.stdout.strip().splitlines()[-1]
            self.assertTrue(last.startswith("check_guide: "), last)
            if code:
                self.assertIn("README.md:14: " + SHORTENER, run.stdout)


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
        self.assertLineReports("README.md", "- [NCMEC](https://missingkids.org@evil.com/)",
                               "spoofed address: user-info before @ hides the real host")

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
                            ("data:text/html,hi", "data")):
            with self.subTest(url=url):
                self.assertLineReports(
                    "README.md", "- [x](%s)" % url,
                    "link uses the %s: scheme; only https:// and mailto: links are allowed" % scheme)

    def test_github_outside_listed_path(self):
        reason = ("address github.com/{} is not on the official address list "
                  "(tools/official-addresses.txt); on github.com only github.com/roostorg/, "
                  "github.com/facebook/threatexchange/ are listed")
        for path in ("someone/tool", "roostorgx/coop", "roostorg/../someone"):
            with self.subTest(path=path):
                expected = reason.format(path if ".." not in path else "someone")
                self.assertLineReports("README.md", "- [x](https://github.com/%s)" % path, expected)
        self.assertLineReports("README.md", "- [x](https://gist.github.com/roostorg/)",
                               NOT_LISTED.format("gist.github.com"))

    def test_listed_path_prefix_passes(self):
        changes, _ = append("README.md", "- [Coop](https://github.com/roostorg) and "
                            "[HMA](https://GitHub.com/facebook/threatexchange/tree/main/hasher-matcher-actioner)")
        self.assertClean(changes)

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

    def test_sources_with_http_fails(self):
        self.assertLineReports("SOURCES.md", "- [A report](http://www.example.org/report)", HTTP)

    def test_sources_with_shortener_fails(self):
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

    def test_yaml_urls_are_checked(self):
        self.assertLineReports(".github/ISSUE_TEMPLATE/correction.yml",
                               "    url: http://www.example.org/contact", HTTP)


class BareAddresses(GuideTestCase):
    def test_bare_url_in_page(self):
        self.assertLineReports("README.md", "See https://www.iwf.org.uk for more.", BARE)

    def test_link_whose_words_are_the_address(self):
        self.assertLineReports("get-help.md", "- [https://www.iwf.org.uk](https://www.iwf.org.uk)",
                               BARE)

    def test_autolink_is_bare(self):
        self.assertLineReports("README.md", "- <https://www.iwf.org.uk>", BARE)

    def test_link_split_over_lines_is_not_bare(self):
        changes, _ = append("README.md", "- [Internet Watch\n  Foundation](https://www.iwf.org.uk)")
        self.assertClean(changes)


class LocalLinks(GuideTestCase):
    def test_broken_in_page_anchor(self):
        self.assertLineReports("README.md", "- [x](#nowhere)",
                               "link to #nowhere: no such heading in this page")

    def test_link_to_missing_page(self):
        self.assertLineReports("README.md", "- [x](missing.md)", "link to missing.md: no such page")

    @unittest.skipUnless(GIT, "needs git: without it every file on disk counts")
    def test_link_to_untracked_page(self):
        changes, line = append("README.md", "- [x](draft.md)")
        root = build(changes)
        self.addCleanup(shutil.rmtree, root, True)
        with open(os.path.join(root, "draft.md"), "w") as f:  # on disk, never added
            f.write("# Draft\n")
        found = ["%s:%d: %s" % p for p in check_guide.check(root)[0]]
        expected = "README.md:%d: link to draft.md: no such page" % line
        self.assertEqual(found, [expected])

    def test_link_to_missing_heading_in_other_page(self):
        self.assertLineReports("README.md", "- [x](get-help.md#nowhere)",
                               "link to get-help.md#nowhere: no such heading in get-help.md")

    def test_duplicate_heading_anchors(self):
        page = "## Report\n\n## Report\n\n[first](#report) [second](#report-1)\n"
        changes, _ = append("README.md", page)
        self.assertClean(changes)
        changes, line = append("README.md", page + "[third](#report-2)")
        self.assertReports(changes, "README.md:%d: link to #report-2: no such heading in this page"
                           % (line + 5))

    def test_explicit_html_anchor(self):
        changes, _ = append("README.md", '<a id="table"></a>\n[the table](#table)')
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
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(check_guide.heading_id(text), expected)


class FilesAndEmbeds(GuideTestCase):
    def test_image_embeds(self):
        self.assertLineReports("README.md", "![x](y.png)", EMBED)
        self.assertLineReports("README.md", '<IMG src="https://www.iwf.org.uk/logo.png">', EMBED)
        self.assertLineReports(".github/ISSUE_TEMPLATE/correction.yml", "# <video src=x>", EMBED)

    def test_embed_named_in_inline_code_is_not_an_embed(self):
        changes, _ = append("CONTRIBUTING.md", "Do not add `![images](x.png)` or `<img>` tags.")
        self.assertClean(changes)

    def test_files_not_allowed(self):
        cases = {
            "logo.png": "images, video and audio are not allowed: this guide holds no media",
            "docs/clip.mp4": "images, video and audio are not allowed: this guide holds no media",
            "bundle.zip": "archives are not allowed: their contents cannot be reviewed",
            "scrape.py": "code is not allowed: the only code is tools/check_guide.py and its tests",
            "tools/app.js": "code is not allowed: the only code is tools/check_guide.py and its tests",
            "hashes.csv": "data sets and model files are not allowed",
            "docs/notes.md": "only Markdown pages, LICENSE, issue templates and the checker belong here",
        }
        changes = {path: "x\n" for path in cases}
        found = self.problems(changes)
        for path, why in cases.items():
            with self.subTest(path=path):
                self.assertIn("%s:1: file not allowed in this guide (%s)" % (path, why), found)

    def test_binary_content(self):
        self.assertReports({"get-help.md": GET_HELP + "x\0y\n"},
                           "get-help.md:%d: binary content (a NUL byte): this guide holds text only"
                           % (GET_HELP.count("\n") + 1))


class CheckedDates(GuideTestCase):
    def test_page_without_checked_date(self):
        self.assertReports({"other.md": "# Other\n\nNo date here.\n"}, "other.md:1: " + NO_DATE)
        self.assertReports({"README.md": README.replace("2026-11-22", "recently")},
                           "README.md:1: " + NO_DATE)

    def test_date_forms(self):
        for line in ("Checked: November 2026.", "Facts re-checked on 3 March 2026.",
                     "Last **checked** in **Nov. 2026**", "checked at the source on 2026-01-31",
                     "Checked September 30, 2026"):
            with self.subTest(line=line):
                self.assertClean({"other.md": "# Other\n\n%s\n" % line})

    def test_date_too_far_or_absent(self):
        for line in ("Checked by the team, who read every page and every link they could find, "
                     "in November 2026", "November 2026 was when we checked", "Unchecked 2026-11-22"):
            with self.subTest(line=line):
                self.assertReports({"other.md": "# Other\n\n%s\n" % line}, "other.md:1: " + NO_DATE)


class AddressList(GuideTestCase):
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


class RealGuide(unittest.TestCase):
    def test_committed_guide_passes(self):
        run = subprocess.run([sys.executable, "-B", CHECKER, "--root", REPO],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 0, "\n" + run.stdout + run.stderr)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors)
    passed = result.testsRun - failed - len(result.skipped)
    sys.stderr.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
