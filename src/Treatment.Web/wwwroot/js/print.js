// The notice's print button (a file, not an inline handler: the CSP allows scripts from this site's files only).
(function () {
    var button = document.getElementById("print-notice");
    if (button) {
        button.addEventListener("click", function () { window.print(); });
    }
})();
