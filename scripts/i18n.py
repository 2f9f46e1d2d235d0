"""The atlas's catalogues: English keys (dashboard/strings*.py) to .pot, merged into the French and Spanish .po,
compiled to .mo, and checked.

    python scripts/i18n.py update    # after adding or changing English strings: new keys go into fr and es
                                     # untranslated (empty), changed ones are marked fuzzy; then compile
    python scripts/i18n.py compile   # .po -> .mo (the build does this on `pip install`; `make catalogues` too)
    python scripts/i18n.py check     # what the catalogue test checks, in words; exit 1 on any problem

Each entry's msgid is the key (e.g. `nav.map`); its English text is the `#. en:` comment above it. A count with
plural forms is one entry: msgid `<key>.one`, msgid_plural `<key>.other` (the two English keys).
"""

from __future__ import annotations

import csv
import datetime as _dt
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "dashboard" / "locale"
DATA_DIR = ROOT / "data"
DOMAIN = "atlas"
TARGETS = ("fr", "es")
# gettext's classic two forms (CLDR adds a third, for millions, that no string of the atlas needs)
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "es": "nplurals=2; plural=(n != 1);"}
STAMP = _dt.datetime(2026, 12, 1, tzinfo=_dt.UTC)  # fixed, so that an update changes only the entries
EN_COMMENT = "en: "
HOW_TO_ADD = (
    "After adding or changing English strings in dashboard/strings.py or strings_views.py, or an issue-area or era "
    "label in data/issue_areas.csv or data/eras.csv, run "
    "`python scripts/i18n.py update`, then fill in the French and Spanish in dashboard/locale/{fr,es}/LC_MESSAGES/"
    "atlas.po (remove the `fuzzy` flag once checked) and run `python scripts/i18n.py compile`."
)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def source_messages() -> list[tuple[str | tuple[str, str], str | tuple[str, str]]]:
    """(msgid, English) in the source's order; `<key>.one` + `<key>.other` pairs as one plural entry."""
    sys.path.insert(0, str(ROOT))
    from dashboard.strings import EN

    out: list = []
    for key, text in EN.items():
        stem, _, form = key.rpartition(".")
        if form == "one" and f"{stem}.other" in EN:
            out.append(((key, f"{stem}.other"), (text, EN[f"{stem}.other"])))
        elif not (form == "other" and f"{stem}.one" in EN):
            out.append((key, text))
    return out


# The atlas's own words in the data (not official names, which data/names.csv holds): one entry per label, its
# msgctxt the table's, its msgid the English label (a changed label is a new entry, left untranslated).
DATA_LABELS = {"issue-area": ("issue_areas.csv", "label"), "era": ("eras.csv", "label")}


def data_messages(data_dir: Path | None = None) -> list[tuple[str, str]]:
    """(msgctxt, English label) for every row of the tables in DATA_LABELS (in data/), in the files' order."""
    out = []
    for context, (name, column) in DATA_LABELS.items():
        with ((data_dir or DATA_DIR) / name).open(encoding="utf-8", newline="") as fp:
            out += [(context, row[column]) for row in csv.DictReader(fp)]
    return out


def all_messages() -> list[tuple[str | tuple[str, str], str | tuple[str, str], str | None]]:
    """(msgid, English, msgctxt): the UI's keys (no context), then the data's labels."""
    return [(m, e, None) for m, e in source_messages()] + [(label, label, c) for c, label in data_messages()]


def _english(message) -> str:
    """The English a translation was made from (its comment, which the .po writer may have wrapped), spaces folded."""
    text = " ".join(message.auto_comments)
    return _folded(text[len(EN_COMMENT) :] if text.startswith(EN_COMMENT) else "")


def _folded(text: str) -> str:
    return " ".join(text.split())


def _english_comment(english) -> list[str]:
    forms = english if isinstance(english, tuple) else (english,)
    return [EN_COMMENT + " | ".join(f.replace("\n", " ") for f in forms)]


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def new_catalog(lang: str | None) -> Catalog:
    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="Migration Governance Atlas",
        version="1",
        copyright_holder="the Migration Governance Atlas editors",
        creation_date=STAMP,
        revision_date=STAMP,
        fuzzy=False,
    )
    if lang in PLURAL_FORMS:
        headers = [(k, v) for k, v in catalog.mime_headers if k != "Plural-Forms"]
        catalog.mime_headers = headers + [("Plural-Forms", PLURAL_FORMS[lang])]
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        write_po(fp, catalog, width=120, omit_header=False, sort_output=False, include_lineno=False)


