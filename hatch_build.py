"""Hatch build hook: compile the French and Spanish catalogues (.po -> .mo) on every build and install.

`pip install .` and `pip install -e .` both run it, so a fresh machine has the .mo files the app reads; the .mo
files are build products (git ignores them), never compiled at run time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):
    PLUGIN_NAME = "catalogues"

    def initialize(self, version, build_data):
        spec = importlib.util.spec_from_file_location("atlas_i18n", Path(self.root) / "scripts" / "i18n.py")
        i18n = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(i18n)
        for mo in i18n.compile_all():
            relative = mo.relative_to(self.root).as_posix()
            build_data["force_include"][str(mo)] = relative  # git ignores .mo, so name them for the wheel
