"""Job 1 of the check: pages use only the Markdown this guide needs (issue 19).

Each page is parsed by cmark-gfm (GitHub's parser) with raw HTML left out, and
its output is read tag by tag. Allowed: headings, paragraphs, lists, links,
bold and italic, inline code, line breaks, thematic breaks; tables only on the
reference pages; block quotes only in CONTRIBUTING.md; check boxes and the two
comments of the pull-request template exactly. Anything else fails with what to
write instead: raw HTML of any kind (comments too), images, code blocks
(fenced or indented, including ```math and ```mermaid), footnotes, link titles,
struck-through text, math ($...$ or $$), which GitHub draws but cmark does not.

The pages use none of these, so a reader and the check see the same text.
"""
import os
import re

import cmarkgfm
from cmarkgfm.cmark import Options

OPTIONS = Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_FOOTNOTES  # no UNSAFE: raw HTML omitted
PR_TEMPLATE = ".github/pull_request_template.md"
PR_COMMENTS = ("<!-- Which page and section, what was wrong, what it says now. -->",
               "<!-- The program's own page that shows the change (https), and the date you read it. -->")
TABLE_PAGES = re.compile(r"SOURCES\.md|guide/by-country\.md|guide/duties-by-country\.md|"
                         r"guide/services\.md|guide/countries/[a-z]{2}\.md")
QUOTE_PAGES = {"CONTRIBUTING.md"}
ALLOWED = set("h1 h2 h3 h4 h5 h6 p ul ol li a strong em code br hr".split())
TABLE_TAGS = set("table thead tbody tr th td".split())

RAW_HTML = ("raw HTML is not allowed in pages (comments included): write it in Markdown "
            "(**bold**, [words](https://...)) or leave it out")
IMAGE = "image: this guide holds no images; describe it in words, or link the organisation's page"
CODE_BLOCK = ("code block (``` fence or indented 4 spaces): write commands as `inline code` "
              "in a sentence; un-indent text that is not code")
FOOTNOTE = "footnote: readers miss notes at the bottom; put the words in the sentence itself"
LINK_TITLE = 'link title ([words](url "title")): put those words in the link words or the sentence'
STRIKE = "struck-through text (~~): readers cannot tell old from new; delete the words instead"
MATH = ("math ($): GitHub draws $...$ and $$ as formulas the check cannot read; "
        "write amounts in words (100 US dollars)")
TABLE = "table: only the reference pages use tables; use a list here"
QUOTE = "block quote (>): only CONTRIBUTING.md uses one; write a plain paragraph"
CHECKBOX = "check box: only the pull-request template uses them; write a list"
OTHER_TAG = "<{}> is not Markdown this guide uses: use headings, paragraphs, lists and links"
PR_COMMENT = ("HTML comment in the pull-request template: only its two comments are allowed, "
              "word for word")

TAG = re.compile(r"<(/?)([a-z0-9]+)([^>]*)>")
SOURCEPOS = re.compile(r'data-sourcepos="(\d+):')


def render(text):
    return cmarkgfm.github_flavored_markdown_to_html(text, options=OPTIONS)


def page_problems(path, text):
    """[(line, reason)] for one page's Markdown."""
    problems = []
    if path == PR_TEMPLATE:
        for comment in PR_COMMENTS:  # allowed exactly, once each, on a line of their own
            text = re.sub(r"(?m)^" + re.escape(comment) + r"$", "", text, count=1)
    html_text = render(text)
    line = 1
    for m in TAG.finditer(html_text):
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        pos = SOURCEPOS.search(attrs)
        if pos:
            line = int(pos.group(1))
        if closing:
            continue
        reason = None
        if tag == "img":
            reason = IMAGE
        elif tag == "pre":
            reason = CODE_BLOCK
        elif tag in ("sup", "section") and "footnote" in attrs or 'class="footnote' in attrs:
            reason = FOOTNOTE
        elif tag == "a" and re.search(r'\stitle="', attrs):
            reason = LINK_TITLE
        elif tag == "del":
            reason = STRIKE
        elif tag in TABLE_TAGS:
            reason = None if TABLE_PAGES.fullmatch(path) else TABLE
        elif tag == "blockquote":
            reason = None if path in QUOTE_PAGES else QUOTE
        elif tag == "input":
            reason = None if path == PR_TEMPLATE else CHECKBOX
        elif tag not in ALLOWED:
            reason = OTHER_TAG.format(tag)
        if reason and (line, reason) not in problems:
            problems.append((line, reason))
    # cmark writes each piece of raw HTML it leaves out as this comment
    for m in re.finditer(r"<!-- raw HTML omitted -->", html_text):
        before = html_text[:m.start()]
        found = SOURCEPOS.findall(before)
        where = int(found[-1]) if found else 1
        reason = PR_COMMENT if path == PR_TEMPLATE else RAW_HTML
        if (where, reason) not in problems:
            problems.append((where, reason))
    # a link reference definition with a title: unused ones are never drawn, but hold text
    for n, source_line in enumerate(text.split("\n"), 1):
        if re.match(r" {0,3}\[[^\]]+\]:\s*\S+\s+[\"'(]", source_line) and (n, LINK_TITLE) not in problems:
            problems.append((n, LINK_TITLE))
    # math: GitHub draws $...$, $$...$$ and $`...`$; the guide writes no $ outside code
    for n, source_line in enumerate(text.split("\n"), 1):
        outside_code = re.sub(r"`[^`]*`", "", source_line)
        if "$" in outside_code:
            if (n, MATH) not in problems:
                problems.append((n, MATH))
    problems.sort()
    return problems


def is_markdown_page(path):
    return path.endswith(".md") and not path.startswith("tools/")


def check(checker):
    for path, text in sorted(checker.texts.items()):
        if is_markdown_page(path):
            for line, reason in page_problems(path, text):
                checker.add(path, line, reason)


def main(argv=None):  # pragma: no cover - for a quick look at one page
    import sys
    for path in (argv or sys.argv[1:]):
        with open(path, encoding="utf-8") as f:
            for line, reason in page_problems(os.path.relpath(path).replace(os.sep, "/"), f.read()):
                print("%s:%d: %s" % (path, line, reason))


if __name__ == "__main__":  # pragma: no cover
    main()
