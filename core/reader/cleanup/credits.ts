// Photo credit patterns, shared by the credit, caption and keep-captions code.

const AGENCIES = String.raw`getty(?: images)?|afp|reuters|ap(?: photo)?|associated press|epa(?:-efe)?|shutterstock|dpa|picture alliance|istock(?:photo)?|ansa|efe|unsplash|keystone|maxppp|abaca(?:press)?|sipa|hans lucas|belga|anp|alamy|bloomberg|pa(?: images| wire)?|xinhua|imago|lusa|europa press|dr`;

/** A line that is only a credit: "© DR", "Photo: Reuters", "(Image: GETTY)", "Getty Images". */
export const CREDIT_LINE: readonly RegExp[] = [
  /^(?:©|\(c\)|copyright)\s*\S.{0,80}$/iu,
  /^(?:crédits?(?: photos?)?|photos?|images?|pictures?|photograph(?:y|ie)?|credits?|fotos?|bild(?:er)?|beitragsbild|titelbild|illustrations?|infographie)\s*[:：]\s*\S.{0,80}$/iu,
  /^\((?:image|photo|picture|foto|credit|crédit|source)s?\s*[:：].{1,80}\)$/iu,
  new RegExp(String.raw`^(?:${AGENCIES})(?:\s*[/|,]\s*[\p{L}\p{N} .'’-]{1,40})*$`, 'iu'),
  /^(?:photo|image|picture) (?:by|par|von|de|di) .{1,80}(?: on| sur| via) (?:unsplash|pexels|pixabay|flickr|getty images)$/iu,
  /^image (?:source|caption)\s*[,:]/iu,
];

/** The credit at the end of a caption: "… sécurité intérieure. © DR". */
export const TRAILING_CREDIT = new RegExp(
  String.raw`\s*(?:[|/–—-]\s*)?(?:©\s*[^©\n]{1,60}|\((?:photos?|images?|crédits?(?: photos?)?|credits?|fotos?|source)\s*[:：][^)]{1,60}\)|\((?:${AGENCIES})(?:\s*[/|,][^)]{1,40})*\)|(?:crédits?(?: photos?)?|photos?|credits?|fotos?|bild|photograph)\s*[:：]\s*[^.\n]{1,60})\.?$`,
  'iu',
);

export function isCreditLine(text: string): boolean {
  return CREDIT_LINE.some((p) => p.test(text));
}
