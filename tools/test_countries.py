#!/usr/bin/env python3
"""Tests for tools/countries.py (the country data, its pages and its register).

Run: bash .ci/run   (which runs: python -I -B tools/test_countries.py with the pinned
     packages of tools/requirements.txt installed)
Each test copies the guide into a temporary folder (no .git, so the check walks the
folder), changes one thing, and checks that the generator or the check fails with the
right reason. The last line printed is "N passed, N failed".
"""
import contextlib
import importlib.util
import io
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testkit import load, main  # noqa: E402  (tools/ is not on sys.path under -I)


countries = load("countries")
check_guide = load("check_guide")
# the emergency kind is the header's first line on a country page: its own numbers, or
# "Call the police" where no number was read on an official page
EMERGENCY_ON_PAGE = "**Are you, or is a child, in danger right now?** Call "
# with no national crisis line, the header's suicide line (Find A Helpline) is the route
CRISIS_ON_PAGE = "**Thinking of suicide, or of hurting yourself?**"
KINDS_ON_PAGE = [EMERGENCY_ON_PAGE, "**Report:**", "**Child helpline:**",
                 CRISIS_ON_PAGE, "**Help to stop:**", "**Your image, taken under 18:**"]


def run(argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = countries.main(argv)
    return code, out.getvalue()


class Copy(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="countries-test-")
        self.addCleanup(shutil.rmtree, self.root, True)
        for top in ("README.md", "SOURCES.md", "CONTRIBUTING.md", "LICENSE"):
            if os.path.exists(os.path.join(REPO, top)):
                shutil.copy(os.path.join(REPO, top), self.root)
        for folder in ("data", "guide", "tools"):
            shutil.copytree(os.path.join(REPO, folder), os.path.join(self.root, folder),
                            ignore=shutil.ignore_patterns("__pycache__"))

    def path(self, rel):
        return os.path.join(self.root, rel)

    def edit(self, rel, old, new):
        with open(self.path(rel), encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text, rel)
        with open(self.path(rel), "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))


class Generator(Copy):
    def test_committed_files_are_what_the_data_generates(self):
        code, out = run(["--check", "--root", REPO])
        self.assertEqual(code, 0, out)

    def test_unregenerated_data_change_fails(self):
        self.edit("data/countries/ke.yaml", "116, the national child helpline", "116, the national child line")
        code, out = run(["--check", "--root", self.root])
        self.assertEqual(code, 1)
        self.assertIn("guide/countries/ke.md differs from what the data generates", out)
        self.assertIn("data/routes.json differs", out)

    def test_regenerated_change_passes(self):
        self.edit("data/countries/ke.yaml", "116, the national child helpline", "116, the national child line")
        self.assertEqual(run(["--root", self.root])[0], 0)
        code, out = run(["--check", "--root", self.root])
        self.assertEqual(code, 0, out)
        with open(self.path("guide/countries/ke.md"), encoding="utf-8") as f:
            self.assertIn("the national child line", f.read())

    def test_emergency_number_changed_by_one_digit_in_data_and_page_fails(self):
        # 999 -> 998 in the United Kingdom's file and in its page: the register and the
        # page agree, but libphonenumber knows 998 is no emergency number there.
        self.edit("data/countries/gb.yaml", "text: '999.'\n  numbers:\n  - '999'",
                  "text: '998.'\n  numbers:\n  - '998'")
        self.edit("guide/countries/gb.md", "Call 999 or 112", "Call 998 or 112")
        code, out = run(["--check", "--root", self.root])
        self.assertEqual(code, 1)
        self.assertIn("998 is shown as an emergency number, but libphonenumber does not know "
                      "it as one for GB", out)

    def test_invalid_number_fails(self):
        self.edit("data/countries/ke.yaml", "116, the national child helpline", "11, the national child helpline")
        self.edit("data/countries/ke.yaml", "- '116'", "- '11'")
        code, out = run(["--check", "--root", self.root])
        self.assertEqual(code, 1)
        self.assertIn("11 is not a valid number or short number for KE", out)

    def test_route_without_source_fails_the_schema(self):
        with open(self.path("data/countries/ke.yaml"), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"  sources:\n  - http://childrenscouncil\.go\.ke/child-help-line\.html\n"
                      r"  - https://childlinekenya\.co\.ke\n", "", text)
        with open(self.path("data/countries/ke.yaml"), "w", encoding="utf-8") as f:
            f.write(text)
        code, out = run(["--check", "--root", self.root])
        self.assertEqual(code, 1)
        self.assertIn("'sources' is a required property", out)

    def test_missing_un_member_fails(self):
        os.remove(self.path("data/countries/ke.yaml"))
        code, out = run(["--check", "--root", self.root])
        self.assertEqual(code, 1)
        self.assertIn("UN member KE has no data/countries/ke.yaml", out)


class Check(Copy):
    def test_number_on_a_page_that_no_country_file_holds_fails(self):
        self.edit("guide/get-help.md", "\n## ", "\nOr call 0800 123 4567 now.\n\n## ")
        checker = check_guide.Checker(self.root)
        problems = checker.run()
        self.assertTrue(any("number 0800 123 4567 is not in the contact register" in p[2]
                            for p in problems), problems)


class RealData(unittest.TestCase):
    def test_every_entry_has_every_kind_national_or_global(self):
        files, problems = countries.generate(REPO)
        self.assertEqual(problems, [])
        pages = {p: t for p, t in files.items() if p.startswith("guide/countries/")}
        self.assertGreaterEqual(len(pages), 193)
        for path, text in pages.items():
            for label in KINDS_ON_PAGE:
                self.assertIn(label, text, path)
            for line in text.splitlines():  # never "not confirmed" alone: a route goes with it
                if "not confirmed" in line.lower():
                    self.assertIn("](", line, path)

    def test_open_data_holds_every_entry_with_sources_and_dates(self):
        with open(os.path.join(REPO, "data/routes.json"), encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual(data["licence"], "CC BY 4.0")
        codes = {c["code"] for c in data["countries"]}
        self.assertEqual(len(codes), len(os.listdir(os.path.join(REPO, "data/countries"))))
        for c in data["countries"]:
            self.assertRegex(c["checked"], r"^\d{4}-\d\d-\d\d$")
            for r in c["routes"]:
                self.assertTrue(r["sources"], c["code"])



if __name__ == "__main__":
    sys.exit(main())
