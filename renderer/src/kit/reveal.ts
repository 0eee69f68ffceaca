/**
 * A ref for what a click opens under a grid (a row's detail, a backup's
 * contents): at 1366×768 it appears below the fold, and a click that seems
 * to do nothing is clicked again. Brought into view once, when it appears;
 * put it on an element keyed by what it shows, so a new choice shows again.
 */
export function revealOnMount(node: HTMLElement | null): void {
  node?.scrollIntoView({ block: 'nearest' });
}

/**
 * A ref for a panel another screen's link points at (a sign-in notice's 「到「设置 → 用户 → 密钥」…」): it stood under
 * the users' list, out of a 1366×678 window, so the link seemed to lead nowhere. Brought to the top once, when it
 * appears (a function of its own, so React does not call it again on every render).
 */
export function revealAtTop(node: HTMLElement | null): void {
  node?.scrollIntoView({ block: 'start' });
}
