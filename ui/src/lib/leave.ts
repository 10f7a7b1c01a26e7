// Leave now: for someone who needs Hearth off the screen at once (the button beside where to
// turn, or Ctrl+Shift+L on any page). The page goes to Today before anything else, then the core
// locks the notebook and takes the window off the screen; it comes back on Today, reloaded.
// Nothing about it is kept or logged.

import { api } from './api';

export const TODAY_HASH = '#/today';

export async function leaveNow(): Promise<void> {
  // Replaced, not pushed: going back does not return to the page that was left.
  window.location.replace(TODAY_HASH);
  try {
    await api.windowLeaveNow();
  } catch {
    // Without the core the window cannot be moved; the page has already left, which is what
    // matters most, and an error message here would draw the eye back to it.
  }
}
