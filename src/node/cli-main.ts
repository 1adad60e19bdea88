#!/usr/bin/env node
// The `webgpu-gan` command.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
