/* The reference term page: every section of a glossary term page, from the delivery API alone.
 *
 * /reference/terms/<slug>/                      the live term
 * /reference/terms/<slug>/?preview_token=<t>    its current draft (the token is sent as a header)
 *
 * HTML from the API (body_html, answer_html) is inserted as it comes: it was sanitised when it
 * was published. Everything else is set as text.
 */
(function () {
  "use strict";

  var API_ROOT = "/api/v1/";
  var PAGE_PREFIX = "/reference/terms/";

  var pathSlug = location.pathname.slice(PAGE_PREFIX.length).replace(/\/$/, "");
  var slug = decodeURIComponent(pathSlug);
  var previewToken = new URLSearchParams(location.search).get("preview_token");

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes) node.setAttribute(name, attributes[name]);
    if (text != null) node.textContent = text;
    return node;
  }

  function termPageUrl(termSlug) {
    return PAGE_PREFIX + encodeURIComponent(termSlug) + "/";
  }

  function comparisonUrl(comparisonSlug) {
    var pattern = document.querySelector('meta[name="glossary-comparison-url"]');
    return (pattern ? pattern.content : API_ROOT + "comparisons/{slug}/").replace("{slug}", encodeURIComponent(comparisonSlug));
  }

  function safeHttpUrl(value) {
    try {
      var url = new URL(value, location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function headMeta(attribute, name, content) {
    var node = document.head.querySelector("meta[" + attribute + '="' + name + '"]');
    if (!node) {
      node = el("meta", {});
      node.setAttribute(attribute, name);
      document.head.appendChild(node);
    }
    node.setAttribute("content", content);
  }

  // "A, B and C", each a link.
  function linkList(container, items) {
    items.forEach(function (item, index) {
      if (index > 0) container.appendChild(document.createTextNode(index === items.length - 1 ? " and " : ", "));
      container.appendChild(el("a", { href: item.href }, item.text));
    });
  }

  function finish(statusText) {
    $("page").removeAttribute("aria-busy");
    var status = $("status");
    status.textContent = statusText || "";
    status.hidden = !statusText;
  }

  function showProblem(title, message) {
    document.title = title;
    headMeta("name", "robots", "noindex");
    var status = $("status");
    status.className = "status problem";
    finish(message);
    var heading = el("h1", {}, title);
    status.parentNode.insertBefore(heading, status);
  }

  function renderHead(term) {
    var seo = term.seo || {};
    document.title = seo.title || term.name;
    headMeta("name", "description", seo.description || term.short_definition || "");
    headMeta("property", "og:title", seo.title || term.name);
    headMeta("property", "og:description", seo.description || term.short_definition || "");
    if (previewToken || seo.noindex) headMeta("name", "robots", "noindex");
    var image = seo.og_image && safeHttpUrl(seo.og_image.url);
    if (image) {
      headMeta("property", "og:image", image);
      headMeta("property", "og:image:alt", seo.og_image.alt || "");
      headMeta("property", "og:image:width", String(seo.og_image.width || ""));
      headMeta("property", "og:image:height", String(seo.og_image.height || ""));
    }
    var canonicalUrl = safeHttpUrl(seo.canonical_url);
    if (canonicalUrl && !previewToken) document.head.appendChild(el("link", { rel: "canonical", href: canonicalUrl }));
    if (term.json_ld) {
      // Escaped as the API escapes it, so the text can never close the script element.
      var json = JSON.stringify(term.json_ld).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
      var ld = el("script", { type: "application/ld+json" });
      ld.textContent = json;
      document.head.appendChild(ld);
    }
  }

  function renderBody(term) {
    $("name").textContent = term.name;
    $("quick-definition").textContent = term.short_definition;
    var meta = [];
    if (term.category) meta.push(term.category.name);
    if (term.reading_time_minutes) meta.push(term.reading_time_minutes + " min read");
    if (term.aliases && term.aliases.length) meta.push("Also called " + term.aliases.join(", "));
    $("meta").textContent = meta.join(" · ");
    $("preview-banner").hidden = !previewToken;

    var toc = term.toc || [];
    toc.forEach(function (entry) {
      var item = el("li", { class: "level-" + entry.level });
      item.appendChild(el("a", { href: "#" + entry.anchor }, entry.text));
      $("toc-list").appendChild(item);
    });
    $("toc").hidden = toc.length === 0;
    $("explanation").innerHTML = term.body_html;

    var comparisons = term.comparisons || [];
    if (comparisons.length) {
      var compared = $("compared-with");
      compared.appendChild(document.createTextNode(term.name + " gets compared with "));
      linkList(
        compared,
        comparisons.map(function (comparison) {
          return { href: termPageUrl(comparison.other_term.slug), text: comparison.other_term.name };
        })
      );
      compared.appendChild(document.createTextNode("."));
      compared.hidden = false;
      var pages = $("comparison-pages");
      pages.appendChild(document.createTextNode("Comparisons: "));
      linkList(
        pages,
        comparisons.map(function (comparison) {
          return { href: comparisonUrl(comparison.slug), text: comparison.title };
        })
      );
      pages.appendChild(document.createTextNode("."));
      pages.hidden = false;
    }
    var related = term.related_terms || [];
    if (related.length) {
      var relatedLine = $("related");
      relatedLine.appendChild(document.createTextNode("Related terms: "));
      linkList(
        relatedLine,
        related.map(function (other) {
          return { href: termPageUrl(other.slug), text: other.name };
        })
      );
      relatedLine.appendChild(document.createTextNode("."));
      relatedLine.hidden = false;
    }

    var faqs = term.faqs || [];
    faqs.forEach(function (faq) {
      var item = el("div", { class: "faq", id: "faq-" + faq.id });
      item.appendChild(el("h3", {}, faq.question));
      var answer = el("div", { class: "faq-answer" });
      answer.innerHTML = faq.answer_html;
      item.appendChild(answer);
      $("faq-list").appendChild(item);
    });
    $("faqs").hidden = faqs.length === 0;

    var cta = term.cta;
    var ctaUrl = cta && safeHttpUrl(cta.button_url);
    if (cta) {
      $("cta-title").textContent = cta.title;
      $("cta-text").textContent = cta.text || "";
      if (ctaUrl) {
        $("cta-button").href = ctaUrl;
        $("cta-button").textContent = cta.button_label || cta.title;
      } else {
        $("cta-button").remove();
      }
      $("cta").hidden = false;
    }
  }

  // The chat widget, embedded exactly as any other site embeds it.
  function embedWidget(term) {
    var widget = el("script", { src: "/widget.js", "data-term": term.slug, "data-target": "#widget", async: "" });
    if (previewToken) widget.setAttribute("data-preview-token", previewToken);
    $("widget-section").appendChild(widget);
  }

  function load() {
    if (!slug) return showProblem("Term not found", "This address names no term.");
    var headers = { Accept: "application/json" };
    if (previewToken) headers["X-Preview-Token"] = previewToken;
    fetch(API_ROOT + "terms/" + encodeURIComponent(slug) + "/", { headers: headers })
      .then(function (response) {
        if (response.status === 404) return showProblem("Term not found", "There is no published term called “" + slug + "”.");
        if (response.status === 403) return showProblem("Preview unavailable", "This preview link is invalid or has expired. Ask for a new one in the admin.");
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json().then(function (term) {
          // A renamed term answers from its new slug (the API redirected): show the new address.
          if (term.slug !== slug) history.replaceState(null, "", termPageUrl(term.slug) + location.search);
          renderHead(term);
          renderBody(term);
          embedWidget(term);
          $("term").hidden = false;
          finish("");
        });
      })
      .catch(function () {
        showProblem("Something went wrong", "The glossary could not be reached. Please try again later.");
      });
  }

  load();
})();
