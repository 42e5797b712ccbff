#!/usr/bin/env python3
"""Tests for tools/check_markdown.py (red-team classes C1-C4, C16 comments).
Run: bash .ci/run test. The last line printed is "N passed, N failed"."""
import importlib.util
import os
import sys
import unittest

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testkit import load, main  # noqa: E402  (tools/ is not on sys.path under -I)


md = load("check_markdown")
PAGE = "guide/get-help.md"
GOOD = ("# Title\n\nA paragraph with **bold**, *italic*, `code` and a\n"
        "[link](https://www.iwf.org.uk).  \nA line break.\n\n- a list\n- [x](other.md#a)\n\n"
        "1. one\n2. two\n\n## Heading\n\n---\n\nEnd.\n")


def reasons(text, page=PAGE):
    return [r for _, r in md.page_problems(page, text)]


class Allowed(unittest.TestCase):
    def test_what_the_guide_uses_passes(self):
        self.assertEqual(reasons(GOOD), [])

    def test_tables_only_on_reference_pages(self):
        table = GOOD + "\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        self.assertEqual(reasons(table, "guide/duties-by-country.md"), [])
        self.assertEqual(reasons(table, "guide/countries/ke.md"), [])
        self.assertIn(md.TABLE, reasons(table))

    def test_block_quote_only_in_contributing(self):
        self.assertEqual(reasons("# C\n\n> **Never** post here.\n", "CONTRIBUTING.md"), [])
        self.assertIn(md.QUOTE, reasons("# C\n\n> quoted\n"))

    def test_pull_request_template_comments_exactly(self):
        text = ("## What\n\n%s\n\n## Source\n\n%s\n\n- [ ] box\n" % md.PR_COMMENTS)
        self.assertEqual(reasons(text, md.PR_TEMPLATE), [])
        changed = text.replace("what it says now", "paste the link here")
        self.assertIn(md.PR_COMMENT, reasons(changed, md.PR_TEMPLATE))
        self.assertIn(md.PR_COMMENT, reasons(text + "\n<!-- x -->\n", md.PR_TEMPLATE))


class C1RawHtml(unittest.TestCase):
    """C1/C2/C4: any raw HTML, whatever a parser makes of it, fails."""
    def test_every_comment_and_tag_form(self):
        for snippet in ("<!-->\n- [IWF](https://evil.example/), 0800 555 0199\n<!-- -->",
                        "<!--->\nx\n<!-- -->", "<!-- note --!>\n<a href='https://e.example'>x</a>",
                        "<![CDATA[>\n<a href='https://e.example'>x</a>\n<!-- ]]> -->",
                        "text\n\n<!--\nall the rest", "<ruby><rp>**Never save**</rp></ruby>",
                        "Childline, 0800 5<td>55 0<td>199.",
                        '0800 5<span data-sourcepos="1:1-1:1">55 0</span>199',
                        '<a href="https://www.childline.org.uk" aria-label="call 0800 555 0199">x</a>',
                        "<details><summary>Numbers</summary>\n\nx\n\n</details>",
                        "<sub><sup>tiny</sup></sub>", "<!-- a comment -->"):
            with self.subTest(snippet=snippet):
                self.assertIn(md.RAW_HTML, reasons(GOOD + "\n" + snippet + "\n"))

    def test_line_of_the_problem(self):
        problems = md.page_problems(PAGE, "# T\n\nfine\n\nx <b>y</b>\n")
        self.assertEqual(problems, [(5, md.RAW_HTML)])


class C3GithubOnly(unittest.TestCase):
    def test_math_and_drawn_fences(self):
        self.assertIn(md.MATH, reasons(GOOD + "\ncall $0{}8{}0{}0$.\n"))
        self.assertIn(md.MATH, reasons(GOOD + "\n$$\nx\n$$\n"))
        self.assertIn(md.MATH, reasons(GOOD + "\n$`x`$\n"))
        for fence in ("mermaid", "math", "geojson", "topojson", "stl", ""):
            with self.subTest(fence=fence):
                self.assertIn(md.CODE_BLOCK, reasons(GOOD + "\n```%s\nA-->B\n```\n" % fence))
        self.assertIn(md.CODE_BLOCK, reasons(GOOD + "\n    indented code\n"))


class C4Attributes(unittest.TestCase):
    def test_titles_images_footnotes_strike(self):
        self.assertIn(md.LINK_TITLE, reasons(GOOD + '\n[x](https://www.iwf.org.uk "call 0800 555 0199")\n'))
        self.assertIn(md.LINK_TITLE, reasons(GOOD + '\n[x][r]\n\n[r]: https://www.iwf.org.uk "t"\n'))
        self.assertIn(md.LINK_TITLE, reasons(GOOD + "\n[unused]: https://www.iwf.org.uk 'QUJD'\n"))
        self.assertIn(md.IMAGE, reasons(GOOD + "\n![x](https://www.iwf.org.uk/a.png)\n"))
        self.assertIn(md.FOOTNOTE, reasons(GOOD + "\nRead this.[^1]\n\n[^1]: Never save.\n"))
        self.assertIn(md.STRIKE, reasons(GOOD + "\n~~999 (UK)~~\n"))
        self.assertIn(md.CHECKBOX, reasons(GOOD + "\n- [ ] box\n"))


if __name__ == "__main__":
    sys.exit(main())
