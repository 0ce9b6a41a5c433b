"""A compiled rule set and how it is matched: one Aho–Corasick pass over the text, then each rule checked.

Every phrase of every rule (already normalized) sits in one automaton, built
once when the rule files are loaded.  The compiled form is plain data (named
tuples, tuples of ints), so reading it back from the cache is quick and imports
neither the rule models nor the loader.  Matching a text is one pass of that
automaton (all phrase occurrences at once, in C), then only the rules whose
phrases occurred are checked: ``any`` (a phrase), ``all`` (one phrase of each
group, close together, in one sentence), plus the few named regexes.  A hit
right after a negation cue ("不要", "never") or in the scope of an ``unless``
phrase does not count.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from functools import lru_cache
from itertools import product
from typing import Any, NamedTuple

Span = tuple[int, int]
MAX_COMBINATIONS = 400  # phrase combinations tried per `all` rule and text: a long text must stay linear
_SENTENCE_END = re.compile(r"[。!?\n]|\.(?=\s|$)|…+")
_CLAUSE_END = re.compile(r"[。!?\n,，、;；:：]|\.(?=\s|$)|…+")


class CompiledRule(NamedTuple):
    """One rule, ready to match: phrase groups as indexes into the rule set's phrase table."""

    id: str
    owner: str  # the cause or signal the rule points to
    file: str
    groups: tuple[tuple[int, ...], ...]  # `any`: one group; `all`: one per group; regex: none
    within: int | None = None
    ordered: bool = False
    cross_sentences: bool = False
    regex: str | None = None
    unless: tuple[int, ...] = ()
    unless_scope: str = "sentence"
    requires: tuple[int, ...] = ()
    requires_scope: str = "message"
    negatable: bool = True
    weight: float = 0.0
    severity: str | None = None
    urgent: bool = False
    fields: tuple[str, ...] | None = None


class Phrase(NamedTuple):
    """A normalized phrase and whether its first / last character must sit on a word edge."""

    text: str
    left_edge: bool
    right_edge: bool


Output = tuple[int, ...]
"""What the automaton finds for one normalized text: its length, then a code for each phrase spelled that way
(``refund`` as a whole word and ``refund*`` are two phrases of one text): the phrase index times 4, plus 2 when
its first character must sit on a word edge, plus 1 when its last must.  Flat ints: quick to unpickle."""
LEFT_EDGE, RIGHT_EDGE = 2, 1


def output_code(index: int, left_edge: bool, right_edge: bool) -> int:
    """One phrase of an :data:`Output`."""
    return index * 4 + (LEFT_EDGE if left_edge else 0) + (RIGHT_EDGE if right_edge else 0)


