// Helpers both core domains use; imports nothing.
export { errorMessage } from './errors.ts';
export { runWithDeadline } from './deadline.ts';
