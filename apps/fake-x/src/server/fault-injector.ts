export interface FaultRule {
  status: number;
  remaining: number;
  pathPrefix?: string;
  method?: string;
  /** The request is served (a post is created) and only then answered with `status`: the answer is lost, not the request. */
  isAfterEffect?: boolean;
}

/** "Fail the next N requests (optionally under a path prefix) with status S": consumed in order of creation. */
export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, method: rule.method?.toUpperCase() });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Returns the status to fail with (and when), and uses one unit of the matching rule. */
  take(method: string, path: string): { status: number; isAfterEffect: boolean } | undefined {
    const rule = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (!candidate.pathPrefix || path.startsWith(candidate.pathPrefix)) &&
        (!candidate.method || candidate.method === method),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
    return { status: rule.status, isAfterEffect: rule.isAfterEffect === true };
  }
}
