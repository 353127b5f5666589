/**
 * Owns the definitions of figures shown on hover (assets/definitions.json, one entry per figure with
 * its text in each language): loading them once per page and giving them to elements, those marked
 * data-def="key" in HTML and those built in JS.
 */
import { lang } from './i18n.js';

let definitions = {};

/** Loads definitions.json; without it the page still works, only the hover texts are missing. */
export async function loadDefinitions() {
  try {
    const response = await fetch('/assets/definitions.json', { headers: { Accept: 'application/json' } });
    if (response.ok) definitions = await response.json();
  } catch (e) {
    console.warn('Uptake: cannot load definitions.json', e);
  }
}

/** The definition of a figure in the current language, or '' if there is none. */
export function definition(key) {
  const entry = definitions[key];
  if (!entry) return '';
  return entry[lang()] || entry.en || '';
}

/** Sets the hover text of an element marked data-def="key", if the key has a definition. */
export function applyDefinition(element) {
  const text = definition(element.dataset.def);
  if (text) {
    element.title = text;
    element.classList.add('has-def');
  }
}

/** Gives an element built in JS the hover definition of a figure (as data-def="key" does in HTML). */
export function define(element, key) {
  if (!element || !key) return element;
  element.dataset.def = key;
  applyDefinition(element);
  return element;
}
