// web-ext ships no types: the part tests/e2e/build.e2e.ts uses.
declare module 'web-ext' {
  const webExt: {
    cmd: { lint(options: object, flags: { shouldExitProgram: boolean }): Promise<unknown> };
  };
  export default webExt;
}
