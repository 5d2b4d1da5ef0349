// Run in the page before a screenshot: no finite animation or transition is still running (a theme switch fades
// the buttons' colours for 0.12 s; a picture caught mid-fade shows white buttons in a dark theme). Animations
// that never end (a spinner) do not count. The view's closed shadow root is out of reach here: its scenarios
// wait on its own animations.
export function animationsSettled(): boolean {
  return document
    .getAnimations()
    .every(
      (animation) =>
        animation.playState !== 'running' || !Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)),
    );
}
