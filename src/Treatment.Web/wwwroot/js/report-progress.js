// Reloads the report run page every two seconds while the run is in progress (the server renders the progress).
setTimeout(function () { window.location.reload(); }, 2000);
