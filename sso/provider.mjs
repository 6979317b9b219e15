// A real OpenID Connect provider for the tests and the demo: panva's certified
// `oidc-provider` (package.json devDependencies), with staff accounts and clients read from
// a JSON file, and a sign-in page that works by posting a plain form.
//
//   node sso/provider.mjs CONFIG.json
//
// CONFIG.json: {"port": 0, "clients": [{"client_id", "client_secret", "redirect_uris",
//   "post_logout_redirect_uris", "id_token_ttl"}], "accounts": [{"email", "sub", "password",
//   "name", "amr": ["pwd", "mfa"], "acr"}]}. Port 0 takes a free port. Once listening it
// prints one line of JSON to stdout, {"issuer": "http://127.0.0.1:PORT"}, and serves until
// it is stopped. Not for production: keys and sessions live in memory.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(config.accounts.map((a) => [a.email.toLowerCase(), a]));
const subjects = new Map(config.accounts.map((a) => [a.sub ?? a.email.toLowerCase(), a]));
const ttls = Object.fromEntries(config.clients.map((c) => [c.client_id, c.id_token_ttl ?? 3600]));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function loginPage(uid, problem = '') {
  return page('Sign in to the local identity provider', `
${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="email">Email address</label> <input id="email" name="email" type="email"></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password"></p>
<p><button type="submit">Sign in</button></p>
</form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const server = createServer();
server.listen(config.port ?? 0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const acrValues = [...new Set(config.accounts.map((a) => a.acr).filter(Boolean))];

  const provider = new Provider(issuer, {
    clients: config.clients.map(({ id_token_ttl: _ttl, ...client }) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      ...client,
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'local', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'], profile: ['name'] },
    acrValues,
    conformIdTokenClaims: false, // email in the ID token, as Entra ID sends it
    pkce: { required: () => true },
    ttl: { IdToken: (ctx, token, client) => ttls[client.clientId] ?? 3600 },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    async findAccount(ctx, id) {
      const account = subjects.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name }),
      };
    },
    // First-party staff sign-in: no consent screen, every requested scope granted.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope(oidc.params.scope);
      await grant.save();
      return grant;
    },
  });

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(loginPage(details.uid));
      }
      const form = await readForm(req);
      const account = accounts.get((form.get('email') || '').toLowerCase());
      if (!account || (account.password && account.password !== form.get('password'))) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(loginPage(details.uid, 'Your email address or password is not right'));
      }
      const login = { accountId: account.sub ?? account.email.toLowerCase(), amr: account.amr ?? ['pwd'] };
      if (account.acr) login.acr = account.acr;
      return await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(page('Sign-in request not valid', `<p>${escape(error.message)}</p>`));
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
