// Runs on whatever `node` npm put first on PATH: the project's own Node 22 once `npm ci` has run.
const [major, minor] = process.versions.node.split('.').map(Number);
const ok = major > 22 || (major === 22 && minor >= 12);
if (!ok) {
  const soft = process.argv.includes('--soft');
  const msg =
    `This project needs Node.js >= 22.12; this is Node ${process.versions.node}.\n` +
    `It brings its own Node 22 as a devDependency: run \`npm ci\` (without --ignore-scripts),\n` +
    `then use the npm scripts (npm run build, npm test), which put node_modules/.bin first on PATH.`;
  console.error(msg);
  if (!soft) process.exit(1);
}
