"""The strings of decks: the deck basket, the .pptx speaker notes, present mode and their errors."""

from __future__ import annotations

DECK_STRINGS: dict[str, str] = {
    "deck.basket": "Deck",
    "deck.basket_count": "Deck ({n})",
    "deck.add": "Add to deck",
    "deck.added": "Added: {title}",
    "deck.already": "Already in the deck: {title}",
    "deck.full": "The deck is full: it takes at most {limit} views. Remove one first.",
    "deck.empty": "No views in the deck yet: use “Add to deck” on any view.",
    "deck.list": "Views in the deck, in slide order",
    "deck.remove": "Remove",
    "deck.remove_label": "Remove slide {i} from the deck",
    "deck.up": "Move up",
    "deck.up_label": "Move slide {i} up",
    "deck.clear": "Empty the deck",
    "deck.download": "Download deck (.pptx)",
    "deck.download_html": "Slide show file (.html, offline)",
    "deck.present": "Present",
    "deck.hint": "Kept in this browser only. A deck of many views takes a few seconds per slide to render.",
    "deck.accessed": "accessed {date}",
    "deck.more_sources": "… and {n} more sources (the view's CSV export lists every one).",
    "deck.notes.filters": "Filters: {filters}.",
    "deck.notes.sources": "Sources:",
    "deck.error.none": (
        "Give the deck at least one 'view' parameter: a URL-encoded view address, "
        "e.g. ?view=%2Fmap%3Fprocess%3Dbudapest%26year%3D1995."
    ),
    "deck.error.too_many": "A deck takes at most {limit} views (found {n} 'view' parameters).",
    "deck.error.empty": "'view' number {i} is empty: give a view address such as /map?process=budapest&year=1995.",
    "deck.error.view": "'view' number {i} ({value!r}): {reason}",
    "deck.error.other": "Unknown parameter '{param}': a deck takes only 'view' parameters, one per slide.",
    "deck.notice": "view {i}: {notice}",
    "present.title": "Slide show: {n} views",
    "present.previous": "Previous slide",
    "present.next": "Next slide",
    "present.fullscreen": "Full screen",
    "present.help": "← → or Page Up / Page Down: step · F: full screen",
    "present.slides": "Slides",
    "present.year": "Year",
    "present.play": "Play",
    "present.pause": "Pause",
    "present.open": "Open this view in the atlas",
}
