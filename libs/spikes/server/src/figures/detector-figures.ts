import type { SpikeDetectorBrandFigures, SpikeDetectorFigureCounts } from '@vigie/contracts';
import type { SeriesAlertCounts } from './detector-figures.repository';

type Counts = Pick<SeriesAlertCounts, 'alerts' | 'incidents' | 'falseAlarms' | 'merged'>;

/** The counts with the detector's precision: the share of its alerts that were not false alarms. */
export function figureCounts(counts: Counts): SpikeDetectorFigureCounts {
  return {
    alerts: counts.alerts,
    incidents: counts.incidents,
    falseAlarms: counts.falseAlarms,
    merged: counts.merged,
    precision: counts.alerts === 0 ? null : (counts.alerts - counts.falseAlarms) / counts.alerts,
  };
}

/** Per-series rows grouped per brand, with the brand's totals (series in the order given). */
export function brandFigures(rows: readonly SeriesAlertCounts[]): SpikeDetectorBrandFigures[] {
  const brands = new Map<string, { brandName: string; series: SeriesAlertCounts[] }>();
  for (const row of rows) {
    const brand = brands.get(row.brandId) ?? { brandName: row.brandName, series: [] };
    brand.series.push(row);
    brands.set(row.brandId, brand);
  }
  return [...brands].map(([brandId, { brandName, series }]) => {
    const total = (key: keyof Counts) => series.reduce((sum, row) => sum + row[key], 0);
    return {
      brandId,
      brandName,
      ...figureCounts({
        alerts: total('alerts'),
        incidents: total('incidents'),
        falseAlarms: total('falseAlarms'),
        merged: total('merged'),
      }),
      topics: series.map((row) => ({ topic: row.topic, ...figureCounts(row) })),
    };
  });
}
