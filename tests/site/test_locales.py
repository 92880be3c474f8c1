"""A language is published from its locale entry; one the registry lacks stops the build, named."""
from __future__ import annotations

from tests.conftest import build_site, org_project


def test_a_language_without_a_locale_entry_stops_the_build_naming_it(tmp_path):
    project = org_project(tmp_path / "project")
    config = project / "mkdocs.base.yml"   # the organisation's mkdocs.yml inherits its languages from it
    text = config.read_text(encoding="utf-8")
    (project / "docs/fr").mkdir()
    (project / "docs/fr/index.md").write_text("# Politique\n", encoding="utf-8")
    marker = "        - locale: en\n"
    assert marker in text
    config.write_text(text.replace(marker, "        - locale: fr\n          name: Français\n          build: true\n" + marker),
                      encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "the language 'fr' has no locale entry: add scripts/policy/locales/fr.yml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site/fr").exists()
