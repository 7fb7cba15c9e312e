import { type SlaPolicyBody, type SlaPolicyView } from '@vigie/contracts';

/** The API's rule for a policy's name (`sla-policies.service.ts`). */
const policyNamePattern = /^[\p{L}\p{N} ._-]{1,80}$/u;

export function isValidPolicyName(name: string): boolean {
  return policyNamePattern.test(name.trim());
}

/**
 * A stored policy as a `PUT` body with some parts replaced: what the page does not edit is sent back as it is,
 * so saving the calendar never drops the targets or the out-of-hours templates.
 */
export function policyBodyOf(view: SlaPolicyView, changes: Partial<SlaPolicyBody> = {}): SlaPolicyBody {
  return { position: view.position, ...view.spec, ...changes };
}

/**
 * The built-in default (`id` null) is not stored: saving it creates the brand's first policy, under the name
 * the admin gives (its own name has parentheses, which names may not have).
 */
export function isBuiltInDefault(view: SlaPolicyView): boolean {
  return view.id === null;
}

/** The name a page saves a policy under: its own, or the one typed for the built-in default (null: not valid). */
export function saveNameFor(view: SlaPolicyView, typedName: string): string | null {
  if (!isBuiltInDefault(view)) return view.name;
  return isValidPolicyName(typedName) ? typedName.trim() : null;
}

/**
 * The brand's policies once `saved` is stored: it replaces the one of its name, or the built-in default (which a
 * brand's first policy ends), in matching order.
 */
export function withSavedPolicy(policies: readonly SlaPolicyView[], saved: SlaPolicyView): SlaPolicyView[] {
  const others = policies.filter((policy) => policy.id !== null && policy.name !== saved.name);
  return [...others, saved].sort(
    (left, right) => left.position - right.position || left.name.localeCompare(right.name),
  );
}
