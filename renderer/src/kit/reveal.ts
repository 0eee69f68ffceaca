/**
 * A ref for what a click opens under a grid (a row's detail, a backup's
 * contents): at 1366×768 it appears below the fold, and a click that seems
 * to do nothing is clicked again. Brought into view once, when it appears;
 * put it on an element keyed by what it shows, so a new choice shows again.
 */
export function revealOnMount(node: HTMLElement | null): void {
  node?.scrollIntoView({ block: 'nearest' });
}
