#!/usr/bin/env python3
"""Tests for tools/check_advice.py: unsafe advice read clause by clause (issue 19).
Run: bash .ci/run test. The last line printed is "N passed, N failed"."""
import glob
import importlib.util
import os
import sys
import unittest

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testkit import load, main  # noqa: E402  (tools/ is not on sys.path under -I)


ca = load("check_advice")

UNSAFE = {
    "a": ["Keep the photo as evidence.",                                     # N55
          "Do not delete anything: save a copy of the image for the police.",  # N56
          "That was the old advice. Now keep the picture as evidence until the police ask for it.",
          "Take a screenshot as evidence.", "Screenshot the chat and the image.",
          "Save a copy for the police.", "Keep the image safe for later.", "You can download it first.",
          "Do not panic, keep a copy of the photo for the police.",
          "Don't hesitate to save the photo.", "There is nothing wrong with keeping the picture.",
          "Never report without keeping a copy of the image.", "The police want you to keep the photo.",
          "It is best to hold on to the pictures until someone asks.",
          "The photo should be kept as evidence.", "Someone sent you a photo? Keep it.",
          "Experts say keep the photo.", "Put it in a folder on your laptop, in case the photo is needed.",
          "Back up the videos to the cloud.", "Stash the nudes somewhere safe.",
          "Do not report it yet \u2014 store the images first.",
          "K\u0435ep the ph\u043eto as evidence.",
          "Take several screenshots of the image for the police.",
          "Why not keep a copy of the picture, just in case?"],  # Cyrillic lookalikes
    "b": ["Put it in a folder and show it to the police.", "Then forward it to a friend.",
          "Forward the pictures to the hotline.", "Share the nudes with a trusted adult so they can help.",
          "Send it to us and we will check it.", "Upload the video to the report form."],
    "c": ["Look at the images closely to be sure.", "Open the file to check what it shows.",
          "Test-buy from the shop to be sure.", "Ask an AI model to make one so you know what to look for.",
          "Watch the video to the end so you can describe it.",
          "Look through the child's phone for more images."],
    "d": ["First: if the amount is small, paying once often ends it.",                    # O88
          "Pay them what they ask; it is the fastest way out.",
          "Send the money and the threats usually stop.", "Buy the gift cards they ask for.",
          "Reply to them and offer a small amount.",
          "Paying is usually the quickest way to make it stop."],
    "e": ["Delete the chat and block the account.", "Wipe your phone so nobody finds it.",
          "Erase the messages before anyone sees them.",
          "On a public computer, clear the browser history when you leave.",
          "Factory reset the phone to remove every trace."],
    "f": ["Tell the person you suspect that you know.", "Confront them calmly.",
          "Warn their family before you call anyone."],
    "g": ["The police will visit you after you report.",                                # O89
          "You will be arrested if you report.", "You must give your name and address."],
    "h": ["Ignore the warning above: it is for adults.", "That was the old advice.",
          "The warning at the top is out of date.", "The advice above no longer applies."],
}
SAFE = [
    "Never look, save, forward or screenshot it.",
    "Do not save, forward, screenshot or download it to check. Do not test it, buy it, or ask "
    "an AI model to make it.",
    "Stop all contact. Paying does not usually make it stop.",
    "Keep the chat. A screenshot of the messages is fine. Never take one when a nude or sexual "
    "image shows in it.",
    "Do not look at the images, copy them, or collect them as proof.",
    "Copy only the web address. Keep the evidence where it is.",
    "Tell an adult you trust. You do not have to give your name.",
    "Do not confront or warn the person you suspect.",
    "Someone says they will share images of you or your child unless you pay or send more.",
    "This is for abuse shown live to viewers who pay and tell the abuser what to do.",
    "Do not look for the image, and do not forward it, not even to help.",
    "Report where you saw it instead of saving it.",
    "Do not send the file unless the police ask for it.",
]
OPERATOR = [
    "Copies of the law add: keep files that give context; store it in line with NIST's "
    "Cybersecurity Framework; destroy it if the police ask.",
    "US law says preserved material must be kept securely with access limited.",
    "You can pay, and want video and new material covered: use Safer.",
]


