import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { RECORD_PROVENANCE } from '../core/reader/index.ts';
import { extractPage } from './extract.ts';

// The extraction for the in-page view: the same as extract.ts, plus where each block came from in the page's
// markup (what the view's "Hide a block" learns a site rule from). A script of its own, so that the popup's
// extraction (extract.js) neither bundles nor runs the recording.
export default defineUnlistedScript({
  main: () => extractPage(RECORD_PROVENANCE),
});
