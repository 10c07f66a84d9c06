// Reloads the report run page every second while the run is in progress (the server renders the progress).
setTimeout(function () { window.location.reload(); }, 1000);
