export type HealthResponse = { status: 'ok' };

export type ReadinessResponse = {
  status: 'ready' | 'not_ready';
  database: 'up' | 'down';
  migrations: { applied: number; pending: number };
};
