"""Under a preview: the JSON export, with each unchanged entry's JSON reused.

``docs/data/handbook.json`` holds every entry; dumping it again after every save is about a tenth
of a regeneration at ten times the model, yet a save changes one entry. An entry's JSON depends
on the entry alone (export.entry_object), and inside the document only the indentation of its
lines after the first depends on where it sits, so each entry is dumped once and reused while
the entry (its place in the YAML included) is equal. The text is byte for byte
``export.files`` (``tests/test_serve_incremental.py``).
"""

from __future__ import annotations

import re
from typing import Any

from . import export
from .model import Entity, Model

_PLACEHOLDER = re.compile(r'^( *)"@@entry-([0-9]+)@@"', re.MULTILINE)
"""An entry's place in the dumped document: a list item on a line of its own."""


class ExportMemo:
    """Each entry's dumped JSON from the last regeneration, by kind and id."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[Entity, object, str]] = {}
        self.reused = 0

    def files(self, model: Model) -> dict[str, str]:
        """What ``export.files(model)`` returns."""
        texts: list[str] = []
        kept: dict[tuple[str, str], tuple[Entity, object, str]] = {}
        self.reused = 0

        def entry(entity: Entity) -> Any:
            key = (entity.kind, entity.id)
            found = self._entries.get(key)
            if found is not None and found[0] == entity and found[1] == entity.origin:
                self.reused += 1
                text = found[2]
            else:
                text = export.dump(export.entry_object(entity))
            kept[key] = (entity, entity.origin, text)
            texts.append(text)
            return f"@@entry-{len(texts) - 1}@@"

        dumped = export.dump(export.document(model, entry)) + "\n"
        self._entries = kept

        def place(match: re.Match[str]) -> str:
            indent = match[1]
            return indent + texts[int(match[2])].replace("\n", "\n" + indent)

        whole = export.files(Model())  # the schema, and the names of the files
        whole[export.JSON_FILE] = _PLACEHOLDER.sub(place, dumped)
        return whole
