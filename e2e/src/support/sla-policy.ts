import type { SlaPolicyBody } from '@vigie/contracts';
import { HttpTestClient } from '@vigie/testing';
import { defaultSlaPolicySpec } from '@vigie/sla-core';
import { demoPassword } from './processes';

/**
 * The demo brand answers customers out of hours on its own (docs/sla.md): whether a test's mentions get that
 * extra brand post would depend on the time of day CI runs. Tests that are not about it switch it off.
 */
export async function switchOutOfHoursAnswerOff(apiUrl: string): Promise<void> {
  const admin = new HttpTestClient(apiUrl);
  const login = await admin.login('admin@vigie.demo', demoPassword);
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
  const channelAccounts = (await admin.request('GET', '/api/channel-accounts')).body as { brandId: string }[];
  for (const brandId of new Set(channelAccounts.map((account) => account.brandId))) {
    const body: SlaPolicyBody = {
      ...defaultSlaPolicySpec,
      position: 1000,
      outOfHours: { ...defaultSlaPolicySpec.outOfHours, isEnabled: false },
    };
    const { status } = await admin.request(
      'PUT',
      `/api/brands/${brandId}/sla-policies/tests-without-out-of-hours-answer`,
      body,
    );
    if (status !== 200) throw new Error(`could not switch the out-of-hours answer off: ${status}`);
  }
}
