"""Every user-facing string, keyed: English here (the source catalogue), French and Spanish in dashboard/locale/."""

from __future__ import annotations

from dashboard import catalogues as _c
from dashboard.strings_views import VIEW_STRINGS

# The language machinery is in dashboard/catalogues.py; the rest of the atlas takes it from here, with t().
LANGS, DEFAULT_LANG, current_lang, language, number, long_date = (_c.LANGS, _c.DEFAULT_LANG, _c.current_lang, _c.language, _c.number, _c.long_date)  # fmt: skip
set_language, reset_language, translations, english_form = _c.set_language, _c.reset_language, _c.translations, _c.english_form  # fmt: skip
EN: dict[str, str] = {
    "app.title": "Migration Governance Atlas",
    "app.tagline": "Who cooperates with whom on migration, in what role, since when — with a source for every fact.",
    "nav.map": "Map",
    "nav.timeline": "Timeline",
    "nav.mandates": "Mandates",
    "nav.overlaps": "Overlaps",
    "nav.about": "Sources & method",
    "lang.menu": "Language",
    "page.not_found": "There is no page at {path}. Showing the map instead.",
    # accessibility: page names, skip link, announcements
    "a11y.skip": "Skip to the main content",
    "a11y.nav": "Main",
    "a11y.page_title": "{what} — {app}",
    "a11y.map.heading": "Map: who takes part in which migration process",
    "a11y.timeline.heading": "Timeline: migration governance over time",
    "a11y.year_now": "Year {year}",
    "a11y.group": "Select all processes in a region or of a kind",
    "a11y.description": "About this chart",
    "a11y.legend": "Legend",
    "a11y.notes": "Notes on the chart",
    "a11y.show_table": "Show the data as a table",
    "a11y.chart": "Chart: {title}",
    "a11y.more": "{n} more",
    # text alternatives of the charts, from their rows (keys describe.*)
    "describe.map.one": "{name}, {year}: {members} and {observers}. {kind} process ({region}), founded in {founded}.",
    "describe.map.one_none": "{name}, {year}: no member or observer recorded. {kind} process ({region}), "
    "founded in {founded}.",
    "describe.map.one_names": "Members: {names}.",
    "describe.map.org": "{name}, {year}: {members} and {observers}. Founded in {founded}.",
    "describe.map.org_none": "{name}, {year}: no member state recorded. Founded in {founded}.",
    "describe.map.top_orgs": "Most organisations per state: {count} ({names}).",
    "describe.n.associate.one": "{n} associate or observer",
    "describe.n.associate.other": "{n} associates or observers",
    "describe.word.no_associates": "no associates or observers",
    "describe.n.organisation.one": "{n} organisation",
    "describe.n.organisation.other": "{n} organisations",
    "describe.map.many": "{title}: {states} take part in at least one of the {active} active that year.",
    "describe.map.all_of": "{n} take part in all of them.",
    "describe.map.top": "Most processes per state: {count} ({names}).",
    "describe.map.none": "{title}: no state takes part in the selected processes that year.",
    "describe.map.agreements": "{agreements} in force that year (bilateral agreements layer).",
    "describe.map.country": "Country profile open: {name}.",
    "describe.map.joined": "Joined: {names}.",
    "describe.n.member_state.one": "{n} member state",
    "describe.n.member_state.other": "{n} member states",
    "describe.n.observer.one": "{n} observer",
    "describe.n.observer.other": "{n} observers",
    "describe.word.no_observers": "no observers",
    "describe.n.state.one": "{n} state",
    "describe.n.state.other": "{n} states",
    "describe.n.process.one": "{n} process",
    "describe.n.process.other": "{n} processes",
    "describe.n.agreement.one": "{n} bilateral agreement",
    "describe.n.agreement.other": "{n} bilateral agreements",
    # joining names: 'A, B and C'
    "list.and": "{names} and {last}",
    "describe.timeline": "{title}. {n} items: {parts}.",
    "describe.timeline.span": "The earliest is {first} ({first_year}); the most recent {last} ({last_year}).",
    "describe.timeline.year": "In {year}: {processes} running, {agreements} in force.",
    "describe.timeline.empty": "{title}. No item matches the filters.",
    "describe.timeline.lane.bilateral": "{n} bilateral agreements",
    "describe.timeline.lane.regional": "{n} regional processes",
    "describe.timeline.lane.interregional": "{n} interregional or global processes",
    "describe.timeline.lane.organisation": "{n} organisations",
    "describe.timeline.lane.milestone": "{n} milestones",
    "describe.mandates": "{title}. {core} core mandates and {supporting} supporting roles across {issues} issue areas.",
    "describe.mandates.widest": "Most widely held: {issue} ({n} organisations).",
    "describe.mandates.gaps": "No organisation shown holds a mandate for: {names}.",
    "describe.mandates.org": "{org}: {core} core mandates and {supporting} supporting roles",
    "describe.mandates.compare": "{title}. {orgs}.",
    "describe.processes": "{title}. Most discussed: {issue} ({n} processes).",
    "describe.processes.gaps": "Discussed by none of them: {names}.",
    "describe.overlaps": "{pairs} pairs of processes share at least one state; the most: {a} and {b} ({n} states).",
    "describe.overlaps.alone": "Sharing no state with the others: {names}.",
    "a11y.overlaps.table": "The pairs in words",
    "describe.processes.empty": "{title}. No process shown discusses an issue area recorded here.",
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
    "map.year_rejected": "“{value}” is not a year the map shows: type a year from {first} to {last}, then press Enter.",
    "map.year_missing": "Type a year from {first} to {last}, then press Enter.",
    "map.play": "Play",
    "map.pause": "Pause",
    "map.layers": "Layers",
    "map.layer.processes": "Processes",
    "map.layer.agreements": "Bilateral agreements",
    "map.zoom": "Map frame",
    "map.zoom.auto": "Fit the selection",
    "map.zoom.world": "Whole world",
    "map.theme": "Theme",
    "map.theme.light": "Light",
    "map.theme.dark": "Dark",
    "map.theme.slide": "Slide (projection)",
    "map.table_caption": "What the map shows: {n} rows",
    "map.table_heading": "The map's data",
    "map.loading": "Loading…",
    "map.table.open_profile": "Open the country profile of {name}",
    "map.table.country": "Country",
    "map.table.process": "Process",
    "map.table.role": "Role",
    "map.table.since": "Since",
    "map.table.basis": "How known",
    "map.table.source": "Source",
    "map.no_rows": "No state belongs to the selected processes in {year}.",
    "map.no_agreements": "No bilateral agreement the atlas records was in force in {year}.",
    "map.agreements_caption": "What the map shows: {agreements} in force in {year}",
    "map.table.partner": "Partner",
    "map.table.agreement": "Agreement",
    "map.table.kind": "Kind",
    "map.table.signed": "Signed",
    # legend and figure text
    "legend.member": "Member",
    "legend.observer": "Observer (◇ marker)",
    "legend.eligible": "Open to all {org} member states (not members)",
    "legend.none": "Not a participant",
    "legend.overlap": "Processes a state takes part in (the same steps in every year)",
    "legend.step.none": "none",
    "legend.step.one": "{n} process",
    "legend.step.other": "{n} processes",
    "legend.secretariat": "Secretariat seat",
    "legend.footprint": "{name}: outline of members",
    "legend.small_state": "Small state (shown as a dot)",
    "title.map.one": "{name}: members and observers, {year}",
    "title.map.many": "Participation in {n} migration processes, {year}",
    "title.map.all": "Participation in migration processes, {year}",
    "title.map.in_all": "States in all of {names}, {year}",
    "title.map.in_all_n": "States in all {n} selected migration processes, {year}",
    # the change map (compare=YEAR with year=YEAR2)
    "title.change.one": "{name}: who joined and who left, {early} to {late}",
    "title.change.many": "Participation in {n} migration processes: changes {early} to {late}",
    "title.change.all": "Participation in migration processes: changes {early} to {late}",
    "title.change.in_all": "States in all of {names}: changes {early} to {late}",
    "title.change.org": "{name}: which states joined and which left, {early} to {late}",
    "title.change.orgs": "Member states of {n} organisations: changes {early} to {late}",
    "map.compare": "Compare with",
    "map.compare_year": "Year to compare with",
    "map.match": "States in",
    "map.match.any": "any selected process",
    "map.match.all": "all selected processes",
    "title.map.agreements": "Bilateral migration agreements in force, {year}",
    "hover.country": "{country}",
    "hover.membership": "{process}: {role} since {since}",
    "hover.membership_confirmed": "{process}: {role}, listed by {since} (join year unknown)",
    "hover.membership.founding": "{process}: {role} since {since} (founding meeting)",
    "hover.membership.constitutive": "{process}: {role} since {since} (as a {org} member state)",
    "hover.membership.attended": "{process}: {role}, present at a meeting in {since} (earlier years unknown)",
    "hover.membership.org": "{process}: {role} since {since}",
    "hover.membership.eligible": "{process}: open to all {org} member states (eligible, not a member)",
    # how a spell is known (basis)
    "basis.founding": "named at the founding meeting",
    "basis.joined": "a source gives the join year",
    "basis.constitutive": "a member as a {org} member state (the process's own rule)",
    "basis.attended": "present at a dated meeting (earlier years unknown)",
    "basis.confirmed": "first listed by a source (join year unknown)",
    "basis.cow-igo": "Correlates of War IGO data",
    "basis.left": "a source gives the year it left",
    "basis.eligible": "a {org} member state that year; the process is open to all of them (not a member)",
    # counts without names
    "count.qualifier.about": "about ",
    "count.qualifier.at-least": "over ",
    "count.took_part.states": "{n} states took part ({where})",
    "count.took_part.countries": "{n} countries took part ({where})",
    "count.took_part.governments": "{n} governments took part ({where})",
    "count.took_part.delegations": "{n} delegations of states and organisations took part ({where})",
    "count.took_part.member-states": "{n} member states ({where})",
    "count.expected.states": "{n} states were expected ({where})",
    "count.expected.countries": "{n} countries were expected ({where})",
    "count.expected.governments": "{n} governments were expected ({where})",
    "count.expected.delegations": "{n} delegations were expected ({where})",
    "count.expected.member-states": "{n} member states ({where})",
    "notice.count": "{name}: {text}, per {source}; {tail}.",
    "notice.count_named": "the sources name {n} of them, drawn on the map",
    "notice.count_more": "the map draws the {n} states its sources name (more than that count)",
    "notice.count_unnamed": "the sources do not name them",
    "notice.no_names": "{name}: no source in the atlas names the states taking part by {year}, so none is drawn.",
    "notice.not_drawn": "{name}: {n} states {when} have no known join year and are not drawn for {year}.",
    "notice.not_drawn_one": "{name}: 1 state {when} has no known join year and is not drawn for {year}.",
    "notice.listed_by": "listed by {year}",
    "notice.listed_between": "first listed between {first} and {last}",
    "notice.org_no_members": "{name}: the atlas has no member list for this organisation.",
    "notice.org_data_end": "{name}: the Correlates of War data end in 2014; later years show only the changes the atlas records.",
    "title.map.org": "{name}: member states and observers, {year}",
    "title.map.orgs": "Member states of {n} organisations, {year}",
    "legend.associate": "Associate or observer (◇ marker)",
    "hover.none": "No selected process",
    "hover.more": "… and {n} more (see the table)",
    "notice.members_known_through": "{name}: member list verified to {year}; later changes may be missing.",
    "notice.many_known_through": "{n} of these processes have member lists verified only to before {year} ({names}); "
    "later changes may be missing.",
    "notice.and_more": " and {n} more",
    "notice.not_yet_founded": "{name} was founded in {founded}; nothing to show for {year}.",
    "notice.ended": "{name} ended in {ended}.",
    "notice.eligible": "{name} is open to all {org} member states: {n} of them in {year} are drawn as eligible, "
    "not as members.",
    "role.member": "member",
    "role.observer": "observer",
    "role.associate": "associate member",
    "role.eligible": "eligible",
    "role.count": "count, no names",
    # process panel
    "panel.founded": "Founded",
    "panel.ended": "Ended",
    "panel.secretariat": "Secretariat",
    "panel.none": "none",
    "panel.issues": "Issue areas",
    "panel.count": "Members in {year}",
    "panel.count_value": "{members} members, {observers} observers",
    "panel.eligible": "Open to",
    "panel.eligible_value": "all {org} member states ({n} in {year}), drawn as eligible, not as members",
    "panel.changes": "Joins and departures",
    "panel.joined": "{year}: joined — {names}",
    "panel.confirmed": "{year}: first listed by a source (join year unknown) — {names}",
    "panel.start.founding": "{year}: at the founding meeting — {names}",
    "panel.start.joined": "{year}: joined — {names}",
    "panel.start.constitutive": "{year}: members by the process's rule, as {org} member states — {names}",
    "panel.start.attended": "{year}: first present at a dated meeting (earlier years unknown) — {names}",
    "panel.start.confirmed": "{year}: first listed by a source (join year unknown) — {names}",
    "panel.counts": "Took part, by the sources' counts",
    "panel.basis": "How the members shown are known",
    "panel.basis_value": "{n} {words}",
    "panel.left": "after {last}: no longer members — {names}",
    "panel.sources": "Sources",
    "panel.successor": "Continued as",
    "panel.kind": "Kind",
    "panel.region": "Region",
    "panel.agreements.heading": "Bilateral agreements, {year}",
    "panel.agreements.count": "{agreements} in force in {year}, drawn as arcs between the two states.",
    "panel.agreements.pick": "Click a country for its profile and its agreements; turn on the processes layer to see who takes part in which process.",
    "panel.pick_one": "Select one process to see its details, or click a country for its profile.",
    # country profile
    "profile.title": "Country profile: {name}",
    "profile.memberships": "Memberships over time",
    "profile.agreements": "Bilateral agreements",
    "profile.issues": "Issue areas its processes address",
    "profile.none": "None recorded.",
    "profile.confirmed": "listed by {year}, join year unknown",
    "table.by_year": "by {year}",
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
    "agreements.legend": "{kind} agreement",
    "agreements.legend_country": "Agreements of {name}",
    "agreements.hover": "<b>{title}</b><br>{a} – {b}, signed {year}<br>Source: {source}",
    "agreements.points": "Bilateral agreements (hover the dot)",
    # -- mandates (keys mandates.*) --
    "title.overlaps": "States shared by {n} migration processes, {year}",
    # -- reliability (keys error.*) --
    "error.title": "Something went wrong",
    "error.server": (
        "The atlas could not answer this request. Please try again, or go back to the map. "
        "If it keeps happening, tell whoever runs this atlas the error id {error_id}: "
        "the details are in the server's log under that id."
    ),
    "error.back": "Back to the map",
    "error.not_found": "There is nothing at {path}.",
    "error.too_large": "The request is too large: at most {limit} bytes are accepted (found {size}).",
    "error.url_too_long": (
        "The address is too long: at most {limit} characters are accepted (found {size}). "
        "Remove some filters and try again."
    ),
    "error.bad_callback": "Malformed update request: {reason}.",
    "error.data_invalid": "The data package in {path} is invalid: {n} problem(s). The atlas will not start.",
    **VIEW_STRINGS,
}


def t(key: str, lang: str | None = None, **values) -> str:
    """The string for `key` in `lang` (default: the current language; English as fallback), `values` filled in."""
    lang = lang or current_lang()
    template = EN.get(key, key)
    if lang != DEFAULT_LANG:
        found = translations(lang).gettext(key)  # gettext gives the key back when it has no translation
        template = found if found != key else template
    return template.format(**values) if values else template


def tn(key: str, n: int, lang: str | None = None, **values) -> str:
    """A count in the plural form `n` takes in `lang` ("1 state joined", "17 states joined"): English keys
    `key.one`, `key.other`; in French and Spanish one gettext plural entry (msgid `key.one`, plural `key.other`)."""
    lang = lang or current_lang()
    values = {"n": number(n, lang), **values}
    one, other = f"{key}.one", f"{key}.other"
    if lang != DEFAULT_LANG:
        template = translations(lang).ngettext(one, other, n)
        if template not in (one, other):
            return template.format(**values)
    return EN[one if english_form(n) == "one" else other].format(**values)
