"""The atlas in English, French and Spanish: the catalogues, the language of requests and exports, and names."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dashboard.strings import EN, language, long_date, number, t, tn
from dashboard.viewstate import Catalog, ViewState, parse_view, to_query

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("atlas_i18n", ROOT / "scripts" / "i18n.py")
i18n = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(i18n)

BUDAPEST_FR = "/map?process=budapest&year=2006&lang=fr"


# ---- the catalogues -----------------------------------------------------------------------------------------


def test_every_english_key_has_french_and_spanish_with_the_same_placeholders():
    problems = i18n.problems()
    assert problems == [], "\n".join(problems[:20]) + "\n\n" + i18n.HOW_TO_ADD


def _copy_locale(tmp_path, monkeypatch) -> Path:
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    return locale


def _edit_po(lang: str, edit) -> None:
    catalog = i18n.read_catalog(lang)
    edit(catalog)
    i18n._write(catalog, i18n.po_path(lang))


def test_the_check_names_a_missing_key_a_changed_placeholder_and_a_stale_mo(tmp_path, monkeypatch):
    _copy_locale(tmp_path, monkeypatch)
    i18n.compile_all(i18n.LOCALE_DIR)
    assert i18n.problems() == []

    def damage(catalog):
        catalog.delete("nav.map")
        catalog["map.table_caption"].string = "Ce que montre la carte : {rows} lignes"
        catalog["app.title"].flags.add("fuzzy")

    _edit_po("fr", damage)
    _edit_po("es", lambda c: setattr(c["nav.timeline"], "string", ""))
    found = i18n.problems()
    assert "fr: 'nav.map' is missing or empty" in found
    assert "es: 'nav.timeline' is missing or empty" in found
    assert any(p.startswith("fr: 'map.table_caption' placeholders differ") for p in found)
    assert any(p.startswith("fr: 'app.title' is marked fuzzy") for p in found)
    assert any("atlas.mo disagrees with its .po" in p and "/fr/" in p for p in found)


def test_update_adds_new_keys_untranslated_and_marks_changed_english_fuzzy(tmp_path, monkeypatch):
    _copy_locale(tmp_path, monkeypatch)
    source = i18n.source_messages()
    changed = [(k, "Carte du monde" if k == "nav.map" else e) for k, e in source]
    monkeypatch.setattr(i18n, "source_messages", lambda: changed + [("test.new_key", "A new {thing}")])
    i18n.update()
    catalog = i18n.read_catalog("es")
    assert catalog["test.new_key"].string == "" and catalog["test.new_key"].auto_comments == ["en: A new {thing}"]
    assert catalog["nav.map"].fuzzy and catalog["nav.map"].string == "Mapa"  # kept, to be checked
    assert "es: 'test.new_key' is missing or empty" in i18n.problems()


def test_plural_entries_have_the_languages_forms():
    with i18n.po_path("fr").open("rb") as fp:
        fr = read_po(fp, locale="fr")
    assert fr.plural_forms == "nplurals=2; plural=(n > 1);"
    entry = fr.get("change.states_joined.one")
    assert entry.id == ("change.states_joined.one", "change.states_joined.other")
    assert len(entry.string) == 2 and all(entry.string)


def test_counts_numbers_and_dates_per_language():
    assert tn("change.states_joined", 1) == "1 state joined"
    assert tn("change.states_joined", 17) == "17 states joined"
    assert tn("change.states_joined", 17, "fr") == "17 États ont rejoint"
    assert tn("change.states_joined", 1, "fr") == "1 État a rejoint"
    assert tn("change.states_joined", 0, "fr") == "0 État a rejoint"  # French: 0 takes the singular
    assert tn("change.states_joined", 17, "es") == "17 Estados se sumaron"
    assert number(1234567, "en") == "1,234,567" and number(1234567, "es") == "1.234.567"
    assert number(1234567, "fr").replace("\u202f", " ") == "1 234 567"
    day = dt.date(2026, 12, 1)
    assert (long_date(day, "en"), long_date(day, "fr"), long_date(day, "es")) == (
        "1 December 2026",
        "1 décembre 2026",
        "1 de diciembre de 2026",
    )


def test_t_follows_the_current_language_and_falls_back_to_english():
    assert t("nav.map") == "Map"
    with language("fr"):
        assert t("nav.map") == "Carte" and t("map.year") == "Année"
        with language("es"):
            assert t("nav.map") == "Mapa"
        assert t("a11y.year_now", year=2006) == "Année 2006"
        assert t("no.such.key") == "no.such.key"
    with language("de"):  # not spoken: English
        assert t("nav.map") == "Map"
    assert t("nav.map", "es") == "Mapa" and t("nav.map") == "Map"


# ---- lang= in the view grammar ------------------------------------------------------------------------------


def test_lang_parses_round_trips_and_english_is_not_written():
    catalog = Catalog(processes=frozenset({"budapest"}))
    state, notices = parse_view(BUDAPEST_FR, catalog)
    assert (state.lang, notices) == ("fr", [])
    assert to_query(state) == "process=budapest&year=2006&lang=fr"
    assert parse_view("year=2006&lang=ES", catalog)[0].lang == "es"
    assert to_query(parse_view("year=2006&lang=en", catalog)[0]) == "year=2006"
    state, notices = parse_view("year=2006&lang=de", catalog)
    assert state.lang == "en" and notices == ["Ignored unknown lang: de."]


def test_a_state_made_while_speaking_french_keeps_lang_fr():
    with language("fr"):
        assert to_query(ViewState(year=2006)) == "year=2006&lang=fr"
        assert parse_view("year=2006", Catalog())[0].lang == "fr"
    assert to_query(ViewState(year=2006)) == "year=2006"


# ---- the app in French and Spanish --------------------------------------------------------------------------


def _page_texts(client, address: str) -> tuple[str, str, str]:
    """(first HTML, the shell's layout, the page itself) for an address, as the browser fetches them."""
    from tests.dash_client import DashClient

    first = client.get(address).get_data(as_text=True)
    referer = {"Referer": f"http://localhost{address}"}
    shell = json.dumps(client.get("/_dash-layout", headers=referer).get_json(), ensure_ascii=False)
    path, _, query = address.partition("?")
    dash = DashClient(client)
    dep = dash.find("page.children")
    from dashboard.bench.dashcall import callback_payload

    payload = callback_payload(dep, {"url.pathname": path, "url.search": f"?{query}"}, "url.pathname")
    page = client.post(
        "/_dash-update-component", data=json.dumps(payload), content_type="application/json", headers=referer
    )
    return first, shell, json.dumps(page.get_json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ("Processus de Budapest", "Carte", "Année", "Membres et observateurs", "Chronologie")),
        ("es", ("Proceso de Budapest", "Mapa", "Año", "Miembros y observadores", "Cronología")),
    ],
)
def test_the_budapest_map_reads_in_french_and_spanish(client, lang, words):
    first, shell, page = _page_texts(client, f"/map?process=budapest&year=2006&lang={lang}")
    assert f'<html lang="{lang}">' in first
    assert re.search(r"<title>[^<]*" + words[0], first)
    everything = shell + page
    for word in words:
        assert word in everything, word
    for english in ('"Year"', '"Members and observers"', '"Timeline"', "Budapest Process:"):
        assert english not in everything, english


