"""The edit screen's pure parts: which questions an edit asks again, and how answers are shown."""

from __future__ import annotations

from walletaid.forms.diagnose import diagnose_questions
from walletaid.wizard.review import answer_rows, with_follow_ups


def test_changing_the_symptom_asks_its_follow_ups_again() -> None:
    ids = with_follow_ups(diagnose_questions(), ["symptom"])
    assert ids == ["symptom", "contact_asked_for", "money_sent", "minutes_waited"]


def test_changing_a_question_nothing_hangs_on_asks_only_it() -> None:
    assert with_follow_ups(diagnose_questions(), ["network"]) == ["network"]


def test_answers_are_shown_by_their_labels_in_the_readers_language_and_text_as_typed() -> None:
    answers = {"wallet": "ecny", "operator": "boc", "symptom": "suspicious_contact",
               "contact_asked_for": ["codes", "transfer"], "description": "他说他是“客服”，要我转账。"}
    rows = dict(answer_rows(diagnose_questions(), answers, "zh"))
    assert rows["遇到了什么问题？"] == "有人自称客服、银行或警察联系我"
    assert rows["对方让您做了什么？（可多选）"] == "要我说出或转发验证码、要我转账，或转到“安全账户”"
    assert rows["用自己的话说说发生了什么（不要写密码和验证码）"] == "他说他是“客服”，要我转账。"   # never re-punctuated


def test_an_answer_that_no_longer_applies_is_not_shown() -> None:
    answers = {"wallet": "crypto", "operator": "boc", "symptom": "cannot_login"}
    rows = answer_rows(diagnose_questions(), answers, "en")
    assert [q for q, _ in rows] == ["Which kind of wallet is it?", "What happened?"]
