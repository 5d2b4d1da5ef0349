// Chromium sometimes runs a shortcut's command before the key press's activeTab grant has reached the tab (about
// once in 50 to 100 presses right after a page loads): the first injection is refused as if the page were off
// limits, and the reader got the popup instead of the view. A moment later the grant is there.

/** How long to give the grant before the one retry. */
export const GRANT_RETRY_MS = 150;

/** A refusal that a missing host permission (or a grant still on its way) gives. */
export function isPermissionRefusal(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /cannot access|missing host permission|permission to access/i.test(message);
}

/**
 * `attempt()`, and once more after `wait()` when it throws a permission refusal. Any other error, or a second
 * refusal, is thrown.
 */
export async function retryOnceOnRefusal<T>(
  attempt: () => Promise<T>,
  wait: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, GRANT_RETRY_MS)),
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isPermissionRefusal(error)) throw error;
    await wait();
    return attempt();
  }
}
