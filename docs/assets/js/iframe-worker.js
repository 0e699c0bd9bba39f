// The offline copy's stand-in for Web Workers (loaded only by the offline build, see
// generator/offline.py). A page opened from file:// may not start a worker from a file, so the
// theme's search worker could not run. This script runs a worker's script in a hidden iframe of
// the same page instead: the iframe's global postMessage hands messages to the page, and the
// page's messages arrive in the iframe as "message" events, which is all the search worker uses.
// The same approach as the npm package iframe-worker, written for this site; its file name holds
// "iframe-worker" so that Material's offline plugin adds no copy of that package from the web.
(() => {
  "use strict";
  if (location.protocol !== "file:") return; // over http a real worker works

  class IframeWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.ready = false;
      this.queue = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.title = "Search";
      (document.body || document.documentElement).append(this.frame);
      const scope = this.frame.contentWindow;
      const base = new URL(String(url), location.href);
      // What the worker's script calls, pointed at the page.
      scope.postMessage = (data) => this.deliver("message", { data: structuredClone(data) });
      scope.importScripts = (...urls) => // sequential, as in a worker; a promise, not blocking
        urls.reduce((done, src) => done.then(() => this.load(new URL(src, base))), Promise.resolve());
      scope.addEventListener("error", (event) => this.deliver("error", { message: event.message }));
      this.load(base).then(() => {
        this.ready = true;
        for (const data of this.queue.splice(0)) this.post(data);
      }, () => this.deliver("error", { message: `could not load ${base}` }));
    }

    load(url) {
      const doc = this.frame.contentDocument;
      const script = doc.createElement("script");
      script.src = url.href;
      return new Promise((resolve, reject) => {
        script.onload = resolve;
        script.onerror = reject;
        doc.head.append(script);
      });
    }

    deliver(type, init) {
      const event = type === "message" ? new MessageEvent(type, init) : new ErrorEvent(type, init);
      const handler = type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
      this.dispatchEvent(event);
    }

    post(data) {
      const scope = this.frame.contentWindow;
      scope.dispatchEvent(new scope.MessageEvent("message", { data: structuredClone(data) }));
    }

    postMessage(data) {
      if (this.ready) this.post(data);
      else this.queue.push(data);
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = IframeWorker;
})();
