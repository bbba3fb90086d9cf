// Permanence: small progressive enhancements. Every page works without this script.
// Triage: keyboard shortcuts, the reading pane loaded in place, pickers with suggestions, actions
// posted in place with a toast and « Annuler », errors shown above the action bar.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const queue = document.getElementById("queue");
  const bulk = document.getElementById("bulk");
  const pane = document.getElementById("pane");
  const toast = document.getElementById("toast");
  const toastText = document.getElementById("toast-text");
  const undoForm = document.getElementById("undo-form");
  const undoId = document.getElementById("undo-id");
  const errorBox = document.getElementById("triage-error");

  // The menu button of narrow screens.
  const menu = document.getElementById("menu-button");
  if (menu) {
    menu.addEventListener("click", function () {
      const open = document.body.classList.toggle("menu-open");
      menu.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function items() { return queue ? Array.from(queue.querySelectorAll("li.item")) : []; }
  function current() { return queue && queue.querySelector("li.item.current"); }
  function ticked() { return queue ? Array.from(queue.querySelectorAll("input.tick:checked")) : []; }

  function showError(text) {
    if (!errorBox) return;
    errorBox.textContent = text;
    errorBox.classList.toggle("hidden", !text);
  }
  function showToast(text, undo) {
    if (!toast) return;
    toastText.textContent = text;
    toast.classList.remove("hidden");
    if (undo) { undoId.value = undo; undoForm.classList.remove("hidden"); }
    else { undoId.value = ""; undoForm.classList.add("hidden"); }
  }

  function updateTarget() {
    const target = document.getElementById("target");
    if (!target) return;
    const n = ticked().length;
    const item = current();
    target.textContent = n > 0 ? n + (n > 1 ? " dossiers cochés" : " dossier coché")
      : (item ? "Dossier n° " + item.dataset.case : "");
  }

  let paneTimer = null;
  async function loadPane(item) {
    if (!pane || !item) return;
    const id = item.dataset.case;
    if (pane.firstElementChild && pane.firstElementChild.dataset.case === id) return;
    clearTimeout(paneTimer);
    paneTimer = setTimeout(async function () {
      const response = await fetch("/triage/pane/" + encodeURIComponent(id), { credentials: "same-origin" });
      if (!response.ok) return;
      const html = await response.text();
      // Still the selected case?
      const now = current();
      if (now && now.dataset.case === id) pane.innerHTML = html;
    }, 60);
  }

  function select(item, focus) {
    items().forEach(function (i) { i.classList.remove("current"); });
    if (!item) { updateTarget(); return; }
    item.classList.add("current");
    if (focus !== false) item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
    const selected = document.getElementById("selected");
    const index = document.getElementById("selected-index");
    if (selected) selected.value = item.dataset.case;
    if (index) index.value = item.dataset.index;
    updateTarget();
    updateBar(item);
    loadPane(item);
  }
  // The primary button follows the selected case: « Confirmer » for a proposed one, « Vu » for
  // new mail, « Reporter d'une semaine » for an overdue one.
  function updateBar(item) {
    const primary = bulk && bulk.querySelector('button[data-key="c"]');
    if (!primary || !item) return;
    const reason = item.dataset.reason;
    if (reason === "late") { primary.value = "postpone"; primary.textContent = "Reporter d'une semaine"; }
    else { primary.value = "confirm"; primary.textContent = reason === "new" ? "Confirmer" : "Vu"; }
  }
  function move(step) {
    const all = items();
    if (!all.length) return;
    const at = all.indexOf(current());
    const next = at < 0 ? 0 : Math.min(Math.max(at + step, 0), all.length - 1);
    select(all[next]);
  }

  // Replaces the queue with the server's fresh one, selecting the case now at `index`.
  async function refresh(index) {
    const page = bulk ? bulk.querySelector('input[name="page"]').value : "1";
    const response = await fetch("/?page=" + encodeURIComponent(page) + "&at=" + index, { credentials: "same-origin" });
    if (!response.ok) { window.location.reload(); return; }
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = doc.getElementById("queue");
    if (!fresh) { window.location.reload(); return; }
    queue.replaceChildren(...Array.from(fresh.children).map(function (n) { return document.importNode(n, true); }));
    ["queue-count"].forEach(function (id) {
      const mine = document.getElementById(id), theirs = doc.getElementById(id);
      if (mine && theirs) mine.textContent = theirs.textContent;
    });
    const freshPane = doc.getElementById("pane");
    if (pane && freshPane) pane.innerHTML = freshPane.innerHTML;
    const all = items();
    select(all[Math.min(index, all.length - 1)] || null);
    if (!all.length) {
      const empty = doc.getElementById("queue-empty");
      if (empty && !document.getElementById("queue-empty")) queue.parentNode.insertBefore(document.importNode(empty, true), queue);
    }
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Permanence": "fetch" },
    });
    let answer = null;
    try { answer = await response.json(); } catch (e) { answer = null; }
    if (!answer) answer = { ok: false, message: "Le serveur n'a pas pu traiter la demande (" + response.status + ")." };
    return answer;
  }

  if (bulk && queue) {
    bulk.addEventListener("submit", async function (event) {
      event.preventDefault();
      const button = event.submitter;
      const data = new FormData(bulk);
      if (button && button.name) data.set(button.name, button.value);
      const item = current();
      const index = item ? items().indexOf(item) : 0;
      bulk.classList.add("busy");
      const answer = await post("/triage/act", new URLSearchParams(data));
      bulk.classList.remove("busy");
      if (!answer.ok) { showError(answer.message); return; }
      showError("");
      showToast(answer.message, answer.undo);
      ["official", "into"].forEach(function (n) { const f = bulk.querySelector('[name="' + n + '"]'); if (f) f.value = ""; });
      await refresh(index);
    });
    queue.addEventListener("click", function (event) {
      const item = event.target.closest("li.item");
      if (!item) return;
      if (event.target.classList.contains("tick")) { updateTarget(); return; }
      if (event.target.closest("a.row") && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        select(item);
      }
    });
    select(current() || items()[0] || null, false);
  }

  if (undoForm) {
    undoForm.addEventListener("submit", async function (event) {
      if (!queue) return;
      event.preventDefault();
      const item = current();
      const index = item ? items().indexOf(item) : 0;
      const answer = await post("/triage/undo", new URLSearchParams(new FormData(undoForm)));
      if (!answer.ok) { showError(answer.message); return; }
      showError("");
      showToast(answer.message, null);
      await refresh(index);
    });
  }

  // Pickers: suggestions from the server as one types, in the field's datalist.
  document.querySelectorAll("input[data-picker]").forEach(function (input) {
    let timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const text = input.value;
      if (/^n° \d+/.test(text)) return; // a choice was made
      timer = setTimeout(async function () {
        const item = current();
        const url = input.dataset.picker === "cases"
          ? "/triage/pick/cases?case=" + (item ? item.dataset.case : "") + "&q=" + encodeURIComponent(text)
          : "/triage/pick/officials?q=" + encodeURIComponent(text);
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) return;
        const choices = await response.json();
        const list = document.getElementById(input.getAttribute("list"));
        if (!list) return;
        list.replaceChildren(...choices.map(function (c) {
          const option = document.createElement("option");
          option.value = c.value; option.textContent = c.detail;
          return option;
        }));
      }, 150);
    });
  });

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" && target.type !== "checkbox" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) {
      if (event.key === "Escape") { target.blur(); const item = current(); if (item) item.focus({ preventScroll: true }); }
      // Enter in a field of the action bar does that field's action, never the first button's.
      if (event.key === "Enter" && bulk && bulk.contains(target)) {
        const own = target.closest(".field") && target.closest(".field").querySelector("button[name=verb]");
        if (own) { event.preventDefault(); bulk.requestSubmit(own); }
      }
      return;
    }
    if (event.key === "/") {
      event.preventDefault();
      const box = document.getElementById("q");
      if (box) box.focus(); else window.location.href = "/search";
      return;
    }
    // The agenda: a key on the event that has the focus decides it (a accepter, r refuser,
    // p peut-être), j/k move between events.
    const card = target && target.closest && target.closest("article.event");
    if (card || document.querySelector("article.event")) {
      if (event.key === "j" || event.key === "k") {
        const cards = Array.from(document.querySelectorAll("article.event"));
        const i = card ? cards.indexOf(card) : -1;
        const next = cards[Math.min(cards.length - 1, Math.max(0, i + (event.key === "j" ? 1 : -1)))];
        if (next) { event.preventDefault(); next.focus(); }
        return;
      }
      if (card && (event.key === "a" || event.key === "r" || event.key === "p")) {
        const b = card.querySelector('button[data-key="' + event.key + '"]');
        if (b) { event.preventDefault(); b.form.requestSubmit(b); }
        return;
      }
    }
    if (!queue) return;
    const item = current();
    const button = function (key) { return bulk && bulk.querySelector('button[data-key="' + key + '"]'); };
    const field = function (key) { return bulk && bulk.querySelector('select[data-key="' + key + '"], input[data-key="' + key + '"]'); };
    switch (event.key) {
      case "j": case "ArrowDown": move(1); break;
      case "k": case "ArrowUp": move(-1); break;
      case "x": {
        const box = item && item.querySelector("input.tick");
        if (box) { box.checked = !box.checked; updateTarget(); }
        break;
      }
      case "o": case "Enter":
        // Enter on a link or button does what that link or button does.
        if (event.key === "Enter" && target && (target.tagName === "A" || target.tagName === "BUTTON")) return;
        if (item) window.location.href = "/case/" + item.dataset.case;
        break;
      case "c": case "m": case "n": {
        const b = button(event.key);
        if (b) bulk.requestSubmit(b);
        break;
      }
      case "t": case "e": case "f": {
        const f = field(event.key);
        if (f) { event.preventDefault(); f.focus(); }
        break;
      }
      case "z": {
        if (undoForm && undoId && undoId.value) undoForm.requestSubmit();
        break;
      }
      default: return;
    }
    event.preventDefault();
  });
})();
