// Permanence: small progressive enhancements. Every page works without this script.
// Triage: keyboard shortcuts, and actions posted in place so the queue keeps its position.
(function () {
  "use strict";
  const queue = document.getElementById("queue");

  function items() { return queue ? Array.from(queue.querySelectorAll("li.item")) : []; }
  function current() { return queue && queue.querySelector("li.item.current"); }
  function select(item) {
    items().forEach(function (i) { i.classList.remove("current"); });
    if (item) { item.classList.add("current"); item.focus({ preventScroll: true }); item.scrollIntoView({ block: "nearest" }); }
  }
  function move(step) {
    const all = items();
    if (!all.length) return;
    const at = all.indexOf(current());
    const next = at < 0 ? 0 : Math.min(Math.max(at + step, 0), all.length - 1);
    select(all[next]);
  }

  // Replaces the queue with the server's fresh one, selecting the same case, or the one now at
  // the same position.
  async function refresh(caseId, index) {
    const response = await fetch(window.location.pathname + window.location.search, { credentials: "same-origin", headers: { "Accept": "text/html" } });
    if (!response.ok) { window.location.reload(); return; }
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = doc.getElementById("queue");
    if (!fresh) { window.location.reload(); return; }
    queue.replaceChildren(...Array.from(fresh.children).map(function (n) { return document.importNode(n, true); }));
    const count = document.getElementById("queue-count");
    const freshCount = doc.getElementById("queue-count");
    if (count && freshCount) count.textContent = freshCount.textContent;
    const same = document.getElementById("case-" + caseId);
    const all = items();
    select(same || all[Math.min(index, all.length - 1)] || null);
  }

  if (queue) {
    queue.addEventListener("submit", async function (event) {
      const form = event.target;
      const item = form.closest("li.item");
      if (!item) return;
      event.preventDefault();
      const index = items().indexOf(item);
      item.classList.add("busy");
      const response = await fetch(form.action, {
        method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
      });
      if (!response.ok) {
        // Show the server's error page (wrong official number, merged case…).
        document.open(); document.write(await response.text()); document.close();
        return;
      }
      await refresh(item.dataset.case, index);
    });
    queue.addEventListener("click", function (event) {
      const item = event.target.closest("li.item");
      if (item && !item.classList.contains("current")) select(item);
    });
    const hash = window.location.hash && document.getElementById(window.location.hash.slice(1));
    select(hash || items()[0] || null);
  }

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) {
      if (event.key === "Escape") target.blur();
      return;
    }
    if (event.key === "/") {
      event.preventDefault();
      const box = document.getElementById("q");
      if (box) box.focus(); else window.location.href = "/search";
      return;
    }
    if (!queue) return;
    const item = current();
    const form = function (key) { return item && item.querySelector('form[data-key="' + key + '"]'); };
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "o": case "Enter":
        // Enter on a link or button does what that link or button does.
        if (event.key === "Enter" && target && (target.tagName === "A" || target.tagName === "BUTTON")) return;
        if (item) item.querySelector("a.title").click();
        break;
      case "c": case "m": case "n": {
        const f = form(event.key);
        if (f) f.requestSubmit();
        break;
      }
      case "t": case "e": case "f": {
        const f = form(event.key);
        if (f) { event.preventDefault(); f.querySelector('input[name="value"]').focus(); }
        break;
      }
      default: return;
    }
  });
})();
