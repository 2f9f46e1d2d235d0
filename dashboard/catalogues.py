"""The language the atlas speaks (per request, export or CLI run), the compiled French and Spanish catalogues
(dashboard/locale/<lang>/LC_MESSAGES/atlas.mo, read once each), and numbers and dates per locale."""

from __future__ import annotations

import datetime as _dt
import gettext
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.plural import PluralRule
from babel.support import NullTranslations, Translations

LANGS = ("en", "fr", "es")
DOMAIN = "atlas"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
log = logging.getLogger("dashboard")


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; keys are msgids. Missing .mo (not built yet): English, with a warning.

    The .mo files are made by the build (hatch_build.py on `pip install`), `make catalogues` or
    `python scripts/i18n.py compile`; never here.
    """
    path = mo_path(lang)
    if lang == "en" or lang not in LANGS:
        return NullTranslations()
    if not path.is_file():
        log.warning("no compiled catalogue %s: showing English; run `python scripts/i18n.py compile`", path)
        return NullTranslations()
    with path.open("rb") as fp:
        return Translations(fp, domain=DOMAIN)


DEFAULT_LANG = "en"
_CURRENT: ContextVar[str] = ContextVar("atlas_lang", default=DEFAULT_LANG)
_EN_PLURAL = PluralRule({"one": "n is 1"})


def english_form(n: float) -> str:
    """The English plural category of `n`: 'one' or 'other' (CLDR)."""
    return _EN_PLURAL(n)


def current_lang() -> str:
    """The language this request, export or CLI run speaks (set with `language`); English by default."""
    return _CURRENT.get()


def set_language(lang: str | None) -> Token:
    """Speak `lang` from now on in this context (a request); give the token to reset_language when done."""
    return _CURRENT.set(lang if lang in LANGS else DEFAULT_LANG)


def reset_language(token: Token) -> None:
    _CURRENT.reset(token)


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Speak `lang` inside the block (an unknown one: English); the previous language comes back after it."""
    chosen = lang if lang in LANGS else DEFAULT_LANG
    token = _CURRENT.set(chosen)
    try:
        yield chosen
    finally:
        _CURRENT.reset(token)


def number(value: float, lang: str | None = None) -> str:
    """A number as the language writes it: 12,345 (en), 12 345 (fr), 12.345 (es)."""
    return format_decimal(value, locale=lang or _CURRENT.get())


def long_date(day: _dt.date, lang: str | None = None) -> str:
    """A date in words: 1 December 2026, 1 décembre 2026, 1 de diciembre de 2026."""
    return format_date(day, format="long", locale=_LOCALE.get(lang or _CURRENT.get(), "en_GB"))


_LOCALE = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}