def test_the_language_menu_links_to_the_same_view_in_each_language(client):
    _, shell, _ = _page_texts(client, "/map?process=budapest&year=2006&lang=fr")
    links = dict(
        re.findall(
            r'"children": "(English|Français|Español)", "id": "[^"]+", "className": "[^"]+", "href": "([^"]+)"', shell
        )
    )
    assert links == {
        "English": "/map?process=budapest&year=2006",
        "Français": "/map?process=budapest&year=2006&lang=fr",
        "Español": "/map?process=budapest&year=2006&lang=es",
    }
    assert '"href": "/timeline?lang=fr"' in shell  # the navigation keeps the language too


def test_a_callback_speaks_its_page_language_and_another_page_english(client):
    _, _, french = _page_texts(client, "/timeline?lang=fr")
    _, _, english = _page_texts(client, "/timeline")
    assert "Accords bilatéraux" in french and "Accords bilatéraux" not in english


# ---- exports ------------------------------------------------------------------------------------------------


def test_html_and_csv_exports_are_in_the_language_of_the_address(client):
    html = client.get("/export/map.html?process=budapest&year=2006&lang=fr").get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert "<title>Processus de Budapest : membres et observateurs, 2006</title>" in html.replace("\u00a0", " ")
    figure = json.loads(re.search(r'<script type="application/json" id="figure">(.*?)</script>', html, re.S).group(1))
    assert "Source : Atlas de la gouvernance des migrations" in _texts(figure)
    csv_es = client.get("/export/map.csv?process=budapest&year=2006&lang=es").get_data(as_text=True)
    assert ",budapest,Proceso de Budapest," in csv_es and "Alemania" in csv_es
    csv_en = client.get("/export/map.csv?process=budapest&year=2006").get_data(as_text=True)
    assert ",budapest,Budapest Process," in csv_en and "Germany" in csv_en


