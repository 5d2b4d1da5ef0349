import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';

// Months and weekdays, abbreviated or not, in the six languages: a line made of them is a date.
const MONTH = String.raw`(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|fevr(?:ier)?|mar(?:ch|s|z)?|märz|apr(?:il)?|avr(?:il)?|may|mai|jun[ei]?|juin|jul[yi]?|juil(?:let)?|aug(?:ust)?|août|aout|sept?(?:ember|embre)?|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre)?|dec(?:ember)?|déc(?:embre)?|dez(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)\.?`;
const DATE = String.raw`(?:(?:\w+\.?,?\s+)?(?:\d{1,2}(?:er|st|nd|rd|th)?\.?\s+${MONTH}|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d+\s+(?:minutes?|hours?|days?|weeks?|min|h|jours?|heures?|stunden?|tagen?|horas?|días?|ore|giorni|dias)\s+ago|(?:il y a|vor|hace|fa|há)\s+\d+\s+\w+)`;
const TIME = String.raw`(?:(?:at|à|um|a las|alle|às|,)?\s*\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?\s*(?:[a-z]{2,4}t?|gmt[+-]?\d*|utc[+-]?\d*)?)`;
const STAMP = String.raw`(?:${DATE}|${TIME})(?:[\s,;|·-]+(?:${DATE}|${TIME}))*`;
const WHEN = String.raw`(?:published|posted|updated|last updated|modified|first published|publié|mis à jour|modifié|mise à jour|veröffentlicht|publiziert|aktualisiert|publicado|actualizado|pubblicato|aggiornato|atualizado)(?:\s+(?:on|at|le|am|el|il|em|en))?\s*[:：]?`;

// A weekday before a time ("Posted: Fri 6:45 PM, Feb 16, 2018 |"): the date's own prefix only comes before a day.
const DAY = String.raw`(?:\p{L}{3,9}\.?,?\s+)?`;

const PATTERNS = [
  // "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", "Posted: Fri 6:45 PM, Feb 16, 2018 |", "PUBLISHED: 10:48, Tue, Nov 19, 2019", "Publié le 3 mars 2024 à 10h"
  new RegExp(String.raw`^[|·]?\s*${WHEN}\s*${DAY}${STAMP}(?:\s*[;|·,]?\s*${WHEN}\s*${DAY}${STAMP})*[\s|·.]*$`, 'iu'),
  // "Published 1 day ago"
  new RegExp(String.raw`^${WHEN}\s*${DATE}$`, 'iu'),
];

// "By Justine Coleman - 11/18/19 11:04 PM EST", "by Regan September 15, 2014", "Par Marie Dupont, le 3 mars"
const BYLINE_STAMP = new RegExp(
  String.raw`^(?:by|par|von|por|di|de)\s+((?:[\p{L}'’.-]+\s+){0,3}?[\p{L}'’.-]+)\s*(?:[-–|,·]\s*|\s+)(?:(?:le|on|am|el|il|em)\s+)?${STAMP}$`,
  'iu',
);
const isName = (words: string) =>
  words.split(/\s+/).every((w) => /^\p{Lu}/u.test(w) || /^(?:de|da|van|von|del|della|le|la)$/.test(w));

const LEAD =
  /^[|·]?\s*(?:published|posted|updated|last|modified|first|publié|mis|modifié|mise|veröffentlicht|publiziert|aktualisiert|publicado|actualizado|pubblicato|aggiornato|atualizado|by|par|von|por|di|de)(?!\p{L})/iu; // not \b: "é" is no word letter to it

function isDateline(text: string): boolean {
  // Every stamp starts with a label or "By" and has a digit; the full patterns are costly.
  if (!LEAD.test(text) || !/\d/.test(text)) return false;
  if (PATTERNS.some((p) => p.test(text))) return true;
  const by = BYLINE_STAMP.exec(text);
  return !!by && isName(by[1]!);
}

const rule: CleanupRule = {
  id: 'dateline',
  reason:
    'Publication and update stamps ("Updated Nov 19, 9:41 AM", "Publié le 3 mars 2024", "By Jane Doe - 11/18/19") that Readability leaves at the top of the text; the date and byline are shown as metadata.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-bylines-dates'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 120,
  match: (_el, text) => isDateline(text),
};
export default rule;
