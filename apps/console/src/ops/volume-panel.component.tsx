import { type SpikeIncidentView, type SpikeSeriesCatalog, type SpikeVolumeSeries } from '@vigie/contracts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from './load-failed.component';
import { useNow } from '../shared/use-now.hook';
import { Link, useSearchParams } from 'react-router';
import { useTopicLabel } from './ops-badges.component';
import { fetchSeriesCatalog, fetchVolume } from './ops.api';
import { formatCount, formatInstant } from './ops-format';
import { type VolumeRange, volumeRanges, volumeSummary } from './volume-chart';

const loadPlot = () => import('./volume-chart.component');
type PlotModule = Awaited<ReturnType<typeof loadPlot>>;
const refreshMs = 30_000;

function isVolumeRange(value: number): value is VolumeRange {
  return (volumeRanges as readonly number[]).includes(value);
}

/**
 * The mention-volume chart with its pickers (brand, series, period; kept in the address so a link shows the same
 * chart). Read again every 30 s and whenever an incident of the brand changes (its live count moves each minute).
 */
export function VolumePanel({ incidents }: { incidents: SpikeIncidentView[] | null }) {
  const { t, i18n } = useTranslation();
  const topicLabel = useTopicLabel();
  const ids = { heading: useId(), caption: useId() };
  const [searchParams, setSearchParams] = useSearchParams();
  const [catalog, setCatalog] = useState<SpikeSeriesCatalog | null>(null);
  const [series, setSeries] = useState<SpikeVolumeSeries | null>(null);
  const [hasFailed, setHasFailed] = useState(false);
  const [plot, setPlot] = useState<PlotModule | null>(null);
  const [tick, setTick] = useState(0);

  const brands = catalog?.brands ?? [];
  const brand =
    brands.find((candidate) => candidate.brandId === searchParams.get('brand')) ?? brands[0] ?? null;
  const topic = brand?.topics.includes(searchParams.get('topic') ?? '')
    ? (searchParams.get('topic') ?? '')
    : '';
  const requestedHours = Number(searchParams.get('hours'));
  const hours: VolumeRange = isVolumeRange(requestedHours) ? requestedHours : 6;
  // What the brand's incidents look like now: when it changes, the chart is read again.
  const incidentsKey = (incidents ?? [])
    .filter((incident) => incident.brandId === brand?.brandId)
    .map((incident) => `${incident.id}:${incident.status}:${incident.mentionCount}`)
    .join('|');
  const knownBrands = brands.map((candidate) => candidate.brandId).join('|');
  const unknownBrand = (incidents ?? []).some((incident) => !knownBrands.includes(incident.brandId));

  useEffect(() => {
    void loadPlot().then(setPlot);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => setTick((count) => count + 1), refreshMs);
    return () => clearInterval(timer);
  }, []);

  // The catalog: at first, then while it is empty (no mention yet) or an incident names a brand it lacks.
  const isCatalogStale = catalog === null || brands.length === 0 || unknownBrand;
  useEffect(() => {
    if (!isCatalogStale) return;
    let isCurrent = true;
    void fetchSeriesCatalog().then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'ok') setCatalog(result.body);
      else setHasFailed(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [isCatalogStale, tick]);

  const brandId = brand?.brandId ?? null;
  useEffect(() => {
    if (!brandId) return;
    let isCurrent = true;
    void fetchVolume({ brandId, topic, hours }).then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'ok') {
        setSeries(result.body);
        setHasFailed(false);
      } else setHasFailed(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [brandId, topic, hours, tick, incidentsKey]);

  const choose = (name: 'brand' | 'topic' | 'hours', value: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(name, value);
        if (name === 'brand') next.delete('topic');
        return next;
      },
      { replace: true },
    );

  const shown = series && brand && series.brandId === brand.brandId && series.topic === topic ? series : null;
  const language = i18n.language;
  const nowMs = useNow(30_000).getTime();
  const summary = shown ? volumeSummary(shown) : null;
  const rangeLabel = (value: VolumeRange) =>
    value <= 24
      ? t('ops.volume.rangeHours', { hours: value })
      : t('ops.volume.rangeDays', { days: value / 24 });

  return (
    <section className="ops-card volume-panel" aria-labelledby={ids.heading}>
      <div className="ops-card__header">
        <h2 id={ids.heading}>{t('ops.volume.heading')}</h2>
        {brand ? (
          <div className="volume-panel__pickers">
            <Picker
              label={t('ops.volume.brand')}
              value={brand.brandId}
              options={brands.map((candidate) => ({ value: candidate.brandId, label: candidate.brandName }))}
              onChange={(value) => choose('brand', value)}
            />
            <Picker
              label={t('ops.volume.topic')}
              value={topic}
              options={brand.topics.map((candidate) => ({ value: candidate, label: topicLabel(candidate) }))}
              onChange={(value) => choose('topic', value)}
              testId="volume-topic"
            />
            <Picker
              label={t('ops.volume.range')}
              value={String(hours)}
              options={volumeRanges.map((value) => ({ value: String(value), label: rangeLabel(value) }))}
              onChange={(value) => choose('hours', value)}
            />
          </div>
        ) : null}
      </div>
      {hasFailed ? <LoadFailed /> : null}
      {catalog && brands.length === 0 ? <p className="ops-muted">{t('ops.volume.noSeries')}</p> : null}
      {!catalog && !hasFailed ? <p className="ops-muted">{t('ops.loading')}</p> : null}
      {shown && summary ? (
        <figure
          className="volume-chart"
          aria-labelledby={ids.caption}
          data-testid="volume-chart"
          data-topic={shown.topic}
          data-points={shown.points.length}
          data-alerts={shown.alerts.length}
          data-has-baseline={summary.expected !== null}
        >
          {plot ? <plot.VolumePlot series={shown} /> : <div className="volume-chart__placeholder" />}
          <figcaption id={ids.caption} className="volume-chart__caption">
            <span className="volume-chart__legend" aria-hidden="true">
              <span className="volume-chart__key volume-chart__key--mentions">
                {t('ops.volume.mentions')}
              </span>
              <span className="volume-chart__key volume-chart__key--baseline">
                {t('ops.volume.baseline')}
              </span>
              <span className="volume-chart__key volume-chart__key--band">{t('ops.volume.band')}</span>
              <span className="volume-chart__key volume-chart__key--alert">{t('ops.volume.alert')}</span>
            </span>
            <span>
              {t('ops.volume.step', { minutes: shown.stepMinutes })}.{' '}
              {summary.expected === null
                ? t('ops.volume.summaryNoBaseline', { mentions: formatCount(summary.mentions, language) })
                : t('ops.volume.summary', {
                    mentions: formatCount(summary.mentions, language),
                    expected: formatCount(summary.expected, language),
                  })}{' '}
              {summary.peak
                ? t('ops.volume.peak', {
                    count: formatCount(summary.peak.count, language),
                    time: formatInstant({ iso: new Date(summary.peak.atMs).toISOString(), language, nowMs }),
                  })
                : null}{' '}
              {summary.stepsAbove > 0 ? t('ops.volume.aboveBand', { steps: summary.stepsAbove }) : null}
            </span>
            {shown.isWarmingUp ? (
              <span className="volume-chart__note">{t('ops.volume.warmingUp')}</span>
            ) : null}
          </figcaption>
          <div className="volume-chart__alerts">
            <h3 className="ops-subheading">{t('ops.volume.alertsHeading')}</h3>
            {shown.alerts.length === 0 ? (
              <p className="ops-muted">{t('ops.volume.noAlert')}</p>
            ) : (
              <ul className="volume-chart__alert-list">
                {shown.alerts.map((alert) => {
                  const severity = t(`ops.severity.${alert.severity}`);
                  const start = formatInstant({ iso: alert.startedAt, language, nowMs });
                  return (
                    <li key={alert.incidentId} data-testid="volume-alert">
                      <Link to={`/ops/incidents/${alert.incidentId}`}>
                        {alert.endedAt
                          ? t('ops.volume.alertEnded', {
                              severity,
                              start,
                              end: formatInstant({ iso: alert.endedAt, language, nowMs }),
                            })
                          : t('ops.volume.alertOngoing', { severity, start })}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </figure>
      ) : null}
    </section>
  );
}

/** A labelled select of the chart's pickers. */
function Picker(params: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <label className="ops-field" htmlFor={id}>
      <span className="ops-field__label">{params.label}</span>
      <select
        id={id}
        className="ops-select"
        value={params.value}
        data-testid={params.testId}
        onChange={(event) => params.onChange(event.target.value)}
      >
        {params.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
