// The page shell and the home page island, with and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the home page island hydrates and answers a click', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  // The answer buttons only appear once the island has hydrated.
  const yes = page.getByRole('button', { name: 'Oui' });
  await yes.waitFor({ state: 'visible', timeout: 10_000 });
  await yes.click();
  const status = page.getByRole('status');
  await status.filter({ hasText: 'Exact' }).waitFor({ timeout: 5_000 });
  assert.equal(await yes.getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Non' }).click();
  await status.filter({ hasText: 'Légifrance' }).waitFor({ timeout: 5_000 });
  assert.deepEqual(page.errors, []);
});

test('a visitor\'s page comes from the page cache, and its island still hydrates under the policy by hashes', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  const kept = await page.goto(`${BASE_URL}/`);
  const headers = await kept.allHeaders();
  assert.equal(headers['x-campus-cache'], 'hit');
  assert.match(headers['content-security-policy'], /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ 'wasm-unsafe-eval'/);
  assert.doesNotMatch(headers['content-security-policy'], /nonce/);
  // Blocked inline scripts would leave the island inert and log a policy violation.
  const yes = page.getByRole('button', { name: 'Oui' });
  await yes.waitFor({ state: 'visible', timeout: 10_000 });
  await yes.click();
  await page.getByRole('status').filter({ hasText: 'Exact' }).waitFor({ timeout: 5_000 });
  assert.deepEqual(page.errors, []);
});

test('the CSS, JS and WebAssembly have content-hashed names, arrive precompressed and are kept a year', async () => {
  const page = await openPage(browser);
  const assets = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/pkg/')) assets.push(response);
  });
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('button', { name: 'Oui' }).waitFor({ state: 'visible', timeout: 10_000 });
  for (const kind of ['css', 'js', 'wasm']) {
    const pattern = new RegExp(`^/pkg/campus-ia\\.[A-Za-z0-9_-]{22}\\.${kind}$`);
    const response = assets.find((r) => pattern.test(new URL(r.url()).pathname));
    assert.ok(response, `${kind}: ${assets.map((r) => r.url()).join(', ')}`);
    assert.equal(response.status(), 200);
    const headers = await response.allHeaders();
    const accepted = (await response.request().allHeaders())['accept-encoding'] ?? '';
    // Chromium offers brotli on secure origins and localhost; the gzip copy otherwise.
    assert.equal(headers['content-encoding'], accepted.includes('br') ? 'br' : 'gzip', `${kind}, asked ${accepted}`);
    assert.equal(headers['cache-control'], 'public, max-age=31536000, immutable', kind);
    assert.equal(headers['set-cookie'], undefined, kind);
  }
  assert.deepEqual(page.errors, []);
});

test('the home page works without JavaScript', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/`);
  assert.equal(await page.title(), 'Campus IA');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  // Without JavaScript the answer buttons stay hidden and the native disclosure gives the answer.
  assert.equal(await page.getByRole('button', { name: 'Oui' }).isVisible(), false);
  const explanation = page.getByText('Vérifiez toute référence à la source');
  assert.equal(await explanation.isVisible(), false);
  await page.getByText('Voir la réponse').click();
  assert.equal(await explanation.isVisible(), true);
});

test('the skip link leads to the main content', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#contenu');
});

test('the language switch works without JavaScript', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/une-page-inconnue`);
  await page.getByLabel('Langue').selectOption('en');
  await page.getByRole('button', { name: 'Changer' }).click();
  await page.waitForURL(`${BASE_URL}/une-page-inconnue`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Page not found');
});

test('an unknown address shows a 404 page with a way back', async () => {
  const page = await openPage(browser);
  const response = await page.goto(`${BASE_URL}/nulle-part`);
  assert.equal(response.status(), 404);
  await page.getByRole('link', { name: "Revenir à l'accueil" }).click();
  await page.waitForURL(`${BASE_URL}/`);
});
