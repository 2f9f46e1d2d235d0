"""The atlas's own words in the data (issue-area and era labels) in French and Spanish, through the catalogue."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest

from dashboard.strings import language, translations
from dashboard.viewstate import Catalog, parse_view

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("atlas_i18n_data", ROOT / "scripts" / "i18n.py")
i18n = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(i18n)

ASYLUM = {"fr": "Asile et protection des réfugiés", "es": "Asilo y protección de los refugiados"}


def _labels(name: str) -> list[str]:
    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as fp:
        return [row["label"] for row in csv.DictReader(fp)]


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_issue_area_and_era_label_has_a_translation(lang):
    catalogue = translations(lang)
    for context, name in (("issue-area", "issue_areas.csv"), ("era", "eras.csv")):
        for label in _labels(name):
            assert catalogue.pgettext(context, label) != label, f"{lang}: {context} {label!r} has no translation"


def test_the_check_fails_on_a_label_the_catalogue_lacks(tmp_path, monkeypatch):
    """A new issue area in the CSV, not yet in the catalogues: the check names it (and `update` adds it)."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("issue_areas.csv", "eras.csv"):
        shutil.copy(ROOT / "data" / name, data / name)
    with (data / "eras.csv").open("a", encoding="utf-8") as fp:
        fp.write("new-era,A new era,2030,,Not yet.,emm-iscm-handbook\n")
    monkeypatch.setattr(i18n, "DATA_DIR", data)
    found = i18n.problems()
    assert "fr: 'era: A new era' is missing or empty" in found
    assert "es: 'era: A new era' is missing or empty" in found


def test_the_data_layer_shows_the_labels_in_the_language_and_a_sourced_term_first(atlas):
    assert atlas.issue_by_id["asylum"]["label"] == "Asylum and refugee protection"
    for lang, era in (("fr", "Processus consultatifs régionaux"), ("es", "Procesos consultivos regionales")):
        with language(lang):
            assert atlas.issue_by_id["asylum"]["label"] == ASYLUM[lang]
            assert era in list(atlas.eras["label"])
    with language("es"):  # names.csv's sourced term (the MDP glossary's)
        assert atlas.issue_by_id["irregular-migration"]["label"] == "Migración irregular"
    assert atlas.eras["label"].iloc[1] == "Regional consultative processes"


def test_the_mandates_page_in_french_names_the_issue_areas_in_french(client):
    from tests.test_i18n import _page_texts

    first, shell, page = _page_texts(client, "/mandates?lang=fr")
    assert ASYLUM["fr"] in page and "Retour et réadmission" in page
    assert "Asylum and refugee protection" not in page


class _Recorder:
    """Stands in for the renderer: keeps the figure an export would draw."""

    def __init__(self):
        self.figures = []

    def render(self, figure, fmt, width, height, scale):
        self.figures.append(figure)
        return b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("address", ["/mandates?org=unhcr,iom&lang=es", "/timeline?issue=asylum&lang=es"])
def test_a_spanish_export_names_the_issue_areas_in_spanish(atlas, address):
    from dashboard.export.formats import export_view

    state = parse_view(address, Catalog.from_atlas(atlas))[0]
    recorder = _Recorder()
    with language("es"):
        export_view(atlas, state, "png", width=1280, height=720, renderer=recorder)
        csv_text = export_view(atlas, state, "csv").decode("utf-8")
    text = re.sub(
        r"</?b>", "", json.dumps(recorder.figures[0], ensure_ascii=False).replace("<br>", " ")
    )  # era names wrap
    assert ASYLUM["es"] in text and "Asylum and refugee protection" not in text
    if state.view == "timeline":
        assert "Procesos consultivos regionales" in text and "Regional consultative processes" not in text
    else:
        assert ASYLUM["es"] in csv_text
