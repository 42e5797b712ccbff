"""Job 3 of the check: numbers in one form, tied to their owner (issue 19).

Page text is read as GitHub renders it (cmark-gfm), then normalised: Unicode
NFKC (superscript and fullwidth digits become 0-9), digits of other scripts
become 0-9, combining marks (underlines, keycaps) and invisible characters are
dropped, every dash, slash and dot between digits becomes one separator, and
the letters O, I and l beside a digit are read as 0 and 1. Numbers are then
found with Google's libphonenumber (phonenumbers) and as every run of three
or more digits (with letters of a vanity number), unless the run is a date, a
year, a law reference or a count (1,000; 36 million; 40%).

Every number found must be in the contact register, tools/contact-facts.txt:
    NUMBER | ORGANISATION | COUNTRY | KIND | SOURCE-URL
keyed by number, organisation and country. The organisation named nearest the
number in the same sentence, and the countries named in brackets right after
it, must match an entry for that number.

Numbers in words fail too: three or more digit words in a row ("nine nine
nine", "one one six one two three", "double nine, nine", "triple nine"),
with digits between them counted: the page must write the number in digits.

Other tools read the register with parse_register(text) -> (entries, problems).
"""
import html
import re
import unicodedata

import cmarkgfm
import phonenumbers
from phonenumbers import shortnumberinfo

FACTS_PATH = "tools/contact-facts.txt"
KINDS = ("emergency", "report", "child_helpline", "crisis", "help_to_stop", "young_images", "other")

REG_FORMAT = "entry must be: NUMBER | ORGANISATION | COUNTRY | KIND | SOURCE-URL"
REG_COUNTRY = "country {} is not an ISO 3166-1 alpha-2 code in capitals (EU for the European Union)"
REG_KIND = "kind {} is not one of: " + ", ".join(KINDS)
# a line the generator (tools/countries.py) writes before an emergency number that the
# country's data file keeps with a library_note: the register check then trusts the page
LIBRARY_MARK = "# not in libphonenumber, read on the official page cited:"
REG_EMERGENCY = ("{} is listed as an emergency number for {}, but it is not one there "
                 "(libphonenumber): check the country")
NOT_REGISTERED = ("number {} is not in the contact register (" + FACTS_PATH + "): write it "
                  "exactly as a listed number, or add it with its organisation, country and source")
WRONG_OWNER = ("number {} belongs to {} in the contact register, but this sentence names {}: "
               "give the number of the service you name")
WRONG_COUNTRY = ("number {} is not listed for {} in the contact register ({}): give that "
                 "country's own number")

IN_WORDS = ('number written in words ("{}"): write it in digits ({}), as the contact register '
            "lists it, so readers can dial it and the check can match it to its owner")

# Numbers in words: three or more digit words in a row ("nine nine nine", "one one six
# one two three", "oh eight hundred" is read as 0 8 and not more), "double"/"triple"
# counted as two and three, digits between them counted too ("0800 one one one one").
DIGIT_WORDS = {"zero": "0", "oh": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
               "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
               "nine": "9"}
_DW = r"(?:%s)" % "|".join(DIGIT_WORDS)
_TOKEN = r"(?:(?:double|triple)[ -]%s|%s|\d{1,6})" % (_DW, _DW)
WORD_RUN = re.compile(r"(?<![\w-])(?:%s(?:(?:[ ,.\-]|, | - )+%s)+|triple[ -]%s)(?![\w-])"
                      % (_TOKEN, _TOKEN, _DW), re.I)


def word_numbers(text):
    """[(run, digits)] for numbers written in words (three digits or more, one word or more)."""
    found = []
    for m in WORD_RUN.finditer(text):
        digits, words = "", 0
        for tok in re.findall(r"(?i)(?:double|triple)[ -]\w+|\w+", m.group()):
            low = tok.lower()
            if low[:6] in ("double", "triple"):
                digit = DIGIT_WORDS[re.split(r"[ -]", low)[1]]
                digits += digit * (2 if low.startswith("double") else 3)
                words += 1
            elif low in DIGIT_WORDS:
                digits += DIGIT_WORDS[low]
                words += 1
            else:
                digits += low
        if words and len(digits) >= 3 and (words >= 2 or len(digits) >= 4 or "triple" in m.group().lower()):
            found.append((m.group().strip(" ,.-"), digits))
    return found


class Entry:
    def __init__(self, number, org, country, kind, source, line):
        self.number, self.org, self.country, self.kind = number, org, country, kind
        self.source, self.line = source, line
        self.digits = digits_of(number)
        self.names = {n for n in names_of(org) if n not in PLACES and n not in COUNTRY_NAMES}

    def __repr__(self):
        return "Entry(%r, %r, %r, %r)" % (self.number, self.org, self.country, self.kind)


