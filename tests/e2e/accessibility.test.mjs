// The accessibility sweep: every page type, for every role (visitor, agent, trainer, HR,
// administrator), audited by axe-core against the WCAG 2.0/2.1 A and AA rules, including the error
// pages (401, 403, 404), form errors and feedback states, and one page per role in English. Pages
// met in the middle of a journey (a finished attestation, a draft with errors) are audited by the
// journey tests too. All problems are collected and reported at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage, accessibilityViolations, signInAsDemo } from './support.mjs';
import { COURSE, moduleFile } from './sample-course.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const FIRST_MODULE = moduleFile('01-');
const MODULE_PATH = `/cours/${COURSE}/${FIRST_MODULE.slug}`;
const SCENARIO_PATH = '/atelier/repondre-a-un-usager';

/** The page types each role can reach, with the status each must answer. */
const SWEEP = [
  {
    role: 'visiteur',
    pages: [
      ['/', 200], ['/cours', 200], [`/cours/${COURSE}`, 200], [MODULE_PATH, 200], ['/atelier', 200],
      ['/connexion', 200], ['/inscription', 200], ['/accessibilite', 200],
      ['/attestations/CODE-INCONNU', 404], ['/une-page-qui-n-existe-pas', 404], ['/mon-parcours', 401],
      [SCENARIO_PATH, 401],
    ],
  },
  {
    role: 'agent', email: 'agent@demo.campus-ia.fr',
    pages: [
      ['/mon-parcours', 200], ['/mon-compte', 200], ['/cours', 200], [`/cours/${COURSE}`, 200], [MODULE_PATH, 200],
      ['/atelier', 200], [SCENARIO_PATH, 200], ['/rh', 403], ['/formation', 403], ['/admin', 403], ['/annuaire', 403],
    ],
  },
  {
    role: 'formateur', email: 'formateur@demo.campus-ia.fr',
    pages: [
      ['/formation', 200], [`/formation/cours/${COURSE}`, 200], [`/formation/cours/${COURSE}/modules/${FIRST_MODULE.file}`, 200],
      [`/formation/cours/${COURSE}/versions`, 200], [`/formation/cours/${COURSE}/statistiques`, 200],
      [`/formation/cours/${COURSE}/signalements`, 200], ['/rh', 403],
    ],
  },
  {
    role: 'rh', email: 'rh@demo.campus-ia.fr',
    pages: [['/rh', 200], ['/rh?statut=en-retard', 200], ['/rh/affectations', 200], ['/annuaire', 200], ['/formation', 403]],
  },
  {
    role: 'admin', email: 'admin@demo.campus-ia.fr',
    pages: [
      ['/admin', 200], ['/admin/unites', 200], ['/admin/utilisateurs', 200], ['/admin/journal', 200], ['/admin/xapi', 200], ['/annuaire', 200],
      ['/rh', 200], ['/formation', 200], [`/formation/cours/${COURSE}/statistiques`, 200],
    ],
  },
];

/** Audits the page `page` shows now; returns its problems, prefixed with `what`. */
async function audit(page, what) {
  await page.waitForTimeout(300); // let islands hydrate: axe sees the page as the user does
  return (await accessibilityViolations(page)).map((violation) => `${what}: ${violation}`);
}

for (const { role, email, pages } of SWEEP) {
  test(`axe-core finds no violation on any page a ${role} can reach`, async () => {
    const page = await openPage(browser, { audit: true });
    if (email) await signInAsDemo(page, email);
    if (role === 'rh') await assignACourse(page);
    const problems = [];
    for (const [path, status] of pages) {
      const response = await page.goto(`${BASE_URL}${path}`);
      if (response.status() !== status) problems.push(`${role} ${path}: HTTP ${response.status()} instead of ${status}`);
      problems.push(...await audit(page, `${role} ${path}`));
    }
    // One page per role in English: the language switch changes `lang` and every label.
    await page.goto(`${BASE_URL}${pages[0][0]}`);
    await page.getByLabel('Langue', { exact: true }).selectOption('en');
    await page.getByRole('button', { name: 'Changer' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    problems.push(...await audit(page, `${role} ${pages[0][0]} (en)`));
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');

    if (role === 'agent') problems.push(...await auditAgentStates(page));
    if (role === 'visiteur') problems.push(...await auditSignInError(page));
    if (role === 'rh') problems.push(...await auditHrAgentPage(page));
    assert.deepEqual(problems, []);
    // The browser logs the 401, 403 and 404 answers the sweep asks for; nothing else may be logged.
    assert.deepEqual(page.errors.filter((e) => !/^Failed to load resource: .* status of 40[134] /.test(e)), []);
  });
}

/** A refused sign-in: the error summary and the field errors. */
async function auditSignInError(page) {
  await page.goto(`${BASE_URL}/connexion`);
  await page.getByLabel('Adresse électronique professionnelle').fill('agent@demo.campus-ia.fr');
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Adresse électronique ou mot de passe incorrect.').first().waitFor();
  return audit(page, 'visiteur /connexion (erreur)');
}

/** A quiz answered (corrected answers shown) and an atelier message with personal data (marked).
 * The quiz is one with unlimited attempts, so that running the suite again changes nothing. */
async function auditAgentStates(page) {
  await page.goto(`${BASE_URL}/cours/comprendre-l-ia-generative/qu-est-ce-que-l-ia-generative`);
  await page.waitForTimeout(300);
  const quiz = page.locator('#quiz-1');
  // Run again on the same database, the quiz shows its last correction first.
  const retry = quiz.getByRole('button', { name: 'Réessayer' });
  if (await retry.count()) await retry.click();
  await quiz.locator('input[type="radio"], input[type="checkbox"]').first().check();
  await quiz.getByRole('button', { name: 'Valider mes réponses' }).click();
  await quiz.getByText(/Score : \d+ %/).first().waitFor();
  const problems = await audit(page, 'agent module (quiz corrigé)');

  await page.goto(`${BASE_URL}${SCENARIO_PATH}`);
  await page.waitForTimeout(300);
  await page.getByLabel("Demande à l'assistant").fill('Répondez à Mme Durand, 06 12 34 56 78, au sujet de sa facture.');
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await page.locator('mark', { hasText: '06 12 34 56 78' }).first().waitFor();
  problems.push(...await audit(page, 'agent atelier (données personnelles signalées)'));
  return problems;
}

/** The dashboard's tables, chart and agent list need an assignment in the HR scope. It goes to
 * the demo agent alone, so that the agents the HR journey test signs up are not concerned. */
async function assignACourse(page) {
  await page.goto(`${BASE_URL}/rh/affectations`);
  await page.getByLabel('Cours à suivre').selectOption({ label: "Comprendre l'IA générative" });
  await page.getByLabel('Des agents choisis').check();
  await page.getByLabel('Adresses électroniques des agents').fill('agent@demo.campus-ia.fr');
  await page.getByLabel('Échéance').first().fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Assigner le cours' }).click();
  await page.getByText('Affectation enregistrée.').waitFor();
}

/** The page of one agent, reached from the HR list. */
async function auditHrAgentPage(page) {
  await page.goto(`${BASE_URL}/rh`);
  const agent = page.locator('a[href^="/rh/agents/"]').first();
  const href = await agent.getAttribute('href');
  await page.goto(`${BASE_URL}${href}`);
  return audit(page, `rh ${href}`);
}
