"""Building blocks shared by the knowledge-base models: bilingual text and sources."""


from pydantic import BaseModel, ConfigDict, Field

from walletaid.i18n import Lang


class Strict(BaseModel):
    """A knowledge-base record: unknown keys are an error, so a typo in a data file is caught.

    Its validator is built when a file is first validated (``defer_build``): a run that reads the
    compiled knowledge from the cache never validates, so it does not pay for building them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A text in both languages; neither may be empty."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.zh if lang == "zh" else self.en


class Source(Strict):
    """Where a fact came from, and how sure we are (``well-known``, ``sourced``, ``verify``)."""

    confidence: str = Field(pattern=r"^(well-known|sourced|verify)$")
    ref: str = Field(min_length=1, description="address or document the fact comes from")
    note: str | None = None
