// A keyboard-only journey (Tab, Shift+Tab, Enter, Space) through signing up, reading a module, a
// quiz and an exercise of the sample course, checking at each stop that the focused element is
// visibly marked. Also: reduced motion turns transitions off, and 200 % zoom keeps pages usable
// (no horizontal scrolling of the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage } from './support.mjs';
import { COURSE, moduleFile, quizzes } from './sample-course.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The focused element: its accessible name-ish text, tag, and whether its focus is visible. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      text: (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.value || '').trim(),
      id: el.id,
      visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element satisfies `wanted`; fails after 80 keys. */
async function tabTo(page, wanted, what, { back = false } = {}) {
  for (let n = 0; n < 80; n += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const element = await focused(page);
    if (wanted(element)) {
      assert.ok(element.visible, `focus is visible on ${what}`);
      return element;
    }
  }
  assert.fail(`could not reach ${what} with the keyboard`);
}

test('an agent signs up, reads, answers a quiz and does an exercise with the keyboard only', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  // The first Tab reaches the skip link, Enter moves to the content.
  await page.keyboard.press('Tab');
  assert.match((await focused(page)).text, /Aller au contenu/);
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'contenu');

  await page.goto(`${BASE_URL}/inscription`);
  await tabTo(page, (e) => e.id === 'champ-display_name', 'the name field');
  await page.keyboard.type('Agent Clavier');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`clavier.${Date.now()}@exemple.gouv.fr`);
  const unit = await tabTo(page, (e) => e.tag === 'select', 'the unit list');
  assert.ok(unit);
  await page.keyboard.press('ArrowDown');
  await tabTo(page, (e) => e.type === 'password', 'the password field');
  await page.keyboard.type('une phrase de passe au clavier');
  await tabTo(page, (e) => e.tag === 'button' && /Créer mon compte/.test(e.text), 'the sign-up button');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${BASE_URL}/cours`);

  const { slug, text } = moduleFile('01-');
  await page.goto(`${BASE_URL}/cours/${COURSE}/${slug}`);
  await page.waitForTimeout(400); // let the islands hydrate

  // The quiz: Space ticks the right options, Enter sends.
  const quiz = quizzes(text)[0];
  for (const [q, question] of quiz.entries()) {
    if (question.answers.length) {
      await tabTo(page, (e) => e.id.startsWith(`q0-${q}`) && e.tag === 'input' && e.type === 'text', `the text answer of question ${q + 1}`);
      await page.keyboard.type(question.answers[0]);
      continue;
    }
    for (const [k, option] of question.options.entries()) {
      if (!option.correct) continue;
      const id = `q0-${q}-${k}`;
      if (option.multiple) {
        await tabTo(page, (e) => e.id === id, `option ${k + 1} of question ${q + 1}`);
        await page.keyboard.press('Space');
      } else {
        // In a radio group Tab reaches the group; arrows move inside it.
        await tabTo(page, (e) => e.id.startsWith(`q0-${q}-`), `question ${q + 1}`);
        for (let step = 0; step < 6 && (await focused(page)).id !== id; step += 1) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Space');
      }
    }
  }
  await tabTo(page, (e) => e.tag === 'button' && /Valider mes réponses/.test(e.text), 'the quiz button');
  await page.keyboard.press('Enter');
  await page.getByText('Score : 100 %').waitFor();

  // Reading: the "read" button, reached with Shift+Tab from the end of the page; it leads on to
  // the next module.
  await page.locator('footer select').focus();
  await tabTo(page, (e) => e.tag === 'button' && /J'ai lu ce module en entier/.test(e.text), 'the read button', { back: true });
  await page.keyboard.press('Enter');
  const next = moduleFile('02-');
  await page.waitForURL(`${BASE_URL}/cours/${COURSE}/${next.slug}`);
  await page.waitForTimeout(400);

  // An exercise: type in its text area, then Tab to its button and press Enter.
  await tabTo(page, (e) => e.tag === 'textarea' && e.id.startsWith('exercice-1'), 'the first exercise');
  const words = (next.text.match(/required_words = \[(.*)\]/) || [, '"remboursement"'])[1].replaceAll('"', '');
  await page.keyboard.type(`Vous êtes agent d'accueil. Contexte : une famille nous a écrit au sujet d'un ${words}. ` +
    'Rédigez une réponse de dix lignes au plus, sur un ton cordial, pour un usager, sans inventer de règle.');
  await tabTo(page, (e) => e.tag === 'button' && /Envoyer à l'assistant simulé/.test(e.text), 'the exercise button');
  await page.keyboard.press('Enter');
  await page.locator('#exercice-1').getByText('Exercice réussi.').waitFor();
  assert.deepEqual(page.errors, []);
});

test('reduced motion and 200 % zoom are respected', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  for (const path of ['/', '/cours', `/cours/${COURSE}`, '/connexion']) {
    await page.goto(`${BASE_URL}${path}`);
    // 200 % zoom of a 1280 px window is a 640 px layout: nothing may need horizontal scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `${path}: ${overflow}px of horizontal scrolling at 200 % zoom`);
    const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
      const style = getComputedStyle(el);
      return parseFloat(style.transitionDuration) > 0.01 || parseFloat(style.animationDuration) > 0.01;
    }).length);
    assert.equal(moving, 0, `${path}: transitions or animations despite prefers-reduced-motion`);
  }
  await context.close();
});
