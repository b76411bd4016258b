/*
 * No lost work on the admin's change forms (terms, comparisons, site-wide FAQs).
 *
 * - Leaving a changed form asks first: the browser's own question on closing or reloading the
 *   tab (beforeunload), and a confirmation on in-admin links. Submitting the form never asks.
 * - The form is autosaved in this browser (localStorage) as the editor types, keyed by user,
 *   item and edit version; after a crash or a closed tab the form offers it back:
 *   "You have unsaved changes from 14:02 — Restore / Discard".
 * - A restored draft keeps the edit version it was typed on (the hidden seen_lock_version
 *   fields), so saving it over a version someone saved since is refused by the server's
 *   optimistic lock, like any stale form, and loses nothing.
 * - A draft is removed once the save succeeded (the next admin page shows a success message);
 *   after a failed save (an error page, a server error) it stays.
 *
 * Only the signed-in user's own drafts are ever read (keys carry the user's id); drafts older
 * than a week are dropped. Plain JavaScript, no build step.
 */
(function () {
  "use strict";

  var PREFIX = "glossary-cms:autosave:";
  var SUBMITTED = "glossary-cms:autosave:submitted";
  var MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
  var SAVE_DELAY_MS = 700;
  var LOCK_SUFFIX = "seen_lock_version";
  var LEAVE_QUESTION = "You have unsaved changes on this page. Leave it and lose them?";

  function store() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage switched off: the warning still works, autosave does not
    }
  }

  function read(storage, key) {
    try {
      return JSON.parse(storage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function write(storage, key, value) {
    try {
      storage.setItem(key, JSON.stringify(value));
      return true;
    } catch (error) {
      return false; // full: the unsaved-changes warning still protects the work
    }
  }

  // --- The form's state --------------------------------------------------------------------

  function isSaved(element) {
    if (!element.name || element.disabled) return false;
    if (element.name === "csrfmiddlewaretoken" || element.name.indexOf("__prefix__") !== -1) return false;
    var type = (element.type || "").toLowerCase();
    return ["file", "submit", "button", "reset", "image"].indexOf(type) === -1;
  }

  /** The form's fields as a list of {name, value, checked?, selected?}, in document order. */
  function stateOf(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!isSaved(element)) return;
      var type = (element.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        fields.push({ name: element.name, value: element.value, checked: element.checked });
      } else if (element.tagName === "SELECT") {
        var selected = [];
        Array.prototype.forEach.call(element.options, function (option) {
          if (option.selected) selected.push([option.value, option.text]);
        });
        fields.push({ name: element.name, selected: selected });
      } else {
        fields.push({ name: element.name, value: element.value });
      }
    });
    return fields;
  }

  /** The content of a state, without the edit versions: two copies of the same text compare equal. */
  function contentOf(fields) {
    return JSON.stringify(
      fields.filter(function (field) {
        return field.name.slice(-LOCK_SUFFIX.length) !== LOCK_SUFFIX;
      })
    );
  }

  function fire(element, name) {
    element.dispatchEvent(new Event(name, { bubbles: true }));
  }

  /** Make sure inline rows exist for every row the draft has (clicking "Add another", as an editor would). */
  function addMissingInlineRows(form, fields) {
    var needed = {};
    fields.forEach(function (field) {
      var match = /^(.+)-(\d+)-[^-]+$/.exec(field.name);
      if (match) needed[match[1]] = Math.max(needed[match[1]] || 0, Number(match[2]));
    });
    Object.keys(needed).forEach(function (prefix) {
      var add = document.querySelector("#" + CSS.escape(prefix) + "-group .add-row a");
      for (var clicks = 0; add && clicks < 200; clicks++) {
        if (form.querySelector('[name^="' + CSS.escape(prefix + "-" + needed[prefix] + "-") + '"]')) break;
        add.click();
      }
    });
  }

  function restore(form, fields) {
    addMissingInlineRows(form, fields);
    var jQuery = window.django && window.django.jQuery;
    fields.forEach(function (field) {
      var elements = form.querySelectorAll('[name="' + CSS.escape(field.name) + '"]');
      Array.prototype.forEach.call(elements, function (element) {
        if (!isSaved(element)) return;
        if ("checked" in field) {
          if (element.value === field.value && element.checked !== field.checked) {
            element.checked = field.checked;
            fire(element, "change");
          }
        } else if (field.selected) {
          var wanted = {};
          field.selected.forEach(function (pair) {
            wanted[pair[0]] = true;
            var present = Array.prototype.some.call(element.options, function (option) {
              return option.value === pair[0];
            });
            // Autocomplete selects only hold the chosen options: bring the draft's back.
            if (!present) element.add(new Option(pair[1], pair[0]));
          });
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = !!wanted[option.value];
          });
          if (jQuery) jQuery(element).trigger("change");
          else fire(element, "change");
        } else if (element.value !== field.value) {
          element.value = field.value;
          fire(element, "input");
          fire(element, "change");
        }
      });
    });
  }

  // --- Drafts in this browser ----------------------------------------------------------------

  function keyOf(user, item, version) {
    return PREFIX + "u" + user + ":" + item + ":v" + (version || "new");
  }

  function draftsOf(storage, user, item) {
    var drafts = [];
    var mine = PREFIX + "u" + user + ":";
    for (var index = storage.length - 1; index >= 0; index--) {
      var key = storage.key(index);
      if (!key || key.indexOf(mine) !== 0) continue;
      var draft = read(storage, key);
      if (!draft || !draft.savedAt || Date.now() - draft.savedAt > MAX_AGE_MS) {
        storage.removeItem(key);
        continue;
      }
      if (key.indexOf(mine + item + ":v") === 0) drafts.push({ key: key, draft: draft });
    }
    drafts.sort(function (a, b) {
      return b.draft.savedAt - a.draft.savedAt;
    });
    return drafts;
  }

  function clock(timestamp) {
    var at = new Date(timestamp);
    var pad = function (number) {
      return String(number).padStart(2, "0");
    };
    var time = pad(at.getHours()) + ":" + pad(at.getMinutes());
    if (at.toDateString() === new Date().toDateString()) return time;
    return at.getFullYear() + "-" + pad(at.getMonth() + 1) + "-" + pad(at.getDate()) + " " + time;
  }

  /** After a submit: a success message means the draft is saved for real; anything else keeps it. */
  function settleSubmittedDraft(storage) {
    var submitted;
    try {
      submitted = window.sessionStorage.getItem(SUBMITTED);
      window.sessionStorage.removeItem(SUBMITTED);
    } catch (error) {
      return;
    }
    if (!submitted) return;
    var succeeded = document.querySelector(".messagelist .success") && !document.querySelector(".errornote");
    if (succeeded) storage.removeItem(submitted);
  }

  // --- The page --------------------------------------------------------------------------------

  function start() {
    var storage = store();
    if (storage) settleSubmittedDraft(storage);
    var marker = document.querySelector("input[data-autosave-item]");
    if (!marker || !marker.form) return;
    var form = marker.form;
    var user = marker.getAttribute("data-autosave-user");
    var item = marker.getAttribute("data-autosave-item");
    // A page that came back with errors holds text that is not saved: it counts as changed.
    var unsavedOnArrival = !!document.querySelector(".errornote");
    var baseline = contentOf(stateOf(form));
    var submitting = false;
    var leaving = false;
    var offerOpen = false;
    var timer = null;

    function isDirty() {
      return unsavedOnArrival || contentOf(stateOf(form)) !== baseline;
    }

    function currentKey() {
      return keyOf(user, item, marker.value);
    }

    function saveNow() {
      if (!storage || offerOpen) return;
      clearTimeout(timer);
      var key = currentKey();
      draftsOf(storage, user, item).forEach(function (entry) {
        if (entry.key !== key) storage.removeItem(entry.key); // one draft per user and item
      });
      if (!isDirty()) {
        storage.removeItem(key);
        return;
      }
      write(storage, key, { item: item, version: marker.value, savedAt: Date.now(), fields: stateOf(form) });
    }

    function saveSoon() {
      clearTimeout(timer);
      timer = setTimeout(saveNow, SAVE_DELAY_MS);
    }

    function offer(entry) {
      offerOpen = true;
      var list = document.createElement("ul");
      list.className = "messagelist";
      list.id = "autosave-offer";
      var line = document.createElement("li");
      line.className = "warning";
      line.setAttribute("role", "alert");
      var text = "You have unsaved changes from " + clock(entry.draft.savedAt) + ".";
      if (item.slice(-4) !== ":add" && String(entry.draft.version) !== String(marker.value)) {
        text +=
          " They were typed on an older version that someone has saved since: after restoring," +
          " saving shows what changed before anything is overwritten.";
      }
      line.appendChild(document.createTextNode(text + " "));
      var restoreButton = document.createElement("button");
      restoreButton.type = "button";
      restoreButton.className = "button";
      restoreButton.textContent = "Restore";
      var discardButton = document.createElement("button");
      discardButton.type = "button";
      discardButton.className = "button";
      discardButton.textContent = "Discard";
      line.appendChild(restoreButton);
      line.appendChild(document.createTextNode(" "));
      line.appendChild(discardButton);
      list.appendChild(line);
      form.parentNode.insertBefore(list, form);

      restoreButton.addEventListener("click", function () {
        restore(form, entry.draft.fields);
        offerOpen = false;
        list.remove();
        saveNow();
      });
      discardButton.addEventListener("click", function () {
        storage.removeItem(entry.key);
        offerOpen = false;
        list.remove();
        saveNow();
      });
    }

    if (storage) {
      var drafts = draftsOf(storage, user, item);
      if (unsavedOnArrival) {
        saveNow(); // this page holds the newest text: it replaces the draft
      } else if (drafts.length) {
        if (contentOf(drafts[0].draft.fields) === baseline) storage.removeItem(drafts[0].key);
        else offer(drafts[0]);
      }
    }

    form.addEventListener("input", saveSoon);
    form.addEventListener("change", saveSoon);
    form.addEventListener("submit", function () {
      submitting = true;
      saveNow();
      try {
        window.sessionStorage.setItem(SUBMITTED, currentKey());
      } catch (error) {
        // without session storage the draft stays until it is discarded or expires
      }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") saveNow();
    });
    window.addEventListener("pagehide", saveNow);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) submitting = leaving = false; // back from the cache: the form is live again
    });

    window.addEventListener("beforeunload", function (event) {
      if (submitting || leaving || !isDirty()) return;
      saveNow();
      event.preventDefault();
      event.returnValue = ""; // browsers show their own wording
    });

    // In-admin links: ask in our own words (widgets that handle their clicks prevent the default first).
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || (link.target && link.target !== "_self")) return;
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || href.indexOf("javascript:") === 0) return;
      if (link.origin !== window.location.origin || submitting || !isDirty()) return;
      saveNow();
      if (window.confirm(LEAVE_QUESTION)) leaving = true;
      else event.preventDefault();
    });
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
