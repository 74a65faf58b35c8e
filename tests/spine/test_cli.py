"""The `policywire` command line as a user runs it: subprocesses, real files, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser

SUBCOMMANDS = [
    ["run"], ["ingest"], ["ask"], ["config"], ["config", "check"], ["config", "schema"],
    ["summarize"], ["slack"], ["slack", "manifest"], ["discord"], ["discord", "invite-url"],
    ["feeds"], ["feeds", "import"], ["backup"],
]


def policywire(repo: Path, *args: str, stdin: str | None = None,
               timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS` in the repo, as `policywire` would."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "POLICYWIRE_"))}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=repo, input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=" ".join)
def test_every_subcommand_has_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` works on every subcommand and exits 0."""
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([*words, "--help"])
    assert exc.value.code == 0
    assert "usage: policywire" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["--db", "x.db", "ask", "/topics"],
    ["ask", "/topics", "--db", "x.db"],
    ["ask", "--db", "x.db", "/topics"],
])
def test_global_options_before_and_after(argv: list[str]) -> None:
    """--db (and --config) are accepted before and after the subcommand."""
    args = build_parser().parse_args(argv)
    assert args.db == "x.db" and args.command == "ask" and args.text == "/topics"


@pytest.mark.slow
def test_broken_config_exits_2_with_file_line(repo_root: Path, tmp_path: Path) -> None:
    """A broken config prints file:line: field errors and exits 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("topics:\n  - name: reserves\n    keywords: 5\n")
    result = policywire(repo_root, "--config", str(bad), "ask", "/topics")
    assert result.returncode == 2
    assert f"{bad}:3: topics[0].keywords" in result.stderr
    check = policywire(repo_root, "config", "check", str(bad))
    assert check.returncode == 2 and f"{bad}:3:" in check.stderr


@pytest.mark.slow
def test_config_check_ok(repo_root: Path) -> None:
    """The bundled config validates."""
    result = policywire(repo_root, "config", "check")
    assert result.returncode == 0 and "OK" in result.stdout


@pytest.mark.slow
def test_missing_file_is_bad_input(repo_root: Path, tmp_path: Path) -> None:
    """Ingesting a file that does not exist exits 2 and names it."""
    result = policywire(repo_root, "--db", str(tmp_path / "x.db"), "ingest", "nope.txt")
    assert result.returncode == 2 and "nope.txt" in result.stderr


@pytest.mark.spacy
@pytest.mark.slow
def test_ingest_ask_json_and_idempotence(repo_root: Path, tmp_path: Path,
                                         original_seed: Path) -> None:
    """ingest twice changes nothing; ask --json prints the reply contract; errors exit 2."""
    db = str(tmp_path / "pw.db")
    first = policywire(repo_root, "--db", db, "ingest", str(original_seed))
    assert first.returncode == 0, first.stderr
    assert "#1 stored" in first.stdout
    second = policywire(repo_root, "ingest", str(original_seed), "--db", db)
    assert second.returncode == 0 and "#1 unchanged" in second.stdout
    reply = policywire(repo_root, "--db", db, "ask", "/figures El Salvador", "--json")
    data = json.loads(reply.stdout)
    assert data["ok"] is True and data["command"] == "figures"
    assert {"value", "unit", "qualifier", "text", "subject", "sentence", "article"} <= set(
        data["items"][0])
    unknown = policywire(repo_root, "--db", db, "ask", "/entity Bukel", "--json")
    assert unknown.returncode == 2
    err = json.loads(unknown.stdout)
    assert err["ok"] is False and "Nayib Bukele" in err["suggestions"]


@pytest.mark.spacy
@pytest.mark.slow
def test_run_console_prints_alert_then_answers(repo_root: Path, tmp_path: Path) -> None:
    """`policywire run` with no tokens: seeds ingested, alert printed, stdin commands answered."""
    result = policywire(repo_root, "--db", str(tmp_path / "pw.db"), "run",
                        stdin="/figures Pakistan\n/entity Saqib\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ALERT #console" in out
    alert_at = out.index("ALERT #console")
    assert out.index("Figures about Pakistan") > alert_at
    assert "2,000 MW" in out and "Bilal Bin Saqib" in out
    rerun = policywire(repo_root, "--db", str(tmp_path / "pw.db"), "run", stdin="")
    assert "ALERT" not in rerun.stdout, "an alert must never be shown twice"


@pytest.mark.slow
def test_unusable_database_or_model_is_bad_input(repo_root: Path, tmp_path: Path) -> None:
    """A folder or a non-SQLite file as --db, or a model that is not installed: exit 2, the
    reason in words, no traceback."""
    folder = policywire(repo_root, "--db", str(tmp_path), "ask", "/topics")
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all\n" * 100)
    broken = policywire(repo_root, "--db", str(junk), "ask", "/topics")
    assert broken.returncode == 2 and "not a database" in broken.stderr
    assert "Traceback" not in folder.stderr + broken.stderr
    cfg = tmp_path / "model.yaml"
    cfg.write_text("nlp:\n  model: en_core_web_xl_nope\n")
    check = policywire(repo_root, "config", "check", str(cfg))
    assert check.returncode == 2
    assert f"{cfg}:2: nlp.model: spaCy model 'en_core_web_xl_nope' is not installed" in check.stderr


@pytest.mark.spacy
@pytest.mark.slow
def test_ingest_html_json_and_front_matter(repo_root: Path, tmp_path: Path) -> None:
    """.html goes through trafilatura without reader comments, .json objects and .md front
    matter keep their url, date and source."""
    db = str(tmp_path / "pw.db")
    body = " ".join(["The Central Bank of Bhutan reviewed its bitcoin reserve policy on Monday,"
                     " officials said, and Druk Holding moved 900 BTC."] * 6)
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><title>Bhutan reviews reserve</title></head><body><article>"
        f"<h1>Bhutan reviews reserve</h1><p>{body}</p></article>"
        "<section class='comments' id='comments'><div class='comment'><p>Zyxwvut commenter "
        "says the moon is made of quokkas.</p></div></section></body></html>")
    item = {"url": "https://news.example/ghana", "title": "Ghana weighs crypto rules",
            "date": "2025-03-04", "text": "Ghana's central bank said on Tuesday it would "
            "publish crypto rules by September, covering 3 million users."}
    jsonf = tmp_path / "one.json"
    jsonf.write_text(json.dumps(item))
    md = tmp_path / "note.md"
    md.write_text("---\ntitle: Kenya taxes crypto\nurl: https://news.example/kenya\n"
                  "date: 2025-06-01\nsource: Example Wire\n---\n\nKenya's treasury proposed a "
                  "3% tax on digital asset transfers worth $1.5 billion a year.\n")
    result = policywire(repo_root, "--db", db, "ingest", str(html), str(jsonf), str(md))
    assert result.returncode == 0, result.stderr
    latest = json.loads(policywire(repo_root, "--db", db, "ask", "/latest", "--json").stdout)
    by_title = {a["title"]: a for a in latest["articles"]}
    assert by_title["Ghana weighs crypto rules"]["url"] == "https://news.example/ghana"
    assert by_title["Ghana weighs crypto rules"]["date"].startswith("2025-03-04")
    kenya = by_title["Kenya taxes crypto"]
    assert (kenya["url"], kenya["source"]) == ("https://news.example/kenya", "Example Wire")
    assert kenya["date"].startswith("2025-06-01")
    assert "Bhutan reviews reserve" in by_title
    found = json.loads(policywire(repo_root, "--db", db, "ask", "/search quokkas", "--json").stdout)
    assert found["articles"] == [] or not found["ok"]
    hit = json.loads(policywire(repo_root, "--db", db, "ask", "/search Druk", "--json").stdout)
    assert [a["title"] for a in hit["articles"]] == ["Bhutan reviews reserve"]


def test_an_internal_error_exits_1_with_one_line(repo_root: Path, tmp_path: Path) -> None:
    """A failure that is nobody's input (here a database whose schema is not ours, so a
    migration fails) exits 1 with "internal error" and the reason on stderr; it used to hang,
    the failed store's connection thread keeping the process alive."""
    db = tmp_path / "foreign.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE articles (something_else TEXT)")
    result = policywire(repo_root, "--db", str(db), "ask", "/topics")
    assert result.returncode == 1
    assert "policywire: internal error: table articles already exists" in result.stderr
