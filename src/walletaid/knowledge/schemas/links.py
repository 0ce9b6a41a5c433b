"""Schema of ``knowledge/links.json``: what makes a link suspicious besides the directory's own domains."""

from pydantic import Field

from walletaid.knowledge.schemas.common import Strict


class LinkData(Strict):
    """``knowledge/links.json``: URL shorteners, top-level domains often used for phishing, phishing words, brands."""

    shorteners: list[str]
    risky_tlds: list[str]
    common_tlds: list[str] = Field(description="endings that make a bare 'word.tld' in a text a link")
    phish_words: list[str]
    brands: list[str] = Field(default=[], description="well-known brand words beyond the directory (no hyphens): one inside another site's address is a disguise")
    not_brand_words: list[str] = Field(default=[], description="longer words that contain a brand's short name but are not that brand (海南航空 holds 南航)")
