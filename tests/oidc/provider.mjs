// A real OpenID Connect provider for the tests, configured like ProConnect: discovery, the
// authorization code flow, ID tokens and userinfo signed (RS256; userinfo as `application/jwt`),
// the ProConnect claims (given_name, usual_name, email, uid, siret, idp_id) and RP-initiated
// logout. Its development login form accepts any login: the login is the account's `sub`, and
// the accounts below give their claims.
//
// Environment: OIDC_PORT, OIDC_REDIRECT_URIS and OIDC_POST_LOGOUT_URIS (comma-separated).
// Prints "ready <issuer>" once listening.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 4100);
const issuer = `http://127.0.0.1:${port}`;
const list = (name) => (process.env[name] || '').split(',').filter(Boolean);

const accounts = {
  'agent-mairie': { given_name: 'Camille', usual_name: 'Durand', email: 'camille.durand@mairie-exemple.fr', siret: '21750001600019', uid: 'cd-1', idp_id: 'idp-mairie' },
  'agent-inconnu': { given_name: 'Dominique', usual_name: 'Leroy', email: 'dominique.leroy@autre-exemple.fr', siret: '99999999999999', uid: 'dl-1', idp_id: 'idp-autre' },
  'agent-existant': { given_name: 'Alex', usual_name: 'Martin', email: 'alex.martin@mairie-exemple.fr', siret: '21750001600019', uid: 'am-1', idp_id: 'idp-mairie' },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'campus-ia',
      client_secret: 'secret-de-test-du-fournisseur',
      redirect_uris: list('OIDC_REDIRECT_URIS'),
      post_logout_redirect_uris: list('OIDC_POST_LOGOUT_URIS'),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      userinfo_signed_response_alg: 'RS256',
    },
  ],
  scopes: ['openid', 'given_name', 'usual_name', 'email', 'uid', 'siret', 'idp_id'],
  claims: {
    openid: ['sub'],
    given_name: ['given_name'],
    usual_name: ['usual_name'],
    email: ['email', 'email_verified'],
    uid: ['uid'],
    siret: ['siret'],
    idp_id: ['idp_id'],
  },
  features: {
    devInteractions: { enabled: true },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => false },
  cookies: { keys: ['cle-de-test-des-cookies'] },
  async findAccount(_ctx, id) {
    const claims = accounts[id] || { given_name: 'Invité', usual_name: id, email: `${id}@exemple.fr` };
    return { accountId: id, async claims() { return { sub: id, email_verified: true, ...claims }; } };
  },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
