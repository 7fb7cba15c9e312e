/** Up to two initials for an avatar: "Camille Martin" → "CM", "élodie" → "É". */
export function initials(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.map((word) => Array.from(word)[0]?.toLocaleUpperCase() ?? '').join('');
}
