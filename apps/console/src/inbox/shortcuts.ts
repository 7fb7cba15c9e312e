/** The keyboard shortcuts, listed in the `?` dialog in this order. */
export const shortcuts = [
  { action: 'next', keys: ['j'] },
  { action: 'previous', keys: ['k'] },
  { action: 'reply', keys: ['r'] },
  { action: 'resolve', keys: ['e'] },
  { action: 'snooze', keys: ['s'] },
  { action: 'assign', keys: ['a'] },
  { action: 'send', keys: ['Ctrl', 'Enter'] },
  { action: 'help', keys: ['?'] },
] as const;

export type ShortcutAction = (typeof shortcuts)[number]['action'];

type KeyEventLike = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
};

/** Whether the key was typed into a field (then it is text, not a shortcut). */
function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The single-key shortcut an event stands for; none while typing in a field or with a modifier held,
 * so the browser's and the screen reader's own shortcuts keep working. (Ctrl+Enter is the reply box's.)
 */
export function shortcutFor(event: KeyEventLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return null;
  const match = shortcuts.find(
    (shortcut) => shortcut.keys.length === 1 && shortcut.keys[0] === event.key && shortcut.action !== 'send',
  );
  return match?.action ?? null;
}
