/* Verbinder: small progressive enhancements; every form also works without JavaScript.
 * - form[data-bezig]: while the server works, its buttons are disabled and a progress line shows.
 * - form[data-fragment]: posted in the background; the answer replaces the element named by
 *   data-fragment (the list refines in place, the page does not jump to the top).
 * - #verplaatsen: live rule warnings while choosing where a guest goes.
 */
(function () {
  "use strict";

  function progress(text) {
    var box = document.getElementById("voortgang");
    if (!box) {
      box = document.createElement("div");
      box.id = "voortgang";
      box.className = "voortgang";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      var main = document.getElementById("inhoud");
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = text || "";
    box.classList.toggle("actief", !!text);
    document.getElementById("inhoud").setAttribute("aria-busy", text ? "true" : "false");
  }

  function busy(form, submitter) {
    // Keep the pressed button's name/value: a disabled button is not sent with the form.
    if (submitter && submitter.name) {
      var keep = document.createElement("input");
      keep.type = "hidden";
      keep.name = submitter.name;
      keep.value = submitter.value;
      form.appendChild(keep);
    }
    form.querySelectorAll("button, input[type=submit]").forEach(function (b) {
      b.disabled = true;
    });
    form.setAttribute("aria-busy", "true");
    progress(form.getAttribute("data-bezig") || "Bezig…");
  }

  function fragment(form, submitter) {
    var target = document.getElementById(form.getAttribute("data-fragment"));
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    busy(form, null);
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(data),
      headers: { "X-Verbinder-Fragment": "1" },
      credentials: "same-origin"
    })
      .then(function (r) {
        return r.text().then(function (html) { return { ok: r.ok, html: html }; });
      })
      .then(function (answer) {
        var holder = document.createElement("div");
        holder.innerHTML = answer.html;
        var fresh = holder.querySelector("#" + target.id);
        if (fresh) target.replaceWith(fresh);
        progress("");
        var status = document.querySelector("#" + target.id + " [role=status]");
        if (status) { status.setAttribute("tabindex", "-1"); status.focus({ preventScroll: true }); }
      })
      .catch(function () {
        progress("Het lukte niet om dit vast te leggen. Probeer het opnieuw.");
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-fragment") && window.fetch) {
      event.preventDefault();
      fragment(form, event.submitter);
    } else if (form.hasAttribute("data-bezig")) {
      busy(form, event.submitter);
    }
  });

  function moveWarnings() {
    var form = document.getElementById("verplaatsen");
    if (!form) return;
    var load = JSON.parse(form.getAttribute("data-bezetting") || "{}");
    var cap = JSON.parse(form.getAttribute("data-capaciteit") || "{}");
    var out = document.getElementById("regels");
    function check() {
      var s = form.elements.sessie, t = form.elements.tafel;
      var n = load[s.value + "|" + t.value] || 0, max = cap[t.value];
      var tableName = t.options[t.selectedIndex].text, sessionName = s.options[s.selectedIndex].text;
      if (max !== undefined && n >= max) {
        out.textContent = "Let op: " + tableName + " is in " + sessionName + " al vol (" + n +
          "/" + max + "). Een andere gast wordt dan verplaatst, of de indeling lukt niet.";
        out.className = "waarschuwing";
      } else {
        out.textContent = max !== undefined ? "Plaats vrij: " + n + "/" + max + " bezet." : "";
        out.className = "hint";
      }
    }
    form.addEventListener("change", check);
    check();
  }

  function panZoom(figure) {
    var svg = figure.querySelector("svg");
    if (!svg) return;
    var home = svg.getAttribute("viewBox").split(" ").map(Number);
    var box = home.slice();
    function apply() { svg.setAttribute("viewBox", box.join(" ")); }
    function zoom(factor, cx, cy) {
      var w = box[2] * factor, h = box[3] * factor;
      if (w < home[2] / 8 || w > home[2] * 2) return;
      cx = cx === undefined ? box[0] + box[2] / 2 : cx;
      cy = cy === undefined ? box[1] + box[3] / 2 : cy;
      box = [cx - (cx - box[0]) * factor, cy - (cy - box[1]) * factor, w, h];
      apply();
    }
    function point(ev) {
      var r = svg.getBoundingClientRect();
      return [box[0] + (ev.clientX - r.left) / r.width * box[2],
              box[1] + (ev.clientY - r.top) / r.height * box[3]];
    }
    figure.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var how = b.getAttribute("data-zoom");
        if (how === "in") zoom(0.8); else if (how === "uit") zoom(1.25);
        else { box = home.slice(); apply(); }
      });
    });
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = point(ev);
      zoom(ev.deltaY < 0 ? 0.85 : 1.18, p[0], p[1]);
    }, { passive: false });
    var drag = null, moved = false;
    svg.addEventListener("pointerdown", function (ev) {
      drag = { x: ev.clientX, y: ev.clientY, box: box.slice() }; moved = false;
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var r = svg.getBoundingClientRect();
      var dx = (ev.clientX - drag.x) / r.width * box[2], dy = (ev.clientY - drag.y) / r.height * box[3];
      if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 4) moved = true;
      if (moved) { box = [drag.box[0] - dx, drag.box[1] - dy, box[2], box[3]]; apply(); }
    });
    window.addEventListener("pointerup", function () { drag = null; });
    svg.addEventListener("click", function (ev) { if (moved) { ev.preventDefault(); moved = false; } }, true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    moveWarnings();
    document.querySelectorAll("figure.netwerk").forEach(panZoom);
  });
})();
