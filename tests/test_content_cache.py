"""The content cache never serves stale content: any change to a content file is seen on the next load."""

from __future__ import annotations

import shutil
from pathlib import Path

from maturity.content_cache import load_domain_dir_cached
from maturity.content_loader import load_domain_dir

CRM = Path(__file__).resolve().parents[1] / "plugins" / "crm" / "src" / "maturity_crm" / "content"


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CRM, tmp_path / "content"))


def test_a_cached_load_equals_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "cache"))
    root = _copy(tmp_path)
    fresh = load_domain_dir(root, "crm")
    first = load_domain_dir_cached(root, "crm")
    assert list((tmp_path / "cache").glob("*.pickle")), "the first load is written to the cache"
    again = load_domain_dir_cached(root, "crm")
    assert first == fresh and again == fresh


def test_a_changed_file_is_seen_even_with_the_same_size_and_time(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "cache"))
    root = _copy(tmp_path)
    domain, _ = load_domain_dir_cached(root, "crm")
    f = root / "domain.toml"
    st = f.stat()
    text = f.read_text(encoding="utf-8")
    old_name = domain.name.en
    new_name = old_name[::-1] if old_name[::-1] != old_name else old_name.upper()
    assert len(new_name) == len(old_name)
    f.write_text(text.replace(f'"{old_name}"', f'"{new_name}"', 1), encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same time: only the bytes differ
    changed, _ = load_domain_dir_cached(root, "crm")
    assert changed.name.en == new_name


def test_a_new_problem_is_reported_not_hidden_by_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "cache"))
    root = _copy(tmp_path)
    assert load_domain_dir_cached(root, "crm")[0] is not None
    scope = sorted((root / "scopes").glob("*.toml"))[0]
    scope.write_text("this is = not [ toml", encoding="utf-8")
    domain, problems = load_domain_dir_cached(root, "crm")
    assert domain is None and any(scope.name in p.file for p in problems)


def test_the_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("MATURITY_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = _copy(tmp_path)
    assert load_domain_dir_cached(root, "crm") == load_domain_dir(root, "crm")
    assert not (tmp_path / "xdg").exists()
