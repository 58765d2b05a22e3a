#!/usr/bin/env node
// The `liuhen` command. The sources are TypeScript run through tsx, so a fresh clone needs
// no separate compile step before `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
