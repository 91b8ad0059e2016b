"""Settings: YAML file, profile file, environment overrides and explicit overrides, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkb.settings import load_settings


def test_yaml_then_profile_then_env_then_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path / "settings.yaml"
    base.write_text("retrieval:\n  top_k: 7\nchroma:\n  port: 9000\n", encoding="utf-8")
    (tmp_path / "settings-test.yaml").write_text("retrieval:\n  top_k: 5\n", encoding="utf-8")
    assert load_settings(base).retrieval.top_k == 7
    monkeypatch.setenv("GOVKB_PROFILE", "test")
    assert load_settings(base).retrieval.top_k == 5
    monkeypatch.setenv("GOVKB_CHROMA__MODE", "http")
    monkeypatch.setenv("GOVKB_CHROMA__HOST", "10.1.2.3")
    s = load_settings(base)
    assert (s.chroma.mode, s.chroma.host, s.chroma.port) == ("http", "10.1.2.3", 9000)
    assert load_settings(base, retrieval={"top_k": 3}).retrieval.top_k == 3


def test_bad_values_are_rejected(tmp_path: Path) -> None:
    base = tmp_path / "settings.yaml"
    base.write_text("chroma:\n  mode: cloud\n", encoding="utf-8")
    with pytest.raises(ValueError, match="mode"):
        load_settings(base)
