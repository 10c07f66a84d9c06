// The department list shows the chosen agency's departments only; without this script the server still checks the pair.
(function () {
    var agency = document.getElementById('new-agency');
    var department = document.getElementById('new-department');
    if (!agency || !department) {
        return;
    }

    function filter() {
        var groups = department.querySelectorAll('optgroup');
        groups.forEach(function (group) {
            var match = group.getAttribute('data-agency') === agency.value;
            group.hidden = !match;
            group.disabled = !match;
        });
        var chosen = department.selectedOptions[0];
        if (chosen && chosen.parentElement && chosen.parentElement.disabled) {
            department.value = '';
        }
    }

    agency.addEventListener('change', filter);
    filter();
})();
