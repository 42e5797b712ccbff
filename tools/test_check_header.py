#!/usr/bin/env python3
"""Tests for tools/check_header.py (red-team classes C5, C6).
Run: bash .ci/run test. The last line printed is "N passed, N failed"."""
import importlib.util
import os
import sys
import unittest

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testkit import load, main  # noqa: E402  (tools/ is not on sys.path under -I)


hd = load("check_header")
nb = load("check_numbers")
HEADER = ("**Are you, or is a child, in danger right now?** Call 911 (US, Canada),\n"
          "999 (UK) or 000 (Australia).\n[Other countries](guide/by-country.md#find-your-country).\n\n"
          "**Thinking of suicide, or of hurting yourself?** Call 116 123 (UK, Ireland).\n\n"
          "**Never save, screenshot or share a sexual image of a child.** Not even to\nreport it.\n")
PAGE = "# Get help now\n\nIntro words.\n\n## Section\n\nText.\n"


def stamped(page="guide/get-help.md", text=PAGE):
    return hd.stamp(text, page, HEADER)


def problems(text, page="guide/get-help.md"):
    return [r for _, r in hd.page_problems(page, text, HEADER)]


class Stamp(unittest.TestCase):
    def test_stamp_puts_header_after_title_and_is_idempotent(self):
        once = stamped()
        self.assertTrue(once.startswith("# Get help now\n\n**Are you"))
        self.assertIn("(by-country.md#find-your-country)", once)  # relative to guide/
        self.assertEqual(stamped(text=once), once)
        self.assertIn("Intro words.", once)
        self.assertEqual(problems(once), [])

    def test_links_are_relative_to_each_page(self):
        self.assertIn("(guide/by-country.md#", hd.stamp(PAGE, "README.md", HEADER))
        self.assertIn("(../by-country.md#", hd.stamp(PAGE, "guide/countries/ke.md", HEADER))
        self.assertEqual(problems(hd.stamp(PAGE, "guide/countries/ke.md", HEADER),
                                  "guide/countries/ke.md"), [])

    def test_old_safety_lines_are_replaced(self):
        old = PAGE.replace("Intro words.", "Intro words.\n\n**Never save, screenshot or share "
                           "a sexual image of a child.** Old wording.")
        self.assertNotIn("Old wording", stamped(text=old))


class C5Pinned(unittest.TestCase):
    def test_changed_moved_or_formatted_header_fails(self):
        good = stamped()
        for bad in (good.replace("999 (UK) or ", ""),                     # N04
                    good.replace("999 (UK)", "911 (UK)"),                 # N50
                    good.replace("999 (UK)", "116 123 (UK)"),             # N51
                    good.replace("999 (UK)", "~~999 (UK)~~"),             # N28
                    good.replace("Not even to\nreport it.", "Not even to\nreport it. Now keep it."),
                    good.replace("**Never save", "Read this.[^1]\n\n[^1]: **Never save"),
                    "# Get help now\n\nIntro words.\n\n" + good.split("\n\n", 1)[1],  # moved down
                    good.replace("**Never save, screenshot or share a sexual image of a child.** Not even to\nreport it.\n", ""),
                    good.replace("Call 911", "Wait before calling anyone. Call 911")):
            with self.subTest(bad=bad[:80]):
                self.assertEqual(problems(bad), [hd.NOT_FIRST])

    def test_page_without_title(self):
        self.assertEqual(problems("Just text.\n"), [hd.NO_TITLE])


class C6EveryPage(unittest.TestCase):
    def test_reader_pages(self):
        for path in ("README.md", "CONTRIBUTING.md", "guide/get-help-now.md", "guide/README.md",
                     "guide/countries/ke.md", "docs/README.md"):
            self.assertTrue(hd.is_reader_page(path), path)
        self.assertFalse(hd.is_reader_page("SOURCES.md"))


class HeaderNumbers(unittest.TestCase):
    REGISTER = ("911 | Emergency services | US | emergency | https://a.example\n"
                "911 | Emergency services | CA | emergency | https://a.example\n"
                "999 | Emergency services | GB | emergency | https://a.example\n"
                "000 | Emergency services | AU | emergency | https://a.example\n"
                "116 123 | Samaritans | GB | crisis | https://a.example\n"
                "116 123 | Samaritans | IE | crisis | https://a.example\n")

    def test_numbers_registered_for_country_and_kind(self):
        entries, _ = nb.parse_register(self.REGISTER)
        self.assertEqual(hd.header_number_problems(HEADER, entries), [])
        swapped = HEADER.replace("999 (UK)", "911 (UK)")
        self.assertEqual(hd.header_number_problems(swapped, entries),
                         [hd.HEADER_NUMBER.format("911", "uk", "emergency", "GB")])
        crisis = HEADER.replace("116 123 (UK, Ireland)", "999 (UK)")
        self.assertIn(hd.HEADER_NUMBER.format("999", "uk", "crisis", "GB"),
                      hd.header_number_problems(crisis, entries))


