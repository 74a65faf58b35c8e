"""The NLP pipeline: cleaning, entities, roles, figures, summaries and topic matching.

`bot.nlp.analyzer.Analyzer` runs spaCy in-process; `bot.nlp.pool.AnalyzerPool` runs it off the
event loop. The pure-text helpers (`clean`, `figures`, `summarize`, `topics`) do not need spaCy.
Importing this package is cheap: nothing loads spaCy until an Analyzer is built.
"""

__all__ = ["analyzer", "clean", "entities", "figures", "pool", "roles", "summarize", "topics"]
