/* The link picker of the Markdown editor: "Link to term or comparison" (button, or Ctrl+K / ⌘K in
 * the text) opens a search by name or alias over terms and comparisons (working copies, from
 * /admin/link-targets/), and inserts a stable reference such as [Foundation Model](term:42) at the
 * cursor: the selected text becomes the link text, else the target's name. Publication turns the
 * reference into a link to the target's public URL (plain text while the target is not live).
 * Buttons are found by event delegation, so FAQ forms added with "Add another" get one too. */
(function () {
  "use strict";

  var EDITOR = "textarea.markdownx-editor";
  var adminRoot = (window.location.pathname.match(/^(.*?\/admin\/)/) || [null, "/admin/"])[1];
  var endpoint = adminRoot + "link-targets/";
  var picker = null; // {box, input, list, textarea, start, end, results, active, timer, request}

  function addButton(textarea) {
    if (textarea.name.indexOf("__prefix__") !== -1) return; // the hidden template of new inline forms
    var container = textarea.closest(".markdownx") || textarea;
    if (container.previousElementSibling && container.previousElementSibling.classList.contains("link-picker-bar")) return;
    var bar = document.createElement("div");
    bar.className = "link-picker-bar";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button link-picker-button";
    button.textContent = "Link to term or comparison";
    button.title = "Insert a link that follows renames (Ctrl+K in the text)";
    bar.appendChild(button);
    container.parentNode.insertBefore(bar, container);
  }

  function editorOf(button) {
    var bar = button.closest(".link-picker-bar");
    var next = bar && bar.nextElementSibling;
    return next && (next.matches(EDITOR) ? next : next.querySelector(EDITOR));
  }

  function close(refocus) {
    if (!picker) return;
    var textarea = picker.textarea;
    window.clearTimeout(picker.timer);
    picker.box.remove();
    picker = null;
    if (refocus) textarea.focus();
  }

  function open(textarea) {
    close(false);
    var box = document.createElement("div");
    box.className = "link-picker";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Link to term or comparison");
    box.style.cssText = "margin:4px 0 8px;padding:8px;border:1px solid var(--border-color,#ccc);" +
      "background:var(--body-bg,#fff);max-width:40em;";
    var listId = "link-picker-list-" + Date.now();
    var input = document.createElement("input");
    input.type = "search";
    input.className = "link-picker-input vTextField";
    input.placeholder = "Name or alias of a term or comparison";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-label", "Search terms and comparisons to link to");
    input.autocomplete = "off";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "link-picker-results";
    list.setAttribute("role", "listbox");
    list.style.cssText = "list-style:none;margin:6px 0 0;padding:0;";
    var status = document.createElement("p");
    status.className = "link-picker-status help";
    status.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    var container = textarea.closest(".markdownx") || textarea;
    container.parentNode.insertBefore(box, container);
    picker = {
      box: box, input: input, list: list, status: status, textarea: textarea,
      start: textarea.selectionStart, end: textarea.selectionEnd, results: [], active: -1, timer: 0, request: 0
    };
    input.addEventListener("input", function () {
      window.clearTimeout(picker.timer);
      picker.timer = window.setTimeout(search, 150);
    });
    input.addEventListener("keydown", onPickerKey);
    input.focus();
  }

  function search() {
    var current = picker;
    var query = current.input.value.trim();
    var request = ++current.request;
    if (!query) { show(current, [], ""); return; }
    fetch(endpoint + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (reply) {
        if (picker !== current || request !== current.request) return; // closed, or a newer search
        if (!reply.ok) { show(current, [], reply.body.detail || "The search failed."); return; }
        show(current, reply.body.results, reply.body.results.length ? "" : "Nothing is called that.");
      })
      .catch(function () {
        if (picker === current) show(current, [], "The search failed: check your connection.");
      });
  }

  function show(current, results, message) {
    current.results = results;
    current.active = results.length ? 0 : -1;
    current.list.textContent = "";
    results.forEach(function (result, index) {
      var item = document.createElement("li");
      item.id = current.list.id + "-" + index;
      item.className = "link-picker-option";
      item.setAttribute("role", "option");
      item.dataset.reference = result.reference;
      item.style.cssText = "padding:4px 6px;cursor:pointer;";
      var label = document.createElement("strong");
      label.textContent = result.label;
      item.appendChild(label);
      var details = " — " + result.kind + (result.alias ? ", also called " + result.alias : "") +
        (result.live ? "" : " (not live: plain text until it is)");
      item.appendChild(document.createTextNode(details));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { pick(index); });
      current.list.appendChild(item);
    });
    current.input.setAttribute("aria-expanded", results.length ? "true" : "false");
    current.status.textContent = message;
    highlight(current);
  }

  function highlight(current) {
    Array.prototype.forEach.call(current.list.children, function (item, index) {
      var on = index === current.active;
      item.setAttribute("aria-selected", on ? "true" : "false");
      item.style.background = on ? "var(--selected-bg,#e4e4e4)" : "";
    });
    if (current.active >= 0) current.input.setAttribute("aria-activedescendant", current.list.id + "-" + current.active);
    else current.input.removeAttribute("aria-activedescendant");
  }

  function onPickerKey(event) {
    var current = picker;
    if (event.key === "Escape") { event.preventDefault(); close(true); return; }
    if (!current.results.length) { if (event.key === "Enter") event.preventDefault(); return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      current.active = (current.active + step + current.results.length) % current.results.length;
      highlight(current);
    } else if (event.key === "Enter") {
      event.preventDefault(); // never submit the change form from here
      pick(current.active);
    }
  }

  function escapeLinkText(text) {
    return text.replace(/([\\\[\]])/g, "\\$1");
  }

  function pick(index) {
    var current = picker;
    var result = current.results[index];
    if (!result) return;
    var textarea = current.textarea;
    var value = textarea.value;
    var selected = value.slice(current.start, current.end);
    var link = "[" + escapeLinkText(selected.trim() ? selected : result.label) + "](" + result.reference + ")";
    textarea.value = value.slice(0, current.start) + link + value.slice(current.end);
    var caret = current.start + link.length;
    close(false);
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    // markdownx refreshes its preview on input; Django's "unsaved changes" logic listens for change.
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".link-picker-button");
    if (!button) return;
    var textarea = editorOf(button);
    if (textarea) open(textarea);
  });

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k" &&
        event.target.matches && event.target.matches(EDITOR)) {
      event.preventDefault();
      open(event.target);
    }
  });

  function addButtons(root) {
    Array.prototype.forEach.call(root.querySelectorAll(EDITOR), addButton);
  }

  document.addEventListener("formset:added", function (event) { addButtons(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { addButtons(document); });
  } else {
    addButtons(document);
  }
})();
