import { assertNever } from '@vigie/kernel';
import type { SpikeBucketResult } from '@vigie/spikes-core';
import type { StoredSpikeIncident } from '../incidents/spike-incident.repository';
import type { StoredSpikeSeries } from '../series/spike-series.repository';

/** An incident the run changed; `isNew` when the run opened it (it has no id yet). */
export type TouchedIncident = { incident: StoredSpikeIncident; isNew: boolean };

/** Follows the detector's alert phases over a run of minutes and says which incidents changed. */
export class IncidentTracker {
  readonly touched: TouchedIncident[] = [];
  private current: TouchedIncident | null;

  constructor(open: StoredSpikeIncident | null) {
    this.current = open ? { incident: open, isNew: false } : null;
  }

  observe(series: Pick<StoredSpikeSeries, 'brandId' | 'topic'>, result: SpikeBucketResult): void {
    const atIso = new Date(result.bucketStartMs).toISOString();
    switch (result.alertPhase) {
      case 'started':
        // An incident left open by a detector that was reset cannot end any more: close it here.
        if (this.current) this.close(atIso);
        this.current = {
          isNew: true,
          incident: {
            id: '',
            brandId: series.brandId,
            topic: series.topic,
            status: 'open',
            severity: result.severity ?? 'minor',
            startedAt: atIso,
            endedAt: null,
            mentionCount: result.count,
            baselineCount: result.baselineCount,
            topTerms: [],
            samples: [],
          },
        };
        this.touched.push(this.current);
        return;
      case 'ongoing':
        if (!this.current) return;
        if (!this.touched.includes(this.current)) this.touched.push(this.current);
        this.current.incident.mentionCount += result.count;
        this.current.incident.baselineCount += result.baselineCount;
        this.current.incident.severity = result.severity ?? this.current.incident.severity;
        return;
      case 'ended':
        if (this.current) this.close(atIso);
        return;
      case 'none':
        return;
      default:
        assertNever(result.alertPhase);
    }
  }

  private close(atIso: string): void {
    if (!this.current) return;
    if (!this.touched.includes(this.current)) this.touched.push(this.current);
    this.current.incident.status = 'closed';
    this.current.incident.endedAt = atIso;
    this.current = null;
  }
}
