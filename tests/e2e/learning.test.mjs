// The learning loop in the browser: answering a quiz wrongly then rightly, with JavaScript
// (correction in place, no page load) and without (the form posts and the page comes back
// corrected), marking the module as read, and the dashboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { BASE_URL, launchBrowser, openPage } from './support.mjs';

const COURSE = 'prendre-en-main-campus-ia';
const COURSE_DIR = new URL(`../../courses/${COURSE}/`, import.meta.url);

/** The questions of the first quiz of module 1, read from the course file itself. */
function firstQuiz() {
  const file = readdirSync(COURSE_DIR).find((name) => name.startsWith('01-'));
  const text = readFileSync(new URL(file, COURSE_DIR), 'utf8');
  const block = text.split('```quiz\n')[1].split('\n```')[0];
  const questions = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('? ')) questions.push({ options: [], answers: [] });
    const option = line.match(/^- ([([])([ xX])[)\]] /);
    if (option) questions.at(-1).options.push({ multiple: option[1] === '[', correct: option[2] !== ' ' });
    if (line.startsWith('= ')) questions.at(-1).answers = line.slice(2).split('|').map((a) => a.trim());
  }
  return { slug: file.replace(/^\d+-/, '').replace(/\.md$/, ''), questions };
}

/**
 * Fills the quiz with the right answers, or with wrong ones. Every checkbox is set explicitly:
 * after a correction in place (JavaScript) the previous answers are still ticked.
 */
async function answer(page, questions, right) {
  const quiz = page.locator('#quiz-1');
  for (const [n, question] of questions.entries()) {
    const fieldset = quiz.locator('fieldset.question').nth(n);
    if (question.answers.length) {
      await fieldset.getByRole('textbox').fill(right ? question.answers[0] : 'je ne sais pas');
      continue;
    }
    for (const [k, option] of question.options.entries()) {
      const input = fieldset.locator('input').nth(k);
      const wanted = right ? option.correct : (option.multiple ? !option.correct : !option.correct && k === question.options.findIndex((o) => !o.correct));
      if (wanted) await input.check();
      else if (option.multiple) await input.uncheck();
    }
  }
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`an agent fails then passes a quiz and marks the module as read ${mode}`, async () => {
    const { slug, questions } = firstQuiz();
    assert.ok(questions.length >= 3, 'the sample quiz has questions');
    const page = await openPage(browser, { javaScriptEnabled });
    await page.goto(`${BASE_URL}/inscription`);
    await page.getByLabel('Nom et prénom').fill('Agent quiz');
    await page.getByLabel('Adresse électronique professionnelle').fill(`quiz.${javaScriptEnabled}.${Date.now()}@exemple.gouv.fr`);
    const unit = page.getByLabel('Votre service');
    await unit.selectOption(await unit.locator('option', { hasText: 'Service des usages' }).getAttribute('value'));
    await page.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe pour les quiz');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(`${BASE_URL}/cours`);

    const moduleUrl = `${BASE_URL}/cours/${COURSE}/${slug}`;
    await page.goto(moduleUrl);
    const quiz = page.locator('#quiz-1');
    if (javaScriptEnabled) {
      // The island must hydrate before it can intercept the form.
      await page.waitForFunction(() => document.querySelector('leptos-island') && window.__leptos_hydrated !== false);
      await page.waitForTimeout(300);
      await page.evaluate(() => { window.__stayed = true; });
    }
    await answer(page, questions, false);
    await quiz.getByRole('button', { name: 'Valider mes réponses' }).click();
    await quiz.getByText('pas encore réussi').waitFor();
    if (javaScriptEnabled) {
      assert.equal(await page.evaluate(() => window.__stayed), true, 'corrected in place, without a page load');
    } else {
      assert.equal(new URL(page.url()).hash, '#quiz-1');
    }
    await quiz.getByText('À revoir').first().waitFor();

    await answer(page, questions, true);
    await quiz.getByRole('button', { name: 'Réessayer' }).click();
    await quiz.getByText('Score : 100 %').waitFor();
    if (javaScriptEnabled) assert.equal(await page.evaluate(() => window.__stayed), true);

    await page.getByRole('button', { name: "J'ai lu ce module en entier" }).click();
    await page.waitForURL(/\/cours\/prendre-en-main-campus-ia\/[a-z0-9-]+$/);
    assert.notEqual(page.url(), moduleUrl, 'went on to the next module');
    await page.goto(moduleUrl);
    await page.getByText('Module terminé.').waitFor();

    await page.goto(`${BASE_URL}/mon-parcours`);
    await page.getByText('1 module(s) terminé(s) sur 2').waitFor();
    const progress = page.getByRole('progressbar', { name: /Prendre en main Campus IA/ });
    assert.equal(await progress.getAttribute('value'), '50');
    await page.getByRole('link', { name: /Reprendre/ }).click();
    await page.waitForURL(/\/cours\/prendre-en-main-campus-ia\//);
    assert.deepEqual(page.errors, []);
  });
}

