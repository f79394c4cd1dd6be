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
