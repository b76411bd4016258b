/* The image library in the Markdown editor: an "Insert image" button beside each editor, and
   image files dropped or pasted on it. Either way the editor gives the alt text before the
   upload, the server re-encodes the image into the library, and `![alt](image:<id>)` is
   inserted at the cursor; publication turns it into the image's absolute URL.
   Drops and pastes are caught before markdownx's own handler (capture phase on window),
   so a refused upload shows the server's message here instead of "Invalid response"
   in the text. Kept apart from other editor scripts: it only adds a button and a dialog. */
(function () {
  "use strict";

  var EDITOR = "textarea[data-image-library-url]";

  function csrfToken(textarea) {
    var input = textarea.form && textarea.form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start);
    var spacer = before && !/\s$/.test(before) ? " " : "";
    textarea.setRangeText(spacer + text, start, end, "end");
    textarea.focus();
    // markdownx refreshes its preview on input.
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function field(label, input) {
    return element("p", {}, [element("label", { text: label }), input]);
  }

  function serverMessage(response, data) {
    if (data && data.detail) return data.detail;
    if (data && data.errors) {
      var fields = Object.keys(data.errors);
      if (fields.length) return data.errors[fields[0]][0];
    }
    return "The upload failed (HTTP " + response.status + " " + response.statusText + "). Try again.";
  }

  function Picker(textarea) {
    var url = textarea.getAttribute("data-image-library-url");
    var id = textarea.id || textarea.name;
    var file = element("input", { type: "file", name: "file", accept: "image/png,image/jpeg,image/gif,image/webp" });
    var alt = element("input", { type: "text", name: "alt_text", maxlength: "250", required: "" });
    var caption = element("input", { type: "text", name: "caption" });
    var credit = element("input", { type: "text", name: "credit", maxlength: "200" });
    var error = element("p", { class: "image-picker-error errornote", role: "alert" });
    var search = element("input", { type: "search", name: "q", placeholder: "Search alt text, caption or credit" });
    var results = element("ul", { class: "image-picker-results" });
    var upload = element("button", { type: "button", class: "button default", text: "Upload and insert" });
    var cancel = element("button", { type: "button", class: "button", text: "Cancel" });
    var title = element("h2", { id: id + "-image-picker-title", text: "Insert image" });
    var dialog = element("dialog", { class: "image-picker", "aria-labelledby": title.id }, [
      title,
      error,
      element("fieldset", {}, [
        element("legend", { text: "Upload a new image" }),
        field("Image file", file),
        field("Alt text (required): what the image shows, for readers who cannot see it", alt),
        field("Caption", caption),
        field("Credit", credit),
        upload,
      ]),
      element("fieldset", {}, [element("legend", { text: "Or choose from the library" }), search, results]),
      cancel,
    ]);
    error.hidden = true;
    document.body.appendChild(dialog);

    function showError(message) {
      error.textContent = message;
      error.hidden = false;
    }

    function close() {
      dialog.close();
      textarea.focus();
    }

    function insert(markdown) {
      close();
      insertAtCursor(textarea, markdown);
    }

    function listLibrary() {
      fetch(url + "?" + new URLSearchParams({ q: search.value }), { credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) throw new Error(serverMessage(response, data));
            return data;
          });
        })
        .then(function (data) {
          results.replaceChildren();
          if (!data.results.length) results.appendChild(element("li", { text: "No image matches." }));
          data.results.forEach(function (image) {
            var choose = element("button", { type: "button", class: "image-picker-choice", title: image.alt_text }, [
              element("img", { src: image.url, alt: "" }),
              element("span", { text: image.alt_text }),
            ]);
            choose.addEventListener("click", function () { insert(image.markdown); });
            results.appendChild(element("li", {}, [choose]));
          });
        })
        .catch(function (failure) { showError(failure.message); });
    }

    upload.addEventListener("click", function () {
      error.hidden = true;
      if (!file.files.length) return showError("Choose an image file to upload.");
      if (!alt.value.trim()) {
        alt.focus();
        return showError("Describe the image in its alt text.");
      }
      var data = new FormData();
      data.append("file", file.files[0]);
      data.append("alt_text", alt.value);
      data.append("caption", caption.value);
      data.append("credit", credit.value);
      upload.disabled = true;
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea) },
      })
        .then(function (response) {
          return response.json().catch(function () { return null; }).then(function (body) {
            if (!response.ok) throw new Error(serverMessage(response, body));
            return body;
          });
        })
        .then(function (image) { insert(image.markdown); })
        .catch(function (failure) { showError(failure.message); })
        .finally(function () { upload.disabled = false; });
    });
    cancel.addEventListener("click", close);
    var searching = null;
    search.addEventListener("input", function () {
      clearTimeout(searching);
      searching = setTimeout(listLibrary, 250);
    });

    this.open = function (dropped) {
      error.hidden = true;
      file.value = "";
      alt.value = caption.value = credit.value = "";
      if (dropped) {
        var transfer = new DataTransfer();
        transfer.items.add(dropped);
        file.files = transfer.files;
      }
      dialog.showModal();
      (dropped ? alt : file).focus();
      listLibrary();
    };
  }

  function pickerOf(textarea) {
    if (!textarea._imagePicker) textarea._imagePicker = new Picker(textarea);
    return textarea._imagePicker;
  }

  function addButton(textarea) {
    if (textarea.hasAttribute("data-image-picker-ready")) return;
    textarea.setAttribute("data-image-picker-ready", "");
    var button = element("button", { type: "button", class: "button image-picker-open", text: "Insert image" });
    button.addEventListener("click", function () { pickerOf(textarea).open(null); });
    var container = textarea.closest(".markdownx") || textarea;
    container.parentNode.insertBefore(element("div", { class: "image-picker-toolbar" }, [button]), container);
  }

  function imageFile(transfer) {
    var files = transfer ? Array.prototype.slice.call(transfer.files || []) : [];
    return files.length ? files[0] : null;
  }

  // Before markdownx's handlers on the textarea: a file dropped or pasted asks for alt text first.
  ["drop", "paste"].forEach(function (type) {
    window.addEventListener(
      type,
      function (event) {
        var textarea = event.target.closest && event.target.closest(EDITOR);
        var dropped = textarea && imageFile(type === "drop" ? event.dataTransfer : event.clipboardData);
        if (!dropped) return;
        event.preventDefault();
        event.stopPropagation();
        pickerOf(textarea).open(dropped);
      },
      true
    );
  });

  function setUp(root) {
    (root || document).querySelectorAll(EDITOR).forEach(addButton);
  }
  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  // Inline forms added with "Add another" (FAQs).
  document.addEventListener("formset:added", function (event) { setUp(event.target); });
})();
