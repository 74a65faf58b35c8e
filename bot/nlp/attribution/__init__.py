"""Who a figure is about: `Attributor` (see `bot.nlp.attribution.attributor`)."""

from bot.nlp.attribution.attributor import Attribution, Attributor
from bot.nlp.attribution.words import ASSETS, verb_lemma

__all__ = ["ASSETS", "Attribution", "Attributor", "verb_lemma"]