def digits_of(number):
    return re.sub(r"\D", "", phonenumbers.convert_alpha_characters_in_number(number))


GENERIC = {"emergency services", "emergency", "police", "helpline", "hotline", "child helpline",
           "child helplines in the eu", "the police"}


PLACES = set()  # words that name a place, not an organisation (filled from the register)


def names_of(org):
    """The names a page may use for an organisation: its name before brackets, and
    each part of it between commas, that is not a place or a generic word."""
    names = set()
    main = org.split(" (")[0]
    for part in re.split(r"\s*,\s*|\s+-\s+|\s+–\s+", main):
        part = part.strip()
        if len(part) >= 4 and part[:1].isupper() and part.lower() not in GENERIC \
                and not re.fullmatch(r"[\d .+-]+|[A-Z]{2}", part):
            names.add(part.lower())
        names |= {w.lower() for w in re.findall(r"(?<![\w-])[A-Z]{3,}(?![\w-])", part)}  # NSPCC, NCMEC
    return names


def parse_register(text):
    """([Entry], [(line, reason)]) from the register's text. The older 3-column form
    (NUMBER | ORGANISATION | SOURCE-URL) is read too, with no country and kind other."""
    entries, problems = [], []
    for m in re.finditer(r"\(([^()|]*)\)\s*\|", text):  # places named in brackets
        for place in re.split(r",| and ", m.group(1)):
            if re.fullmatch(r"[A-Z][A-Za-z ]+", place.strip()):
                PLACES.add(place.strip().lower())
    unknown = set()  # (number, country) the generator marked: libphonenumber lacks them
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith(LIBRARY_MARK):
            mark = line[len(LIBRARY_MARK):].split()
            if len(mark) >= 2:
                unknown.add((" ".join(mark[:-1]), mark[-1]))
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and all(parts):
            entries.append(Entry(parts[0], parts[1], "", "other", parts[2], n))
            continue
        if len(parts) != 5 or not all(parts):
            problems.append((n, REG_FORMAT))
            continue
        number, org, country, kind, source = parts
        if not re.fullmatch(r"[A-Z]{2}", country):
            problems.append((n, REG_COUNTRY.format(country)))
        if kind not in KINDS:
            problems.append((n, REG_KIND.format(kind)))
        if kind == "emergency" and re.fullmatch(r"[A-Z]{2}", country) and \
                country not in ("EU", "XK", "GI") and (number, country) not in unknown and \
                re.fullmatch(r"[\d ]{2,6}", number):
            try:
                if not shortnumberinfo.is_emergency_number(re.sub(r"\D", "", number), country):
                    problems.append((n, REG_EMERGENCY.format(number, country)))
            except Exception:  # an unknown region: nothing to compare with
                pass
        entries.append(Entry(number, org, country, kind, source, n))
    return entries, problems


# --- Normalising text -------------------------------------------------------------------
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u00b7\u2027\u2219"
SLASHES = "\u2044\u2215\u29f8\uff0f"


def normalise(text):
    text = unicodedata.normalize("NFKC", html.unescape(text))
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Cf", "Cc") and ch not in "\n\t":
            continue
        if cat == "Nd":
            ch = str(unicodedata.digit(ch))
        elif ch in DASHES or cat == "Pd":
            ch = "-"
        elif ch in SLASHES:
            ch = "/"
        elif cat == "Zs":
            ch = " "
        out.append(ch)
    text = "".join(out)
    # O, I, l (and |) beside a digit are read as 0 and 1, repeatedly: O8OO -> 0800
    letters = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
    pattern = re.compile(r"(?<=\d)[OoIl|]|[OoIl|](?=\d)")
    while True:
        new = pattern.sub(lambda m: m.group().translate(letters), text)
        if new == text:
            break
        text = new
    # a dot or slash between digits is a separator like a dash (555.0199, 0800/555/0199)
    text = re.sub(r"(?<=\d)[./](?=[\dA-Z])", "-", text)
    return text


# --- Finding numbers ------------------------------------------------------------------------
RUN = re.compile(r"(?<![A-Za-z0-9])(?<![A-Za-z]-)(\+?(?:\(\d+\)|\d+)(?:(?:[ -]|- | -)(?:\(\d+\)|\d+))*"
                 r"(?:-[A-Z]{3,}(?:-[A-Z0-9]+)*|(?<=\d)[A-Za-z]{2,}(?![A-Za-z]))?)")
COUNT_AFTER = re.compile(r"\s*(?:%|per ?cent\b|percent\b|million\b|billion\b|thousand\b|"
                         r"KB\b|MB\b|GB\b|kB\b)", re.I)
