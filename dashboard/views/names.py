"""Names of processes and organisations: the short name drawn, and the full name with its acronym for hover."""

from __future__ import annotations


def spelled_out(name: str, short: str) -> str:
    """The full name with the short one after it, as a first mention gives it; once where the name holds it.

    >>> spelled_out("Regional Conference on Migration (Puebla Process)", "RCM")
    'Regional Conference on Migration (RCM; Puebla Process)'
    >>> spelled_out("Bali Process on People Smuggling", "Bali Process")
    'Bali Process on People Smuggling'
    """
    name, short = (name or "").strip(), (short or "").strip()
    if not name or not short or short.casefold() in name.casefold():
        return name or short
    if name.endswith(")") and "(" in name:  # a name's own aside ("Puebla Process") stays, after the acronym
        head, _, aside = name[:-1].rpartition("(")
        if head.strip():
            return f"{head.rstrip()} ({short}; {aside})"
    return f"{name} ({short})"


def _entity(atlas, entity_id: str) -> dict:
    return atlas.process_by_id.get(entity_id) or atlas.org_by_id.get(entity_id) or {}


def short_name(atlas, entity_id: str) -> str:
    """A process's or an organisation's short name in the current language (the id if it has none)."""
    entity = _entity(atlas, entity_id)
    return entity.get("short_name") or entity.get("name") or entity_id


def full_name(atlas, entity_id: str) -> str:
    """'Regional Conference on Migration (RCM; Puebla Process)': the name and its acronym, in the current language
    (data/names.csv's official names where a source gives them), for hover text and a first mention."""
    entity = _entity(atlas, entity_id)
    return spelled_out(entity.get("name") or "", entity.get("short_name") or "") or entity_id


def full_names(atlas, entity_ids) -> list[str]:
    return [full_name(atlas, i) for i in entity_ids]


def is_acronym(short: str) -> bool:
    """'RCM', 'UN DESA', 'CoE', 'MTM Dialogue': a word of two capitals or more. 'Rabat Process' is a name."""
    return any(sum(c.isupper() for c in word) >= 2 for word in short.split())


def mention(atlas, entity_id: str) -> str:
    """A first mention where room is short (a title naming several, a filters line): an acronym spelled out, a
    short name that is a name of its own ('Rabat Process') as it is."""
    short = short_name(atlas, entity_id)
    return full_name(atlas, entity_id) if is_acronym(short) else short


def mentions(atlas, entity_ids) -> list[str]:
    return [mention(atlas, i) for i in entity_ids]
