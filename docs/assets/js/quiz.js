// "Test yourself": deal a seeded set of the generated questions and answer each pick at once.
// The page already holds every question with its answer (readable without JavaScript); this
// script hides the questions not dealt, turns the choices into buttons and shows an answer once
// one is picked. The seed comes from the address (?seed=42), so a set can be shared and reloaded.
(() => {
  "use strict";

  const MAX_SEED = 999999999;

  // mulberry32: one seed gives the same sequence in every browser.
  const random = (seed) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const shuffle = (items, next) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };

  // Every kind of question gets its share: one of each kind in turn, then the hand is shuffled.
  const deal = (questions, size, next) => {
    const piles = new Map();
    for (const q of questions) {
      const kind = q.dataset.quizKind;
      if (!piles.has(kind)) piles.set(kind, []);
      piles.get(kind).push(q);
    }
    const shuffled = [...piles.values()].map((pile) => shuffle(pile, next));
    const hand = [];
    while (hand.length < size && shuffled.some((pile) => pile.length)) {
      for (const pile of shuffled) if (pile.length && hand.length < size) hand.push(pile.pop());
    }
    return shuffle(hand, next);
  };

  const seedOf = (search) => {
    const asked = new URLSearchParams(search).get("seed");
    if (asked && /^\d{1,9}$/.test(asked)) return Number(asked);
    return 1 + Math.floor(Math.random() * MAX_SEED);
  };

  const setUp = () => {
    const root = document.querySelector(".quiz");
    if (!root || root.dataset.quizReady) return;
    const seed = seedOf(location.search);
    const all = [...root.querySelectorAll(".quiz-question")];
    const hand = deal(all, Number(root.dataset.quizSize) || 30, random(seed));
    const dealt = new Set(hand);
    for (const q of all) q.hidden = !dealt.has(q);

    const bar = root.querySelector(".quiz-bar");
    const status = root.querySelector(".quiz-score");
    const link = root.querySelector(".quiz-link");
    root.querySelector(".quiz-seed").textContent = String(seed);
    link.href = `?seed=${seed}`;
    try {
      // The address names the set on screen, so reloading or copying it keeps these questions.
      history.replaceState(history.state, "", link.href);
    } catch {
      // Some file:// pages refuse it; the link above still names the set.
    }
    root.querySelector(".quiz-new").addEventListener("click", () => {
      location.search = `?seed=${1 + Math.floor(Math.random() * MAX_SEED)}`;
    });

    const tally = { answered: 0, right: 0 };
    const report = (number, verdict) => {
      status.textContent =
        `${verdict ? `Question ${number}: ${verdict} ` : ""}` +
        `${tally.answered} of ${hand.length} answered, ${tally.right} right.`;
    };
    hand.forEach((q, i) => {
      root.append(q); // the dealt order, after the hidden ones
      enhance(q, i + 1, hand.length, (right, verdict) => {
        tally.answered += 1;
        tally.right += right ? 1 : 0;
        report(i + 1, verdict);
      });
    });
    report(0, "");
    bar.hidden = false;
    root.dataset.quizReady = "true";
  };

  const enhance = (q, number, total, answered) => {
    const prompt = q.querySelector(".quiz-prompt");
    const label = document.createElement("span");
    label.className = "quiz-number";
    label.textContent = `Question ${number} of ${total}. `;
    prompt.prepend(label);
    q.setAttribute("aria-label", `Question ${number} of ${total}`);

    const answer = q.querySelector(".quiz-answer");
    answer.hidden = true;
    const right = Number(q.dataset.quizAnswer);
    const buttons = [...q.querySelectorAll(".quiz-choices > li")].map((item) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "quiz-choice";
      button.append(...item.childNodes);
      item.append(button);
      return button;
    });
    buttons.forEach((button, index) => {
      button.addEventListener("click", () => {
        if (q.dataset.quizAnswered) return;
        q.dataset.quizAnswered = index === right ? "right" : "wrong";
        buttons[right].classList.add("quiz-right");
        button.classList.add("quiz-picked");
        for (const b of buttons) b.setAttribute("aria-disabled", "true");
        const rightText = buttons[right].textContent;
        const verdict =
          index === right ? "Right." : `Not quite: the answer is “${rightText}”.`;
        const line = document.createElement("p");
        line.className = "quiz-verdict";
        line.textContent = verdict;
        answer.querySelector("summary").after(line);
        answer.hidden = false;
        answer.open = true;
        answered(index === right, verdict);
      });
    });
  };

  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
