import { type SpikeIncidentSeverity, type SpikeVolumeSeries } from '@vigie/contracts';

/** The ranges the chart offers, in hours (the API reads at most 168, the counts' 7 days). */
export const volumeRanges = [6, 24, 72, 168] as const;
export type VolumeRange = (typeof volumeRanges)[number];

/** One point as recharts draws it: time on x, the band as a [lower, upper] range area. */
export type ChartRow = {
  atMs: number;
  count: number;
  baseline: number | null;
  band: [number, number] | null;
  /** The count is above the band's upper edge. */
  isAbove: boolean;
};

export function chartRows(series: SpikeVolumeSeries): ChartRow[] {
  return series.points.map((point) => {
    const band: [number, number] | null =
      point.bandLowerCount !== null && point.bandUpperCount !== null
        ? [point.bandLowerCount, point.bandUpperCount]
        : null;
    return {
      atMs: Date.parse(point.at),
      count: point.count,
      baseline: point.baselineCount,
      band,
      isAbove: band !== null && point.count > band[1],
    };
  });
}

/** An alert shaded on the chart, clipped to the chart's range. */
export type AlertMarker = {
  incidentId: string;
  severity: SpikeIncidentSeverity;
  startMs: number;
  endMs: number;
  /** The alert started inside the range (its start line is drawn). */
  isStartShown: boolean;
  isOngoing: boolean;
};

export function alertMarkers(series: SpikeVolumeSeries): AlertMarker[] {
  const fromMs = Date.parse(series.from);
  const toMs = Date.parse(series.to);
  return series.alerts.map((alert) => {
    const startMs = Date.parse(alert.startedAt);
    const endMs = alert.endedAt ? Date.parse(alert.endedAt) : toMs;
    return {
      incidentId: alert.incidentId,
      severity: alert.severity,
      startMs: Math.max(startMs, fromMs),
      endMs: Math.min(Math.max(endMs, startMs), toMs),
      isStartShown: startMs >= fromMs,
      isOngoing: alert.endedAt === null,
    };
  });
}

/** The figures the chart's caption reads out (for screen readers too): totals over the range and the peak. */
export type VolumeSummary = {
  mentions: number;
  /** What the baseline expected over the same steps (null without a baseline). */
  expected: number | null;
  peak: { atMs: number; count: number } | null;
  /** Steps above the band. */
  stepsAbove: number;
  alerts: number;
};

export function volumeSummary(series: SpikeVolumeSeries): VolumeSummary {
  const rows = chartRows(series);
  let peak: VolumeSummary['peak'] = null;
  for (const row of rows)
    if (row.count > 0 && (!peak || row.count > peak.count)) peak = { atMs: row.atMs, count: row.count };
  const hasBaseline = rows.some((row) => row.baseline !== null);
  return {
    mentions: rows.reduce((sum, row) => sum + row.count, 0),
    expected: hasBaseline ? Math.round(rows.reduce((sum, row) => sum + (row.baseline ?? 0), 0)) : null,
    peak,
    stepsAbove: rows.filter((row) => row.isAbove).length,
    alerts: series.alerts.length,
  };
}

/** Ticks on whole steps of the range: hours for a day or less, days beyond. */
export function timeTicks(params: { fromMs: number; toMs: number; timeZoneOffsetMinutes: number }): number[] {
  const spanHours = (params.toMs - params.fromMs) / 3_600_000;
  const stepMs =
    spanHours <= 6
      ? 3_600_000
      : spanHours <= 24
        ? 4 * 3_600_000
        : spanHours <= 72
          ? 12 * 3_600_000
          : 86_400_000;
  // Ticks on local whole hours (or midnights): shift by the zone offset, round up, shift back.
  const offsetMs = -params.timeZoneOffsetMinutes * 60_000;
  const first = Math.ceil((params.fromMs + offsetMs) / stepMs) * stepMs - offsetMs;
  const ticks: number[] = [];
  for (let tick = first; tick <= params.toMs; tick += stepMs) ticks.push(tick);
  return ticks;
}
