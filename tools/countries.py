#!/usr/bin/env python3
"""Routes by country: data/countries/*.yaml -> the guide's country pages and open data.

    python tools/countries.py           write guide/by-country.md, guide/countries/<iso2>.md,
                                        data/routes.json and tools/contact-facts.txt
    python tools/countries.py --check   validate the data and fail when a committed file
                                        differs from what the data generates

Checks: every file against data/country.schema.json (jsonschema); codes and names from
pycountry; every UN member state of data/un-members.yaml has a file; every phone and
text number is a valid number or short number for its country in Google's
libphonenumber (phonenumbers), and every number of an emergency route is an emergency
number there, unless the route's library_note names why the library does not know it.
"""
import argparse
import datetime
import glob
import json
import os
import re
import sys

try:
    import jsonschema
    import phonenumbers
    import pycountry
    import yaml
    from phonenumbers import shortnumberinfo
except ImportError as missing:  # pragma: no cover
    sys.exit("countries: the package %r is missing. Run: bash .ci/run" % missing.name)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# "other" lines shown first on a country page, next to the emergency numbers
URGENT_LABELS = ("Other urgent line", "Police, not urgent", "Report to the police")
KINDS = ["emergency", "report", "child_helpline", "crisis", "help_to_stop", "young_images", "other"]
LABEL = {"emergency": "Emergency", "report": "Report", "child_helpline": "Child helpline",
         "crisis": "Crisis line", "help_to_stop": "Help to stop",
         "young_images": "Your image, taken under 18", "other": "Also"}
REGIONS = ["Africa", "Americas", "Asia", "Europe", "Middle East", "Oceania"]
NAMES = {"XK": "Kosovo"}  # codes pycountry does not hold (user-assigned)
LICENCE = "CC BY 4.0"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class DataError(Exception):
    pass


