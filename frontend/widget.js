/*! Glossary CMS chat widget. No dependencies, no build step.
 *
 *   <script src="https://cms.example.com/widget.js" data-term="foundation-model" async></script>
 *
 * data-term           slug of the term whose questions to show (required)
 * data-api            API root (default: /api/v1/ on the origin this script came from)
 * data-target         CSS selector of an element to render into (default: right after this tag)
 * data-ask            "off" hides the box for the reader's own questions
 * data-preview-token  preview token: show the term's current draft (editors' previews)
 *
 * It renders inside a shadow root, so the host page's styles and its own never meet. Answer
 * HTML is the API's (sanitised when the FAQ was published); what the reader types is only
 * ever shown as text.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) return;

  var slug = script.getAttribute("data-term");
  var apiRoot = new URL(script.getAttribute("data-api") || "/api/v1/", script.src).href;
  var previewToken = script.getAttribute("data-preview-token");
  var askWanted = script.getAttribute("data-ask") !== "off";
  // Ids live in the widget's shadow root, so they never meet the page's nor another widget's.
  var idPrefix = "gw-";

  var CSS = [
    ":host{all:initial;display:block;contain:content;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2330;",
    "--gw-accent:var(--glossary-widget-accent,#4f46e5);--gw-bg:var(--glossary-widget-background,#fff)}",
    ":host([hidden]){display:none}",
    "*{box-sizing:border-box}",
    ".gw{background:var(--gw-bg);border:1px solid #d9dce5;border-radius:14px;padding:16px;max-width:640px}",
    ".head{display:flex;align-items:center;gap:10px;margin:0 0 12px}",
    ".avatar{width:32px;height:32px;border-radius:50%;background:var(--gw-accent);color:#fff;display:grid;place-items:center;font-weight:700}",
    "h2{font-size:16px;margin:0}",
    ".log{display:flex;flex-direction:column;gap:8px;max-height:420px;overflow-y:auto;margin:0 0 12px;padding:0;list-style:none}",
    ".msg{margin:0;padding:9px 13px;border-radius:14px;max-width:88%;overflow-wrap:anywhere}",
    ".bot{background:#f1f2f7;align-self:flex-start;border-top-left-radius:4px}",
    ".me{background:var(--gw-accent);color:#fff;align-self:flex-end;border-top-right-radius:4px}",
    ".msg p{margin:0 0 .5em}.msg p:last-child{margin:0}",
    ".msg a{color:inherit}",
    ".msg img{max-width:100%;height:auto}",
    ".chips{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px}",
    "button{font:inherit;cursor:pointer}",
    ".chip{border:1px solid var(--gw-accent);background:transparent;color:var(--gw-accent);border-radius:999px;padding:6px 12px;text-align:left}",
    ".chip:hover,.chip[aria-pressed=true]{background:var(--gw-accent);color:#fff}",
    "button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}",
    ".ask{display:flex;gap:8px;margin:0 0 12px}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    ".ask input{flex:1;min-width:0;font:inherit;padding:8px 12px;border:1px solid #b8bccb;border-radius:10px}",
    ".send{border:0;border-radius:10px;padding:8px 14px;background:var(--gw-accent);color:#fff}",
    ".send[disabled]{opacity:.6;cursor:progress}",
    ".cta{border-top:1px solid #e4e6ee;padding-top:12px}",
    ".cta strong{display:block}",
    ".cta p{margin:2px 0 10px}",
    ".cta a{display:inline-block;background:var(--gw-accent);color:#fff;text-decoration:none;border-radius:10px;padding:8px 14px;font-weight:600}",
    "@media (prefers-reduced-motion:no-preference){.log{scroll-behavior:smooth}}",
  ].join("");

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes) node.setAttribute(name, attributes[name]);
    if (text != null) node.textContent = text;
    return node;
  }

  function safeHttpUrl(value) {
    try {
      var url = new URL(value, document.baseURI);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function mountPoint() {
    var selector = script.getAttribute("data-target");
    var target = selector && document.querySelector(selector);
    if (target) return target;
    var host = document.createElement("div");
    if (script.parentNode && script.parentNode !== document.head) {
      script.parentNode.insertBefore(host, script.nextSibling);
    } else {
      document.body.appendChild(host);
    }
    return host;
  }

  function headers(extra) {
    var all = { Accept: "application/json" };
    if (previewToken) all["X-Preview-Token"] = previewToken;
    for (var name in extra) all[name] = extra[name];
    return all;
  }

  function getJson(path) {
    return fetch(apiRoot + path, { headers: headers(), credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + path);
      return response.json();
    });
  }

  function Widget(host, payload) {
    this.host = host;
    this.payload = payload;
    this.root = host.attachShadow({ mode: "open" });
    this.render();
  }

  Widget.prototype.render = function () {
    var payload = this.payload;
    var root = this.root;
    if (root.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el("style", {}, CSS));
    }
    var titleId = idPrefix + "title";
    var box = el("section", { class: "gw", "aria-labelledby": titleId });
    var head = el("div", { class: "head" });
    head.appendChild(el("span", { class: "avatar", "aria-hidden": "true" }, "?"));
    head.appendChild(el("h2", { id: titleId }, payload.term.name + " questions"));
    box.appendChild(head);

    // A log: screen readers announce each answer as it is added (polite, additions only).
    this.log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", id: idPrefix + "log" });
    this.log.appendChild(el("p", { class: "msg bot" }, payload.greeting));
    box.appendChild(this.log);

    this.chips = el("div", { class: "chips", role: "group", "aria-label": "Suggested questions" });
    var self = this;
    (payload.suggestions || []).forEach(function (faq) {
      self.addChip(faq.question, function () {
        self.say(faq.question, "me");
        self.answer(faq.answer_html);
      });
    });
    box.appendChild(this.chips);

    if (askWanted) box.appendChild(this.askForm());
    if (payload.cta) {
      var link = safeHttpUrl(payload.cta.button_url);
      var cta = el("aside", { class: "cta", "aria-label": payload.cta.title || "Call to action" });
      cta.appendChild(el("strong", {}, payload.cta.title));
      if (payload.cta.text) cta.appendChild(el("p", {}, payload.cta.text));
      if (link) cta.appendChild(el("a", { href: link, class: "cta-button" }, payload.cta.button_label || payload.cta.title));
      box.appendChild(cta);
    }
    root.appendChild(box);
  };

  Widget.prototype.addChip = function (question, onChoose) {
    var chip = el("button", { type: "button", class: "chip", "aria-pressed": "false", "aria-controls": idPrefix + "log" }, question);
    chip.addEventListener("click", function () {
      chip.setAttribute("aria-pressed", "true");
      onChoose();
    });
    this.chips.appendChild(chip);
    return chip;
  };

  Widget.prototype.say = function (text, who) {
    var message = el("p", { class: "msg " + who }, text);
    // Heard, not seen: which side of the conversation a message is on.
    if (who === "me") message.insertBefore(el("span", { class: "sr" }, "You asked: "), message.firstChild);
    this.log.appendChild(message);
    this.log.scrollTop = this.log.scrollHeight;
    return message;
  };

  // Only the API's sanitised HTML is ever parsed as HTML.
  Widget.prototype.answer = function (answerHtml) {
    var message = el("div", { class: "msg bot answer" });
    message.innerHTML = answerHtml;
    this.log.appendChild(message);
    this.log.scrollTop = this.log.scrollHeight;
    return message;
  };

  Widget.prototype.askForm = function () {
    var self = this;
    var inputId = idPrefix + "question";
    var form = el("form", { class: "ask", novalidate: "" });
    form.appendChild(el("label", { for: inputId, class: "sr" }, "Ask your own question about " + this.payload.term.name));
    var input = el("input", { id: inputId, type: "text", name: "question", maxlength: "300", autocomplete: "off", placeholder: "Ask a question…" });
    var send = el("button", { type: "submit", class: "send" }, "Ask");
    form.appendChild(input);
    form.appendChild(send);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = input.value.trim();
      if (!question) {
        input.focus();
        return;
      }
      self.say(question, "me");
      input.value = "";
      send.disabled = true;
      self.log.setAttribute("aria-busy", "true");
      self.ask(question).then(function () {
        send.disabled = false;
        self.log.removeAttribute("aria-busy");
      });
    });
    this.form = form;
    return form;
  };

  Widget.prototype.ask = function (question) {
    var self = this;
    return fetch(apiRoot + "ask/", {
      method: "POST",
      headers: headers({ "Content-Type": "application/json" }),
      credentials: "omit",
      body: JSON.stringify({ question: question, term: this.payload.term.slug }),
    })
      .then(function (response) {
        if (response.status === 404 || response.status === 405) return self.askUnavailable();
        if (response.status === 429) return self.say("Lots of questions right now. Please try again in a minute.", "bot");
        if (response.status === 400) {
          return response.json().then(function (error) {
            self.say(error && error.detail ? String(error.detail) : "Please rephrase your question.", "bot");
          });
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json().then(function (result) {
          self.showAsked(result);
        });
      })
      .catch(function () {
        self.say("Sorry, I could not reach the answers just now. Please try again.", "bot");
      });
  };

  Widget.prototype.showAsked = function (result) {
    var self = this;
    var answers = (result && result.answers) || [];
    if (!result.answered || !answers.length) {
      this.say("Sorry, I don't have an answer to that yet. Try putting it another way, or pick one of the suggested questions.", "bot");
    } else {
      if (answers[0].question) this.say("Here's the closest answer: " + answers[0].question, "bot");
      this.answer(answers[0].answer_html);
    }
    // Other close answers and follow-ups become new suggestions.
    answers.slice(1).concat(result.follow_ups || []).forEach(function (followUp) {
      var question = typeof followUp === "string" ? followUp : followUp && followUp.question;
      if (!question || self.hasChip(question)) return;
      self.addChip(question, function () {
        self.say(question, "me");
        if (followUp.answer_html) self.answer(followUp.answer_html);
        else self.ask(question);
      });
    });
  };

  Widget.prototype.hasChip = function (question) {
    return Array.prototype.some.call(this.chips.children, function (chip) {
      return chip.textContent === question;
    });
  };

  // No ask endpoint on this server: remove the box, say so, and keep keyboard focus in the widget.
  Widget.prototype.askUnavailable = function () {
    if (this.form) this.form.remove();
    this.form = null;
    this.say("I can only answer the suggested questions here. Pick one above.", "bot");
    var first = this.chips.querySelector("button");
    if (first) first.focus();
  };

  function start() {
    if (!slug) {
      console.warn("Glossary widget: add data-term=\"<term slug>\" to the script tag.");
      return;
    }
    var host = mountPoint();
    host.setAttribute("data-glossary-widget", slug);
    getJson("terms/" + encodeURIComponent(slug) + "/widget/").then(
      function (payload) {
        host.widget = new Widget(host, payload);
      },
      function (error) {
        host.hidden = true;
        console.warn("Glossary widget: no questions for '" + slug + "' (" + error.message + ").");
      }
    );
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
