/** The administration pages, in the side nav's order; each is `/admin/<path>`. */
export const adminSections = [
  'users',
  'brands',
  'calendars',
  'sla',
  'routing',
  'cannedAnswers',
  'outOfHours',
] as const;
export type AdminSection = (typeof adminSections)[number];

export const adminSectionPaths: Record<AdminSection, string> = {
  users: 'users',
  brands: 'brands',
  calendars: 'calendars',
  sla: 'sla',
  routing: 'routing',
  cannedAnswers: 'canned-answers',
  outOfHours: 'out-of-hours',
};