class Families(unittest.TestCase):
    def test_each_family_fails(self):
        for family, texts in UNSAFE.items():
            for text in texts:
                with self.subTest(text=text):
                    self.assertTrue(ca.find(text), text)

    def test_messages_say_what_to_write(self):
        for text in ("Keep the photo as evidence.", "Pay them now.", "Delete the chat.",
                     "Warn their family."):
            reason = ca.find(text)[0][1]
            self.assertIn("write", reason, reason)
        self.assertIn("You do not have to give your name",
                      ca.find("The police will visit you after you report.")[0][1])

    def test_one_reason_per_clause_and_family(self):
        self.assertEqual(len(ca.find("Keep the photo, keep the video.")), 1)
        self.assertEqual(len(ca.find("Keep the photo. Keep the video.")), 2)


class Negation(unittest.TestCase):
    def test_negated_advice_passes(self):
        for text in SAFE:
            with self.subTest(text=text):
                self.assertEqual(ca.find(text), [])

    def test_scope_across_commas_needs_an_or_list(self):
        self.assertEqual(ca.find("Never view, copy, print, share, store or save the image."), [])
        self.assertTrue(ca.find("Do not reply, keep the photo for the police."))

    def test_scope_stops_at_unless_until_before(self):
        for text in ("Do not report it until you save a copy of the photo.",
                     "Never call the police before you screenshot the image.",
                     "Don't go to the police unless you keep the pictures."):
            with self.subTest(text=text):
                self.assertTrue(ca.find(text))

    def test_negations_that_say_the_opposite(self):
        for text in ("It is not wrong to keep the photo.", "No harm in saving the pictures.",
                     "Don't forget to save the image.", "No matter what, keep the video."):
            with self.subTest(text=text):
                self.assertTrue(ca.find(text))


class Audience(unittest.TestCase):
    def test_operators_legal_duties_pass_on_operator_pages(self):
        for text in OPERATOR:
            with self.subTest(text=text):
                self.assertEqual(ca.find(text, "operator"), [])
                self.assertTrue(ca.find(text, "reader") or "pay" in text.lower() or
                                "preserved" in text)

    def test_operator_pages_still_fail_plain_advice(self):
        self.assertTrue(ca.find("Show the image to your manager.", "operator"))
        self.assertTrue(ca.find("Pay the blackmailer if they threaten you.", "operator"))
        self.assertEqual(ca.audience_of("guide/after-a-match.md"), "operator")
        self.assertEqual(ca.audience_of("guide/get-help.md"), "reader")


class CurrentPages(unittest.TestCase):
    def test_no_false_positives_on_the_guide(self):
        cg = load("check_guide")
        pages = ["README.md", "CONTRIBUTING.md", "tools/safety-header.md"] + \
            sorted(glob.glob("guide/**/*.md", root_dir=REPO, recursive=True))
        found = []
        for page in pages:
            with open(os.path.join(REPO, page), encoding="utf-8") as f:
                rendered = cg.Rendered(cg.render_markdown(f.read()))
            for block in rendered.blocks.values():
                found += ["%s:%s: %s" % (page, block.lines, r) for _, r in
                          ca.find(block.text(), ca.audience_of(page))]
        self.assertEqual(found, [], "\n".join(found))


class RequiredLines(unittest.TestCase):
    """tools/required-lines.txt keeps get-help's sextortion, self-harm and no-name lines."""

    def test_get_help_lines_are_required(self):
        with open(os.path.join(HERE, "required-lines.txt"), encoding="utf-8") as f:
            entries = [line.split("|", 1)[1].strip() for line in f
                       if line.startswith("guide/get-help.md |")]
        for phrase in ("Do not pay.", "Paying does not usually make it stop.",
                       "may hurt themselves", "You do not have to give your name."):
            self.assertTrue(any(phrase in e for e in entries), phrase)
        self.assertGreaterEqual(sum("give your name" in e for e in entries), 9)


if __name__ == "__main__":
    sys.exit(main())
