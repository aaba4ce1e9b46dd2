"""Everything below the screen: decode, clean, extract, store, query. Never imports Textual."""

from .corpus import Corpus

__all__ = ["Corpus"]
