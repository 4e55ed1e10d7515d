// A real OpenID Connect provider on loopback for the single sign-on tests (npm's oidc-provider, a pinned
// dev dependency). Not for production. Configured by environment variables:
//   OIDC_TEST_CLIENTS   JSON list of {client_id, client_secret, redirect_uris}
//   OIDC_TEST_ACCOUNTS  JSON object: email -> extra claims (e.g. {"email_verified": false}); every email
//                       signs in (verified unless its entry says otherwise)
// Prints one JSON line {"issuer": "http://127.0.0.1:PORT"} once listening; stops with its parent's signal.
// The sign-in page is our own plain form (the library's development pages load web fonts from the
// internet), and first-party consent is granted without a page.
import http from "node:http";
import Provider from "oidc-provider";

const clients = JSON.parse(process.env.OIDC_TEST_CLIENTS || "[]").map((client) => ({
  token_endpoint_auth_method: "client_secret_post",
  grant_types: ["authorization_code"],
  response_types: ["code"],
  ...client,
}));
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS || "{}");

const server = http.createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  conformIdTokenClaims: false, // the email claims in the ID token itself, as Entra ID sends them
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => false },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: "Test person", ...(accounts[id] || {}) };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;
const handler = provider.callback();

const page = (uid) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test provider sign-in</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${uid}/login">
<label for="login">Email address</label> <input id="login" name="login" type="email" required>
<button type="submit">Sign in at the test provider</button></form></main></body></html>`;

server.on("request", async (req, res) => {
  try {
    const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!match) return handler(req, res);
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(page(details.uid));
    }
    let body = "";
    for await (const chunk of req) body += chunk;
    const login = new URLSearchParams(body).get("login");
    return await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(error));
  }
});
process.stdout.write(JSON.stringify({ issuer }) + "\n");
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
