export type HealthResponse = { status: 'ok' };

export type ReadinessResponse = {
  /** `draining`: shutting down; load balancers should stop sending traffic here. */
  status: 'ready' | 'not_ready' | 'draining';
  database: 'up' | 'down';
  migrations: { applied: number; pending: number };
};
