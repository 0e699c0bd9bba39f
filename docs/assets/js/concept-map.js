// Zoom buttons for the whole concept map (generator/map_svg.py). Without this script the map
// is still complete: it keeps its drawn size and its figure scrolls sideways.
(() => {
  "use strict";
  const STEP = 1.25;
  const MIN = 0.15;
  const MAX = 2.5;

  function enhance(figure) {
    if (figure.dataset.zoomReady) return;
    figure.dataset.zoomReady = "1";
    const svg = figure.querySelector("svg");
    const natural = Number(svg.getAttribute("width"));
    let scale = 1;
    const bar = document.createElement("div");
    bar.className = "hb-map__zoom";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Zoom the concept map");
    const status = document.createElement("span");
    status.className = "md-visually-hidden";
    status.setAttribute("aria-live", "polite");
    const apply = (next) => {
      scale = Math.min(MAX, Math.max(MIN, next));
      figure.dataset.zoom = String(scale);
      svg.style.setProperty("--hb-map-width", `${Math.round(natural * scale)}px`);
      status.textContent = `Zoom ${Math.round(scale * 100)}%`;
    };
    const button = (text, label, action) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", action);
      bar.append(b);
    };
    button("\u2212", "Zoom out", () => apply(scale / STEP));
    button("+", "Zoom in", () => apply(scale * STEP));
    button("Fit", "Fit the map to the screen", () =>
      apply((figure.clientWidth - 16) / natural));
    bar.append(status);
    figure.before(bar);
  }

  const run = () => document.querySelectorAll(".hb-map--whole").forEach(enhance);
  if (typeof document$ !== "undefined") document$.subscribe(run);
  else run();
})();
