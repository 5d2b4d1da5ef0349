// Nothing to do yet: the popup does the work. Keyboard shortcuts (commands) will be handled here.
export default defineBackground(() => {});
