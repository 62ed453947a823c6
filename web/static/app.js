// docgen web: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // -- home page: filter municipalities as you type --
  function setupFilter(input) {
    var root = document.getElementById(input.getAttribute("data-filter"));
    if (!root) return;
    var empty = document.querySelector("[data-empty]");
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      root.querySelectorAll("[data-region]").forEach(function (region) {
        var visible = 0;
        region.querySelectorAll("[data-item]").forEach(function (item) {
          var hit = !query || item.getAttribute("data-text").toLowerCase().indexOf(query) !== -1;
          item.hidden = !hit;
          if (hit) visible += 1;
        });
        var named = region.getAttribute("data-name").toLowerCase().indexOf(query) !== -1;
        region.hidden = visible === 0 && !named;
        if (!region.hidden) shown += 1;
      });
      if (empty) empty.hidden = shown !== 0;
    });
  }

  // -- batch job page: poll the status instead of reloading the whole page --
  function setupJob(section) {
    if (section.getAttribute("data-active") !== "true") return;
    var url = section.getAttribute("data-job-status");
    var bar = document.getElementById("job-progress");
    var count = document.getElementById("job-count");
    var status = document.getElementById("job-status");
    function poll() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          bar.max = job.total || 1;
          bar.value = job.done;
          count.textContent = job.done + " из " + job.total;
          status.textContent = job.label;
          status.className = "status status-" + job.status;
          job.items.forEach(function (item) {
            var row = document.querySelector('tr[data-municipality="' + item.municipality + '"]');
            if (!row) return;
            var cell = row.querySelector(".status");
            cell.textContent = item.label;
            cell.className = "status item-" + item.status;
            row.querySelector(".notes").textContent = item.message;
          });
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 700);
  }

  // -- preview: the real pages (PNG from the PDF), lazy-loaded, findings by page --
  function setupPages(section) {
    var status = document.getElementById("pages-status");
    var list = document.getElementById("page-list");
    fetch(section.getAttribute("data-pages-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (info) {
        if (info.error) { status.textContent = info.error; return; }
        status.textContent = "Страниц: " + info.pages + ". ";
        var link = document.createElement("a");
        link.href = info.pdf;
        link.textContent = "Открыть PDF";
        status.appendChild(link);
        (info.findings["0"] || []).forEach(function (f) { list.appendChild(finding(f, "p")); });
        info.images.forEach(function (url, i) {
          var n = i + 1;
          var figure = document.createElement("figure");
          figure.className = "page";
          figure.id = "page-" + n;
          var img = document.createElement("img");
          img.loading = "lazy";
          img.src = url;
          img.alt = "Страница " + n;
          var caption = document.createElement("figcaption");
          caption.textContent = "Страница " + n;
          (info.findings[String(n)] || []).forEach(function (f) {
            caption.appendChild(finding(f, "span"));
          });
          figure.appendChild(img);
          figure.appendChild(caption);
          list.appendChild(figure);
        });
      })
      .catch(function () { status.textContent = "Страницы не загрузились: обновите предпросмотр."; });
  }

  function finding(f, tag) {
    var node = document.createElement(tag);
    node.className = "page-finding sev-" + f.severity;
    node.textContent = f.rule + " " + f.message;
    return node;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var pages = document.getElementById("pages");
    if (pages) setupPages(pages);
    document.querySelectorAll("[data-filter]").forEach(setupFilter);
    var job = document.getElementById("job");
    if (job) setupJob(job);
  });
})();
