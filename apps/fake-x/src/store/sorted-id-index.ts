import { compareIds } from './snowflake';

/**
 * Ids kept in ascending numeric order. New ids are almost always the largest (appended in O(1));
 * back-dated ones are placed by binary search.
 */
export class SortedIdIndex {
  private ids: string[] = [];
  private newestFirstCache: string[] | undefined;

  insert(id: string): void {
    this.newestFirstCache = undefined;
    const last = this.ids[this.ids.length - 1];
    if (last === undefined || compareIds(id, last) > 0) {
      this.ids.push(id);
      return;
    }
    let low = 0;
    let high = this.ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareIds(this.ids[middle], id) < 0) low = middle + 1;
      else high = middle;
    }
    this.ids.splice(low, 0, id);
  }

  newestFirst(): readonly string[] {
    this.newestFirstCache ??= [...this.ids].reverse();
    return this.newestFirstCache;
  }

  clear(): void {
    this.ids = [];
    this.newestFirstCache = undefined;
  }
}
