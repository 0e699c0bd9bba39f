"""The "Test yourself" page as a reader uses it: a seeded set, a pick, the answer and its page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import axe, harness

pytestmark = pytest.mark.browser

QUIZ = "quiz/"
SHOWN = ".quiz-question:not([hidden])"
IDS = f"() => [...document.querySelectorAll('{SHOWN}')].map(q => q.id)"


def _dealt(page) -> list[str]:
    page.wait_for_selector(".quiz[data-quiz-ready]", state="attached")
    return page.evaluate(IDS)


def test_a_seed_in_the_address_gives_the_same_questions(visit) -> None:
    page = visit.page
    visit.goto(QUIZ + "?seed=42")
    first = _dealt(page)
    assert len(first) == 30
    # Every kind of question is in the set.
    kinds = set(page.eval_on_selector_all(SHOWN, "qs => qs.map(q => q.dataset.quizKind)"))
    assert kinds == {"side", "glossary", "order", "owner"}
    expect(page.locator(".quiz-seed")).to_have_text("42")
    expect(page.locator(SHOWN).first.locator(".quiz-number")).to_have_text("Question 1 of 30. ")

    page.reload()
    assert _dealt(page) == first
    visit.goto(QUIZ + "?seed=43")
    assert _dealt(page) != first


def test_without_a_seed_a_random_one_is_shown_and_kept_in_the_address(visit) -> None:
    page = visit.page
    visit.goto(QUIZ)
    dealt = _dealt(page)
    seed = page.locator(".quiz-seed").inner_text()
    assert re.fullmatch(r"\d+", seed)
    expect(page).to_have_url(visit.url(f"{QUIZ}?seed={seed}"))
    page.reload()  # the address now names the set
    assert _dealt(page) == dealt

    page.get_by_role("button", name="New questions").click()
    page.wait_for_url(lambda url: f"seed={seed}" not in url)
    assert _dealt(page) != dealt


def test_a_wrong_pick_shows_the_right_answer_and_a_link_to_its_page(visit) -> None:
    page = visit.page
    visit.goto(QUIZ + "?seed=42")
    _dealt(page)
    question = page.locator(SHOWN).first
    answer = question.locator(".quiz-answer")
    expect(answer).to_be_hidden()  # no peeking before a pick
    right = int(question.get_attribute("data-quiz-answer"))
    choices = question.locator(".quiz-choice")
    wrong = 1 if right == 0 else 0
    right_text = choices.nth(right).inner_text()

    choices.nth(wrong).click()
    expect(answer).to_be_visible()
    expect(question.locator(".quiz-verdict")).to_have_text(
        f"Not quite: the answer is “{right_text}”."
    )
    expect(page.locator(".quiz-score")).to_contain_text("1 of 30 answered, 0 right")
    # Only the first pick counts (the others are marked disabled; a click still lands).
    expect(choices.nth(right)).to_have_attribute("aria-disabled", "true")
    choices.nth(right).click(force=True)
    expect(page.locator(".quiz-score")).to_contain_text("1 of 30 answered, 0 right")
    source = answer.locator("a[href*='sources/']").first
    expect(source).to_be_visible()

    explained = answer.locator("a").first
    title = explained.inner_text()
    explained.click()
    expect(page.locator("article")).to_contain_text(title)
    assert "/quiz/" not in page.url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_keyboard_answers_a_question(browser, site_url: str, axe_script, scheme) -> None:
    context, traffic = harness.new_context(browser, site_url, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + QUIZ + "?seed=7")
        _dealt(page)
        question = page.locator(SHOWN).first
        right = int(question.get_attribute("data-quiz-answer"))
        target = question.locator(".quiz-choice").nth(right)
        page.locator(".quiz-new").focus()
        for _ in range(right + 1):  # Tab from the last control before the first question
            page.keyboard.press("Tab")
        expect(target).to_be_focused()
        page.keyboard.press("Enter")
        expect(question.locator(".quiz-verdict")).to_have_text("Right.")
        expect(page.locator(".quiz-score")).to_contain_text("1 right")
        expect(target).to_be_focused()  # focus stays where the reader is
        # A wrong pick too; then the answered states pass axe.
        other = page.locator(SHOWN).nth(1)
        wrong = 1 if other.get_attribute("data-quiz-answer") == "0" else 0
        other.locator(".quiz-choice").nth(wrong).click()
        expect(other.locator(".quiz-verdict")).to_contain_text("Not quite")
        serious = axe.blocking(axe.run_axe(page, axe_script))
        assert not serious, f"{scheme}:\n{axe.describe(serious)}"
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


def test_a_tap_answers_on_a_phone(phone) -> None:
    page = phone.page
    phone.goto(QUIZ + "?seed=42")
    _dealt(page)
    question = page.locator(SHOWN).first
    question.locator(".quiz-choice").first.tap()
    expect(question.locator(".quiz-answer")).to_be_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways: {width}"


def test_without_javascript_every_question_shows_with_its_answer_folded(
    browser, site_url: str
) -> None:
    context, traffic = harness.new_context(browser, site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + QUIZ)
        questions = page.locator(".quiz-question")
        assert questions.count() > 30
        expect(questions.first).to_be_visible()
        expect(questions.last).to_be_visible()
        expect(page.locator(".quiz-bar")).to_be_hidden()
        summary = questions.first.locator("summary")
        expect(questions.first.locator(".quiz-right-answer")).to_be_hidden()
        summary.click()
        expect(questions.first.locator(".quiz-right-answer")).to_be_visible()
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


def test_it_works_from_disk(browser, built_site: Path) -> None:
    """The offline copy opens pages as files: no server, no fetch."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((built_site / "quiz" / "index.html").as_uri() + "?seed=42")
        assert len(_dealt(page)) == 30
        page.locator(SHOWN).first.locator(".quiz-choice").first.click()
        expect(page.locator(SHOWN).first.locator(".quiz-verdict")).to_be_visible()
        # The theme's search worker cannot load its index from disk; that is the offline copy's
        # business (it builds without it), not this page's.
        ours = [e for e in errors if "search" not in e]
        assert not ours, ours
    finally:
        page.close()