def extract() -> Catalog:
    """The template: every key with its English as a comment (dashboard/locale/atlas.pot)."""
    pot = new_catalog(None)
    for msgid, english, context in all_messages():
        empty = "" if isinstance(msgid, str) else ("", "")
        pot.add(msgid, empty, auto_comments=_english_comment(english), context=context)
    _write(pot, LOCALE_DIR / f"{DOMAIN}.pot")
    return pot


def update() -> None:
    """Merge the source into fr and es: keep translations, mark changed English fuzzy, add new keys empty."""
    for lang in TARGETS:
        old = read_catalog(lang) if po_path(lang).is_file() else new_catalog(lang)
        new = new_catalog(lang)
        added = changed = 0
        for msgid, english, context in all_messages():
            comment = _english_comment(english)
            was = old.get(msgid if isinstance(msgid, str) else msgid[0], context=context)
            empty = "" if isinstance(msgid, str) else tuple("" for _ in range(new.num_plurals))
            if was is None or isinstance(was.string, tuple) != isinstance(msgid, tuple):
                new.add(msgid, empty, auto_comments=comment, context=context)
                added += 1
                continue
            flags = set(was.flags)
            if _english(was) != _folded(comment[0][len(EN_COMMENT) :]):
                flags.add("fuzzy")
                changed += 1
            new.add(msgid, was.string, auto_comments=comment, flags=flags, context=context)
        _write(new, po_path(lang))
        print(f"{po_path(lang)}: {added} new (untranslated), {changed} changed (fuzzy)")
    extract()
    compile_all()


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """.po -> .mo for each language (fuzzy entries left out: they show English until checked)."""
    written = []
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=po.parts[-3], domain=DOMAIN)
        with po.with_suffix(".mo").open("wb") as fp:
            write_mo(fp, catalog, use_fuzzy=False)
        written.append(po.with_suffix(".mo"))
    return written


def fields(text: str) -> set[str]:
    """The placeholders of a template: '{n} states ({where})' -> {'n', 'where'}."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _filled(value) -> bool:
    return all(value) if isinstance(value, (list, tuple)) else bool(value)


def _hashable(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def problems() -> list[str]:
    """Every missing, empty, fuzzy or stale translation and every placeholder that differs, in words."""
    found: list[str] = []
    for lang in TARGETS:
        if not po_path(lang).is_file():
            found.append(f"{po_path(lang)}: missing")
            continue
        catalog = read_catalog(lang)
        for msgid, english, context in all_messages():
            key = msgid if isinstance(msgid, str) else msgid[0]
            message = catalog.get(key, context=context)
            if context:
                key = f"{context}: {key}"
            forms = (
                () if message is None else message.string if isinstance(message.string, tuple) else (message.string,)
            )
            if message is None or not all(f.strip() for f in forms) or len(forms) == 0:
                found.append(f"{lang}: '{key}' is missing or empty")
                continue
            if message.fuzzy:
                found.append(f"{lang}: '{key}' is marked fuzzy (its English changed): check it, remove the flag")
            want = fields(english) if isinstance(english, str) else fields(english[1])
            for form in forms:
                extra = fields(form) - (want if isinstance(english, str) else want | fields(english[0]))
                lacking = (want - fields(form)) if isinstance(english, str) or form is forms[-1] else set()
                if extra or lacking:
                    found.append(
                        f"{lang}: '{key}' placeholders differ: English has {sorted(want)}, {lang} {sorted(fields(form))}"
                    )
        if mo_path(lang).is_file():
            with mo_path(lang).open("rb") as fp:
                compiled = {
                    (m.context, _hashable(m.id)): _hashable(m.string) for m in read_mo(fp) if m.id and _filled(m.string)
                }
            wanted = {
                (m.context, _hashable(m.id)): _hashable(m.string)
                for m in catalog
                if m.id and _filled(m.string) and not m.fuzzy
            }
            if compiled != wanted:
                found.append(f"{mo_path(lang)} disagrees with its .po: run `python scripts/i18n.py compile`")
        else:
            found.append(f"{mo_path(lang)} is not compiled: run `python scripts/i18n.py compile` (or pip install -e .)")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        for path in compile_all():
            print(f"wrote {path}")
    elif command == "extract":
        extract()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        if found:
            print(HOW_TO_ADD)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
