// exposure-audit app: uploads, live progress and tick-boxes. Served from the app itself (CSP 'self').
"use strict";
(function () {
  var page = document.body.getAttribute("data-page");
  var events = null;
  // Every page keeps one event stream open: it carries the progress, and while it is open the
  // app knows the page is still there (it stops itself a while after the last page is closed).
  if (window.EventSource) {
    events = new EventSource("/api/events");
  }

  function upload(files) {
    var status = document.getElementById("upload-status");
    if (!files || !files.length) { return; }
    var form = new FormData();
    for (var i = 0; i < files.length; i++) { form.append("files", files[i], files[i].name); }
    status.textContent = "Adding " + files.length + (files.length === 1 ? " file…" : " files…");
    fetch("/uploads", { method: "POST", body: form, credentials: "same-origin" })
      .then(function () { window.location.reload(); })
      .catch(function () { status.textContent = "The files could not be added."; });
  }

  if (page === "start") {
    var input = document.getElementById("files");
    var drop = document.getElementById("drop");
    document.getElementById("upload-button").hidden = true;
    input.addEventListener("change", function () { upload(input.files); });
    var place = document.getElementById("place");
    var towns = document.getElementById("towns");
    var asked = "";
    place.addEventListener("input", function () {
      var text = place.value;
      if (text.length < 2 || text === asked || /^[-0-9., ]+$/.test(text)) { return; }
      asked = text;
      fetch("/api/towns?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (asked !== text) { return; }
          towns.textContent = "";
          (data.towns || []).forEach(function (label) {
            var option = document.createElement("option");
            option.value = label;
            towns.appendChild(option);
          });
        });
    });
    drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("over");
      upload(e.dataTransfer.files);
    });
  }

  if (page === "progress" && events) {
    events.onmessage = function (message) {
      var data = JSON.parse(message.data);
      if (data.state === "done") {
        // Show every step as done for a moment, so the person sees the scan reach its end.
        document.querySelectorAll("[data-phase]").forEach(function (item) { item.setAttribute("data-state", "done"); });
        document.getElementById("estimate").textContent = "Finished. Opening your report…";
        events.close();
        window.setTimeout(function () { window.location.href = "/report"; }, 800);
        return;
      }
      if (data.state === "cancelled" || data.state === "idle") { window.location.href = "/"; return; }
      if (data.state === "failed") { window.location.href = "/"; return; }
      var estimate = "";
      (data.phases || []).forEach(function (phase) {
        var item = document.querySelector('[data-phase="' + phase.key + '"]');
        if (!item) { return; }
        item.setAttribute("data-state", phase.state);
        var count = item.querySelector(".count");
        count.textContent = phase.total ? phase.done + " of " + phase.total + " " + phase.unit :
          (phase.state === "done" ? "done" : "");
        if (phase.state === "running" && phase.seconds_left !== null) {
          estimate = "About " + Math.max(1, phase.seconds_left) + " s left for this step.";
        }
      });
      document.getElementById("estimate").textContent = estimate;
    };
  }

  if (page === "report") {
    var boxes = document.querySelectorAll("input.done[data-key]");
    fetch("/api/ticks", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var ticked = {};
        (data.ticked || []).forEach(function (key) { ticked[key] = true; });
        boxes.forEach(function (box) {
          box.checked = !!ticked[box.getAttribute("data-key")];
          box.closest(".action").classList.toggle("is-done", box.checked);
        });
        document.body.setAttribute("data-ticks", "loaded");
      });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        box.closest(".action").classList.toggle("is-done", box.checked);
        fetch("/api/ticks", {
          method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ key: box.getAttribute("data-key"), done: box.checked })
        }).then(function (r) { box.setAttribute("data-saved", r.ok ? "yes" : "no"); });
      });
    });
  }
})();