def test_embed_is_in_the_language_of_the_address(client):
    page = client.get("/embed/map?process=budapest&year=2006&lang=es").get_data(as_text=True)
    assert '<html lang="es">' in page and "Proceso de Budapest: miembros y observadores, 2006" in page
    assert "Abrir en el Atlas de la gobernanza de la migración" in page


class _Recording:
    """The real renderer, remembering each figure it draws (to read the texts a PNG is drawn from)."""

    def __init__(self, real):
        self.real, self.figures = real, []

    def render(self, figure, fmt, width, height, scale):
        self.figures.append(figure)
        return self.real.render(figure, fmt, width, height, scale)


def _texts(figure: dict) -> str:
    layout = figure["layout"]
    parts = [layout.get("title", {}).get("text", ""), layout.get("title", {}).get("subtitle", {}).get("text", "")]
    parts += [a.get("text", "") for a in layout.get("annotations", [])]
    parts += [str(tr.get("name", "")) for tr in figure["data"]]
    return " ".join(parts).replace("\u00a0", " ")


def test_png_export_is_drawn_in_french(atlas, renderer):
    from dashboard.export.formats import export_view

    recording = _Recording(renderer)
    state = parse_view(BUDAPEST_FR, Catalog.from_atlas(atlas))[0]
    png = export_view(atlas, state, "png", width=1280, height=720, renderer=recording)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    (figure,) = recording.figures
    texts = _texts(figure)
    assert "Processus de Budapest : membres et observateurs, 2006" in texts
    assert "Source : Atlas de la gouvernance des migrations" in texts and "Exporté le" in texts
    assert "Membre" in texts and "Accord de recrutement" in texts and not re.search(r"Budapest Process\b", texts)


def test_pptx_deck_slides_speak_each_views_language(tmp_path, renderer, app, capsys):
    from pptx import Presentation

    from dashboard.cli import main

    deck = tmp_path / "deck.pptx"
    assert main(["export", BUDAPEST_FR, "map?process=budapest&year=2006&lang=es", "-o", str(deck)]) == 0
    slides = list(Presentation(str(deck)).slides)
    assert slides[0].shapes.title.text.replace("\u00a0", " ") == "Processus de Budapest : membres et observateurs, 2006"
    assert slides[1].shapes.title.text == "Proceso de Budapest: miembros y observadores, 2006"
    texts = [s.text_frame.text for s in slides[1].shapes if s.has_text_frame]
    assert any(x.startswith("Fuente: Atlas de la gobernanza de la migración") for x in texts)
    assert slides[1].notes_slide.notes_text_frame.text.splitlines()[0].endswith("&lang=es")


def test_cli_lang_overrides_the_address_and_speaks_the_messages(tmp_path, app, capsys):
    from dashboard.cli import main

    out = tmp_path / "budapest.csv"
    assert main(["export", "map?process=budapest&year=2006&lang=es", "--lang", "fr", "-o", str(out)]) == 0
    assert ",budapest,Processus de Budapest," in out.read_text(encoding="utf-8")
    assert f"{out} écrit" in capsys.readouterr().out
    assert main(["export", "map?year=20x6", "--lang", "es", "-o", str(out)]) == 0
    assert "«20x6» no es un año" in capsys.readouterr().err


