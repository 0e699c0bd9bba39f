/* One small popover for the whole site: glossary terms now, source badges and page previews
 * later. The page is complete without it (a term's <abbr title> carries its definition).
 *
 * API (what the generator writes):
 *   data-popover              on the trigger. Empty: the popover shows the trigger's title
 *                             (moved to data-popover-text, so the browser's own tooltip does not
 *                             show as well). A value: the id of a <template> or hidden element
 *                             whose content the popover shows.
 *   data-popover-label        text of the link that ends the popover ("Lead in the glossary").
 *   data-popover-href         that link's address; without it, the link around the trigger, or
 *   data-popover-key          around another trigger on the page with the same key (a term is
 *                             linked at its first mention only).
 * It opens on hover, on keyboard focus and on a tap (a first tap on a linked trigger shows the
 * popover instead of following the link); Escape, a tap elsewhere or leaving it closes it.
 * Script: window.hbPopover.open(trigger) / .close(); "hb-popover:open" fires on the trigger.
 * Features that show their own popups (page previews) skip elements inside [data-popover].
 */
(() => {
  "use strict";
  let box = null; // the one popover element
  let current = null; // the trigger it shows
  let hoverTimer = 0;
  let touchStart = null; // {trigger, wasOpen} for the tap under way

  const triggerOf = (el) => {
    if (!(el instanceof Element)) return null;
    return el.closest("[data-popover]") || (el.matches("a") && el.querySelector(":scope > [data-popover]")) || null;
  };
  const outer = (trigger) => trigger.closest("a[href]") || trigger;

  function linkFor(trigger) {
    if (trigger.dataset.popoverHref) return trigger.dataset.popoverHref;
    let link = trigger.closest("a[href]");
    const key = trigger.dataset.popoverKey;
    if (!link && key) {
      const other = [...document.querySelectorAll("a[href] > [data-popover-key]")]
        .find((el) => el.dataset.popoverKey === key);
      link = other && other.parentElement;
    }
    return link ? link.getAttribute("href") : "";
  }

  function ensureBox() {
    if (box && box.isConnected) return box;
    box = document.createElement("span");
    box.className = "hb-popover";
    box.id = "hb-popover";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("pointerenter", () => clearTimeout(hoverTimer));
    box.addEventListener("pointerleave", (e) => { if (e.pointerType === "mouse") later(close); });
    return box;
  }

  function fill(trigger) {
    const content = document.createElement("span");
    content.className = "hb-popover__text";
    const ref = trigger.dataset.popover;
    const source = ref && document.getElementById(ref);
    if (source instanceof HTMLTemplateElement) content.append(source.content.cloneNode(true));
    else if (source) content.append(...[...source.childNodes].map((n) => n.cloneNode(true)));
    else content.textContent = trigger.dataset.popoverText || trigger.title || "";
    box.replaceChildren(content);
    const href = linkFor(trigger);
    if (href) {
      const link = document.createElement("a");
      link.className = "hb-popover__link";
      link.href = href;
      link.textContent = trigger.dataset.popoverLabel || "Read more";
      box.append(" ", link);
    }
  }

  function place() {
    if (!current || !box || box.hidden) return;
    // Below (or above) every line of the trigger: a link that wraps is never covered.
    const rect = outer(current).getBoundingClientRect();
    const width = box.offsetWidth, height = box.offsetHeight;
    const left = Math.max(8, Math.min(rect.left, innerWidth - width - 8));
    const below = rect.bottom + 6;
    const top = below + height > innerHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below;
    box.style.left = `${left}px`;
    box.style.top = `${top}px`;
  }

  function open(trigger) {
    clearTimeout(hoverTimer);
    if (current === trigger && !box.hidden) return;
    close();
    ensureBox();
    current = trigger;
    fill(trigger);
    outer(trigger).after(box); // next in reading and tab order, so its link can be reached
    box.hidden = false;
    trigger.setAttribute("aria-describedby", box.id);
    place();
    trigger.dispatchEvent(new CustomEvent("hb-popover:open", { bubbles: true }));
  }

  function close() {
    clearTimeout(hoverTimer);
    if (!current) return;
    current.removeAttribute("aria-describedby");
    current = null;
    if (box) box.hidden = true;
  }

  const later = (action) => { clearTimeout(hoverTimer); hoverTimer = setTimeout(action, 250); };
  const inside = (el) => (current && outer(current).contains(el)) || (box && box.contains(el));

  /* Each page: move titles aside, and let a trigger that is not in a link take keyboard focus. */
  function prepare() {
    for (const el of document.querySelectorAll("[data-popover]:not([data-popover-ready])")) {
      el.dataset.popoverReady = "";
      if (el.title) {
        el.dataset.popoverText = el.title;
        el.removeAttribute("title");
      }
      if (!el.closest("a[href], button") && !el.hasAttribute("tabindex")) el.tabIndex = 0;
    }
  }

  /* Listeners sit on the document once: they survive Material's instant navigation. */
  document.addEventListener("pointerover", (e) => {
    if (e.pointerType !== "mouse") return;
    const trigger = triggerOf(e.target);
    if (trigger) later(() => open(trigger));
    else if (current && !inside(e.target)) later(close);
  });
  document.addEventListener("pointerdown", (e) => {
    const trigger = e.pointerType === "mouse" ? null : triggerOf(e.target);
    touchStart = trigger ? { trigger, wasOpen: current === trigger } : null;
    if (!trigger && current && !inside(e.target)) close();
  });
  document.addEventListener("click", (e) => {
    const start = touchStart;
    touchStart = null;
    if (!start || triggerOf(e.target) !== start.trigger) return;
    if (!start.wasOpen) {
      e.preventDefault(); // the first tap explains the term; the link is in the popover
      open(start.trigger);
    }
  }, true);
  document.addEventListener("focusin", (e) => {
    const trigger = triggerOf(e.target);
    if (trigger) open(trigger);
    else if (current && !inside(e.target)) close();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !current) return;
    const back = box.contains(document.activeElement) ? outer(current) : null;
    close();
    if (back) back.focus();
  });
  addEventListener("scroll", place, { passive: true });
  addEventListener("resize", place, { passive: true });

  window.hbPopover = { open, close, prepare };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => { close(); prepare(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
