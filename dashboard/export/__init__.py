"""The export engine: images, standalone HTML, CSV, embeds and decks of any view, asking the registry of views."""
