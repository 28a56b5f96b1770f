/**
 * Child process for the kill -9 test: opens a store in the folder given as argv[2], serves it, and
 * prints `READY <port>`. The test kills it with SIGKILL in the middle of a burst of inserts.
 */
import { DocumentStore } from '../../../tools/local-cloud/db';
import { testCollections } from './collections';
import { serve } from './fixture';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-child <dir>');
const store = DocumentStore.open({ dir, collections: testCollections, strict: false });
serve(store).then((running) => {
  process.stdout.write(`READY ${running.port}\n`);
});
