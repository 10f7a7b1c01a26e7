// Event handlers that do one thing first. Svelte 5 has no `|preventDefault` modifier, so a form
// that is handled on the page wraps its submit handler in `preventDefault`.

/** A handler that keeps the browser from its default (a form's page load), then runs `handler`. */
export function preventDefault<E extends Event>(handler: (event: E) => unknown): (event: E) => void {
  return (event) => {
    event.preventDefault();
    void handler(event);
  };
}
