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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-filter]").forEach(setupFilter);
    var job = document.getElementById("job");
    if (job) setupJob(job);
  });
})();
