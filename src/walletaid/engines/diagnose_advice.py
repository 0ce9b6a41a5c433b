"""What the diagnosis tells the user to do: urgent actions that fit the story, official contacts, next steps.

The story comes from the answers and from the story rules (``knowledge/diagnose/story.yaml``):
whether somebody called ("hang up" fits only then) or wrote, whether money has
already left (then freezing and calling 110 go together), which crypto exchange
the user named (the advice names it; exchanges have no phone support).  Contacts
come only from the directory (``engines.contacts``), in its one "who first" order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from walletaid.i18n import Lang, t
from walletaid.matching.knowledge import STORY, causes, steps_for
from walletaid.models.channel import ContactChannel
from walletaid.models.diagnose import Cause, DiagnoseAnswers

if TYPE_CHECKING:
    from walletaid.engines.diagnose import Evidence, Hit

CARRIERS = ("china_mobile", "china_unicom", "china_telecom")
# Rules whose scheme has a fact of its own to tell (kept once, in the message check's advice).
RULE_ADVICE = {"ecny_interest_scheme": "scam.advice_ecny_interest", "fee_to_activate_interest": "scam.advice_ecny_interest",
               "promoter_subsidy": "scam.advice_ecny_interest", "recovery_scam_zh": "scam.advice_recovery",
               "recovery_offer_zh": "scam.advice_recovery", "recovery_scam_en": "scam.advice_recovery",
               "recovery_get_back_en": "scam.advice_recovery"}


class Story(NamedTuple):
    """What the advice needs to know besides the causes."""

    called: bool = False
    messaged: bool = False
    money_gone: bool = False
    exchange: str | None = None  # the exchange as the user wrote it ("Binance", "欧易")
    fraud: bool = False
    takeover: bool = False
    phone_lost: bool = False


def read_story(answers: DiagnoseAnswers, hits: list[Hit], evidence: dict[str, Evidence]) -> Story:
    """The story of these answers: the story rules that fired, the follow-up answers, the urgent causes."""
    fired = {h.rule.id: h.quote for h in hits if h.rule.owner == STORY}
    takeover = evidence["unauthorized_access"].urgent
    # a transaction the user did not make has taken money, unless the user says none left
    money_taken = takeover and answers.symptom in ("unrecognized_transaction", "balance_wrong") and answers.money_sent != "no"
    return Story(
        called="called" in fired,
        messaged="messaged" in fired,
        money_gone=answers.money_sent == "yes" or "money_gone" in fired or money_taken,
        exchange=fired.get("exchange"),
        fraud=evidence["fraud_contact"].urgent,
        takeover=takeover,
        phone_lost=evidence["phone_lost"].urgent,
    )


def _operator_hotline(answers: DiagnoseAnswers, lang: Lang) -> tuple[str, str] | None:
    """(name, number) of the wallet's operator, when the directory lists a hotline for it."""
    from walletaid.engines.contacts import find_provider, first_hotline

    provider = find_provider(answers.operator) if answers.operator else None
    if provider is None or provider.group != "operator":
        return None
    number = first_hotline(provider.id)
    return (provider.name.get(lang), number) if number else None


def _exchange(story: Story, lang: Lang) -> str:
    return story.exchange or t("diagnose.your_exchange", lang)


def freeze_action(answers: DiagnoseAnswers, story: Story, lang: Lang) -> str:
    """How to freeze the wallet; with money gone, freezing and calling 110 as one action done together."""
    kind = "together" if story.money_gone else "freeze"
    if answers.wallet == "crypto":
        return t(f"diagnose.urgent_{kind}_crypto", lang, exchange=_exchange(story, lang))
    if answers.wallet == "other":
        return t(f"diagnose.urgent_{kind}_other", lang)
    operator = _operator_hotline(answers, lang)
    if operator is not None:
        return t(f"diagnose.urgent_{kind}_operator", lang, name=operator[0], number=operator[1])
    return t(f"diagnose.urgent_{kind}_ecny", lang)


def _stop_action(story: Story, lang: Lang) -> str:
    if story.called:
        return t("diagnose.urgent_stop_call", lang)
    return t("diagnose.urgent_stop_message" if story.messaged else "diagnose.urgent_stop", lang)


def urgent_actions(answers: DiagnoseAnswers, story: Story, hits: list[Hit], lang: Lang) -> list[str]:
    """What to do right now, most pressing first, fitted to the story."""
    if story.phone_lost:
        actions = [s.get(lang) for s in steps_for(causes()["phone_lost"], answers.wallet)[:4]]
        if story.money_gone:
            actions.insert(1, freeze_action(answers, story, lang))
        return actions + [t("diagnose.urgent_keep_evidence", lang)]
    actions = [_stop_action(story, lang)] if story.fraud else []
    actions.append(freeze_action(answers, story, lang))
    if not story.money_gone:
        actions.append(t("diagnose.urgent_110", lang))
    for key in dict.fromkeys(RULE_ADVICE[h.rule.id] for h in hits if h.rule.id in RULE_ADVICE):
        actions.append(t(key, lang))
    actions += [t("diagnose.urgent_96110", lang), t("diagnose.urgent_keep_evidence", lang)]
    return actions


def contacts(answers: DiagnoseAnswers, story: Story, lang: Lang) -> list[ContactChannel]:
    """Official channels in the "who first" order; carriers first for a lost phone; police and anti-fraud when urgent."""
    from walletaid.engines.contacts import official_channels, provider_channels, public_channel

    channels: list[ContactChannel] = []
    if story.phone_lost:
        channels += [c for pid in CARRIERS for c in provider_channels(pid, lang) if c.channel == "hotline"]
    for channel in official_channels(answers.wallet, answers.operator, lang):
        if channel.provider == "crypto":
            named = story.exchange or t("diagnose.your_exchange_title", lang)  # the exchange the user named
            name = t("diagnose.exchange_channel", lang, exchange=named, support=channel.value)
            channel = channel.model_copy(update={"name": name})
        channels.append(channel)
    if story.fraud or story.takeover:
        channels += [public_channel("110", lang), public_channel("96110", lang)]
    elif story.phone_lost:
        channels.append(public_channel("110", lang))
    seen: set[tuple[str, str]] = set()
    unique = []
    for channel in channels:
        if (channel.channel, channel.value) not in seen:
            seen.add((channel.channel, channel.value))
            unique.append(channel)
    return unique


def next_steps(answers: DiagnoseAnswers, causes: list[Cause], urgent: bool, lang: Lang) -> list[str]:
    """A short plan: the first thing to do (unless the alarm already says it), evidence, the official channel,
    escalation, preparing the contact."""
    steps = [] if urgent else [t("diagnose.next_first", lang, step=causes[0].steps[0])]
    steps.append(t("diagnose.next_evidence", lang))
    steps.append(t(f"diagnose.next_contact_{answers.wallet}", lang))
    if answers.wallet == "ecny" and not urgent:
        steps.append(t("diagnose.next_escalate_ecny", lang))
    steps.append(t("diagnose.next_ticket_crypto" if answers.wallet == "crypto" else "diagnose.next_ticket", lang))
    return steps
