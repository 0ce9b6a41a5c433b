"""Knowledge as plain data: what the compiled-knowledge cache holds instead of Pydantic objects.

The knowledge files are validated by Pydantic models when they are compiled; what is cached
is the validated data made plain (:func:`plain`): a ``Text`` becomes a :class:`Bilingual`,
any other model a :class:`Record` of its fields.  Reading it back is several times quicker
than unpickling model instances, and needs none of the model classes: a run that only
reads the knowledge never creates them.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from walletaid.i18n import Lang


class Bilingual(NamedTuple):
    """A knowledge text in both languages (the plain form of ``knowledge.schemas.common.Text``)."""

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.zh if lang == "zh" else self.en


class Record(SimpleNamespace):
    """A validated knowledge record as plain data: the model's fields as attributes."""


def plain(value: Any) -> Any:
    """``value`` with every Pydantic model in it made plain: a ``Text`` a :class:`Bilingual`, any other model a
    :class:`Record` of its fields; lists and dicts keep their shape.  Used when the knowledge is compiled."""
    from pydantic import BaseModel

    from walletaid.knowledge.schemas.common import Text

    if isinstance(value, Text):
        return Bilingual(value.zh, value.en)
    if isinstance(value, BaseModel):
        return Record(**{name: plain(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
