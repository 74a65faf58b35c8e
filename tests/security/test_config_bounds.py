"""Item 9: YAML input is bounded, and the topic checks are linear.

`policywire config check` (the real CLI, under a hard CPU and memory limit) refuses a 1 KB
merge-key bomb, an alias bomb, deep nesting, an oversize file and an include fan-out at once,
each with file:line; 40,000 topics are checked in linear time; article front matter goes
through the same bounded reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.conftest import cli, local_config
from tests.security.payloads import alias_bomb, many_topics, merge_bomb

EXPANDS = "YAML error: YAML aliases and merge keys here expand to more than 2,000,000 values"


async def _check(path: Path, cpu: int = 20) -> tuple[int, str]:
    code, _out, err = await cli("config", "check", str(path), cpu=cpu, mem_mb=1024)
    return code, err


@pytest.mark.slow
async def test_merge_key_bomb_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(merge_bomb(26), encoding="utf-8")
    assert path.stat().st_size < 2048
    code, err = await _check(path)
    assert code == 2, err
    assert err.startswith(f"{path}:20: {EXPANDS}"), err


@pytest.mark.slow
async def test_alias_bomb_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(alias_bomb(9, 9), encoding="utf-8")
    code, err = await _check(path)
    assert code == 2, err
    assert err.startswith(f"{path}:7: {EXPANDS}"), err


@pytest.mark.slow
async def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    for name, text in (("flow.yaml", "topics: " + "[" * 100_000 + "]" * 100_000 + "\n"),
                       ("block.yaml", "topics:\n" + "- " * 100_000 + "x\n")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, err = await _check(path)
        assert code == 2, (name, err)
        assert f"{path}:" in err and "collections are nested more than 64 deep" in err, err


@pytest.mark.slow
async def test_oversize_config_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * 500_000, encoding="utf-8")
    code, err = await _check(path)
    assert code == 2
    assert err.strip() == f"{path}: the file is larger than 4 MiB; refused"


@pytest.mark.slow
async def test_include_fan_out_is_refused(tmp_path: Path) -> None:
    for level in range(4):  # 10**4 includes if nothing stopped it
        nxt = f"l{level + 1}.yaml" if level < 3 else None
        body = f"include: [{', '.join([nxt] * 10)}]\n" if nxt else "topics: []\n"
        (tmp_path / f"l{level}.yaml").write_text(body, encoding="utf-8")
    code, err = await _check(tmp_path / "l0.yaml")
    assert code == 2, err
    assert "the include tree passes 64 files" in err


@pytest.mark.slow
async def test_40000_topics_are_checked_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "topics.yaml"
    path.write_text(many_topics(40_000), encoding="utf-8")
    code, err = await _check(path, cpu=20)
    assert code == 2, err
    assert err.strip() == (f"{path}:40001: topics[39999].name: duplicate topic name 't0' "
                           f"(first defined at {path}:2)")


@pytest.mark.slow
async def test_front_matter_bomb_is_refused_on_ingest(tmp_path: Path) -> None:
    article = tmp_path / "bomb.md"
    article.write_text(f"---\n{merge_bomb(26)}---\nSome article text.\n", encoding="utf-8")
    code, _out, err = await cli("ingest", str(article), "--config",
                                str(local_config(tmp_path)), cwd=tmp_path, cpu=20)
    assert code == 2, err
    assert "front matter is not valid YAML" in err and "expand to more than" in err
