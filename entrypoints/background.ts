import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../platform/background.ts';

export default defineBackground(startBackground);
