/** The child-process end of `verifyPactsIsolated`: options on stdin, the result as JSON on fd 3. */
import { createWriteStream } from 'node:fs';
import { text } from 'node:stream/consumers';
import { verifyPacts, type PactVerificationOptions } from './verify-provider.ts';

const options = JSON.parse(await text(process.stdin)) as PactVerificationOptions;
const result = await verifyPacts(options);
const out = createWriteStream('', { fd: 3 });
out.end(JSON.stringify(result), () => process.exit(0));