def read(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def human_date(iso):
    d = datetime.date.fromisoformat(iso)
    return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def country_name(entry):
    code = entry["code"]
    if code in NAMES:
        return NAMES[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        raise DataError("%s: not an ISO 3166-1 code known to pycountry" % code)
    name = getattr(c, "common_name", None) or c.name
    return entry.get("short_name") or name


def number_key(text):
    return re.sub(r"[\s.\-()]", "", text).upper()


def check_number(number, region, emergency):
    """Problems with one number for its region, as libphonenumber sees it."""
    digits = number_key(number)
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException as e:
        return ["%s cannot be read as a number of %s (%s)" % (number, region, e)]
    if emergency:
        if not digits.startswith("+") and shortnumberinfo.is_emergency_number(digits, region):
            return []
        return ["%s is shown as an emergency number, but libphonenumber does not know it "
                "as one for %s" % (number, region)]
    if phonenumbers.is_valid_number_for_region(parsed, region) or \
            shortnumberinfo.is_valid_short_number_for_region(parsed, region) or \
            (not digits.startswith("+") and shortnumberinfo.is_emergency_number(digits, region)):
        return []
    if digits.startswith("+") and phonenumbers.is_valid_number(parsed):
        return []
    return ["%s is not a valid number or short number for %s in libphonenumber" % (number, region)]


def load(root):
    schema = json.loads(read(root, "data/country.schema.json"))
    validator = jsonschema.Draft202012Validator(schema)
    problems, entries = [], []
    for path in sorted(glob.glob(os.path.join(root, "data/countries/*.yaml"))):
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        try:
            entry = yaml.safe_load(read(root, rel))
        except yaml.YAMLError as e:
            problems.append("%s: not YAML (%s)" % (rel, e))
            continue
        errs = sorted(validator.iter_errors(entry), key=lambda e: list(e.path))
        for e in errs:
            problems.append("%s: %s: %s" % (rel, "/".join(map(str, e.path)) or "(top)", e.message))
        if errs:
            continue
        code = entry["code"]
        if os.path.basename(path) != code.lower() + ".yaml":
            problems.append("%s: file name must be %s.yaml" % (rel, code.lower()))
        try:
            name = country_name(entry)
        except DataError as e:
            problems.append("%s: %s" % (rel, e))
            continue
        if entry.get("short_name") and code not in NAMES:
            c = pycountry.countries.get(alpha_2=code)
            full = getattr(c, "common_name", None) or c.name
            if "," not in full and "(" not in full:
                problems.append("%s: short_name only for pycountry names with a comma or "
                                "brackets; pycountry calls it %s" % (rel, full))
        for i, route in enumerate(entry["routes"]):
            where = "%s: routes/%d (%s)" % (rel, i, route["kind"])
            for number in route.get("numbers", []):
                if number not in route["text"]:
                    problems.append("%s: number %s is not in the route's text" % (where, number))
                if route.get("library_note"):
                    continue
                problems += ["%s: %s" % (where, p) for p in
                             check_number(number, code, route["kind"] == "emergency")]
        entry["name"] = name
        entry["file"] = rel
        entries.append(entry)
    un = yaml.safe_load(read(root, "data/un-members.yaml"))
    have = {e["code"] for e in entries}
    if len(set(un["codes"])) != un["count"]:
        problems.append("data/un-members.yaml: %d codes, but count says %d"
                        % (len(set(un["codes"])), un["count"]))
    for code in un["codes"]:
        if code not in have:
            problems.append("data/un-members.yaml: UN member %s has no data/countries/%s.yaml"
                            % (code, code.lower()))
    for e in entries:
        if e["un_member"] != (e["code"] in un["codes"]):
            problems.append("%s: un_member disagrees with data/un-members.yaml" % e["file"])
    glob_data = yaml.safe_load(read(root, "data/global.yaml"))
    return entries, glob_data, un, problems


# --- Writing ------------------------------------------------------------------------
def official_hosts(root):
    hosts = []
    for line in read(root, "tools/official-addresses.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            hosts.append(line.split()[0].lower())
    return hosts


def is_official(url, hosts):
    m = re.match(r"https://([^/]+)(/.*)?$", url)
    if not m:
        return False
    host, path = m.group(1).lower(), (m.group(2) or "/").lower()
    for h in hosts:
        if "/" in h:
            hh, hp = h.split("/", 1)
            if host == hh and path.startswith("/" + hp):
                return True
        elif host == h or host.endswith("." + h):
            return True
    return False


def relink(text, prefix):
    """Rewrite local links for a page one folder down; keep https links."""
    def fix(m):
        target = m.group(2)
        if target.startswith("#global-routes"):
            target = prefix + "by-country.md" + target
        elif not re.match(r"[a-z]+:|#", target):
            target = prefix + target
        return "[%s](%s)" % (m.group(1), target)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", fix, text)


def header(root, prefix):
    text = read(root, "tools/safety-header.md").strip()
    return re.sub(r"\]\(guide/", "](" + prefix, text)


def route_line(route, hosts):
    text = route["text"].strip()
    extra = []
    if route.get("url") and route["url"] not in text and is_official(route["url"], hosts):
        extra.append("[Website](%s)" % route["url"])
    if route.get("chat") and route["chat"] not in text and is_official(route["chat"], hosts):
        extra.append("[Chat](%s)" % route["chat"])
    if route.get("email") and route["email"] not in text and \
            is_official("https://" + route["email"].split("@")[1] + "/", hosts):
        extra.append("Email %s" % route["email"])
    if extra:
        text = text.rstrip() + " " + " · ".join(extra)
    return text[0].upper() + text[1:] if text[:1].islower() and not text.startswith("[") else text


def _check_header():
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "check_header", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_header.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def country_page(root, e, g, hosts):
    # The safety header with the country's own numbers (tools/safety-header-country.md).
    ch = _check_header()
    top = ch.country_header(read(root, ch.COUNTRY_HEADER_PATH), e["name"], e["routes"])
    duties = (" · [Duties of online services](../%s)" % e["duties"]) if e.get("duties") else ""
    lines = ["# %s" % e["name"], "", top, "",
             "Checked on %s. [All countries](../by-country.md#find-your-country) · "
             "[Global routes](../by-country.md#global-routes)%s" % (human_date(e["checked"]), duties),
             ""]
    in_header = ch.header_routes(e["routes"], "emergency")
    # urgent and police lines come first, next to the emergency numbers in the header
    first = [r for r in e["routes"] if r["kind"] == "other" and r.get("label") in URGENT_LABELS]
    for r in first:
        lines.append("- **%s:** %s" % (r["label"], relink(route_line(r, hosts), "../")))
    for kind in KINDS:
        routes = [r for r in e["routes"] if r["kind"] == kind]
        if kind == "crisis" and not routes:
            continue  # the header already sends the reader to Find A Helpline
        if kind == "emergency":
            # the header names the emergency numbers (or says none was confirmed):
            # the list keeps only lines the header leaves out, such as non-urgent ones
            routes = [r for r in routes if r not in in_header]
            if not routes:
                continue
        if kind == "other":
            for r in routes:
                if r in first:
                    continue
                lines.append("- **%s:** %s" % (r.get("label", LABEL["other"]),
                                               relink(route_line(r, hosts), "../")))
            continue
        if routes:
            parts = [relink(route_line(r, hosts), "../").rstrip() for r in routes]
            body = "; ".join(p.rstrip(".") for p in parts[:-1])
            body = (body + "; " if body else "") + parts[-1]
            body = body if body.endswith((".", ")")) or body.endswith("](" + body[-1:]) else body + "."
        else:
            body = relink(g["fallback"][kind], "../")
            body = body[0].upper() + body[1:] if body[:1].islower() else body
        label = "Other police lines" if kind == "emergency" else LABEL[kind]
        lines.append("- **%s:** %s" % (label, body))
    lines += [""]
    return "\n".join(lines)


def slug(text):
    """GitHub's heading anchor for plain text."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def linked_anchors(root):
    """Anchors of by-country.md that the other pages link (by-country.md#kenya ...)."""
    found = set()
    paths = glob.glob(os.path.join(root, "guide", "*.md")) + \
        [os.path.join(root, p) for p in ("README.md", "SOURCES.md", "CONTRIBUTING.md")]
    for path in sorted(paths):
        if os.path.basename(path) == "by-country.md" or not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            found |= set(re.findall(r"(?<![\w-])by-country\.md#([a-z0-9-]+)", f.read()))
    return found


def index_page(root, entries, g, hosts):
    lines = ["# Routes by country", "", header(root, ""), "",
             "For anyone, in any country: where to report child sexual abuse material, a child "
             "helpline, a crisis line, and help to stop. Tap your country.", "",
             "Entries were checked on %s. Each service's own site is the final word. A route is "
             "shown only when we read it on the service's own page or a government page; "
             "otherwise the entry shows the best [global route](#global-routes)."
             % human_date(g["checked"]), "",
             "## Find your country", ""]
    for region in REGIONS:
        items = sorted((e for e in entries if e["region"] == region), key=lambda e: e["name"])
        lines.append("**%s:** %s" % (region, " · ".join(
            "[%s](countries/%s.md)" % (e["name"], e["code"].lower()) for e in items)))
        lines.append("")
    lines += ["## Global routes", "", "These work from any country.", ""]
    for r in g["routes"]:
        lines.append("- **%s:** %s" % (LABEL[r["kind"]], r["text"]))
    lines += ["- **Emergency:** call your local emergency number. In the EU, 112.", "",
              "## European Union", "",
              "112 is the emergency number in every EU country, free of charge.", "",
              "## Open data", "",
              "The same routes are in one file, [data/routes.json](../data/routes.json), for apps "
              "and platforms that want to show a user their national routes. Every entry carries "
              "its sources and the date it was checked. Licence: %s, as the rest of this guide. "
              "The data lives in data/countries/, one file per country; "
              "tools/countries.py makes this page and the country pages from it." % LICENCE, "",
              ]
    linked = [e for e in sorted(entries, key=lambda e: e["name"]) if slug(e["name"]) in linked_anchors(root)]
    if linked:
        lines += ["## Country entries", "", "Other pages of this guide link these countries here. "
                  "Each entry is now a page of its own.", ""]
    for e in linked:
        lines += ["### %s" % e["name"], "", "[Routes in %s](countries/%s.md)" % (e["name"], e["code"].lower()), ""]
    return "\n".join(lines)


def export(entries, g, un):
    out = {"licence": LICENCE, "about": "Official routes against child sexual abuse material, by "
           "country: emergency, report, child helpline, crisis line, help to stop, help for a young "
           "person's images. Each route carries its sources.",
           "un_members": {"count": un["count"], "sources": un["sources"], "checked": un["checked"]},
           "global": g, "countries": []}
    for e in sorted(entries, key=lambda e: e["code"]):
        # research notes stay in the data files for maintainers; apps need the routes
        item = {k: v for k, v in e.items() if k not in ("file", "research_not_found")}
        item["kinds_national"] = sorted({r["kind"] for r in e["routes"]} - {"other"})
        item["kinds_global_fallback"] = [k for k in KINDS[:-1] if k not in item["kinds_national"]]
        out["countries"].append(item)
    return json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n"


LIBRARY_MARK = "# not in libphonenumber, read on the official page cited:"


def register(entries):
    lines = ["# Contact register: GENERATED by tools/countries.py from data/countries/*.yaml.",
             "# Do not edit: change the country file, then run python tools/countries.py.",
             "# One entry a line:   NUMBER | ORGANISATION | COUNTRY | KIND | SOURCE-URL",
             "# COUNTRY is ISO 3166-1 alpha-2; KIND one of emergency, report, child_helpline,",
             "# crisis, help_to_stop, young_images, other. Every number a page shows must be here."]
    seen = set()
    for e in sorted(entries, key=lambda e: e["code"]):
        for r in e["routes"]:
            src = next((s for s in r["sources"] if s.startswith("https://")), r["sources"][0])
            org = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", r["text"]).replace("|", "/")
            org = re.sub(r"\s+", " ", org).strip()[:90]
            for n in r.get("numbers", []):
                key = (n, e["code"], r["kind"], src)
                if key in seen:
                    continue
                seen.add(key)
                if r["kind"] == "emergency" and r.get("library_note"):
                    # tells tools/check_numbers.py that libphonenumber does not know it
                    lines.append("%s %s %s" % (LIBRARY_MARK, n, e["code"]))
                lines.append("%s | %s | %s | %s | %s" % (n, org, e["code"], r["kind"], src))
    # The pages' safety header names 112 for the whole EU: one line for it, from the
    # European Commission's own page that the member states' entries cite.
    eu = sorted({l.rsplit(" | ", 1)[1] for l in lines if l.startswith("112 | ") and " | emergency | " in l
                 and "ec.europa.eu" in l.rsplit(" | ", 1)[1]})
    if eu:
        lines.append("112 | Emergency services, European Union (112 works in every EU country) | EU | "
                     "emergency | %s" % eu[0])
    return "\n".join(lines) + "\n"


def generate(root):
    entries, g, un, problems = load(root)
    hosts = official_hosts(root)
    files = {"guide/by-country.md": index_page(root, entries, g, hosts),
             "data/routes.json": export(entries, g, un),
             "tools/contact-facts.txt": register(entries)}
    for e in entries:
        files["guide/countries/%s.md" % e["code"].lower()] = country_page(root, e, g, hosts)
    return files, problems


def data_addresses(root):
    """{address: [where]} for every address in data/countries/*.yaml and data/global.yaml."""
    entries, g, un, problems = load(root)
    where = {}
    for e in entries:
        for r in e["routes"]:
            for url in r["sources"] + [r[k] for k in ("url", "chat") if r.get(k)] + \
                    re.findall(r"\]\((https?://[^)\s]+)\)", r["text"]):
                where.setdefault(url, []).append(e["file"])
    for r in g["routes"]:
        for url in r["sources"] + re.findall(r"\]\((https?://[^)\s]+)\)", r["text"]):
            where.setdefault(url, []).append("data/global.yaml")
    return where


def online(root):
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "check_guide", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_guide.py"))
    check_guide = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_guide)
    where = data_addresses(root)
    failed = check_guide.run_lychee(sorted(where))
    for url, reason in sorted(failed.items()):
        for path in sorted(set(where[url])):
            print("%s: %s" % (path, reason))
    print("countries --online: %d of %d addresses failed" % (len(failed), len(where)))
    return 1 if failed else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail when committed files differ")
    ap.add_argument("--online", action="store_true",
                    help="check every address in the data (sources, websites, chats) online "
                         "with lychee, as the weekly link check does (needs the internet)")
    ap.add_argument("--root", default=ROOT)
    args = ap.parse_args(argv)
    if args.online:
        return online(args.root)
    files, problems = generate(args.root)
    stale = []
    existing = set(glob.glob(os.path.join(args.root, "guide/countries/*.md")))
    for path, text in sorted(files.items()):
        full = os.path.join(args.root, path)
        existing.discard(full)
        old = open(full, encoding="utf-8").read() if os.path.exists(full) else None
        if old != text:
            if args.check or problems:
                stale.append(path)
            else:
                os.makedirs(os.path.dirname(full), exist_ok=True)
                with open(full, "w", encoding="utf-8") as f:
                    f.write(text)
    for full in sorted(existing):
        if args.check or problems:
            stale.append(os.path.relpath(full, args.root))
        else:
            os.remove(full)
    for p in problems:
        print("countries: %s" % p)
    for p in stale:
        print("countries: %s differs from what the data generates; run python tools/countries.py" % p)
    if problems or stale:
        print("countries: %d problem(s), %d stale file(s)" % (len(problems), len(stale)))
        return 1
    print("countries: OK, %d entries, %d files %s" % (
        len(files) - 3, len(files), "up to date" if args.check else "written"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
