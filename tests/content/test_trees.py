"""One answer path per decision tree, as GOV.UK Smart Answers tests its flows.

Each case says: answering these questions with these answers (the English labels) ends on that
reply or playbook, and the playbook opens at that question. They are the trees' specification:
a change to a tree that sends readers somewhere else must change this file on purpose.
"""

from __future__ import annotations

import pytest

from replybook.model import Outcome, Tree

TRIAGE = [
    (["A complaint we can't check yet, and we must answer now"],
     ("holding-reply-public", "facts-not-verified-yet", "what-now")),
    (["They demand something we can't give (a refund, an exception)"],
     ("impossible-no-with-options-x", "impossible-demand", "where-now")),
    (["A customer complains in public about a real problem"],
     ("complaint-first-reply-x", "public-complaint", "which-reply")),
    (["Many people post the same complaint at once (outage, faulty batch, delays)"],
     ("wave-holding-update", "complaint-wave", "what-to-send")),
    (["A post about us is spreading fast, or the author has a big audience", "It is spreading fast"],
     ("viral-first-reply-x", "viral-complaint", "what-to-send")),
    (["A post about us is spreading fast, or the author has a big audience", "The author has a big audience"],
     ("leader-first-reply-x", "opinion-leader", "what-to-send")),
    (["A bad review on Google, an app store, Trustpilot or a marketplace", "A fair complaint from a real customer"],
     ("review-fair-reply", "public-review", "which-review")),
    (["A bad review on Google, an app store, Trustpilot or a marketplace",
      "We find no record of this person as a customer"],
     ("review-no-record-reply", "public-review", "which-review")),
    (["Insults or mockery", "A false claim others may believe"], ("troll-calm-facts-public", "troll-attack", None)),
    (["Insults or mockery", "Personal data, a threat or hate speech"],
     ("troll-hidden-comment-note", "troll-attack", None)),
    (["Someone has the facts wrong (a price, a rule, a rumour)"],
     ("misinfo-fact-link-x", "misinformed-customer", "where-from")),
    (["A competitor has replied in our thread"],
     ("competitor-customer-first-x", "competitor-in-thread", "where-things-stand")),
    (["Praise, or a five-star review"], ("satisfied-thanks-x", "satisfied-customer", "which-reply")),
    (["It was solved in private; the public thread still looks unanswered"],
     ("followup-outcome-x", "follow-up-after-resolution", "what-to-send")),
    (["Not sure: help me decide", "No", "Yes", "No, not yet"],
     ("holding-reply-public", "facts-not-verified-yet", "what-now")),
    (["Not sure: help me decide", "No", "Yes", "Yes, and we can put it right"],
     ("complaint-four-part-comment", "public-complaint", "which-reply")),
    (["Not sure: help me decide", "No", "No, only attacks", "Only insults, nothing to solve"],
     ("troll-check-private", "troll-attack", None)),
    (["Not sure: help me decide", "Yes, one or the other", "It is spreading fast"],
     ("viral-first-reply-x", "viral-complaint", "what-to-send")),
]

PLAYBOOK_TREES = [
    ("public-complaint", ["The customer has written to you privately"], "complaint-details-private"),
    ("public-review", ["No customer or order matches it"], "review-no-record-reply"),
    ("public-review", ["Only abuse, threats or someone's personal data"], "troll-attack"),
    ("opinion-leader", ["They have written to you privately: set up the call", "Not yet"], "facts-not-verified-yet"),
    ("opinion-leader", ["A friend adds their own story in the comments"], "leader-friends-reply"),
    ("troll-attack", ["The same author again, after your one calm reply"], "troll-closing-reply"),
    ("misinformed-customer", ["From us: an old page, an ad or a member of staff", "The public correction"],
     "misinfo-our-mistake-public"),
    ("facts-not-verified-yet", ["The answer: the facts are in", "Yes, at least in part"], "facts-our-mistake-comment"),
    ("facts-not-verified-yet", ["An update: the promised time has come, and the check isn't finished"],
     "facts-still-checking-x"),
    ("impossible-demand", ["We've explained twice, and they keep insisting", "No, the same demand again"],
     "impossible-final-offer-comment"),
    ("competitor-in-thread", ["It is fixed", "No, they want no more public replies"], "follow-up-after-resolution"),
    ("complaint-wave", ["The pinned update for everyone", "Not yet"], "wave-holding-update"),
    ("complaint-wave", ["The pinned update for everyone", "Yes, the incident owner has confirmed both"],
     "wave-status-update"),
    ("satisfied-customer", ["Praise with a complaint or a question inside"], "satisfied-praise-with-a-but-comment"),
    ("viral-complaint", ["It isn't one customer: many report the same fault"], "complaint-wave"),
    ("follow-up-after-resolution",
     ["A request for a word of their own (customer happy, case not sensitive)", "No, it was longer ago"],
     "followup-check-in-email"),
]


def walk(tree: Tree, answers: list[str]) -> Outcome:
    """Answer ``tree``'s questions with the English labels ``answers``; return where it ends."""
    node = tree.nodes[tree.start]
    for index, answer in enumerate(answers):
        labels = [option.label.root["en"] for option in node.options]
        assert answer in labels, f"answer {answer!r} is not offered; the question offers {labels}"
        option = node.options[labels.index(answer)]
        if index == len(answers) - 1:
            assert option.outcome is not None, f"{answer!r} asks another question instead of ending"
            return option.outcome
        assert option.next is not None, f"{answer!r} ends the tree early"
        node = tree.nodes[option.next]
    raise AssertionError("no answers given")


@pytest.mark.parametrize(("answers", "expected"), TRIAGE, ids=[" > ".join(a) for a, _ in TRIAGE])
def test_triage_answers_lead_to_the_reply_and_where_its_playbook_continues(library, answers, expected):
    outcome = walk(library.trees["triage"], answers)
    assert (outcome.template, outcome.playbook, outcome.resume) == expected


@pytest.mark.parametrize(("playbook_id", "answers", "expected"), PLAYBOOK_TREES,
                         ids=[f"{p}: {' > '.join(a)}" for p, a, _ in PLAYBOOK_TREES])
def test_playbook_tree_answers_lead_to_the_reply(library, playbook_id, answers, expected):
    tree = library.playbooks[playbook_id].tree
    assert tree is not None
    outcome = walk(tree, answers)
    assert expected in (outcome.template, outcome.playbook)


def test_every_triage_outcome_shows_a_reply(library):
    """The answer is the reply: no triage answer ends on a bare link to a playbook."""
    tree = library.trees["triage"]
    for node in tree.nodes.values():
        for option in node.options:
            if option.outcome is not None:
                assert option.outcome.template, option.label.root["en"]


def test_the_common_night_cases_are_one_answer_deep(library):
    tree = library.trees["triage"]
    first = {o.outcome.template for o in tree.nodes[tree.start].options if o.outcome}
    assert {"holding-reply-public", "impossible-no-with-options-x"} <= first


def test_every_tree_has_a_path_listed_here(library):
    listed = {p for p, _, _ in PLAYBOOK_TREES}
    with_trees = {p.id for p in library.playbooks.values() if p.tree}
    assert with_trees <= listed | {"public-complaint"}, f"add an answer path for {with_trees - listed}"
