import { type SpikeVolumeSeries } from '@vigie/contracts';
import { alertMarkers, chartRows, timeTicks, volumeSummary } from './volume-chart';

const series: SpikeVolumeSeries = {
  brandId: 'brand',
  brandName: 'Vigie Telecom',
  topic: 'outage',
  from: '2026-11-24T09:00:00.000Z',
  to: '2026-11-24T09:04:00.000Z',
  stepMinutes: 1,
  isWarmingUp: false,
  readUntil: '2026-11-24T09:02:00.000Z',
  points: [
    { at: '2026-11-24T09:00:00.000Z', count: 1, baselineCount: 0.6, bandLowerCount: 0, bandUpperCount: 3.1 },
    { at: '2026-11-24T09:01:00.000Z', count: 12, baselineCount: 0.6, bandLowerCount: 0, bandUpperCount: 3.1 },
    { at: '2026-11-24T09:02:00.000Z', count: 9, baselineCount: 0.7, bandLowerCount: 0, bandUpperCount: 3.3 },
    { at: '2026-11-24T09:03:00.000Z', count: 3, baselineCount: 0.7, bandLowerCount: 0, bandUpperCount: 3.3 },
  ],
  alerts: [
    {
      incidentId: 'earlier',
      severity: 'minor',
      status: 'closed',
      closure: 'calm',
      startedAt: '2026-11-24T07:00:00.000Z',
      endedAt: '2026-11-24T09:01:00.000Z',
    },
    {
      incidentId: 'outage',
      severity: 'critical',
      status: 'open',
      closure: null,
      startedAt: '2026-11-24T09:01:00.000Z',
      endedAt: null,
    },
  ],
};

describe('volume chart', () => {
  it('draws the band as a range and marks the steps above it', () => {
    const rows = chartRows(series);
    expect(rows[1]).toEqual({
      atMs: Date.parse('2026-11-24T09:01:00Z'),
      count: 12,
      baseline: 0.6,
      band: [0, 3.1],
      isAbove: true,
    });
    expect(rows.map((row) => row.isAbove)).toEqual([false, true, true, false]);
  });

  it('draws no band before the detector has read the series', () => {
    const rows = chartRows({
      ...series,
      points: [
        { at: series.from, count: 2, baselineCount: null, bandLowerCount: null, bandUpperCount: null },
      ],
    });
    expect(rows).toEqual([
      { atMs: Date.parse(series.from), count: 2, baseline: null, band: null, isAbove: false },
    ]);
  });

  it('clips alerts to the range and runs an ongoing one to its end', () => {
    expect(alertMarkers(series)).toEqual([
      {
        incidentId: 'earlier',
        severity: 'minor',
        startMs: Date.parse('2026-11-24T09:00:00Z'),
        endMs: Date.parse('2026-11-24T09:01:00Z'),
        isStartShown: false,
        isOngoing: false,
      },
      {
        incidentId: 'outage',
        severity: 'critical',
        startMs: Date.parse('2026-11-24T09:01:00Z'),
        endMs: Date.parse('2026-11-24T09:04:00Z'),
        isStartShown: true,
        isOngoing: true,
      },
    ]);
  });

  it('sums what the caption reads out', () => {
    expect(volumeSummary(series)).toEqual({
      mentions: 25,
      expected: 3,
      peak: { atMs: Date.parse('2026-11-24T09:01:00Z'), count: 12 },
      stepsAbove: 2,
      alerts: 2,
    });
    expect(
      volumeSummary({
        ...series,
        alerts: [],
        points: series.points.map((point) => ({ ...point, count: 0, baselineCount: null })),
      }),
    ).toEqual({ mentions: 0, expected: null, peak: null, stepsAbove: 0, alerts: 0 });
  });

  it('puts ticks on local whole hours for a day, and on local midnights for a week', () => {
    const fromMs = Date.parse('2026-11-23T10:05:00Z');
    // Paris in winter: UTC+1 (getTimezoneOffset -60).
    const day = timeTicks({ fromMs, toMs: fromMs + 24 * 3_600_000, timeZoneOffsetMinutes: -60 });
    expect(new Date(day[0]).toISOString()).toBe('2026-11-23T11:00:00.000Z');
    expect(day).toHaveLength(6);
    const week = timeTicks({ fromMs, toMs: fromMs + 168 * 3_600_000, timeZoneOffsetMinutes: -60 });
    expect(new Date(week[0]).toISOString()).toBe('2026-11-23T23:00:00.000Z');
    expect(week).toHaveLength(7);
  });
});
