import type { SpikeAlertPhase, SpikeBucketResult, SpikeSeverity } from '@vigie/spikes-core';
import type { StoredSpikeIncident } from '../incidents/spike-incident.repository';
import { IncidentTracker } from './incident-tracker';

const series = { brandId: 'brand-1', topic: 'outage' };
const startMs = Date.UTC(2026, 10, 23, 9, 0);

function minute(params: {
  index: number;
  phase: SpikeAlertPhase;
  count?: number;
  severity?: SpikeSeverity | null;
}): SpikeBucketResult {
  return {
    bucketStartMs: startMs + params.index * 60_000,
    count: params.count ?? 0,
    anomalyScore: 0,
    baselineCount: 1,
    bandLowerCount: 0,
    bandUpperCount: 3,
    alertPhase: params.phase,
    severity: params.severity ?? null,
    alertStartedAtMs: null,
    isWarmingUp: false,
  };
}

const openIncident: StoredSpikeIncident = {
  id: 'incident-1',
  brandId: 'brand-1',
  topic: 'outage',
  status: 'open',
  severity: 'minor',
  startedAt: new Date(startMs - 3_600_000).toISOString(),
  endedAt: null,
  mentionCount: 40,
  baselineCount: 10,
  topTerms: [],
  samples: [],
};

describe('IncidentTracker', () => {
  it('opens an incident on the start, counts the minutes of the alert and escalates its severity', () => {
    const tracker = new IncidentTracker(null);
    tracker.observe(series, minute({ index: 0, phase: 'none', count: 2 }));
    tracker.observe(series, minute({ index: 1, phase: 'started', count: 30, severity: 'major' }));
    tracker.observe(series, minute({ index: 2, phase: 'ongoing', count: 45, severity: 'critical' }));
    expect(tracker.touched).toHaveLength(1);
    expect(tracker.touched[0]).toEqual({
      isNew: true,
      incident: expect.objectContaining({
        id: '',
        status: 'open',
        severity: 'critical',
        startedAt: new Date(startMs + 60_000).toISOString(),
        mentionCount: 75,
        baselineCount: 2,
      }),
    });
  });

  it('closes an incident opened and ended within one run', () => {
    const tracker = new IncidentTracker(null);
    tracker.observe(series, minute({ index: 0, phase: 'started', count: 30, severity: 'minor' }));
    tracker.observe(series, minute({ index: 1, phase: 'ended' }));
    expect(tracker.touched).toEqual([
      {
        isNew: true,
        incident: expect.objectContaining({
          status: 'closed',
          endedAt: new Date(startMs + 60_000).toISOString(),
        }),
      },
    ]);
  });

  it('updates an incident opened by an earlier run and touches nothing when no alert is running', () => {
    const tracker = new IncidentTracker({ ...openIncident });
    tracker.observe(series, minute({ index: 0, phase: 'ongoing', count: 5, severity: 'minor' }));
    expect(tracker.touched).toEqual([
      { isNew: false, incident: expect.objectContaining({ id: 'incident-1', mentionCount: 45 }) },
    ]);
    const quiet = new IncidentTracker(null);
    quiet.observe(series, minute({ index: 0, phase: 'ongoing', count: 5 }));
    quiet.observe(series, minute({ index: 1, phase: 'ended' }));
    expect(quiet.touched).toEqual([]);
  });

  it('closes an incident left open by a reset detector when a new alert starts', () => {
    const tracker = new IncidentTracker({ ...openIncident });
    tracker.observe(series, minute({ index: 0, phase: 'started', count: 20, severity: 'major' }));
    expect(tracker.touched.map(({ isNew, incident }) => [isNew, incident.id, incident.status])).toEqual([
      [false, 'incident-1', 'closed'],
      [true, '', 'open'],
    ]);
  });
});
