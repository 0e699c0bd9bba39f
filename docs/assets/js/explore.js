// The comparison explorer: filter the matrix's rows (cards on a phone) by a word, by theme, and
// to the contested or single-source ones. The page shows every row without this script; each
// row carries a hidden marker the generator writes (theme, contested, single-source), and the
// filter lives in the address (?filter=brand&theme=…&contested=1&single=1) so a view can be
// shared. Not ?q=: the theme opens its own search box on a page whose address has ?q=.
(() => {
  "use strict";

  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");

  const setUp = () => {
    const form = document.querySelector("form.hb-explore");
    if (!form || form.dataset.exploreReady) return;
    const box = form.elements.filter;
    const chips = [...form.querySelectorAll(".hb-explore-chip")];
    const count = form.querySelector(".hb-explore-count");
    const themes = [...document.querySelectorAll(".hb-explore-theme")];
    const rows = [...document.querySelectorAll(".hb-explore-row")].map((marker) => {
      const row = marker.closest("tr");
      return { row, flags: marker.dataset, text: fold(row.textContent) };
    });

    const read = () => {
      const params = new URLSearchParams(location.search);
      box.value = params.get("filter") || "";
      const wanted = new Set((params.get("theme") || "").split(",").filter(Boolean));
      for (const chip of chips) chip.setAttribute("aria-pressed", String(wanted.has(chip.dataset.theme)));
      form.elements.contested.checked = params.get("contested") === "1";
      form.elements.single.checked = params.get("single") === "1";
    };

    const state = () => ({
      q: box.value.trim(),
      themes: chips.filter((c) => c.getAttribute("aria-pressed") === "true").map((c) => c.dataset.theme),
      contested: form.elements.contested.checked,
      single: form.elements.single.checked,
    });

    const write = (s) => {
      const params = new URLSearchParams(location.search);
      for (const key of ["filter", "theme", "contested", "single"]) params.delete(key);
      if (s.q) params.set("filter", s.q);
      if (s.themes.length) params.set("theme", s.themes.join(","));
      if (s.contested) params.set("contested", "1");
      if (s.single) params.set("single", "1");
      const query = params.toString();
      try {
        history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
      } catch {
        // A page opened from disk may refuse it; the filter still applies.
      }
    };

    const apply = () => {
      const s = state();
      const words = fold(s.q).split(" ").filter(Boolean);
      let shown = 0;
      for (const { row, flags, text } of rows) {
        const keep =
          words.every((w) => text.includes(w)) &&
          (!s.themes.length || s.themes.includes(flags.theme)) &&
          (!s.contested || flags.contested === "true") &&
          (!s.single || flags.singleSource === "true");
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      }
      // A theme with no row left is hidden whole, heading and all.
      for (const theme of themes) theme.hidden = !theme.querySelector("tr:not([hidden]) .hb-explore-row");
      count.textContent =
        shown === rows.length
          ? `All ${rows.length} dimensions shown.`
          : `${shown} of ${rows.length} dimensions shown.`;
      write(s);
    };

    form.addEventListener("submit", (e) => e.preventDefault()); // Enter keeps the page
    box.addEventListener("input", apply);
    form.addEventListener("change", apply);
    for (const chip of chips) {
      chip.addEventListener("click", () => {
        chip.setAttribute("aria-pressed", String(chip.getAttribute("aria-pressed") !== "true"));
        apply();
      });
    }
    form.addEventListener("reset", () => {
      for (const chip of chips) chip.setAttribute("aria-pressed", "false");
      setTimeout(apply); // after the browser has cleared the fields
    });

    read();
    apply();
    form.dataset.exploreReady = "true";
  };

  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
