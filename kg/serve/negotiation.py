"""Content negotiation: which of the forms a route can give does the client's Accept header prefer.

A small parser of media ranges with q-values (RFC 9110, section 12.5.1): each offer takes the q of
the most specific range that matches it; the highest q wins and ties go to the server's order, so
the first offer is what a client gets for `*/*` or no Accept header at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    """One form a route can produce: a key the route knows it by, and the media types that ask for it."""

    key: str
    media_types: tuple[str, ...]


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """(type, subtype, q) for each media range of an Accept header; malformed ranges are skipped."""
    ranges = []
    for part in (header or "").split(","):
        fields = [field.strip() for field in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        main, _, sub = media.partition("/")
        quality = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((main, sub, quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, str, float]]) -> float:
    main, _, sub = media_type.partition("/")
    best_specificity, best_quality = -1, 0.0
    for range_main, range_sub, quality in ranges:
        if range_main == main and range_sub == sub:
            specificity = 2
        elif range_main == main and range_sub == "*":
            specificity = 1
        elif range_main == "*" and range_sub == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, best_quality = specificity, quality
    return best_quality


def choose(header: str | None, offers: Sequence[Offer]) -> Offer | None:
    """The offer the client prefers, or None if it accepts none of them (406)."""
    ranges = parse_accept(header)
    if not ranges:
        return offers[0]
    best, best_quality = None, 0.0
    for offer in offers:
        quality = max(_quality(media_type, ranges) for media_type in offer.media_types)
        if quality > best_quality:
            best, best_quality = offer, quality
    return best


def by_key(offers: Sequence[Offer], key: str | None) -> Offer | None:
    """The offer a `?format=` override names (its key, or one of its media types)."""
    if not key:
        return None
    key = key.strip().lower()
    return next((offer for offer in offers if key == offer.key or key in offer.media_types), None)
