import type { TextEntities } from './models';

const MENTION = /(^|[^\w@])@(\w{1,15})/g;
const HASHTAG = /(^|[^\w#])#([\p{L}\p{N}_]+)/gu;
const URL = /https?:\/\/[^\s]+/g;

/**
 * Extracts mentions, hashtags and URLs the way v2 reports them: zero-based, `start` inclusive, `end`
 * exclusive, counted in code points (X counts characters, so emoji before a mention shift by one, not two).
 */
export function extractEntities(
  text: string,
  resolveUserId: (username: string) => string | undefined,
): TextEntities {
  const toCodePointIndex = codePointIndexer(text);
  const mentions: TextEntities['mentions'] = [];
  for (const match of text.matchAll(MENTION)) {
    const start = (match.index ?? 0) + match[1].length;
    const username = match[2];
    const id = resolveUserId(username);
    mentions.push({
      start: toCodePointIndex(start),
      end: toCodePointIndex(start + username.length + 1),
      username,
      ...(id ? { id } : {}),
    });
  }
  const hashtags: TextEntities['hashtags'] = [];
  for (const match of text.matchAll(HASHTAG)) {
    const start = (match.index ?? 0) + match[1].length;
    hashtags.push({
      start: toCodePointIndex(start),
      end: toCodePointIndex(start + match[2].length + 1),
      tag: match[2],
    });
  }
  const urls: TextEntities['urls'] = [];
  for (const match of text.matchAll(URL)) {
    const start = match.index ?? 0;
    const url = match[0];
    urls.push({
      start: toCodePointIndex(start),
      end: toCodePointIndex(start + url.length),
      url,
      expanded_url: url,
      display_url: url.replace(/^https?:\/\//, ''),
    });
  }
  return { mentions, hashtags, urls };
}

function codePointIndexer(text: string): (utf16Index: number) => number {
  return (utf16Index) => Array.from(text.slice(0, utf16Index)).length;
}