test('the quiz island shows the server\'s refusals in place (an answer too long, then a session that ended)', async () => {
  const { slug, questions } = firstQuiz();
  const page = await openPage(browser);
  await page.goto(`${BASE_URL}/connexion`);
  await page.getByLabel('Adresse électronique professionnelle').fill('agent@demo.campus-ia.fr');
  await page.getByLabel('Mot de passe').fill('campus-ia-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${BASE_URL}/mon-parcours`);
  await page.goto(`${BASE_URL}/cours/${COURSE}/${slug}`);
  await page.waitForFunction(() => document.querySelector('leptos-island') && window.__leptos_hydrated !== false);
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__stayed = true; });
  const quiz = page.locator('#quiz-1');
  const short = questions.findIndex((question) => question.answers.length);
  assert.ok(short >= 0, 'the sample quiz has a short-answer question');
  // 422, `{"Invalid": "…"}`: the sentence the server wrote.
  await quiz.locator('fieldset.question').nth(short).getByRole('textbox').fill('x'.repeat(301));
  await quiz.locator('button[type="submit"]').click();
  await quiz.getByRole('alert').getByText('Une réponse dépasse 300 caractères : raccourcissez-la.').waitFor();
  // 401, `"NotSignedIn"`: the fixed message the page translated for the island.
  await page.context().clearCookies();
  await quiz.locator('fieldset.question').nth(short).getByRole('textbox').fill('court');
  await quiz.locator('button[type="submit"]').click();
  await quiz.getByRole('alert').getByText('Connectez-vous pour continuer.').waitFor();
  assert.equal(await page.evaluate(() => window.__stayed), true, 'refused in place, without a page load');
  assert.equal(await quiz.locator('form').isVisible(), true, 'the form and its answers are still there');
});

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript (chat island, no page load)' : 'without JavaScript (form posts)';

  test(`an agent practises with the simulated assistant ${mode}`, async () => {
    const page = await openPage(browser, { javaScriptEnabled });
    await page.goto(`${BASE_URL}/connexion`);
    await page.getByLabel('Adresse électronique professionnelle').fill('agent@demo.campus-ia.fr');
    await page.getByLabel('Mot de passe').fill('campus-ia-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${BASE_URL}/mon-parcours`);
    await page.getByRole('link', { name: 'Atelier' }).click();
    const scenario = javaScriptEnabled ? "Rédiger le compte rendu d'une réunion du conseil" : 'Simplifier un courrier administratif';
    await page.getByRole('link', { name: scenario }).click();
    await page.getByText('Assistant simulé : il fonctionne entièrement sur ce serveur').first().waitFor();
    if (javaScriptEnabled) {
      await page.waitForTimeout(400); // let the island hydrate
      // Marks this document: a page load would lose the mark.
      await page.evaluate(() => { window.sameDocument = true; });
    }

    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByText("écrivez votre demande avant de l'envoyer").waitFor();

    await page.getByLabel("Demande à l'assistant").fill('Simplifiez le courrier de M. Martin, né le 3 mars 1975.');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByText('Votre dernière demande contient des données personnelles').waitFor();
    await page.locator('mark', { hasText: 'M. Martin' }).waitFor();
    await page.getByText('Votre dernière demande, critère par critère').waitFor();
    await page.locator('.message--assistant').first().waitFor();
    assert.equal(await page.getByLabel("Demande à l'assistant").inputValue(), '', 'the field is emptied for the next message');
    if (javaScriptEnabled) {
      assert.equal(await page.evaluate(() => window.sameDocument), true, 'the reply arrived without a page load');
      await page.getByText('Réponse reçue').waitFor({ state: 'attached' });
    }
    await page.getByRole('button', { name: 'Effacer la conversation' }).click();
    await page.getByText('Écrivez votre première demande').waitFor();
    assert.deepEqual(page.errors, []);
  });
}
