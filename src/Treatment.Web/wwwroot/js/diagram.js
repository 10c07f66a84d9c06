// Renders the workflow diagram from the Mermaid source in the page; without script the source stays readable.
(function () {
    var blocks = document.querySelectorAll("pre.mermaid-source");
    if (!window.mermaid || blocks.length === 0) { return; }
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
    blocks.forEach(function (pre, i) {
        var target = document.getElementById(pre.getAttribute("data-target"));
        window.mermaid.render("wf-diagram-" + i, pre.textContent).then(function (out) {
            target.innerHTML = out.svg;
            target.setAttribute("data-rendered", "true");
            pre.hidden = true;
        }).catch(function (e) { target.setAttribute("data-rendered", "failed"); target.setAttribute("data-error", String(e && e.message || e)); });
    });
})();
