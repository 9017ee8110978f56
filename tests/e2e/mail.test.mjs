// E-mail journeys in Chromium, with and without JavaScript, against the second server (the one
// configured for the OpenID provider), which sends through a real SMTP server (PyPI aiosmtpd)
// started by scripts/test.sh; the tests read its Maildir (CAMPUS_E2E_MAILDIR). A visitor signs
// up, follows the confirmation link and lands signed in; later « Mot de passe oublié ? »: the
// mail arrives, its link sets a new password, the old password and the other session stop
// working, and a second use of the link is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage } from './support.mjs';

const SITE = process.env.CAMPUS_E2E_OIDC_URL;
const MAILDIR = process.env.CAMPUS_E2E_MAILDIR;
const skip = (!SITE || !MAILDIR) && 'CAMPUS_E2E_OIDC_URL or CAMPUS_E2E_MAILDIR not set';
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The text of a raw message, with quoted-printable and base64 parts decoded. */
function readable(raw) {
  const unfolded = raw.replace(/=\r?\n/g, '');
  const qp = Buffer.from(unfolded.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const base64 = raw.split(/\r?\n\r?\n/).map((block) => {
    const compact = block.replace(/\s+/g, '');
    return /^[A-Za-z0-9+/=]{16,}$/.test(compact) ? Buffer.from(compact, 'base64').toString('utf8') : '';
  }).join('\n');
  return `${qp}\n${base64}`;
}

/** Waits (up to 15 s) for a message to `to` whose text contains `marker`; returns its text. */
async function mailTo(to, marker) {
  for (let i = 0; i < 150; i += 1) {
    const folder = join(MAILDIR, 'new');
    let files = [];
    try { files = readdirSync(folder); } catch { /* not created yet */ }
    for (const file of files) {
      const text = readable(readFileSync(join(folder, file), 'utf8'));
      if (text.includes(`To: ${to}`) && text.includes(marker)) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no message to ${to} containing ${marker}`);
}

function linkIn(text, path) {
  const match = text.match(new RegExp(`https?://[^\\s"<>]*${path}[0-9a-f]{64}`));
  assert.ok(match, `a ${path} link in:\n${text}`);
  return match[0];
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  test(`sign-up is confirmed by mail, then « Mot de passe oublié ? » resets the password once (${mode})`, { skip }, async () => {
    const email = `lea.${Date.now()}.${javaScriptEnabled ? 'js' : 'html'}@mairie-e2e.fr`;
    const first = 'une première phrase de passe';
    const second = 'une toute nouvelle phrase de passe';
    const page = await openPage(browser, { javaScriptEnabled });
    await page.goto(`${SITE}/inscription`);
    await page.getByLabel('Nom et prénom').fill('Léa Petit');
    await page.getByLabel('Adresse électronique professionnelle').fill(email);
    const unit = page.getByLabel('Votre service');
    await unit.selectOption(await unit.locator('option', { hasText: 'Accueil' }).getAttribute('value'));
    await page.getByLabel('Mot de passe', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText(`Un message vient d'être envoyé à ${email}`).waitFor();

    // Not before the address is confirmed.
    await page.getByLabel('Adresse électronique professionnelle').first().fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByText(/Confirmez d'abord votre adresse/).waitFor();

    const confirmation = await mailTo(email, '/inscription/confirmer/');
    await page.goto(linkIn(confirmation, '/inscription/confirmer/'));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByText('Votre adresse est confirmée').waitFor();

    // Another browser asks for a reset; the first one's session ends when it is used.
    const other = await openPage(browser, { javaScriptEnabled });
    await other.goto(`${SITE}/connexion`);
    await other.getByRole('link', { name: /Mot de passe oublié/ }).click();
    await other.getByLabel('Adresse électronique professionnelle').first().fill(email);
    await other.getByRole('button', { name: 'Recevoir le lien' }).click();
    await other.getByText(/Si un compte avec mot de passe existe pour cette adresse/).waitFor();
    const link = linkIn(await mailTo(email, '/mot-de-passe-oublie/'), '/mot-de-passe-oublie/');
    await other.goto(link);
    await other.getByLabel('Nouveau mot de passe').fill(second);
    await other.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await other.getByText(/Votre mot de passe est modifié/).waitFor();

    await page.goto(`${SITE}/mon-compte`);
    await page.getByRole('heading', { name: 'Connexion nécessaire' }).waitFor();
    await page.goto(`${SITE}/connexion`);
    await page.getByLabel('Adresse électronique professionnelle').first().fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByText('Adresse électronique ou mot de passe incorrect.').waitFor();
    await page.getByLabel('Adresse électronique professionnelle').first().fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(second);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(`${SITE}/mon-parcours`);

    await other.goto(link);
    await other.getByText(/Ce lien ne fonctionne plus/).waitFor();
    await page.close();
    await other.close();
  });
}
