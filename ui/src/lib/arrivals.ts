// When something from the partner's computer has been applied, the app tells the page with a
// `hearth-arrived` event on its window (no IPC permission needed). Pages that show shared things
// read them again.

/** Calls `reload` each time something arrives from the partner's computer; returns the undo. */
export function onArrival(reload: () => void): () => void {
  const handler = () => reload();
  window.addEventListener('hearth-arrived', handler);
  return () => window.removeEventListener('hearth-arrived', handler);
}
