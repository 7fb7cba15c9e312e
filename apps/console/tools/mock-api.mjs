// A stand-in for the Vigie API while it is being built: just enough of /api/auth and the socket to
// look at the console end to end. Dev only; never imported by src/.
//
//   node apps/console/tools/mock-api.mjs            # listens on 127.0.0.1:3999
//   VIGIE_API_URL=http://127.0.0.1:3999 npx vite --config apps/console/vite.config.mts
//
// Accounts (password "correct-horse"): agent@vigie.test, supervisor@vigie.test, admin@vigie.test.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3999);
const password = 'correct-horse';
const maxFailures = 5;
const lockSeconds = 30;

const users = {
  'agent@vigie.test': { displayName: 'Léa Dubois', role: 'agent' },
  'supervisor@vigie.test': { displayName: 'Camille Martin', role: 'supervisor' },
  'admin@vigie.test': { displayName: 'Hugo Lefèvre', role: 'admin' },
};
const colleagues = [
  { userId: 'u-bastien', displayName: 'Bastien Roux', role: 'agent', status: 'online' },
  { userId: 'u-elodie', displayName: 'Élodie Bernard', role: 'agent', status: 'away' },
  { userId: 'u-nadia', displayName: 'Nadia Haddad', role: 'supervisor', status: 'online' },
];

/** token → SessionUser */
const sessions = new Map();
/** email → { failures, lockedUntilMs }: the lock is per account, like the real limiter's key. */
const attempts = new Map();

function sessionUser(email) {
  const user = users[email];
  return {
    id: `u-${email.split('@')[0]}`,
    email,
    ...user,
    languages: ['fr', 'en'],
    skills: [],
    teams: [{ id: 't1', name: 'Support FR' }],
  };
}

function tokenFrom(cookieHeader = '') {
  return /(?:^|;\s*)vigie_session=([^;]+)/.exec(cookieHeader)?.[1];
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readJson(request) {
  let raw = '';
  for await (const chunk of request) raw += chunk;
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}

const server = createServer(async (request, response) => {
  const token = tokenFrom(request.headers.cookie);
  if (request.method === 'POST' && request.url === '/api/auth/login') {
    const { email, password: given } = await readJson(request);
    const nowMs = Date.now();
    const attempt = attempts.get(email) ?? { failures: 0, lockedUntilMs: 0 };
    attempts.set(email, attempt);
    const { lockedUntilMs } = attempt;
    if (lockedUntilMs > nowMs) {
      const retryAfter = Math.ceil((lockedUntilMs - nowMs) / 1000);
      return send(
        response,
        429,
        { statusCode: 429, code: 'rate_limited', message: 'Too many attempts' },
        { 'Retry-After': String(retryAfter) },
      );
    }
    if (typeof email !== 'string' || !email.includes('@') || typeof given !== 'string' || given === '') {
      return send(response, 400, {
        statusCode: 400,
        code: 'validation_failed',
        message: 'Invalid body',
        details: ['email must be an email'],
      });
    }
    if (!users[email] || given !== password) {
      attempt.failures += 1;
      if (attempt.failures >= maxFailures) {
        attempt.failures = 0;
        attempt.lockedUntilMs = nowMs + lockSeconds * 1000;
      }
      return send(response, 401, {
        statusCode: 401,
        code: 'invalid_credentials',
        message: 'Invalid credentials',
      });
    }
    attempt.failures = 0;
    const newToken = randomUUID();
    const user = sessionUser(email);
    sessions.set(newToken, user);
    return send(
      response,
      200,
      { user },
      { 'Set-Cookie': `vigie_session=${newToken}; HttpOnly; SameSite=Strict; Path=/` },
    );
  }
  if (request.method === 'POST' && request.url === '/api/auth/logout') {
    const user = sessions.get(token);
    sessions.delete(token);
    if (user) io.to(`session:${token}`).emit('session.ended', { reason: 'logout' });
    response.writeHead(204, { 'Set-Cookie': 'vigie_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0' });
    return response.end();
  }
  if (request.method === 'GET' && request.url === '/api/auth/me') {
    const user = sessions.get(token);
    return user
      ? send(response, 200, user)
      : send(response, 401, { statusCode: 401, code: 'unauthenticated', message: 'No session' });
  }
  return send(response, 404, { statusCode: 404, code: 'not_found', message: 'Not found' });
});

const io = new Server(server, { path: '/api/socket.io' });
io.use((socket, next) => {
  const token = tokenFrom(socket.handshake.headers.cookie);
  if (!sessions.has(token)) return next(new Error('unauthenticated'));
  socket.data.token = token;
  next();
});
io.on('connection', (socket) => {
  socket.join(`session:${socket.data.token}`);
  colleagues.forEach((colleague, index) =>
    setTimeout(
      () => socket.emit('agent.presence.changed', { ...colleague, at: new Date().toISOString() }),
      200 + index * 150,
    ),
  );
});

server.listen(port, '127.0.0.1', () => console.log(`mock Vigie API on http://127.0.0.1:${port}`));