class CountryHeader(unittest.TestCase):
    TEMPLATE = ("**Are you, or is a child, in danger right now?** {emergency}.\n\n"
                "**Thinking of suicide, or of hurting yourself?** {crisis}[Find A Helpline]"
                "(https://findahelpline.com) lists lines.\n\n"
                "**Never save, screenshot or share a sexual image of a child.**\n")
    ROUTES = [{"kind": "emergency", "text": "112 (EU emergency number).", "numbers": ["112"]},
              {"kind": "emergency", "text": "114 (police, non-urgent service number)",
               "numbers": ["114"]},
              {"kind": "crisis", "text": "Lifeline, 142.", "numbers": ["142"]},
              {"kind": "crisis", "text": "text SHOUT to 85258", "numbers": ["85258"]},
              {"kind": "crisis", "text": "Domestic violence hotline 1500", "numbers": ["1500"]}]

    def header(self, routes, name="Denmark"):
        return hd.country_header(self.TEMPLATE, name, routes)

    def test_own_numbers_only_urgent_and_callable(self):
        got = self.header(self.ROUTES)
        self.assertIn("Call 112 (EU emergency number). Not urgent? Go to a police station.", got)
        self.assertIn("Call 142. [Find A Helpline]", got)
        for absent in ("114", "85258", "1500"):
            self.assertNotIn(absent, got)

    def test_only_an_ambulance_line_adds_the_police_station(self):
        got = self.header([{"kind": "emergency", "text": "101 (ambulance)", "numbers": ["101"]}])
        self.assertIn("Call 101 (ambulance), or go to a police station.", got)
        regional = self.header([{"kind": "emergency", "text": "118 (medical emergency)",
                                 "numbers": ["118"]},
                                {"kind": "emergency", "text": "112 (emergency - only in some cities)",
                                 "numbers": ["112"]}])
        self.assertIn("Call 118 (medical emergency) or 112 (emergency - only in some cities). "
                      "Not urgent?", regional)

    def test_no_emergency_number_says_so(self):
        got = self.header([], "Nigeria")
        self.assertIn("Call the police, or go to a police station", got)
        self.assertIn("could not confirm an emergency number for this country", got)
        self.assertIn("**Thinking of suicide, or of hurting yourself?** [Find A Helpline]", got)

    def test_no_emergency_number_names_a_child_helpline_that_takes_reports(self):
        line = {"kind": "child_helpline", "numbers": ["116"],
                "text": "116, free. Anyone can call it to report a child who needs protection."}
        got = self.header([line], "Kenya")
        self.assertIn("Or call the child helpline, 116.", got)
        talk_only = dict(line, text="116, free, for children to talk.")
        self.assertNotIn("call the child helpline", self.header([talk_only], "Kenya"))
        with_police = [{"kind": "emergency", "text": "999 (police)", "numbers": ["999"]}, line]
        self.assertNotIn("call the child helpline", self.header(with_police, "Kenya"))

    def test_country_page_must_show_its_own_header(self):
        texts = {hd.COUNTRY_HEADER_PATH: self.TEMPLATE,
                 "data/countries/dk.yaml": "routes:\n- kind: emergency\n  text: '112.'\n"
                                           "  numbers: ['112']\n",
                 "guide/countries/dk.md": "# Denmark\n\nText.\n"}
        want = hd.header_for(texts, "guide/countries/dk.md", HEADER)
        self.assertIn("Call 112. Not urgent? Go to a police station.", want)
        page = hd.stamp(texts["guide/countries/dk.md"], "guide/countries/dk.md", want)
        self.assertEqual(hd.page_problems("guide/countries/dk.md", page, want), [])
        other = page.replace("Call 112.", "Call 911.")
        self.assertTrue(hd.page_problems("guide/countries/dk.md", other, want))
        # any other page keeps the pinned header
        self.assertEqual(hd.header_for(texts, "guide/get-help.md", HEADER), HEADER)


if __name__ == "__main__":
    sys.exit(main())
