// Run by generator/pdf.py in the joined document, before printing: each page's ids get its
// section's prefix, so they stay unique, and every link to a page of the handbook becomes a link
// to that page's section (or to the anchor in it). Other links are left to their own sites.
() => {
  const BASE = "https://handbook.invalid";
  const sections = [...document.querySelectorAll("section.hb-print-page")];
  const byPath = new Map(sections.map((s) => [s.dataset.url, s.id]));
  const REFS = ["aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"];
  for (const section of sections) {
    const prefix = `${section.id}--`;
    for (const el of section.querySelectorAll("[id]")) el.id = prefix + el.id;
    for (const el of section.querySelectorAll("label[for]")) el.htmlFor = prefix + el.htmlFor;
    for (const name of REFS) {
      for (const el of section.querySelectorAll(`[${name}]`)) {
        const ids = el.getAttribute(name).split(/\s+/).filter(Boolean);
        el.setAttribute(name, ids.map((id) => prefix + id).join(" "));
      }
    }
    for (const el of section.querySelectorAll("[marker-end]")) {
      el.setAttribute("marker-end", el.getAttribute("marker-end").replace("url(#", `url(#${prefix}`));
    }
    const here = new URL(section.dataset.url, BASE);
    for (const a of section.querySelectorAll("a[href]")) {
      const url = new URL(a.getAttribute("href"), here);
      if (url.origin !== BASE) continue;
      const path = url.pathname.replace(/index\.html$/, "");
      const target = byPath.get(path);
      if (target === undefined) {
        a.removeAttribute("href"); // a file of the site (the JSON data): not in the PDF
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      a.setAttribute("href", `#${anchor ? `${target}--${anchor}` : target}`);
    }
  }
  // Each tab of a tabbed block is printed, headed by its label.
  for (const set of document.querySelectorAll(".tabbed-set")) {
    const labels = [...set.querySelectorAll(".tabbed-labels > label")];
    set.querySelectorAll(".tabbed-block").forEach((block, i) => {
      const head = document.createElement("p");
      head.className = "hb-print-tab";
      head.innerHTML = "<strong></strong>";
      head.firstChild.textContent = labels[i] ? labels[i].textContent : "";
      block.prepend(head);
    });
  }
  // Permalink marks and edit buttons mean nothing on paper.
  for (const el of document.querySelectorAll(".headerlink, .md-content__button")) el.remove();
}
