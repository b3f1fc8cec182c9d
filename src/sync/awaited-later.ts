/**
 * Marks a promise started now and awaited later (a page read ahead, a count sent with the describe).
 * If it fails before anyone awaits it, Node would call the rejection unhandled and end the process;
 * the failure still reaches whoever awaits the returned promise.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
