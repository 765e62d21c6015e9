/* tradewar dashboard: draw the Vega-Lite specs embedded in the page (vendored vega-embed),
   again after each htmx swap. The pages work without this script (text and tables). */
(function () {
  "use strict";

  function embedAll(root) {
    var nodes = (root || document).querySelectorAll("script.vega-spec");
    nodes.forEach(function (node) {
      var target = document.getElementById(node.getAttribute("data-target"));
      if (!target || target.getAttribute("data-embedded") === "1") {
        return;
      }
      target.setAttribute("data-embedded", "1");
      target.setAttribute("aria-busy", "true");
      var spec;
      try {
        spec = JSON.parse(node.textContent);
      } catch (err) {
        target.textContent = "The chart could not be read: " + err;
        return;
      }
      if (typeof window.vegaEmbed !== "function") {
        target.textContent = "The chart library did not load; the data are in the table and CSV.";
        return;
      }
      window.vegaEmbed(target, spec, {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
        loader: { target: "_blank" }
      }).then(function () {
        describe(target);
        target.setAttribute("data-rendered", "1");
        target.removeAttribute("aria-busy");
      }).catch(function (err) {
        target.textContent = "The chart could not be drawn: " + err;
        target.setAttribute("data-rendered", "error");
      });
    });
  }

  // The drawing is one image named by the page's label: its marks carry no roles of their
  // own (screen readers get the table and the CSV), and the actions menu has a name.
  function describe(target) {
    var svg = target.querySelector("svg");
    if (svg) {
      svg.querySelectorAll("[role], [aria-label], [aria-roledescription]").forEach(function (node) {
        node.removeAttribute("role");
        node.removeAttribute("aria-label");
        node.removeAttribute("aria-roledescription");
      });
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", target.getAttribute("data-label") || "Chart");
    }
    var summary = target.querySelector("details > summary");
    if (summary) {
      summary.setAttribute("aria-label", "Save the chart as SVG or PNG");
    }
  }

  document.addEventListener("DOMContentLoaded", function () { embedAll(document); });
  document.addEventListener("htmx:afterSettle", function () { embedAll(document); });
})();
