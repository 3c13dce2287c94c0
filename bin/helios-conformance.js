#!/usr/bin/env node
// Entry point of the `helios-conformance` command: compiles the TypeScript
// sources on the fly with the package's tsconfig, then runs the CLI.
'use strict';

const path = require('node:path');

// Set before registering so that cucumber's worker processes, which inherit
// the environment, compile with the same configuration.
process.env.TS_NODE_PROJECT = path.join(__dirname, '..', 'tsconfig.json');
require('ts-node/register/transpile-only');

const { main } = require('../src/cli');

main(process.argv).then((exitCode) => {
  // Exit explicitly: a step may leave a server or timer open, and the
  // callback lets stdout drain before the process ends.
  process.stdout.write('', () => process.exit(exitCode));
});
