"""The `policywire` command line. Only this module turns outcomes into exit codes.

Exit codes: 0 ok, 2 bad input (config errors, unreadable files, refused URLs, a command that
answered with an error), 1 internal error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import __version__
from bot.domain.errors import ConfigError, PolicyWireError
from bot.terminal import for_terminal, json_for_terminal

ROLE_CHOICES = ("all", "worker", "poller", "scheduler")  # bot.app.roles.CHOICES (kept light)

DEFAULT_CONFIG = "config/policywire.yaml"
log = logging.getLogger("bot.cli")


def _common() -> argparse.ArgumentParser:
    """Global options, accepted before and after the subcommand."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--config", default=argparse.SUPPRESS, metavar="PATH",
                   help=f"config file (default: $POLICYWIRE_CONFIG or {DEFAULT_CONFIG})")
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                   help="SQLite database file (default: $POLICYWIRE_DATABASE_URL, storage.url, "
                   "$POLICYWIRE_DB or storage.path)")
    p.add_argument("--log-level", default=argparse.SUPPRESS, metavar="LEVEL",
                   help="DEBUG, INFO, WARNING (default) or ERROR; $POLICYWIRE_LOG_LEVEL")
    return p


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to test `--help`)."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="policywire", parents=[common],
        description="PolicyWire: policy-news alerts, entities and figures for Slack, Discord "
                    "and the console.")
    parser.add_argument("--version", action="version", version=f"policywire {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = sub.add_parser("run", parents=[common], help="start the bot",
                         description="Start the bot with the adapters the config and environment "
                         "enable; with no chat tokens, the console adapter (commands on stdin).")
    run.add_argument("--no-seeds", action="store_true", help="do not ingest seeds/ on start")
    run.add_argument("--console", action="store_true",
                     help="also start the console adapter when chat tokens are set")
    run.add_argument("--role", choices=ROLE_CHOICES, default="all",
                     help="background work of this process (every process answers commands): "
                     "worker posts alerts, poller polls feeds, scheduler may lead the cron jobs "
                     "(digests, retention); default all. Several processes need PostgreSQL")

    ing = sub.add_parser("ingest", parents=[common], help="ingest files, folders or URLs",
                         description="Ingest .txt/.md (optional YAML front matter), .html, "
                         ".json/.jsonl files, folders of them, or http(s) URLs. Idempotent.")
    ing.add_argument("sources", nargs="+", metavar="PATH_OR_URL")

    ask = sub.add_parser("ask", parents=[common], help="answer one slash command",
                         description="Run one command through the same handlers as the chat "
                         "adapters and print the reply.")
    ask.add_argument("text", metavar='"/command args"')
    ask.add_argument("--json", action="store_true", help="print the reply model as JSON")

    cfg = sub.add_parser("config", parents=[common], help="config tools")
    cfg_sub = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = cfg_sub.add_parser("check", parents=[common], help="validate a config file",
                               description="Validate a config and print every error as "
                               "file:line: field: message.")
    check.add_argument("path", nargs="?", metavar="PATH")
    schema = cfg_sub.add_parser("schema", parents=[common], help="print the JSON schema")
    schema.add_argument("--write", metavar="PATH", help="write it to PATH instead")

    summ = sub.add_parser("summarize", parents=[common], help="summarise articles in a JSONL file",
                          description="Print one JSON line {id, summary} per input article "
                          "(objects with id and text, or article).")
    summ.add_argument("file", metavar="FILE.jsonl")
    summ.add_argument("--sentences", type=int, default=None, metavar="N")

    slack = sub.add_parser("slack", parents=[common], help="Slack tools")
    slack_sub = slack.add_subparsers(dest="slack_command", metavar="ACTION", required=True)
    man = slack_sub.add_parser("manifest", parents=[common], help="print the Slack app manifest")
    man.add_argument("--request-url", metavar="URL",
                     help="HTTP mode request URL (gives an HTTP-mode manifest)")
    man.add_argument("--format", choices=["yaml", "json"], default="yaml")

    disc = sub.add_parser("discord", parents=[common], help="Discord tools")
    disc_sub = disc.add_subparsers(dest="discord_command", metavar="ACTION", required=True)
    inv = disc_sub.add_parser("invite-url", parents=[common], help="print the bot invite URL")
    inv.add_argument("--application-id", metavar="ID",
                     help="default: $DISCORD_APPLICATION_ID")
    inv.add_argument("--guild", metavar="ID", help="preselect a server")

    feeds = sub.add_parser("feeds", parents=[common], help="feed tools")
    feeds_sub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    imp = feeds_sub.add_parser(
        "import", parents=[common], help="add the feeds of an OPML subscription list",
        description="Add every feed an OPML file (or http(s) URL) names, as /feeds add does: "
        "each URL is fetched once through the guard and added only if it is a feed. Prints one "
        "line per feed; exits 2 when any was refused.")
    imp.add_argument("source", metavar="FILE.opml")
    imp.add_argument("--topic", action="append", default=[], metavar="TOPIC",
                     help="give every imported feed this topic (repeatable)")

    backup = sub.add_parser("backup", parents=[common], help="write a consistent database copy")
    backup.add_argument("path", metavar="PATH")
    return parser


def _config_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "config", None) or os.environ.get("POLICYWIRE_CONFIG")
                or DEFAULT_CONFIG)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    from bot.logs import setup_logging

    setup_logging(getattr(args, "log_level", None) or os.environ.get("POLICYWIRE_LOG_LEVEL")
                  or "WARNING")
    try:
        from bot import cli_actions

        return asyncio.run(cli_actions.dispatch(args, _config_path(args)))
    except ConfigError as exc:
        for line in exc.errors:
            print(for_terminal(line), file=sys.stderr)
        return 2
    except PolicyWireError as exc:
        print(for_terminal(f"policywire: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `policywire ... | head`: the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:
        log.exception("internal error")
        print(for_terminal(f"policywire: internal error: {exc}"), file=sys.stderr)
        return 1


def print_json(obj: object) -> None:
    """Pretty JSON to stdout."""
    print(json_for_terminal(json.dumps(obj, indent=2, ensure_ascii=False, default=str)))