THOUSANDS = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")
LAW_BEFORE = re.compile(r"(?:§+|\bsections?|\bs\.|\barticles?|\bart\.|\bchapter|\bpart|\brule|"
                        r"\bregulation|\bdirective|\bact|\bcode|\bU\.S\.C\.|\bC\.F\.R\.|\bpara|"
                        r"\(EU\)|\bLaw|\bDecree|\bTitle)\s*(?:\([A-Z]+\)\s*)?$",
                        re.I)
CALL_BEFORE = re.compile(r"\b(?:call|dial|text|phone|ring|on|number|line|hotline|helpline|"
                         r"whatsapp|sms|tel|is)\s*$", re.I)
COUNT_WORDS = re.compile(r"\s+(?:cases|reports|children|people|companies|countries|members|"
                         r"hotlines|languages|tips|offenders|images|files|years|days|hours|"
                         r"months|weeks|minutes|times|services|organisations|partners)\b", re.I)
ORDINAL = {"st", "nd", "rd", "th", "am", "pm", "s", "km", "kb", "mb", "gb", "px"}
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
DATE = re.compile(r"(?:19|20)\d\d-\d\d?-\d\d?|\d\d?-\d\d?-(?:19|20)\d\d")


def exempt(text, start, end, run):
    """Is this run of digits a date, a year, a law reference or a count?"""
    before = text[max(0, start - 40):start]
    after = text[end:end + 20]
    digits = re.sub(r"\D", "", run)
    run = run.strip("()")
    if DATE.fullmatch(run):
        return "date"
    if run == "24-7":
        return "count"  # 24/7
    if re.fullmatch(r"[1-9]\d{0,5}", run) and COUNT_WORDS.match(after):
        return "count"
    if re.fullmatch(r"(?:19|20)\d\d-\d{1,4}", run) and (
            text[start - 1:start] == "(" or text[start:start + 1] == "(" or re.search(r"\b(?:SI|regulations?|directive|bill)\s*$",
                                                      before, re.I)):
        return "law"
    if re.search(r"(?:python|version|synapse|v)\s*$", before, re.I) and re.fullmatch(r"\d+(?:-\d+){1,2}", run):
        return "version"
    if re.fullmatch(r"(?:19|20)\d\d", run):
        if not CALL_BEFORE.search(before) or re.search(r"(?:%s)\s*$" % MONTHS, before, re.I):
            return "year"
    if re.fullmatch(r"(?:19|20)\d\d-(?:19|20)?\d\d", run) and not CALL_BEFORE.search(before):
        return "years"  # 2022-2025, 2019-20
    if LAW_BEFORE.search(before) and len(digits) <= 8:
        return "law"
    if re.match(r"\s*/\s*(?:\d+/)?(?:EU|EC|EEC|JHA)\b", after) or re.match(r"-\d+-(?:EU|EC|EEC|JHA)\b", text[end:end + 12]):
        return "law"
    if COUNT_AFTER.match(after):
        return "count"
    return None


def find_numbers(text):
    """[(start, end, shown, digits)] for every number in normalised text."""
    text = THOUSANDS.sub(lambda m: "#" * len(m.group()), text)
    found = []
    for m in RUN.finditer(text):
        run = m.group(1).strip(" -")
        start = m.start(1)
        end = start + len(run)
        glued = re.search(r"(?<=\d)([A-Za-z]{2,})$", run)
        if glued and glued.group(1).lower() in ORDINAL:
            run = run[:glued.start()]
            end = start + len(run)
        # a date at the start or end of a longer run ("23-11-2024 0800 1111")
        digits = digits_of(run)
        if len(digits) < 3:
            continue
        if exempt(text, start, end, run):
            continue
        found.append((start, end, run, digits))
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        if not any(s <= match.start < e or s < match.end <= e for s, e, _, _ in found):
            digits = digits_of(match.raw_string)
            if not exempt(text, match.start, match.end, match.raw_string):
                found.append((match.start, match.end, match.raw_string, digits))
    return found


# --- Text of a page, block by block -------------------------------------------------------
BLOCK = re.compile(r"<(p|li|h[1-6]|td|th|blockquote)\b[^>]*>(.*?)(?=<(?:/?(?:p|li|h[1-6]|td|th|ul|ol|"
                   r"blockquote|table|tr)\b))", re.S)


def blocks(markdown):
    """[(line, text)] of each block as a reader sees it (link words included)."""
    out = []
    rendered = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_SOURCEPOS)
    for m in BLOCK.finditer(rendered):
        pos = re.search(r'data-sourcepos="(\d+):', m.group(0))
        inner = m.group(2)
        # tel: and sms: targets are read as text too
        extra = " ".join(re.findall(r'href="(?:tel|sms):([^"]*)"', inner, re.I))
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)) + (" " + extra if extra else "")
        if text.strip():
            out.append((int(pos.group(1)) if pos else 1, " ".join(text.split())))
    return out


SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bNo)(?<!\bSt)[.!?;](?=\s+[A-Z(\[]|$)")
COUNTRY_NAMES = {"us": "US", "usa": "US", "united states": "US", "canada": "CA", "uk": "GB",
                 "united kingdom": "GB", "britain": "GB", "eu": "EU", "european union": "EU",
                 "australia": "AU", "ireland": "IE", "new zealand": "NZ", "germany": "DE",
                 "france": "FR", "netherlands": "NL", "japan": "JP", "india": "IN"}


def sentence_around(text, start, end):
    s = 0
    for m in SENTENCE_END.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            return s, m.end()
    return s, len(text)


def owner_problems(text, number_spans, by_digits, all_names):
    """Problems for numbers whose named organisation or country does not match."""
    problems = []
    lower = text.lower()
    previous_end = 0
    for start, end, shown, digits in sorted(number_spans):
        segment_start, previous_end = previous_end, end
        entries = by_digits.get(digits)
        if not entries:
            problems.append(NOT_REGISTERED.format(shown))
            continue
        s, e = sentence_around(text, start, end)
        # countries in brackets right after the number: 999 (UK), 911 (US and Canada)
        m = re.match(r"\s*\(([^)]*)\)", text[end:])
        if m:
            named = [n.strip().lower() for n in re.split(r",|\band\b|/", m.group(1)) if n.strip()]
            isos = [COUNTRY_NAMES[n] for n in named if n in COUNTRY_NAMES]
            if isos and len(isos) == len(named):
                for iso in isos:
                    if not any(x.country == iso or (iso in ("GB", "IE") and "UK and Ireland" in x.org)
                               for x in entries):
                        problems.append(WRONG_COUNTRY.format(
                            shown, iso, ", ".join(sorted({x.country or "?" for x in entries}))))
        # an emergency number after a country named in its sentence: "In the UK, call 911"
        if all(x.kind == "emergency" for x in entries) and not m:
            before_text = text[max(s, segment_start):start]
            for name, iso in COUNTRY_NAMES.items():
                word = name.upper() if len(name) <= 3 else name  # US, UK, EU in capitals only
                if re.search(r"(?<![\w])%s(?![\w])" % re.escape(word), before_text,
                             0 if len(name) <= 3 else re.I) and \
                        not any(x.country == iso for x in entries):
                    problems.append(WRONG_COUNTRY.format(
                        shown, iso, ", ".join(sorted({x.country or "?" for x in entries}))))
                    break
        # the organisation named nearest before the number, in its sentence and after
        # the number before it ("Childline on 0800 1111 (UK), Kids Helpline on 1800 ...")
        best = None
        s = max(s, segment_start)
        for name in all_names:
            for nm in re.finditer(r"(?<![\w])%s(?![\w])" % re.escape(name), lower[s:start]):
                rank = start - (s + nm.end())
                if best is None or rank < best[0]:
                    best = (rank, name)
        if best is None:
            continue
        name = best[1]
        owners = set()
        for x in entries:
            owners |= x.names
        if not any(name == o or name in o or o in name for o in owners):
            problems.append(WRONG_OWNER.format(shown, " / ".join(sorted({x.org for x in entries})),
                                               text[s:e][lower[s:e].find(name):][:len(name)]))
    return problems


def page_problems(markdown, entries):
    by_digits, all_names = {}, set()
    for x in entries:
        by_digits.setdefault(x.digits, []).append(x)
        all_names |= x.names
    problems = []
    for line, text in blocks(markdown):
        norm = normalise(text)
        for run, digits in word_numbers(norm):
            problems.append((line, IN_WORDS.format(run, digits)))
        for reason in owner_problems(norm, find_numbers(norm), by_digits, all_names):
            problems.append((line, reason))
    return problems


def is_checked_page(path):
    """Reader pages: README.md, CONTRIBUTING.md, guide/**, any folder README.
    SOURCES.md (dates, law numbers, report counts) keeps check_guide.py's own rule."""
    return (path in ("README.md", "CONTRIBUTING.md") or path.endswith("/README.md")
            or (path.startswith("guide/") and path.endswith(".md")))


def check(checker):
    text = checker.texts.get(FACTS_PATH)
    if text is None:
        return
    entries, problems = parse_register(text)
    for line, reason in problems:
        checker.add(FACTS_PATH, line, reason)
    for path, page in sorted(checker.texts.items()):
        if is_checked_page(path):
            for line, reason in page_problems(page, entries):
                checker.add(path, line, reason)
