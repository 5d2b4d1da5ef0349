import type { Translate } from '../../contracts/i18n.ts';

/** A `t` that shows which message was asked for, and with what: "readingTime:4". */
export const t: Translate = (key, substitutions) => (substitutions ? `${key}:${substitutions.join(',')}` : key);