class RuleSet(NamedTuple):
    """Compiled rules with their phrase automaton (picklable, so it can be cached between runs)."""

    rules: tuple[CompiledRule, ...]
    automaton: Any  # ahocorasick.Automaton (STORE_INTS): normalized phrase -> index into ``outputs``
    outputs: tuple[Output, ...]
    by_phrase: dict[int, tuple[int, ...]]  # phrase index -> indexes of the rules that use it
    regex_rules: tuple[int, ...]
    features: dict[str, int]  # feature name ($link ...) -> its phrase index
    negation: frozenset[int] = frozenset()
    negation_within: int = 0
    not_negations: frozenset[int] = frozenset()  # questions such as 能不能 that contain a cue but deny nothing
    sentence_negation: frozenset[int] = frozenset()  # cues that deny the rest of their sentence ("we will never ask")

    def find(self, text: str) -> dict[int, list[Span]]:
        """Every phrase occurrence in ``text`` that sits on its word edges, by phrase index."""
        hits: dict[int, list[Span]] = defaultdict(list)
        if not text or len(self.automaton) == 0:
            return hits
        outputs = self.outputs
        for last, found in self.automaton.iter(text):
            output = outputs[found]
            start = last - output[0] + 1
            for k in range(1, len(output)):
                code = output[k]
                if code & LEFT_EDGE and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
                    continue  # a Latin phrase stands on Latin word edges
                if code & RIGHT_EDGE and last + 1 < len(text) and text[last + 1].isascii() and text[last + 1].isalnum():
                    continue
                hits[code >> 2].append((start, last + 1))
        return hits

    def match(self, text: str, features: dict[str, list[Span]] | None = None, only: set[int] | None = None) -> list[tuple[CompiledRule, Span]]:
        """Each rule that fires on normalized ``text``, with the span of its first counted hit.

        ``features`` are the spans of what the engine found besides words (``$link`` ...).
        """
        hits = self.find(text)
        for name, spans in (features or {}).items():
            index = self.features.get(name)
            if index is not None and spans:
                hits[index] = sorted(spans)
        candidates = {r for p in hits for r in self.by_phrase.get(p, ())} | set(self.regex_rules)
        if only is not None:
            candidates &= only
        layout = _Layout(text)
        out = []
        found = hits.keys()  # the cues that occur, by set intersection: most texts hold none of them
        questions = [span for i in self.not_negations & found for span in hits[i]]
        cue_ends = sorted(e for i in self.negation & found for s, e in hits[i]
                          if not questions or not any(qs <= s and e <= qe for qs, qe in questions))
        denials = sorted(e for i in self.sentence_negation & found for _, e in hits[i])
        needs = _group_sets(self.rules)
        for index in sorted(candidates):
            # an `all` rule one of whose groups has no hit cannot fire: most candidates end here, so the test
            # is made inline (a call per candidate cost more than the test)
            if needs[index] and any(group.isdisjoint(found) for group in needs[index]):
                continue
            rule = self.rules[index]
            span = self._first_hit(rule, text, hits, layout, cue_ends, denials)
            if span is not None:
                out.append((rule, span))
        return out

    def _first_hit(self, rule: CompiledRule, text: str, hits: dict[int, list[Span]], layout: _Layout,
                   cue_ends: list[int], denials: list[int]) -> Span | None:
        for span, parts in _spans(rule, text, hits, layout):
            if rule.negatable and any(self._negated(part[0], cue_ends, layout) for part in parts):
                continue
            if rule.negatable and _denied(span[0], denials, layout):
                continue
            if rule.unless and _any_in(rule.unless, hits, layout.scope(span, rule.unless_scope)):
                continue
            if rule.requires and not _any_in(rule.requires, hits, layout.scope(span, rule.requires_scope)):
                continue
            return span
        return None

    def _negated(self, start: int, cue_ends: list[int], layout: _Layout) -> bool:
        """True when a negation cue ends at most ``negation_within`` (see ``_Layout.width``) before ``start``, same clause."""
        # a width of N is at most 3N characters: only the cue ends in that window are looked at
        i = bisect.bisect_right(cue_ends, start)
        while i > 0 and cue_ends[i - 1] >= start - 3 * self.negation_within:
            cue_end = cue_ends[i - 1]
            if layout.width(cue_end, start) <= self.negation_within and not layout.clause_break(cue_end, start):
                return True
            i -= 1
        return False


def _denied(start: int, denials: list[int], layout: _Layout) -> bool:
    """True when a sentence-wide denial ("we will never ask you to …") stands earlier in the same sentence."""
    i = bisect.bisect_right(denials, start)
    return i > 0 and not layout.sentence_break(denials[i - 1], start)


