// Wide screens show every inbox condition; on a phone they stay folded unless one is in use (the server opens them then).
(function () {
    var conditions = document.getElementById("more-filters");
    if (conditions && window.matchMedia("(min-width: 641px)").matches) {
        conditions.open = true;
    }
})();
