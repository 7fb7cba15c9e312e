import { classificationReport } from './classification-metrics';

describe('classificationReport', () => {
  it('computes accuracy, per-class F1 and macro-F1', () => {
    const report = classificationReport({
      gold: ['a', 'a', 'b', 'b', 'c'],
      predicted: ['a', 'b', 'b', 'b', 'a'],
      labels: ['a', 'b', 'c'],
    });
    expect(report.accuracy).toBeCloseTo(0.6);
    const f1 = Object.fromEntries(report.perClass.map((metrics) => [metrics.label, metrics.f1]));
    expect(f1['a']).toBeCloseTo(0.5);
    expect(f1['b']).toBeCloseTo(0.8);
    expect(f1['c']).toBe(0);
    expect(report.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3);
    expect(report.confusion['c']?.['a']).toBe(1);
  });

  it('adds a column for predicted labels outside the gold set and leaves unseen gold labels out of macro-F1', () => {
    const report = classificationReport({
      gold: ['fr', 'en'],
      predicted: ['fr', 'other'],
      labels: ['fr', 'en'],
    });
    expect(report.labels).toEqual(['fr', 'en', 'other']);
    expect(report.macroF1).toBeCloseTo((1 + 0) / 2);
  });

  it('handles empty input', () => {
    expect(classificationReport({ gold: [], predicted: [], labels: ['x'] })).toMatchObject({
      accuracy: 0,
      macroF1: 0,
      count: 0,
    });
  });
});
