"""Every source has the kind its host gives by the documented rule, and none is an essay or link farm."""

from __future__ import annotations

import csv
import importlib.util

from dashboard.config import DATA_DIR

spec = importlib.util.spec_from_file_location("source_kinds", DATA_DIR.parent / "scripts" / "source_kinds.py")
source_kinds = importlib.util.module_from_spec(spec)
spec.loader.exec_module(source_kinds)


def rows():
    with open(DATA_DIR / "sources.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_kinds_follow_the_rule():
    wrong = [
        (r["id"], r["kind"], source_kinds.kind_of(r["url"]))
        for r in rows()
        if r["kind"] != source_kinds.kind_of(r["url"])
    ]
    assert not wrong, f"run python scripts/source_kinds.py --write: {wrong[:5]}"


def test_the_rule_on_examples():
    assert source_kinds.kind_of("https://www.iom.int/news/x") == "primary"
    assert source_kinds.kind_of("https://rosanjose.iom.int/site/en/history") == "primary"
    assert source_kinds.kind_of("https://www.mvcr.cz/x") == "primary"
    assert source_kinds.kind_of("https://foreignminister.gov.au/x") == "primary"
    assert source_kinds.kind_of("https://www.yumpu.com/en/document/x") == "mirror"
    assert source_kinds.kind_of("https://docslib.org/doc/1") == "mirror"
    assert source_kinds.kind_of("https://www.statewatch.org/x") == "secondary"
    assert source_kinds.kind_of("https://news.belgium.be./fr/x") == "primary"  # a trailing dot names the same host
    assert source_kinds.is_farm("https://m.lw881.com/xsfb/1.html") and source_kinds.is_farm("http://piglix.com/x")


def test_no_essay_or_link_farm_is_cited():
    assert not [r["id"] for r in rows() if source_kinds.is_farm(r["url"])]