class _Layout:
    """Where the sentences and clauses of one text end (found once, on first need)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: list[int] | None = None
        self._clauses: list[int] | None = None

    def width(self, start: int, end: int) -> int:
        """How long ``text[start:end]`` reads: a Chinese character counts 1, three Latin characters count 1.

        ``within: 10`` then means about ten Chinese characters or about five English words.  Callers
        look only at spans of at most three times the limit, so this stays cheap on long texts.
        """
        if end <= start:
            return 0
        part = self.text[start:end]
        latin = len(part.encode("ascii", "ignore"))  # the ASCII characters, counted in C
        units = latin + 3 * (len(part) - latin)
        return -(-units // 3)

    def sentences(self) -> list[int]:
        if self._sentences is None:
            self._sentences = [m.start() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentences

    def clauses(self) -> list[int]:
        if self._clauses is None:
            self._clauses = [m.start() for m in _CLAUSE_END.finditer(self.text)]
        return self._clauses

    def sentence_break(self, start: int, end: int) -> bool:
        ends = self.sentences()
        i = bisect.bisect_left(ends, start)
        return i < len(ends) and ends[i] < end

    def clause_break(self, start: int, end: int) -> bool:
        ends = self.clauses()
        i = bisect.bisect_left(ends, start)
        return i < len(ends) and ends[i] < end

    def scope(self, span: Span, scope: str) -> Span:
        """The clause, sentence or whole message around ``span``."""
        if scope == "message":
            return 0, len(self.text)
        ends = self.clauses() if scope == "clause" else self.sentences()
        i = bisect.bisect_left(ends, span[0])
        before = ends[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(ends, span[1])
        after = ends[j] if j < len(ends) else len(self.text)
        return before, after


def _any_in(indexes: tuple[int, ...], hits: dict[int, list[Span]], region: Span) -> bool:
    """True when a hit of one of ``indexes`` lies inside ``region`` (hits of one phrase are sorted by start)."""
    for index in indexes:
        spans = hits.get(index)
        if spans:
            k = bisect.bisect_left(spans, (region[0], -1))
            if k < len(spans) and spans[k][1] <= region[1]:
                return True
    return False


def _spans(rule: CompiledRule, text: str, hits: dict[int, list[Span]], layout: _Layout) -> list[tuple[Span, tuple[Span, ...]]]:
    """Candidate spans of a rule with the hits they are made of, earliest first (before negation and ``unless``)."""
    if rule.regex is not None:
        return [(m.span(), (m.span(),)) for m in _compiled(rule.regex).finditer(text) if m.end() > m.start()][:MAX_COMBINATIONS]
    if len(rule.groups) == 1:
        return [(s, (s,)) for s in _group_hits(rule.groups[0], hits)]
    return _near(rule, [_group_hits(g, hits) for g in rule.groups], layout)  # ``match`` dropped rules with an empty group


def _group_hits(group: tuple[int, ...], hits: dict[int, list[Span]]) -> list[Span]:
    """The sorted spans of a group's phrases (looked up from whichever side is smaller: most texts hit few phrases)."""
    if len(hits) < len(group):
        members = _members(group)
        found = {s for i, spans in hits.items() if i in members for s in spans}
    else:
        found = {s for i in group for s in hits.get(i, ())}
    return sorted(found)


_MEMBERS: dict[int, tuple[tuple[int, ...], frozenset[int]]] = {}
_GROUP_SETS: dict[int, tuple[tuple[CompiledRule, ...], list[tuple[frozenset[int], ...]]]] = {}


def _group_sets(rules: tuple[CompiledRule, ...]) -> list[tuple[frozenset[int], ...]]:
    """For each rule of ``rules``, its phrase groups as sets when it has two or more (else empty), made once per
    rule set and found by the tuple's identity, as :func:`_members` does."""
    entry = _GROUP_SETS.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_GROUP_SETS) >= 8:  # a few rule sets per process; tests may make more
            _GROUP_SETS.clear()
        sets = [tuple(_members(g) for g in r.groups) if len(r.groups) > 1 else () for r in rules]
        entry = _GROUP_SETS[id(rules)] = (rules, sets)
    return entry[1]


def _members(group: tuple[int, ...]) -> frozenset[int]:
    """``group`` as a set, made once per group.  Found by the tuple's identity (the tuple is kept, so its id stays
    its own): hashing a group of dozens of indexes on every call cost more than the set saved."""
    entry = _MEMBERS.get(id(group))
    if entry is None or entry[0] is not group:
        if len(_MEMBERS) >= 100_000:  # a few thousand groups per rule set; tests make many rule sets
            _MEMBERS.clear()
        entry = _MEMBERS[id(group)] = (group, frozenset(group))
    return entry[1]


def _near(rule: CompiledRule, groups: list[list[Span]], layout: _Layout) -> list[tuple[Span, tuple[Span, ...]]]:
    """Spans where one hit of each group stands close to the others (see ``within``, ``ordered``)."""
    if any(not g for g in groups):
        return []
    found: dict[Span, tuple[Span, ...]] = {}
    for tried, combo in enumerate(product(*groups)):
        if tried >= MAX_COMBINATIONS:
            break
        if rule.ordered and any(combo[k][1] > combo[k + 1][0] for k in range(len(combo) - 1)):
            continue
        if _overlap(combo):
            continue
        start, end = min(s for s, _ in combo), max(e for _, e in combo)
        if rule.within is not None:
            gap_start, gap_end = min(e for _, e in combo), max(s for s, _ in combo)
            if gap_end - gap_start > 3 * rule.within or layout.width(gap_start, gap_end) > rule.within:
                continue
            if not rule.cross_sentences and layout.sentence_break(start, end):
                continue
        found.setdefault((start, end), combo)
    return sorted(found.items())


def _overlap(combo: tuple[Span, ...]) -> bool:
    ordered = sorted(combo)
    return any(ordered[k][1] > ordered[k + 1][0] for k in range(len(ordered) - 1))


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
