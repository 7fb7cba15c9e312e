/** What routing needs from the CRM about a contact: the account, its owner agent, tier and value. */
export type CrmRoutingFacts = {
  accountId: string | null;
  ownerUserId: string | null;
  tier: 'vip' | 'premium' | 'standard' | null;
  value: number | null;
};

/**
 * The CRM side routing depends on (bound to `CrmAccountsService` of `@vigie/crm-server` in the routing module).
 * Called outside any routing transaction: it reads on its own connection.
 */
export type CrmRoutingFactsSource = {
  routingFacts(contactIds: string[]): Promise<Map<string, CrmRoutingFacts>>;
};

export const CRM_ROUTING_FACTS = Symbol('CRM_ROUTING_FACTS');
