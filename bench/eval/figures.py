"""Part 3: figure extraction accuracy (value and unit) vs quantulum3 on the same cases.

A case is correct when every expected (value, unit) is matched by a distinct reported figure:
value within 1e-6 relative after unit scaling, unit sets intersecting (an expected unitless
number accepts any unit; a price per unit, "USD/share", states the amount "USD" a case without
the "per" expects). A case with nothing expected is correct when no figure of its
category is reported. Units are mapped by `bench.eval.units`.
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bench.eval.figure_cases import DOMAIN_CASES, FigureCase, load_quantulum, load_recognizers
from bench.eval.systems import analyzer
from bench.eval.units import canonical, category_of, values_match

CATEGORIES = ("money", "count", "percent", "dimension", "range")
KIND_CATEGORY = {"money": "money", "crypto": "money", "percent": "percent", "power": "dimension",
                 "energy": "dimension", "quantity": "dimension", "count": "count"}


@dataclass(frozen=True)
class Found:
    """A reported figure in canonical form."""

    value: float
    units: frozenset[str]
    category: str


def _amount_units(units: frozenset[str]) -> frozenset[str]:
    """The currency of each price per unit ("USD/share" -> "USD")."""
    return frozenset(u.split("/")[0] for u in units if "/" in u)


def case_correct(case: FigureCase, found: Sequence[Found]) -> bool:
    """Whether the reported figures satisfy the case (see module docstring)."""
    if not case.expected:
        neg = "count" if case.category == "range" else case.category
        return not any(f.category == neg for f in found)
    used: set[int] = set()
    # Items with a unit first, so a unitless expectation cannot steal a unit-bearing figure.
    order = sorted(case.expected, key=lambda alts: all(canonical(u)[0] <= {""} for _v, u in alts))
    for alts in order:
        hit = None
        for i, f in enumerate(found):
            if i in used:
                continue
            for value, unit in alts:
                units, factor = canonical(unit)
                unit_ok = units <= {""} or bool(units & (f.units | _amount_units(f.units)))
                if unit_ok and values_match(value * factor, f.value):
                    hit = i
                    break
            if hit is not None:
                break
        if hit is None:
            return False
        used.add(hit)
    return True


def policywire_found(figures: Sequence[Any]) -> list[Found]:
    """Canonical form of PolicyWire `Figure`s (a range yields both ends)."""
    out = []
    for fig in figures:
        units, factor = canonical(fig.unit)
        cat = KIND_CATEGORY.get(fig.kind) or category_of(units)
        out.append(Found(fig.value * factor, units, cat))
        if fig.value_high is not None:
            out.append(Found(fig.value_high * factor, units, cat))
    return out


def quantulum_found(quantities: Sequence[Any]) -> list[Found]:
    """Canonical form of quantulum3 `Quantity` objects."""
    out = []
    for q in quantities:
        units, factor = canonical(q.unit.name)
        entity = getattr(q.unit.entity, "name", "")
        if "%" in units:
            cat = "percent"
        elif entity == "currency":
            cat = "money"
        elif entity == "dimensionless":
            cat = "count"
        else:
            cat = category_of(units) if category_of(units) != "count" else "dimension"
        out.append(Found(float(q.value) * factor, units, cat))
    return out


def _quantulum() -> tuple[Callable[[str], list[Found]] | None, dict[str, Any]]:
    info: dict[str, Any] = {"classifier_loaded": False}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import classifier, parser

            info["classifier_loaded"] = bool(classifier.USE_CLF
                                             and classifier.classifier("en_US").loaded)
    except Exception as exc:
        info["error"] = f"{type(exc).__name__}: {exc}"[:300]
        return None, info
    return (lambda text: quantulum_found(parser.parse(text))), info


def evaluate(cases: Sequence[FigureCase], extract: Callable[[str], list[Found]]
             ) -> dict[str, Any]:
    """Accuracy overall and per category; an extractor crash counts the case as wrong."""
    per: dict[str, list[bool]] = {}
    crashes = 0
    failures: list[str] = []
    for case in cases:
        try:
            ok = case_correct(case, extract(case.text))
        except Exception:
            ok, crashes = False, crashes + 1
        per.setdefault(case.category, []).append(ok)
        if not ok and len(failures) < 15:
            failures.append(case.text[:120])
    total = [ok for oks in per.values() for ok in oks]
    return {
        "accuracy": round(sum(total) / len(total), 4) if total else None,
        "n": len(total),
        "crashes": crashes,
        "per_category": {c: {"accuracy": round(sum(v) / len(v), 4), "n": len(v)}
                         for c in CATEGORIES if (v := per.get(c))},
        "sample_failures": failures,
    }


def run(quick: bool = False, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Score PolicyWire and quantulum3 on domain, quantulum and recognizers cases."""
    sets: dict[str, list[FigureCase] | None] = {
        "domain": list(DOMAIN_CASES), "quantulum": load_quantulum(), "recognizers":
        load_recognizers()}
    if quick:
        rng = random.Random(5)
        sets = {k: (v if v is None or k == "domain" else rng.sample(v, min(80, len(v))))
                for k, v in sets.items()}
    an = analyzer(3)
    # bare_numbers=True: plain numbers are reported too, as the number specs expect them
    ours = ((lambda text: policywire_found(an.obj.figures_in(text, bare_numbers=True)))
            if an.ok else None)
    quant, qinfo = _quantulum()
    out: dict[str, Any] = {"policywire": {}, "quantulum3": {}, "policywire_error": an.error,
                           "quantulum3_info": qinfo, "counts": {}}
    for name, cases in sets.items():
        if cases is None:
            out["policywire"][name] = out["quantulum3"][name] = {"accuracy": None,
                                                                 "skipped": "absent"}
            log(f"  figures {name}: skipped (absent)")
            continue
        out["counts"][name] = len(cases)
        for system, fn in (("policywire", ours), ("quantulum3", quant)):
            out[system][name] = evaluate(cases, fn) if fn else {"accuracy": None}
        log(f"  figures {name}: n={len(cases)} policywire={out['policywire'][name]['accuracy']}"
            f" quantulum3={out['quantulum3'][name]['accuracy']}")
    return out
