"""Write requirements-runtime.lock: the runtime dependency closure of pyproject.toml, pinned at
the versions of requirements.lock (which also pins the dev and eval extras). The Docker image
installs only this file, so test and evaluation tools stay out of it.

Usage: .venv/bin/python .ci/runtime_lock.py [--check]
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
HEADER = ("# Runtime dependencies only (the Docker image installs this). Generated from\n"
          "# pyproject.toml and requirements.lock by: .venv/bin/python .ci/runtime_lock.py\n")


def closure() -> set[str]:
    """Canonical names of the runtime dependencies and everything they need (installed venv)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(d.split("#")[0].strip()) for d in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        extras = ["", *req.extras]
        for spec in metadata.distribution(req.name).requires or []:
            dep = Requirement(spec)
            if dep.marker is None or any(dep.marker.evaluate({"extra": e}) for e in extras):
                todo.append(dep)
    return seen


def render() -> str:
    """The file's text: the pins of requirements.lock for the runtime closure, sorted."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            pins[canonicalize_name(line.split("==")[0])] = line
    wanted = closure()
    return HEADER + "".join(pins[n] + "\n" for n in sorted(wanted) if n in pins)


def main() -> int:
    """Write the file, or with --check exit 1 when the committed one is out of date."""
    target = ROOT / "requirements-runtime.lock"
    text = render()
    if "--check" in sys.argv[1:]:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print("requirements-runtime.lock is out of date; run .ci/runtime_lock.py",
                  file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
