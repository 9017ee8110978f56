// The sample course, read from its Markdown files: the right answers of its quizzes and what
// passes its exercises, so that end-to-end tests can complete it as an agent would.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { BASE_URL, accessibilityViolations } from './support.mjs';

export const COURSE = 'prendre-en-main-campus-ia';
const COURSE_DIR = new URL(`../../courses/${COURSE}/`, import.meta.url);

export function moduleFile(prefix) {
  const file = readdirSync(COURSE_DIR).find((name) => name.startsWith(prefix));
  return { file, slug: file.replace(/^\d+-/, '').replace(/\.md$/, ''), text: readFileSync(new URL(file, COURSE_DIR), 'utf8') };
}

/** The right answers of every quiz block of a module file. */
export function quizzes(text) {
  return text.split('```quiz\n').slice(1).map((block) => {
    const questions = [];
    for (const line of block.split('\n```')[0].split('\n')) {
      if (line.startsWith('? ')) questions.push({ options: [], answers: [] });
      const option = line.match(/^- ([([])([ xX])[)\]] /);
      if (option) questions.at(-1).options.push({ multiple: option[1] === '[', correct: option[2] !== ' ' });
      if (line.startsWith('= ')) questions.at(-1).answers = line.slice(2).split('|').map((a) => a.trim());
    }
    return questions;
  });
}

function list(block, key) {
  const match = block.match(new RegExp(`^${key} = \\[(.*)\\]`, 'm'));
  return match ? [...match[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]) : [];
}

export async function answerQuiz(section, questions) {
  for (const [n, question] of questions.entries()) {
    const fieldset = section.locator('fieldset.question').nth(n);
    if (question.answers.length) {
      await fieldset.getByRole('textbox').fill(question.answers[0]);
      continue;
    }
    for (const [k, option] of question.options.entries()) {
      const input = fieldset.locator('input').nth(k);
      if (option.correct) await input.check();
      else if (option.multiple) await input.uncheck();
    }
  }
  await section.getByRole('button', { name: /Valider mes réponses|Réessayer/ }).click();
  await section.getByText('Score : 100 %').waitFor();
}

/**
 * Does every exercise of a module page twice, from the definitions in the module file: first
 * badly (a vague request, the document left as it is, nothing marked) to see the correction say
 * why, then well.
 */
export async function passExercises(page, text) {
  const blocks = text.split('```exercise\n').slice(1).map((b) => b.split('\n```')[0]);
  for (const [n, block] of blocks.entries()) {
    const section = () => page.locator(`#exercice-${n + 1}`);
    const submit = () => section().getByRole('button', { name: /Envoyer à l'assistant simulé|Vérifier/ }).click();
    const kind = block.match(/^kind = "(\w+)"/m)[1];
    const wrong = [...block.matchAll(/^wrong = (true|false)/gm)].map((m) => m[1] === 'true');

    if (kind === 'prompt') await section().getByRole('textbox').fill('Fais une réponse.');
    else if (kind === 'hallucination') await section().locator('input[type=checkbox]').nth(wrong.indexOf(false)).check();
    // An anonymize exercise sent untouched still holds every piece of personal data.
    await submit();
    await section().getByText('Pas encore réussi').waitFor();
    assert.ok(await section().locator('.rubric-lines li:not(.is-met)').count() > 0, `exercise ${n + 1} says what is missing`);

    if (kind === 'prompt') {
      const words = list(block, 'required_words').join(', ');
      await section().getByRole('textbox').fill(
        `Vous êtes agent d'accueil. Contexte : une famille nous a écrit au sujet d'un ${words}. ` +
        'Rédigez une réponse de dix lignes au plus, sur un ton cordial, pour un usager, sans inventer de règle.');
    } else if (kind === 'anonymize') {
      await section().getByRole('textbox').fill(`Message reçu : ${list(block, 'keep').join(', ')}.`);
    } else {
      for (const [k, isWrong] of wrong.entries()) await section().locator('input[type=checkbox]').nth(k).setChecked(isWrong);
    }
    await submit();
    await section().getByText('Exercice réussi.').waitFor();
  }
}

/**
 * Reads, answers and passes every module of the sample course on `page` (signed in), then
 * checks each module is completed. `audit` runs axe-core on each module page first.
 */
export async function completeSampleCourse(page, { audit = false } = {}) {
  for (const prefix of ['01-', '02-']) {
    const { slug, text } = moduleFile(prefix);
    await page.goto(`${BASE_URL}/cours/${COURSE}/${slug}`);
    if (audit) {
      await page.waitForTimeout(400); // let the quiz islands hydrate
      // The signed-in module page, with its quiz and exercise forms, audited before answering.
      assert.deepEqual(await accessibilityViolations(page), [], slug);
    }
    for (const [n, questions] of quizzes(text).entries()) await answerQuiz(page.locator(`#quiz-${n + 1}`), questions);
    await passExercises(page, text);
    await page.getByRole('button', { name: "J'ai lu ce module en entier" }).click();
    await page.waitForLoadState();
    await page.goto(`${BASE_URL}/cours/${COURSE}/${slug}`);
    await page.getByText('Module terminé.').waitFor();
  }
}
