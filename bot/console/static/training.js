// Training page: while a retraining runs, show its progress (polls /api/training every 2 s).
(function () {
  const state = document.getElementById("training-state");
  const progress = document.getElementById("training-progress");
  const start = document.getElementById("start");
  async function poll() {
    const reply = await fetch("/api/training", { headers: { Accept: "application/json" } });
    if (!reply.ok) return;
    const job = await reply.json();
    if (!("gestartet" in job)) return;
    state.textContent = job.laeuft
      ? `Training läuft (gestartet von ${job.gestartet_von}) …`
      : job.ergebnis;
    progress.replaceChildren(...job.fortschritt.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
    start.disabled = job.laeuft;
    if (job.laeuft) setTimeout(poll, 2000);
  }
  if (start && start.disabled) setTimeout(poll, 2000);
})();

// While Rasa's own validation runs in the background, reload the page once it has finished (polls every 3 s).
(function () {
  const check = document.getElementById("rasa-check");
  async function poll() {
    const reply = await fetch("/api/rasa-pruefung", { headers: { Accept: "application/json" } });
    if (!reply.ok) return;
    const state = await reply.json();
    if (state.laeuft) setTimeout(poll, 3000);
    else window.location.reload();
  }
  if (check && check.dataset.running) setTimeout(poll, 3000);
})();
