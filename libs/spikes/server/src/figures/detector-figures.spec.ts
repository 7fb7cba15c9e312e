import { brandFigures, figureCounts } from './detector-figures';

describe('detector figures', () => {
  const row = (brandId: string, topic: string, alerts: number, falseAlarms: number, merged: number) => ({
    brandId,
    brandName: brandId.toUpperCase(),
    topic,
    alerts,
    incidents: alerts - falseAlarms - merged,
    falseAlarms,
    merged,
  });

  it('has no precision without alerts', () => {
    expect(figureCounts({ alerts: 0, incidents: 0, falseAlarms: 0, merged: 0 }).precision).toBeNull();
  });

  it('counts the share of alerts that were not false alarms', () => {
    expect(figureCounts({ alerts: 8, incidents: 5, falseAlarms: 2, merged: 1 })).toEqual({
      alerts: 8,
      incidents: 5,
      falseAlarms: 2,
      merged: 1,
      precision: 0.75,
    });
  });

  it('adds up each brand’s series and keeps them per topic', () => {
    const figures = brandFigures([row('a', '', 3, 1, 0), row('a', 'outage', 2, 0, 1), row('b', '', 1, 1, 0)]);
    expect(figures).toHaveLength(2);
    expect(figures[0]).toMatchObject({
      brandId: 'a',
      brandName: 'A',
      alerts: 5,
      incidents: 3,
      falseAlarms: 1,
    });
    expect(figures[0].precision).toBeCloseTo(0.8);
    expect(figures[0].topics.map((topic) => [topic.topic, topic.precision])).toEqual([
      ['', 2 / 3],
      ['outage', 1],
    ]);
    expect(figures[1]).toMatchObject({ brandId: 'b', precision: 0 });
  });
});
