"""Every user-facing string, keyed, so that the atlas can later speak French and Spanish too."""

from __future__ import annotations

EN: dict[str, str] = {
    "app.title": "Migration Governance Atlas",
    "app.tagline": "Who cooperates with whom on migration, in what role, since when — with a source for every fact.",
    "nav.map": "Map",
    "nav.timeline": "Timeline",
    "nav.mandates": "Mandates",
    "nav.about": "Sources & method",
    "page.not_found": "There is no page at {path}. Showing the map instead.",
    # notices about the address (view grammar)
    "notice.query_too_long": "The address was longer than {limit} characters; the rest was ignored.",
    "notice.unknown_view": "Unknown view '{value}'; showing the map.",
    "notice.too_many": "Too many values for '{param}'; only the first {limit} were used.",
    "notice.ignored_values": "Ignored unknown {param}: {values}.",
    "notice.repeated": "'{param}' was given more than once; used {value}.",
    "notice.bad_year": "'{value}' is not a year; use a year from {first} to {last}.",
    "notice.year_clamped": "Year {value} is outside the atlas's range; showing {year}.",
    "notice.unknown_params": "Ignored unknown parameters: {params}.",
    # map controls
    "map.processes": "Processes",
    "map.processes_placeholder": "All processes (type to search)",
    "map.select_group": "Select all in a group",
    "map.issues": "Issue areas",
    "map.issues_placeholder": "Any issue area",
    "map.role": "Role",
    "map.role.all": "Members and observers",
    "map.role.member": "Members",
    "map.role.observer": "Observers",
    "map.year": "Year",
    "map.play": "Play",
    "map.pause": "Pause",
    "map.layers": "Layers",
    "map.layer.processes": "Processes",
    "map.layer.agreements": "Bilateral agreements",
    "map.theme": "Theme",
    "map.theme.light": "Light",
    "map.theme.dark": "Dark",
    "map.theme.slide": "Slide (projection)",
    "map.table_caption": "What the map shows: {n} rows",
    "map.table.country": "Country",
    "map.table.process": "Process",
    "map.table.role": "Role",
    "map.table.since": "Since",
    "map.table.source": "Source",
    "map.no_rows": "No state belongs to the selected processes in {year}.",
    # legend and figure text
    "legend.member": "Member",
    "legend.observer": "Observer (◇ marker)",
    "legend.none": "Not a participant",
    "legend.overlap": "Number of selected processes",
    "legend.secretariat": "Secretariat seat",
    "legend.footprint": "{name}: outline of members",
    "legend.small_state": "Small state (shown as a dot)",
    "title.map.one": "{name}: members and observers, {year}",
    "title.map.many": "Participation in {n} migration processes, {year}",
    "title.map.all": "Participation in migration processes, {year}",
    "hover.country": "{country}",
    "hover.membership": "{process}: {role} since {since}",
    "hover.none": "No selected process",
    "notice.members_known_through": "{name}: member list verified to {year}; later changes may be missing.",
    "notice.not_yet_founded": "{name} was founded in {founded}; nothing to show for {year}.",
    "notice.ended": "{name} ended in {ended}.",
    "role.member": "member",
    "role.observer": "observer",
    # process panel
    "panel.founded": "Founded",
    "panel.ended": "Ended",
    "panel.secretariat": "Secretariat",
    "panel.none": "none",
    "panel.issues": "Issue areas",
    "panel.count": "Members in {year}",
    "panel.count_value": "{members} members, {observers} observers",
    "panel.changes": "Joins and departures",
    "panel.joined": "{year}: joined — {names}",
    "panel.left": "after {last}: no longer members — {names}",
    "panel.sources": "Sources",
    "panel.successor": "Continued as",
    "panel.kind": "Kind",
    "panel.region": "Region",
    "panel.pick_one": "Select one process to see its details, or click a country for its profile.",
    # country profile
    "profile.title": "Country profile: {name}",
    "profile.memberships": "Memberships over time",
    "profile.agreements": "Bilateral agreements",
    "profile.issues": "Issue areas its processes address",
    "profile.none": "None recorded.",
    "profile.close": "Close profile",
    # about
    "about.title": "Sources, method and licence",
    "about.cite": "How to cite",
    "about.cite_text": "Migration Governance Atlas (version {version}), data package accessed {date}. {url}",
    "about.licence": "Data: {licence}. Code: MIT.",
    "about.sources": "All {n} sources",
    "about.method": "Method",
    "about.method_text": (
        "Every record cites a source that the editors looked up. Where sources disagree (founding dates often do: "
        "first meeting against formal launch), one value is kept and the other is given in the record's note. "
        "Member lists are verified to the year shown for each process; the map says so past that year. "
        "Former states (USSR, Yugoslavia, Czechoslovakia, Serbia and Montenegro) are drawn by dissolving the "
        "outlines of their successors; the German Democratic Republic cannot be drawn that way and is shown as "
        "part of Germany."
    ),
    "source.line": "Source: Migration Governance Atlas; data from {publishers}",
    "notice.title": "Note",
    # -- timeline (keys timeline.*) --
    # -- mandates (keys mandates.*) --
    # -- export and embed (keys export.*, embed.*) --
    # -- reliability (keys error.*) --
}

_LANG = {"en": EN}


def t(key: str, lang: str = "en", **values) -> str:
    """The string for `key` in `lang` (English as fallback), with `values` filled in."""
    template = _LANG.get(lang, EN).get(key) or EN.get(key) or key
    return template.format(**values) if values else template
