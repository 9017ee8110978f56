// The course engine in the browser: catalogue filters, a course, its modules; the whole bundled
// curriculum checked for accessibility violations and broken links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage, accessibilityViolations } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`the catalogue searches and filters ${mode}`, async () => {
    const page = await openPage(browser, { javaScriptEnabled });
    await page.goto(`${BASE_URL}/cours`);
    const cards = page.locator('.course-card');
    const total = await cards.count();
    assert.ok(total >= 7, `${total} courses`);
    await page.getByLabel('Rechercher un cours').fill('données personnelles');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/q=donn/);
    assert.ok((await cards.count()) < total);
    await page.getByRole('link', { name: /Données personnelles, secret professionnel/ }).waitFor();
    await page.getByRole('link', { name: 'Effacer les filtres' }).click();
    await page.getByLabel('Niveau').selectOption('intermediaire');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/niveau=intermediaire/);
    const levels = await page.locator('.course-card .course-meta dd').allTextContents();
    assert.ok(levels.includes('Intermédiaire') && !levels.includes('Débutant'), levels.join(', '));
    assert.deepEqual(page.errors, []);
  });

  test(`a learner opens a course and reads its modules in order ${mode}`, async () => {
    const page = await openPage(browser, { javaScriptEnabled });
    await page.goto(`${BASE_URL}/cours/prendre-en-main-campus-ia`);
    assert.match(await page.title(), /Prendre en main Campus IA · Campus IA/);
    await page.getByRole('link', { name: 'Commencer le cours' }).click();
    await page.waitForURL(/\/cours\/prendre-en-main-campus-ia\/[a-z0-9-]+$/);
    assert.equal(await page.locator('h1').count(), 1);
    assert.match(await page.locator('.module__kicker').textContent(), /Module 1 sur 2/);
    // The table of contents jumps to a section.
    const firstEntry = page.locator('.toc a').first();
    const anchor = await firstEntry.getAttribute('href');
    await firstEntry.click();
    assert.equal(new URL(page.url()).hash, anchor);
    await page.getByRole('link', { name: /Module suivant/ }).click();
    assert.match(await page.locator('.module__kicker').textContent(), /Module 2 sur 2/);
    await page.getByRole('link', { name: /Revenir au cours/ }).click();
    await page.waitForURL(`${BASE_URL}/cours/prendre-en-main-campus-ia`);
    assert.deepEqual(page.errors, []);
  });
}

test('every page of the bundled curriculum is accessible and has no broken link', async () => {
  const page = await openPage(browser, { audit: true });
  const checked = new Map();
  const problems = [];

  async function checkLinks(from) {
    const targets = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => a.href),
      ...[...document.querySelectorAll('img[src]')].map((img) => img.src),
    ]);
    for (const target of targets) {
      const url = new URL(target);
      if (url.origin !== new URL(BASE_URL).origin) continue; // no outside network here
      url.hash = '';
      const key = url.toString();
      if (!checked.has(key)) {
        const response = await page.request.get(key, { maxRedirects: 0 });
        checked.set(key, response.status());
      }
      if (checked.get(key) >= 400) problems.push(`${from}: broken link ${key} (${checked.get(key)})`);
    }
  }

  async function audit(path) {
    const response = await page.goto(`${BASE_URL}${path}`);
    assert.equal(response.status(), 200, path);
    for (const violation of await accessibilityViolations(page)) problems.push(`${path}: ${violation}`);
    await checkLinks(path);
  }

  await audit('/');
  await audit('/cours');
  const courses = await page.$$eval('.course-card__title a', (links) => links.map((a) => a.getAttribute('href')));
  let modules = 0;
  for (const course of courses) {
    await audit(course);
    const modulePaths = await page.$$eval('.outline__title a', (links) => links.map((a) => a.getAttribute('href')));
    for (const modulePath of modulePaths) {
      await audit(modulePath);
      modules += 1;
    }
  }
  assert.ok(modules >= 24, `${modules} modules audited`);
  assert.deepEqual(problems, []);
});
