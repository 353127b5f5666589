/**
 * Sentences the server writes in the page's language (what changed, the ROI verdict) are in the language
 * the answer was fetched in, but a language change draws the same answer again without asking the server
 * (page.js). This asks for the answer again in the new language, for those sentences only.
 */
import { api } from './api.js';
import { lang } from './i18n.js';
import { filters } from './filters.js';

const fetchedIn = new WeakMap();
let asked = 0;

/**
 * Calls draw(data) now and, when data was fetched in another language than the page's, again with the
 * page's answer (path, same filters) in the page's language, unless the page has drawn other data since.
 */
export function serverText(path, data, draw) {
  // The first drawing of an answer follows its fetch at once: the language then is the answer's.
  if (!fetchedIn.has(data)) fetchedIn.set(data, lang());
  const ask = ++asked;
  draw(data);
  if (fetchedIn.get(data) === lang()) return;
  const language = lang();
  api(path, Object.assign(filters(), { lang: language }))
    .then((fresh) => { if (ask === asked && lang() === language) draw(fresh); })
    .catch((e) => console.warn('Uptake: cannot fetch the sentences in the new language', e));
}
