import { canOpenSection, sectionsFor } from './sections';

describe('console sections', () => {
  it('gives agents the inbox only', () => {
    expect(sectionsFor('agent')).toEqual(['inbox']);
    expect(canOpenSection('administration', 'agent')).toBe(false);
    expect(canOpenSection('slaBoard', 'agent')).toBe(false);
  });

  it('gives supervisors and ops the SLA board and the incidents, not administration', () => {
    for (const role of ['supervisor', 'ops'] as const)
      expect(sectionsFor(role)).toEqual(['inbox', 'slaBoard', 'ops']);
  });

  it('gives admins every section', () => {
    expect(sectionsFor('admin')).toEqual(['inbox', 'slaBoard', 'ops', 'administration']);
  });
});
