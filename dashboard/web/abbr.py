"""Short names in the page as <abbr> elements whose title is the full name, and strings with such parts in them."""

from __future__ import annotations

import re

from dash import html

from dashboard.strings import t
from dashboard.views.names import full_name, short_name

_MARK = re.compile("\x00([a-z_]+)\x00")


def abbr(atlas, entity_id: str) -> html.Abbr:
    """A process's or an organisation's short name; hovered (title), 'Regional Conference on Migration (RCM; …)'."""
    return html.Abbr(short_name(atlas, entity_id), title=full_name(atlas, entity_id))


def t_parts(key: str, **values) -> list:
    """t(key) with values that may be components (abbr): the translated text around them stays text."""
    marked = {k: v if isinstance(v, str | int | float) else f"\x00{k}\x00" for k, v in values.items()}
    pieces = _MARK.split(t(key, **marked))
    return [values[p] if n % 2 else p for n, p in enumerate(pieces) if p or n % 2]
