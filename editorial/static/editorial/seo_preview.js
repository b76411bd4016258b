/* The SEO fields of a term or comparison: a character counter under the SEO title and description
 * (against the lengths search engines commonly show: 60 and 155 characters), and a preview of the
 * search result (URL, title, description) that follows the form as the editor types. Empty SEO
 * fields fall back to the name or title and the short definition or summary, as publication does
 * (terms/services.py published_seo); a canonical URL override replaces the page's own URL. */
(function () {
  "use strict";

  var RECOMMENDED = { id_seo_title: 60, id_seo_description: 155 };

  function field(id) {
    return document.getElementById(id);
  }

  function valueOf(id) {
    var input = field(id);
    return input ? input.value.trim() : "";
  }

  function cut(text, length) {
    return text.length > length ? text.slice(0, length - 1).trimEnd() + "…" : text;
  }

  function addCounter(id, limit) {
    var input = field(id);
    if (!input) return null;
    var counter = document.createElement("div");
    counter.className = "seo-counter";
    counter.setAttribute("aria-live", "polite");
    counter.dataset.limit = String(limit);
    input.insertAdjacentElement("afterend", counter);
    return { input: input, counter: counter, limit: limit };
  }

  function updateCounter(entry) {
    var length = entry.input.value.length;
    var over = length > entry.limit;
    entry.counter.textContent =
      length + " / " + entry.limit + " characters" + (over ? ": search engines may cut the rest" : "");
    entry.counter.classList.toggle("seo-counter-over", over);
  }

  function updateSnippet(snippet) {
    var title = valueOf("id_seo_title") || valueOf("id_" + snippet.dataset.titleFrom) || "(title)";
    var description =
      valueOf("id_seo_description") || valueOf("id_" + snippet.dataset.descriptionFrom) || "(description)";
    var url = valueOf("id_canonical_url") || snippet.dataset.urlPattern.replace("{slug}", valueOf("id_slug") || "…");
    var noindex = field("id_noindex");
    snippet.querySelector(".seo-snippet-url").textContent = url;
    snippet.querySelector(".seo-snippet-title").textContent = cut(title, RECOMMENDED.id_seo_title);
    snippet.querySelector(".seo-snippet-description").textContent = cut(description, RECOMMENDED.id_seo_description);
    snippet.querySelector(".seo-snippet-noindex").textContent =
      noindex && noindex.checked ? "noindex: search engines are asked not to show this page." : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var counters = [];
    Object.keys(RECOMMENDED).forEach(function (id) {
      var entry = addCounter(id, RECOMMENDED[id]);
      if (entry) counters.push(entry);
    });
    var snippet = document.querySelector(".seo-snippet");
    function refresh() {
      counters.forEach(updateCounter);
      if (snippet) updateSnippet(snippet);
    }
    var form = (counters[0] && counters[0].input.form) || (snippet && snippet.closest("form"));
    if (form) {
      form.addEventListener("input", refresh);
      form.addEventListener("change", refresh);
    }
    refresh();
  });
})();
