"""The city comparison, derived from stored articles and entities (owned by compare)."""

from __future__ import annotations

from typing import Any

DEFAULT_CITIES = ("포항시", "고양시", "과천시", "성남시")


def compare(corpus: Any, cities: list[str]) -> dict[str, Any]:
    return {city: {} for city in cities}


def to_markdown(result: dict[str, Any], corpus: Any) -> str:
    return ""
