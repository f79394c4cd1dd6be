"""bot.widget_languages: the widget's languages and texts generated from knowledge/languages/ (no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot import widget_languages
from bot.language import LANGUAGES_DIR
from bot.widget_languages import interface_keys, main

from .chat import ROOT, node_json

ARABIC_TEXTS = {"send": "إرسال", "privacyText": "تُحذف المحادثة بعد {days} يومًا."}


def write_language(directory: Path, code: str, **fields: object) -> None:
    """A language file as translators write them."""
    data = {"name": code.upper(), "position": 1, "direction": "ltr", "html_lang": code} | fields
    (directory / f"{code}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_every_language_of_knowledge_languages_in_menu_order() -> None:
    """Code, name in itself, direction and `lang` of each file, ordered by `position`."""
    files = {path.stem: yaml.safe_load(path.read_text("utf-8")) for path in LANGUAGES_DIR.glob("*.yml")}
    entries = widget_languages.widget_languages()
    assert [entry["code"] for entry in entries] == sorted(files, key=lambda code: files[code]["position"])
    for entry in entries:
        data = files[entry["code"]]
        assert (entry["name"], entry["dir"]) == (data["name"], data["direction"])
        assert entry["htmlLang"] == (data.get("html_lang") or entry["code"])
        assert entry["strings"] == (data.get("widget") or {})
    by_code = {entry["code"]: entry for entry in entries}
    assert by_code["ar"]["dir"] == "rtl" and by_code["de-ls"]["htmlLang"] == "de"
    assert {entry["dir"] for code, entry in by_code.items() if code != "ar"} == {"ltr"}


def test_widget_texts_are_taken_over_and_checked(tmp_path: Path) -> None:
    """A translated text reaches the module; a misspelt name, an empty text or a lost {days} stops it."""
    write_language(tmp_path, "ar", direction="rtl", widget=ARABIC_TEXTS)
    write_language(tmp_path, "tr", position=2)
    entries = widget_languages.widget_languages(tmp_path)
    assert [(entry["code"], entry["dir"], entry["strings"]) for entry in entries] == [
        ("ar", "rtl", ARABIC_TEXTS),
        ("tr", "ltr", {}),
    ]
    for texts, problem in [
        ({"sendd": "إرسال"}, "sendd"),
        ({"send": ""}, "widget.send"),
        ({"privacyText": "تُحذف المحادثة بعد 30 يومًا."}, "{days}"),
    ]:
        write_language(tmp_path, "ar", direction="rtl", widget=texts)
        with pytest.raises(ValueError, match=problem.replace("{", r"\{")):
            widget_languages.widget_languages(tmp_path)
    write_language(tmp_path, "ar", direction="right-to-left")
    with pytest.raises(ValueError, match="direction"):
        widget_languages.widget_languages(tmp_path)


def test_the_text_names_are_those_of_the_english_texts() -> None:
    """The names a `widget` section may use are exactly the keys of STRINGS.en in widget/src/i18n.js."""
    i18n = (ROOT / "widget" / "src" / "i18n.js").as_uri()
    script = (
        f"globalThis.__RETENTION_DAYS__ = 30; import({json.dumps(i18n)})"
        ".then((m) => console.log(JSON.stringify(Object.keys(m.STRINGS.en))))"
    )
    assert interface_keys() == set(node_json(script))
    assert {"title", "send", "privacyText", "privacyLinkHint"} <= interface_keys()


def test_the_module_is_what_node_imports(tmp_path: Path) -> None:
    """The written file is an ES module: LANGUAGES are the generator's entries, texts unmangled; German is
    the original language (the one untranslated texts are in)."""
    write_language(tmp_path, "ar", direction="rtl", widget=ARABIC_TEXTS)
    out = tmp_path / "languages.generated.mjs"
    assert main(["--out", str(out), "--languages", str(tmp_path)]) == 0
    script = (
        f"import({json.dumps(out.as_uri())})"
        ".then((m) => console.log(JSON.stringify([m.ORIGINAL_LANGUAGE, m.LANGUAGES])))"
    )
    assert node_json(script) == ["de", widget_languages.widget_languages(tmp_path)]


def test_a_wrong_file_stops_the_build_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The command exits with 1 and names the file and the text; nothing is written."""
    write_language(tmp_path, "uk", widget={"sned": "Надіслати"})
    out = tmp_path / "languages.generated.js"
    assert main(["--out", str(out), "--languages", str(tmp_path)]) == 1
    assert "uk.yml" in capsys.readouterr().err and not out.exists()
