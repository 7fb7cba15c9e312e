import { type RoutingAgentView, type SlaFigures, type TeamSummary } from '@vigie/contracts';
import { memo, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { type Translation } from '../i18n/translation';
import { type ConsoleSocket } from '../realtime/socket.client';
import { type ApiResult } from '../shared/http';
import {
  type ChartPeriod,
  chartPeriods,
  type ComparisonPoint,
  comparisonPoints,
  hourLabel,
  keyLabel,
  periodRange,
  startOfVolumeWindow,
  type TrendPoint,
  trendPoints,
} from './figure-series';
import { LoadFailed } from './load-failed.component';
import { fetchFigures, fetchVolume } from './supervisor.api';
import { useLiveResource } from './use-live-resource.hook';

/** The palette of styles/base.css (SVG attributes do not read CSS variables everywhere). */
const colors = {
  customer: '#1f5f8b',
  customerLight: '#7fa9c8',
  contract: '#9a5b00',
  contractLight: '#d38b12',
  grid: '#d9dee5',
  text: '#4a5666',
  directMessages: '#7fa9c8',
};
const chartHeightPx = 220;

type Scope = { kind: 'everyone' } | { kind: 'team'; id: string } | { kind: 'agent'; id: string };

function parseScope(value: string): Scope {
  const [kind, id] = value.split(':');
  if ((kind === 'team' || kind === 'agent') && id) return { kind, id };
  return { kind: 'everyone' };
}

type ChartData = { trend: SlaFigures; byTeam: SlaFigures; byAgent: SlaFigures | null };

async function fetchChartData(params: {
  period: ChartPeriod;
  scope: Scope;
  timeZone: string;
  withAgents: boolean;
}): Promise<ApiResult<ChartData & { keys: string[] }>> {
  const { from, groupBy, keys } = periodRange({
    period: params.period,
    now: new Date(),
    timeZone: params.timeZone,
  });
  const { timeZone, scope } = params;
  const [trend, byTeam, byAgent] = await Promise.all([
    fetchFigures({
      from,
      groupBy,
      timeZone,
      ...(scope.kind === 'team' ? { teamId: scope.id } : {}),
      ...(scope.kind === 'agent' ? { agentId: scope.id } : {}),
    }),
    fetchFigures({ from, groupBy: 'team', timeZone }),
    params.withAgents ? fetchFigures({ from, groupBy: 'agent', timeZone }) : Promise.resolve(null),
  ]);
  if (trend.kind === 'failed') return trend;
  if (byTeam.kind === 'failed') return byTeam;
  if (byAgent?.kind === 'failed') return byAgent;
  return {
    kind: 'ok',
    status: 200,
    body: { trend: trend.body, byTeam: byTeam.body, byAgent: byAgent ? byAgent.body : null, keys },
  };
}

/**
 * The board's charts (recharts, loaded after the tables): first-response p50/p90 and compliance over time in both
 * clocks, for everyone, a team or an agent; teams and agents side by side; customers' mentions per hour. Each
 * chart has its figures as a table beside it, for screen readers and for reading exact values.
 */
export const SupervisorCharts = memo(function SupervisorCharts(params: {
  timeZone: string;
  socket: ConsoleSocket | null;
  reconnections: number;
  teams: TeamSummary[];
  /** Null when the role does not see agents (ops): no per-agent chart. */
  agents: RoutingAgentView[] | null;
}) {
  const { timeZone, teams, agents } = params;
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<ChartPeriod>('today');
  const [scopeValue, setScopeValue] = useState('everyone');
  const scope = parseScope(scopeValue);
  const language = i18n.language;

  const figures = useLiveResource({
    key: `charts:${period}:${scopeValue}:${timeZone}:${agents !== null}`,
    load: () => fetchChartData({ period, scope, timeZone, withAgents: agents !== null }),
    socket: null,
    reconnections: params.reconnections,
    pollMs: 5 * 60_000,
  });
  const volume = useLiveResource({
    key: `volume:${timeZone}`,
    load: () => fetchVolume({ from: startOfVolumeWindow({ now: new Date(), timeZone }), timeZone }),
    socket: params.socket,
    reconnections: params.reconnections,
    events: ['conversation.created'],
    pollMs: 60_000,
  });

  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const agentNames = new Map((agents ?? []).map((agent) => [agent.userId, agent.displayName]));
  const trend: TrendPoint[] = figures.data ? trendPoints(figures.data.trend.rows, figures.data.keys) : [];
  const labelledTrend = trend.map((point) => ({ ...point, label: keyLabel(point.key, language) }));
  const noResponder = t('supervisor.today.noResponder');
  const labelled = (points: ComparisonPoint[]) => points.map((point) => ({ ...point, label: point.name }));
  const byTeam = labelled(
    comparisonPoints(figures.data?.byTeam.rows ?? [], (key) =>
      key === null ? noResponder : (teamNames.get(key) ?? null),
    ),
  );
  const byAgent = labelled(
    comparisonPoints(figures.data?.byAgent?.rows ?? [], (key) =>
      key === null ? noResponder : (agentNames.get(key) ?? null),
    ),
  );
  const volumePoints = (volume.data?.hours ?? []).map((hour) => ({
    ...hour,
    label: hourLabel(hour.at, { locale: language, timeZone }),
  }));
  const minutes = (value: number | null) =>
    value === null ? noValue : t('supervisor.charts.minutes', { value: String(value) });
  const name = (key: keyof Translation['supervisor']['charts']['series']) =>
    t(`supervisor.charts.series.${key}`);
  const shares = <
    Row extends Pick<TrendPoint, 'withinHourPercent' | 'compliancePercent'>,
  >(): SeriesSpec<Row>[] => [
    { key: 'withinHourPercent', name: name('withinHour'), color: colors.customer, format: percent },
    { key: 'compliancePercent', name: name('compliance'), color: colors.contract, format: percent },
  ];
  const comparisonColumns: SeriesSpec<ComparisonPoint & { label: string }>[] = [
    { key: 'conversations', name: t('supervisor.today.conversations'), format: count, isTableOnly: true },
    ...shares<ComparisonPoint & { label: string }>(),
    { key: 'customerP50Minutes', name: name('customerP50'), format: minutes, isTableOnly: true },
    { key: 'contractP50Minutes', name: name('contractP50'), format: minutes, isTableOnly: true },
  ];

  return (
    <section className="board-card" aria-labelledby="charts-heading" data-testid="charts">
      <div className="board-card__header">
        <h2 id="charts-heading">{t('supervisor.charts.heading')}</h2>
      </div>
      <div className="board-card__tools chart-controls">
        <label className="chart-controls__field">
          <span>{t('supervisor.charts.period.label')}</span>
          <select
            className="field__input"
            value={period}
            onChange={(event) => setPeriod(event.target.value as ChartPeriod)}
            data-testid="chart-period"
          >
            {chartPeriods.map((option) => (
              <option key={option} value={option}>
                {t(`supervisor.charts.period.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="chart-controls__field">
          <span>{t('supervisor.charts.scope.label')}</span>
          <select
            className="field__input"
            value={scopeValue}
            onChange={(event) => setScopeValue(event.target.value)}
            data-testid="chart-scope"
          >
            <option value="everyone">{t('supervisor.charts.scope.everyone')}</option>
            <optgroup label={t('supervisor.charts.scope.teams')}>
              {teams.map((team) => (
                <option key={team.id} value={`team:${team.id}`}>
                  {team.name}
                </option>
              ))}
            </optgroup>
            {agents ? (
              <optgroup label={t('supervisor.charts.scope.agents')}>
                {agents.map((agent) => (
                  <option key={agent.userId} value={`agent:${agent.userId}`}>
                    {agent.displayName}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
      </div>
      <LoadFailed hasFailed={figures.hasFailed || volume.hasFailed} />
      <div className="chart-grid">
        <SeriesChart
          kind="line"
          title={t('supervisor.charts.responseTime')}
          header={t('supervisor.charts.when')}
          rows={labelledTrend}
          series={[
            { key: 'customerP50Minutes', name: name('customerP50'), color: colors.customer, format: minutes },
            {
              key: 'customerP90Minutes',
              name: name('customerP90'),
              color: colors.customerLight,
              format: minutes,
              isDashed: true,
            },
            { key: 'contractP50Minutes', name: name('contractP50'), color: colors.contract, format: minutes },
            {
              key: 'contractP90Minutes',
              name: name('contractP90'),
              color: colors.contractLight,
              format: minutes,
              isDashed: true,
            },
          ]}
        />
        <SeriesChart
          kind="line"
          title={t('supervisor.charts.compliance')}
          header={t('supervisor.charts.when')}
          rows={labelledTrend}
          series={shares<TrendPoint & { label: string }>()}
          isPercent
        />
        <SeriesChart
          kind="bar"
          title={t('supervisor.charts.byTeam')}
          header={t('supervisor.today.team')}
          rows={byTeam}
          series={comparisonColumns}
          isPercent
        />
        {agents ? (
          <SeriesChart
            kind="bar"
            title={t('supervisor.charts.byAgent')}
            header={t('supervisor.agents.columns.agent')}
            rows={byAgent}
            series={comparisonColumns}
            isPercent
          />
        ) : null}
        <SeriesChart
          kind="bar"
          title={t('supervisor.charts.volume')}
          header={t('supervisor.charts.hour')}
          testId="volume-chart"
          rows={volumePoints}
          isStacked
          series={[
            { key: 'mentions', name: name('mentions'), color: colors.customer, format: count },
            {
              key: 'directMessages',
              name: name('directMessages'),
              color: colors.directMessages,
              format: count,
            },
            { key: 'needingReply', name: name('needingReply'), format: count, isTableOnly: true },
          ]}
        />
      </div>
    </section>
  );
});

const chartStyle = { width: '100%', height: chartHeightPx } as const;

const noValue = '—';
const count = (value: number | null) => (value === null ? noValue : String(value));
const percent = (value: number | null) => (value === null ? noValue : `${value} %`);

/** One series: a line or bar (unless `isTableOnly`) and a column of the figures' table. */
type SeriesSpec<Row> = {
  key: keyof Row & string;
  name: string;
  format: (value: number | null) => string;
  color?: string;
  isDashed?: boolean;
  isTableOnly?: boolean;
};

/** A chart of labelled rows and the same figures as a table; percentages on a 0-100 axis. */
function SeriesChart<Row extends { label: string }>(params: {
  kind: 'line' | 'bar';
  title: string;
  header: string;
  rows: Row[];
  series: SeriesSpec<Row>[];
  isPercent?: boolean;
  isStacked?: boolean;
  testId?: string;
}) {
  const { rows, series } = params;
  const drawn = series.filter((item) => !item.isTableOnly);
  const formatOf = (key: unknown) => drawn.find((item) => item.name === key)?.format ?? count;
  const axisProps = { stroke: colors.text, fontSize: 12, tickLine: false } as const;
  const axes = [
    <CartesianGrid key="grid" stroke={colors.grid} vertical={false} />,
    <XAxis key="x" dataKey="label" {...axisProps} interval="preserveStartEnd" />,
    params.isPercent ? (
      <YAxis key="y" {...axisProps} width={40} domain={[0, 100]} unit="%" />
    ) : (
      <YAxis key="y" {...axisProps} width={40} allowDecimals={false} />
    ),
    <Tooltip
      key="tooltip"
      formatter={(value: unknown, seriesName: unknown) =>
        formatOf(seriesName)(typeof value === 'number' ? value : null)
      }
    />,
    <Legend key="legend" />,
  ];
  return (
    <ChartFigure
      title={params.title}
      testId={params.testId}
      table={<SeriesTable rows={rows} header={params.header} series={series} />}
    >
      {params.kind === 'line' ? (
        <LineChart data={rows} responsive style={chartStyle} accessibilityLayer={false}>
          {axes}
          {drawn.map((item) => (
            <Line
              key={item.key}
              dataKey={item.key}
              name={item.name}
              stroke={item.color}
              strokeWidth={item.isDashed ? 1.5 : 2}
              strokeDasharray={item.isDashed ? '5 4' : undefined}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      ) : (
        <BarChart data={rows} responsive style={chartStyle} accessibilityLayer={false}>
          {axes}
          {drawn.map((item) => (
            <Bar
              key={item.key}
              dataKey={(row: Row) => row[item.key]}
              name={item.name}
              fill={item.color}
              stackId={params.isStacked ? 'stack' : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ChartFigure>
  );
}

/** A chart and its figures: the picture is an image with a name; the table below holds the numbers. */
function ChartFigure(params: { title: string; children: ReactNode; table: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId} data-testid={params.testId}>
      <figcaption id={titleId} className="chart__title">
        {params.title}
      </figcaption>
      <div
        className="chart__canvas"
        role="img"
        aria-label={t('supervisor.charts.imageLabel', { title: params.title })}
      >
        {params.children}
      </div>
      <details className="chart__details">
        <summary>{t('supervisor.charts.showTable')}</summary>
        {params.table}
      </details>
    </figure>
  );
}

function SeriesTable<Row extends { label: string }>(params: {
  rows: Row[];
  header: string;
  series: SeriesSpec<Row>[];
}) {
  const valueOf = (row: Row, item: SeriesSpec<Row>) => {
    const value = row[item.key];
    return item.format(typeof value === 'number' ? value : null);
  };
  return (
    <div className="table-scroll">
      <table className="board-table board-table--compact">
        <thead>
          <tr>
            <th scope="col">{params.header}</th>
            {params.series.map((item) => (
              <th key={item.key} scope="col">
                {item.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {params.rows.map((row, index) => (
            <tr key={`${row.label}-${index}`}>
              <th scope="row">{row.label}</th>
              {params.series.map((item) => (
                <td key={item.key}>{valueOf(row, item)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
