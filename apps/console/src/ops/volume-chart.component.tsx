import { type SpikeVolumeSeries } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount } from './ops-format';
import { alertMarkers, chartRows, timeTicks } from './volume-chart';

/** The palette of styles/base.css (SVG attributes do not read CSS variables everywhere). */
const colors = {
  mentions: '#1f5f8b',
  baseline: '#4a5666',
  band: '#cfe0ee',
  alert: '#b42318',
  grid: '#d9dee5',
  text: '#4a5666',
};
const chartHeightPx = 260;

/**
 * The plot itself (recharts, loaded after the rest of the page): mentions per step, the baseline as a dashed
 * line inside its band, alerts shaded from their start. Hidden from screen readers: the caption beside it says
 * the same in words.
 */
export function VolumePlot({ series }: { series: SpikeVolumeSeries }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows = chartRows(series);
  const markers = alertMarkers(series);
  const fromMs = Date.parse(series.from);
  const toMs = Date.parse(series.to);
  const ticks = timeTicks({ fromMs, toMs, timeZoneOffsetMinutes: new Date(toMs).getTimezoneOffset() });
  const spanHours = (toMs - fromMs) / 3_600_000;
  const tickFormat = new Intl.DateTimeFormat(
    language,
    spanHours <= 24 ? { timeStyle: 'short' } : { weekday: 'short', day: 'numeric' },
  );
  const tooltipFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const names: Record<string, string> = {
    count: t('ops.volume.mentions'),
    baseline: t('ops.volume.baseline'),
    band: t('ops.volume.band'),
  };
  return (
    <div className="volume-chart__plot" aria-hidden="true">
      <ResponsiveContainer width="100%" height={chartHeightPx}>
        <ComposedChart
          data={rows}
          margin={{ top: 16, right: 16, bottom: 4, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="atMs"
            type="number"
            scale="time"
            domain={[fromMs, toMs]}
            ticks={ticks}
            tickFormatter={(value: number) => tickFormat.format(value)}
            stroke={colors.text}
            fontSize={12}
          />
          <YAxis allowDecimals={false} width={44} stroke={colors.text} fontSize={12} />
          <Tooltip
            labelFormatter={(value) => tooltipFormat.format(Number(value))}
            formatter={(value, name) => {
              const text = Array.isArray(value)
                ? value.map((part) => formatCount(Number(part), language)).join(' – ')
                : formatCount(Number(value), language);
              return [text, names[String(name)] ?? String(name)];
            }}
          />
          {markers.map((marker) =>
            marker.endMs > marker.startMs ? (
              <ReferenceArea
                key={`area-${marker.incidentId}`}
                x1={marker.startMs}
                x2={marker.endMs}
                fill={colors.alert}
                fillOpacity={0.08}
                ifOverflow="hidden"
              />
            ) : null,
          )}
          <Area
            dataKey="band"
            name="band"
            stroke="none"
            fill={colors.band}
            fillOpacity={0.9}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            dataKey="baseline"
            name="baseline"
            stroke={colors.baseline}
            strokeDasharray="5 4"
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            type="stepAfter"
            dataKey="count"
            name="count"
            stroke={colors.mentions}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          {markers
            .filter((marker) => marker.isStartShown)
            .map((marker) => (
              <ReferenceLine
                key={`start-${marker.incidentId}`}
                x={marker.startMs}
                stroke={colors.alert}
                strokeWidth={2}
                label={{
                  value: t('ops.volume.alert'),
                  position: 'insideTopLeft',
                  fill: colors.alert,
                  fontSize: 12,
                }}
              />
            ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
