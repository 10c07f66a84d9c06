// Shows the treatment standard (period, documents, fee) of the affair chosen in the register form.
(function () {
    var select = document.getElementById("affair");
    var info = document.getElementById("affair-info");
    if (!select || !info) { return; }
    function show() {
        var option = select.options[select.selectedIndex];
        ["period", "documents", "fee", "statute"].forEach(function (name) {
            info.querySelector("[data-field=" + name + "]").textContent = (option && option.getAttribute("data-" + name)) || "—";
        });
    }
    select.addEventListener("change", show);
    show();
})();
