#!/usr/bin/env python3
"""Tests for tools/check_numbers.py (red-team classes C7, C8) and the register parser.
Run: bash .ci/run test. The last line printed is "N passed, N failed"."""
import importlib.util
import os
import sys
import unittest

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testkit import load, main  # noqa: E402  (tools/ is not on sys.path under -I)


nb = load("check_numbers")
REGISTER = """\
# NUMBER | ORGANISATION | COUNTRY | KIND | SOURCE-URL
911 | Emergency services, United States | US | emergency | https://a.example/
911 | Emergency services, Canada | CA | emergency | https://a.example/
999 | Emergency services, United Kingdom | GB | emergency | https://a.example/
0800 1111 | Childline | GB | child_helpline | https://www.childline.org.uk
0808 800 5000 | NSPCC helpline for adults | GB | other | https://www.nspcc.org.uk
116 123 | Samaritans (UK and Ireland) | GB | crisis | https://www.samaritans.org
1-800-843-5678 | NCMEC (1-800-THE-LOST) | US | report | https://www.missingkids.org
1-800-422-4453 | Childhelp | US | child_helpline | https://childhelphotline.org
"""
ENTRIES, REG_PROBLEMS = nb.parse_register(REGISTER)


def problems(text):
    return [r for _, r in nb.page_problems("# T\n\n" + text + "\n", ENTRIES)]


class Register(unittest.TestCase):
    def test_five_columns(self):
        self.assertEqual(REG_PROBLEMS, [])
        first = ENTRIES[0]
        self.assertEqual((first.number, first.country, first.kind, first.digits),
                         ("911", "US", "emergency", "911"))
        self.assertEqual(ENTRIES[6].digits, "18008435678")

    def test_older_three_columns_are_read(self):
        entries, found = nb.parse_register("0800 1111 | Childline | https://www.childline.org.uk\n")
        self.assertEqual(found, [])
        self.assertEqual((entries[0].country, entries[0].kind), ("", "other"))

    def test_bad_entries(self):
        _, found = nb.parse_register("999 | X | uk | emergency | https://a\n"
                                     "999 | X | GB | police | https://a\n999 | X | GB | emergency\n"
                                     "999 | Emergency | US | emergency | https://a\n")
        self.assertEqual(found, [(1, nb.REG_COUNTRY.format("uk")), (2, nb.REG_KIND.format("police")),
                                 (3, nb.REG_FORMAT), (4, nb.REG_EMERGENCY.format("999", "US"))])


class C7Forms(unittest.TestCase):
    def test_generator_mark_trusts_only_the_marked_emergency_number(self):
        text = (nb.LIBRARY_MARK + " 911 NG\n"
                "911 | 911 (police) | NG | emergency | https://a.example\n"
                "912 | 912 (police) | NG | emergency | https://a.example\n")
        _, problems = nb.parse_register(text)
        self.assertEqual(problems, [(3, nb.REG_EMERGENCY.format("912", "NG"))])

    def test_every_written_form_is_found(self):
        for form in ("0800&#8209;555&#8209;0199", "0800\u2013555\u20130199", "0800/555/0199",
                     "No. 0800 555 0199", "the 0199 hotline", "it is 0199", "e.g. 0199", "555.0199",
                     "1-800-555-01ad", "".join(c + "\u0332" if c.isdigit() else c for c in "0800 555 0199"),
                     "".join(c + "\u20e3" if c.isdigit() else c for c in "0800 555 0199"),
                     "\u2070\u2078\u2070\u2070 \u2075\u2075\u2075 \u2070\u00b9\u2079\u2079",
                     "O8OO 555 OI99", "\uff10\uff18\uff10\uff10 555 0199", "\u0660\u0668\u0660\u0660 555 0199",
                     "0800\u200b555\u200b0199", "[x](tel:08005550199)"):
            with self.subTest(form=form):
                found = problems("Call Childline on %s." % form)
                self.assertTrue(any("not in the contact register" in r for r in found), found)

    def test_registered_numbers_in_other_forms_pass(self):
        for form in ("0800 1111", "0800-1111", "0800\u20111111", "O8OO 1111", "0800 1111 (UK)"):
            with self.subTest(form=form):
                self.assertEqual(problems("Childline on %s." % form), [])
        self.assertEqual(problems("NCMEC on 1-800-THE-LOST."), [])

    def test_dates_years_laws_and_counts_are_not_numbers(self):
        for text in ("Checked on 23 November 2026.", "Since 2019, and in (2022).",
                     "Directive 2011/93/EU and Regulation (EU) 2022/2065.", "section 2258A",
                     "about 28,000 tips", "36 million reports", "40% of them", "SI 2026/268",
                     "the interim regulation (2021/1232)", "Python 3.11", "found in 127 cases"):
            with self.subTest(text=text):
                self.assertEqual(problems(text), [])


class C8Owner(unittest.TestCase):
    def test_number_of_another_organisation(self):
        self.assertEqual(problems("Childline, 0808 800 5000."),
                         [nb.WRONG_OWNER.format("0808 800 5000", "NSPCC helpline for adults", "Childline")])
        self.assertEqual(problems("The NSPCC helpline, 0808 800 5000."), [])

    def test_country_named_in_brackets(self):
        self.assertEqual(problems("Call 999 (US, Canada), 911 (UK)."), [
            nb.WRONG_COUNTRY.format("999", "US", "GB"), nb.WRONG_COUNTRY.format("999", "CA", "GB"),
            nb.WRONG_COUNTRY.format("911", "GB", "CA, US")])
        self.assertEqual(problems("Call 911 (US and Canada) or 999 (UK)."), [])

    def test_country_named_before_an_emergency_number(self):
        self.assertEqual(problems("In the UK, call 911."), [nb.WRONG_COUNTRY.format("911", "GB", "CA, US")])
        self.assertEqual(problems("In the UK, call 999. Tell us where you are, then call 999."), [])

    def test_owner_is_the_name_right_before_the_number(self):
        self.assertEqual(problems("Childline on 0800 1111 (UK), Childhelp on 1-800-422-4453 (US)."), [])
        self.assertEqual(len(problems("Childhelp on 0800 1111 (UK).")), 1)


class NumbersInWords(unittest.TestCase):
    """Three or more digit words in a row fail: readers are told to write digits."""

    def test_runs_of_number_words_fail(self):
        for text, digits in (("Call nine nine nine (UK).", "999"),
                             ("Call one one six one two three.", "116123"),
                             ("Call nine-nine-nine now.", "999"), ("Ring double nine, nine.", "999"),
                             ("Call triple nine.", "999"), ("Call 0800 one one one one.", "08001111"),
                             ("Call Childline on oh eight hundred, one one one one.", "1111")):
            with self.subTest(text=text):
                found = nb.word_numbers(nb.normalise(text))
                self.assertTrue(found and found[-1][1].endswith(digits), found)
                problems = nb.page_problems("# T\n\n" + text + "\n", [])
                self.assertTrue(any("write it in digits" in r for _, r in problems), problems)

    def test_ordinary_counting_passes(self):
        for text in ("one or two", "one, two or three steps", "in one of two ways",
                     "It works in 23 of the 27 EU countries.", "Call double nine."):
            with self.subTest(text=text):
                self.assertEqual(nb.word_numbers(nb.normalise(text)), [])


if __name__ == "__main__":
    sys.exit(main())
