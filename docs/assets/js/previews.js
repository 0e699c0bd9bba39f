// Page previews: a link in the text to another page of the handbook shows that page's title and
// summary (for a dimension, both sides, a line each) on hover, on keyboard focus and on a first
// tap, through the site's one popover (docs/assets/js/popover.js), which places it beside the
// link and closes it with Escape. The previews come from data/previews.js, written by the
// generator, so nothing is fetched. Glossary terms keep their definition popover.
// The data (the whole handbook's titles and summaries) is not needed to read a page, so it is
// added once the page has loaded, or at the first hover, focus or touch if that comes sooner:
// it never delays the page's first paint.
(() => {
  "use strict";

  // This script sits at <site root>/assets/js/previews.js: it tells where the site starts, on a
  // server and on disk alike.
  const me = document.currentScript;
  const root = me && me.src ? new URL("../../", me.src) : null;

  // Boxes on a concept map open their page at the first tap: a preview would cover the map.
  const SKIP = "a.headerlink, a.footnote-ref, a.footnote-backref, a.md-button, a.md-content__button, .hb-map a";

  // A link's key in the data: its path under the site root, as directory URLs, with its anchor.
  const keyOf = (link, here) => {
    const url = new URL(link.getAttribute("href"), here);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
    if (url.pathname === here.pathname) return null; // a link within the page: no preview
    let path = decodeURIComponent(url.pathname.slice(root.pathname.length));
    path = path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
    return { page: path, anchor: decodeURIComponent(url.hash.slice(1)) };
  };

  const line = (className, label, text) => {
    const span = document.createElement("span");
    span.className = className;
    if (label) {
      const name = document.createElement("strong");
      name.textContent = `${label}: `;
      span.append(name);
    }
    span.append(text);
    return span;
  };

  const template = (id, preview) => {
    const holder = document.createElement("template");
    holder.id = id;
    holder.content.append(line("hb-preview__title", "", preview.t));
    if (preview.s) holder.content.append(line("hb-preview__summary", "", preview.s));
    if (preview.sales) holder.content.append(line("hb-preview__side", "Sales", preview.sales));
    if (preview.marketing) {
      holder.content.append(line("hb-preview__side", "Marketing", preview.marketing));
    }
    return holder;
  };

  // Templates are made when a link is first pointed at, focused or touched: a page with
  // hundreds of links makes none it does not show.
  const waitingTemplates = new Map(); // template id -> preview
  const ensureTemplate = (link) => {
    const id = link && link.dataset.popover;
    if (!id || !waitingTemplates.has(id)) return;
    document.body.append(template(id, waitingTemplates.get(id)));
    waitingTemplates.delete(id);
  };
  const linkOf = (event) => event.target instanceof Element && event.target.closest("a.hb-preview-link");
  for (const type of ["pointerover", "pointerdown", "focusin"]) {
    document.addEventListener(type, (e) => ensureTemplate(linkOf(e)), { capture: true, passive: true });
  }

  const SLICE = 150; // links marked per task, so no task is long enough to hold up the reader

  const setUp = () => {
    const data = window.hbPreviews;
    const content = document.querySelector(".md-content article, article");
    if (!data || !root || !content || !window.hbPopover) return;
    const here = new URL(location.href);
    const made = new Map(); // data key -> template id, one template per target
    const links = [...content.querySelectorAll("a[href]")];
    const mark = (link) => {
      if (link.matches(SKIP) || link.dataset.popover !== undefined) return;
      // A glossary mention keeps its definition popover.
      if (link.querySelector("abbr, [data-popover]") || link.closest("[data-popover]")) return;
      const key = keyOf(link, here);
      if (!key) return;
      const name = key.anchor && data[`${key.page}#${key.anchor}`] ? `${key.page}#${key.anchor}` : key.page;
      const preview = data[name];
      if (!preview) return;
      if (!made.has(name)) {
        const id = `hb-preview-${made.size + 1}`;
        waitingTemplates.set(id, preview);
        made.set(name, id);
      }
      link.dataset.popover = made.get(name);
      link.dataset.popoverLabel = `Open “${preview.t}”`;
      link.classList.add("hb-preview-link");
    };
    const step = (from) => {
      links.slice(from, from + SLICE).forEach(mark);
      if (from + SLICE < links.length) {
        setTimeout(() => step(from + SLICE), 0);
        return;
      }
      window.hbPopover.prepare();
      content.dataset.previewsReady = ""; // every link is marked
      // A link the reader was already pointing at or on when the data came shows its preview.
      const focused = document.activeElement;
      const waiting = content.querySelector("a.hb-preview-link:hover") ||
        (focused && focused.matches("a.hb-preview-link") ? focused : null);
      if (waiting) {
        ensureTemplate(waiting);
        window.hbPopover.open(waiting);
      }
    };
    step(0);
  };

  let loading = false;
  const load = () => {
    if (loading || !root) return;
    loading = true;
    for (const type of EARLY) document.removeEventListener(type, load, true);
    const script = document.createElement("script");
    script.src = new URL("data/previews.js", root).href;
    script.addEventListener("load", () => {
      if (window.document$) window.document$.subscribe(setUp);
      else setUp();
    });
    document.head.append(script);
  };

  const EARLY = ["pointerover", "focusin", "touchstart"];
  for (const type of EARLY) document.addEventListener(type, load, { capture: true, passive: true });
  if (document.readyState === "complete") load();
  else addEventListener("load", load);
})();
