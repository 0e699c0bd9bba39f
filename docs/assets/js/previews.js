// Page previews: a link in the text to another page of the handbook shows that page's title and
// summary (for a dimension, both sides, a line each) on hover, on keyboard focus and on a first
// tap, through the site's one popover (docs/assets/js/popover.js), which places it beside the
// link and closes it with Escape. The previews come from data/previews.js, written by the
// generator, so nothing is fetched. Glossary terms keep their definition popover.
(() => {
  "use strict";

  // Boxes on a concept map open their page at the first tap: a preview would cover the map.
  const SKIP = "a.headerlink, a.footnote-ref, a.footnote-backref, a.md-button, a.md-content__button, .hb-map a";

  // The data script sits at <site root>/data/previews.js: it tells where the site starts, on a
  // server and on disk alike.
  const siteRoot = () => {
    const script = [...document.scripts].find((s) => /(^|\/)data\/previews\.js(\?|$)/.test(s.src));
    return script ? new URL("..", script.src) : null;
  };

  // A link's key in the data: its path under the site root, as directory URLs, with its anchor.
  const keyOf = (link, root) => {
    const url = new URL(link.getAttribute("href"), location.href);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
    const here = new URL(location.href);
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

  const setUp = () => {
    const data = window.hbPreviews;
    const root = siteRoot();
    const content = document.querySelector(".md-content article, article");
    if (!data || !root || !content || !window.hbPopover) return;
    const made = new Map(); // data key -> template id, one template per target
    for (const link of content.querySelectorAll("a[href]")) {
      if (link.matches(SKIP) || link.dataset.popover !== undefined) continue;
      // A glossary mention keeps its definition popover.
      if (link.querySelector("abbr, [data-popover]") || link.closest("[data-popover]")) continue;
      const key = keyOf(link, root);
      if (!key) continue;
      const name = key.anchor && data[`${key.page}#${key.anchor}`] ? `${key.page}#${key.anchor}` : key.page;
      const preview = data[name];
      if (!preview) continue;
      if (!made.has(name)) {
        const id = `hb-preview-${made.size + 1}`;
        document.body.append(template(id, preview));
        made.set(name, id);
      }
      link.dataset.popover = made.get(name);
      link.dataset.popoverLabel = `Open “${preview.t}”`;
      link.classList.add("hb-preview-link");
    }
    window.hbPopover.prepare();
  };

  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