# ---- names --------------------------------------------------------------------------------------------------


def _without_a_french_name(atlas) -> str:
    """A process with no sourced French name (the English one must show)."""
    names = atlas.tables["names"]
    named = set(names[(names["table"] == "processes") & (names["field"] == "name") & (names["lang"] == "fr")]["id"])
    return next(i for i in atlas.tables["processes"]["id"] if i not in named)


def test_sourced_names_show_in_their_language_and_english_elsewhere(atlas):
    unnamed = _without_a_french_name(atlas)
    assert atlas.process_by_id["budapest"]["name"] == "Budapest Process"
    with language("fr"):
        assert atlas.process_by_id["budapest"]["name"] == "Processus de Budapest"
        assert atlas.process_by_id["bali"]["short_name"] == "Processus de Bali"
        assert atlas.org_by_id["iom"]["short_name"] == "OIM"
        english = atlas.tables["processes"].set_index("id").loc[unnamed, "name"]
        assert atlas.process_by_id[unnamed]["name"] == english
        assert atlas.country_name("DEU") == "Allemagne"
    with language("es"):
        assert atlas.processes.set_index("id").loc["budapest", "name"] == "Proceso de Budapest"
        assert atlas.process_by_id["khartoum"]["short_name"] == "Proceso de Jartum"
    assert atlas.process_by_id["bali"]["short_name"] == "Bali Process"
    assert atlas.country_name("DEU") == "Germany"


def test_every_name_cites_a_source_and_validate_lists_the_gaps(atlas, capsys):
    from dashboard.cli import main

    names = atlas.tables["names"]
    assert set(names["source_id"]) <= set(atlas.sources["id"])
    assert main(["validate"]) == 0
    err = capsys.readouterr().err
    assert "warning: names.csv: fr: no sourced name for processes.name of" in err
    fr_gaps = err.split("fr: no sourced name for processes.name")[1].split("\n")[0]
    assert _without_a_french_name(atlas) in fr_gaps and "budapest" not in fr_gaps and "bali" not in fr_gaps


def test_a_name_for_a_row_or_field_that_does_not_exist_is_a_problem(tmp_path):
    from dashboard.data.validate import validate_package
    from tests.helpers import tiny_tables, write_package

    tables = tiny_tables()
    tables["names"] = [
        {"table": "processes", "id": "p-none", "field": "name", "lang": "fr", "value": "X", "source_id": "s1"},
        {"table": "eras", "id": "e1", "field": "title", "lang": "es", "value": "Y", "source_id": "s1"},
    ]
    found = [str(p) for p in validate_package(write_package(tmp_path, tables))]
    assert "names.csv:2: id: no such row in processes (found 'p-none', expected an id of processes)" in found
    assert "names.csv:3: field: not a name field of eras (found 'title', expected label)" in found


def test_english_source_keys_are_all_in_the_template():
    with (i18n.LOCALE_DIR / "atlas.pot").open("rb") as fp:
        pot = read_po(fp)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id and m.context is None}  # data labels: own
    singles = {k for k in EN if not (k.endswith(".other") and k[:-6] + ".one" in EN)}
    assert ids == singles, "run `python scripts/i18n.py update`"


def test_what_is_remembered_for_one_language_is_not_shown_in_another(atlas):
    from dashboard.views.registry import get_view

    timeline = get_view("timeline")
    state = ViewState(view="timeline")
    for lang, mine, other in (
        ("fr", "Processus de Budapest", "Proceso de Budapest"),
        ("es", "Proceso de Budapest", "Processus de Budapest"),
    ):
        with language(lang):
            text = json.dumps(timeline.make_figure(atlas, state.with_(lang=lang)), ensure_ascii=False)
        assert mine in text and other not in text, lang


def test_dropdowns_speak_the_page_language(client):
    _, _, page = _page_texts(client, "/mandates?org=ilo,unhcr,iom&lang=es")
    assert '"selected_count": "{num_selected} seleccionados"' in page
    _, _, english = _page_texts(client, "/mandates?org=ilo,unhcr,iom")
    assert "selected_count" not in english  # Dash's own English words
