/** The four roles of Vigie, from least to most privileged in the console. */
export const roles = ['agent', 'supervisor', 'ops', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
